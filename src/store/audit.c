/* Appends rows to audit_events. */
#include "store/audit.h"
#include "core/clock.h"
#include "store/db.h"

static void
bind_id(struct dbq *q, int i, int64_t id)
{
	if (id)
		q_bind_int(q, i, id);
	else
		q_bind_null(q, i);
}

int
audit_add(struct db *db, const struct audit_event *ev)
{
	struct dbq *q = db_query(db, STMT_AUDIT_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, clock_now());
	q_bind_text(q, 2, ev->event);
	bind_id(q, 3, ev->actor_id);
	bind_id(q, 4, ev->customer_id);
	q_bind_text(q, 5, ev->login ? ev->login : "");
	q_bind_text(q, 6, ev->ip ? ev->ip : "");
	q_bind_text(q, 7, ev->user_agent ? ev->user_agent : "");
	q_bind_text(q, 8, ev->detail ? ev->detail : "");
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}
