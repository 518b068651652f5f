/* The context of domain operations; see domain.h. */
#include "domain/domain.h"
#include "mail/sender.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/users.h"
#include "webhooks/sender.h"

#include <string.h>

void
actor_of_user(struct actor *out, const struct user *u)
{
	memset(out, 0, sizeof(*out));
	if (!u)
		return;
	out->user_id = u->id;
	out->customer_id = u->is_staff ? 0 : u->customer_id;
	out->staff = u->is_staff;
	out->admin = u->is_admin;
	out->login = u->login;
	out->name = u->name;
	out->email = u->email;
	out->time_zone = u->time_zone;
	out->lang = u->lang;
}

int64_t
actor_scope(const struct actor *who)
{
	return who->staff ? 0 : who->customer_id;
}

const char *
dom_error(const struct dom *d, const char *field)
{
	for (int i = 0; i < d->nerrors; i++)
		if (strcmp(d->errors[i].field, field) == 0)
			return d->errors[i].msgid;
	return NULL;
}

int
dom_invalid(struct dom *d, const char *field, const char *msgid)
{
	if (!dom_error(d, field) && d->nerrors < DOM_ERRORS_MAX)
		d->errors[d->nerrors++] = (struct dom_error){field, msgid};
	return DOM_INVALID;
}

int
dom_fail(struct dom *d, int status, const char *msgid)
{
	d->message = msgid;
	return status;
}

int
dom_audit(struct dom *d, struct db *db, const char *event, int64_t customer_id, const char *detail)
{
	return audit_add(db, &(struct audit_event){.event = event,
	                                           .actor_id = d->who.user_id,
	                                           .customer_id = customer_id,
	                                           .login = d->who.login,
	                                           .ip = d->who.ip,
	                                           .user_agent = d->who.user_agent,
	                                           .detail = detail});
}

int
dom_finish(struct db *db, int st)
{
	if (st != DOM_OK || db_commit(db) != 0) {
		db_rollback(db);
		return st == DOM_OK ? DOM_ERROR : st;
	}
	mail_sender_kick();
	webhook_sender_kick();
	return DOM_OK;
}
