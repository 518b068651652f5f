/* Lookup, files, mails and audit of the case operations; see cases.h and internal.h. */
#include "cases/internal.h"
#include "core/arena.h"
#include "core/log.h"
#include "domain/domain.h"
#include "domain/upload.h"
#include "files/filestore.h"
#include "mail/case_mails.h"
#include "mail/sender.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/users.h"
#include "webhooks/queue.h"

#include <string.h>

static bool
number_valid(const char *n)
{
	return n && strlen(n) == 9 && strncmp(n, "CS", 2) == 0 && strspn(n + 2, "0123456789") == 7;
}

int
case_find(struct dom *d, const char *number, struct case_row *out)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!number_valid(number))
		return DOM_NOT_FOUND;
	int found = case_get(db, number, actor_scope(&d->who), d->a, out);
	return found < 0 ? DOM_ERROR : found ? DOM_OK : DOM_NOT_FOUND;
}

int
cases_attach_files(struct dom *d, struct db *db, const struct case_row *c,
                   const struct case_files *files, bool internal)
{
	for (int i = 0; i < files->n; i++) {
		struct file_ref ref;
		if (upload_file_ref(&files->v[i], &ref) != 0)
			return -1;
		int64_t id = case_attach(db, c, &ref, internal, d->who.user_id);
		if (id <= 0)
			return -1;
		if (files->ids)
			files->ids[i] = id;
	}
	return 0;
}

int
cases_notify_contact(struct dom *d, struct db *db, const struct case_row *c, const char *comment,
                     int state_or_minus1)
{
	struct user u;
	if (!c->contact_id)
		return 0;
	int found = users_get(db, c->contact_id, d->a, &u);
	if (found < 0)
		return -1;
	if (!found || u.disabled)
		return 0;
	struct recipient to = {.name = u.name, .email = u.email, .lang = u.lang, .user_id = u.id};
	if (comment)
		return mail_case_comment(db, d->app, &to, c, d->who.name, comment);
	if (state_or_minus1 == CASE_AWAITING || state_or_minus1 == CASE_RESOLVED)
		return mail_case_state(db, d->app, &to, c, (enum case_state)state_or_minus1);
	return 0;
}

int
cases_webhook(struct dom *d, struct db *db, int event, const struct case_row *c, int previous_state)
{
	struct webhook_change ch = {.event = (enum webhook_event)event,
	                            .number = c->number,
	                            .previous_state = previous_state};
	return webhooks_queue(d, db, &ch);
}

int
cases_audit(struct dom *d, struct db *db, const char *event, const struct case_row *c,
            const char *detail)
{
	const char *what = detail ? arena_printf(d->a, "%s %s", c->number, detail) : c->number;
	return dom_audit(d, db, event, c->customer_id, what);
}
