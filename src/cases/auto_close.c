/* Resolved cases that close by themselves; see auto_close.h. */
#include "cases/auto_close.h"
#include "cases/internal.h"
#include "cases/service_levels.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/tz.h"
#include "domain/domain.h"
#include "mail/case_mails.h"
#include "store/db.h"
#include "store/settings.h"
#include "store/users.h"
#include "webhooks/queue.h"

#include <stdlib.h>

#define DAY 86400

int
case_auto_close_days(struct db *db)
{
	struct arena *a = arena_new();
	const char *v = db ? settings_get(db, AUTO_CLOSE_SETTING, a) : NULL;
	char *end = NULL;
	long n = v ? strtol(v, &end, 10) : AUTO_CLOSE_DEFAULT_DAYS;
	if (v && (*end || n < 0 || n > AUTO_CLOSE_MAX_DAYS))
		n = AUTO_CLOSE_DEFAULT_DAYS;
	arena_free(a);
	return (int)n;
}

int64_t
case_auto_close_at(struct db *db, const struct case_row *c)
{
	int days = c->state == CASE_RESOLVED && c->resolved_at ? case_auto_close_days(db) : 0;
	return days ? c->resolved_at + (int64_t)days * DAY : 0;
}

/* Closes one due case as the system, and asks for the rating. */
static int
close_one(struct dom *d, struct db *db, const char *number, int *closed)
{
	struct case_row c;
	int found = case_get(db, number, 0, d->a, &c);
	if (found <= 0 || c.state != CASE_RESOLVED)
		return found < 0 ? -1 : 0;
	if (db_begin(db) != 0)
		return -1;
	int moved = case_set_state(db, &c, CASE_CLOSED, sla_state_pauses(CASE_CLOSED), 0);
	c.state = CASE_CLOSED;
	bool ok = moved == 1 &&
	          cases_audit(d, db, "case.state_changed", &c, "resolved→closed auto") == 0 &&
	          cases_ask_rating(d, db, &c) == 0 &&
	          cases_webhook(d, db, WEBHOOK_CASE_STATE_CHANGED, &c, CASE_RESOLVED) == 0;
	if (moved == 0) { /* the customer answered meanwhile */
		db_rollback(db);
		return 0;
	}
	if (dom_finish(db, ok ? DOM_OK : DOM_ERROR) != DOM_OK)
		return -1;
	(*closed)++;
	return 0;
}

/* Tells the contact of one case when it will close, once. */
static int
warn_one(struct dom *d, struct db *db, const char *number, int days, int *warned)
{
	struct case_row c;
	int found = case_get(db, number, 0, d->a, &c);
	if (found <= 0 || c.state != CASE_RESOLVED)
		return found < 0 ? -1 : 0;
	struct user u;
	found = c.contact_id ? users_get(db, c.contact_id, d->a, &u) : 0;
	if (found < 0)
		return -1;
	if (db_begin(db) != 0)
		return -1;
	bool ok = case_mark_warned(db, c.id) == 0;
	if (ok && found && !u.disabled) {
		struct buf when = {0};
		tz_format(&when, u.time_zone, c.resolved_at + (int64_t)days * DAY);
		struct recipient to = {
		    .name = u.name, .email = u.email, .lang = u.lang, .user_id = u.id};
		ok = when.p && mail_case_closing(db, d->app, &to, &c, when.p) == 0;
		buf_free(&when);
	}
	if (dom_finish(db, ok ? DOM_OK : DOM_ERROR) != DOM_OK)
		return -1;
	(*warned)++;
	return 0;
}

int
cases_auto_close(struct dom *d, struct auto_close_run *out)
{
	out->warned = out->closed = 0;
	if (d->who.user_id != 0)
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int days = case_auto_close_days(db);
	if (days == 0)
		return DOM_OK;
	int64_t now = clock_now();
	const char **due;
	int n = cases_resolved_before(db, now - (int64_t)days * DAY + 1, false, AUTO_CLOSE_BATCH,
	                              d->a, &due);
	for (int i = 0; i < n; i++)
		if (close_one(d, db, due[i], &out->closed) != 0)
			return DOM_ERROR;
	int m = cases_resolved_before(db, now - (int64_t)(days - 1) * DAY + 1, true,
	                              AUTO_CLOSE_BATCH, d->a, &due);
	for (int i = 0; i < m; i++)
		if (warn_one(d, db, due[i], days, &out->warned) != 0)
			return DOM_ERROR;
	return n < 0 || m < 0 ? DOM_ERROR : DOM_OK;
}
