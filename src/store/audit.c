/* Appends rows to audit_events. */
#include "store/audit.h"
#include "core/clock.h"
#include "core/arena.h"
#include "store/db.h"
#include "store/rows.h"

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
	bind_id(q, 9, ev->actor_id); /* the name as it is now, kept with the event */
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

static void
bind_history(struct dbq *q, int64_t customer_id, int64_t user_id, int64_t from, int64_t to)
{
	q_bind_int(q, 1, customer_id);
	q_bind_int(q, 2, user_id);
	q_bind_int(q, 3, user_id);
	q_bind_int(q, 4, from);
	q_bind_int(q, 5, to);
}

int64_t
audit_history_count(struct db *db, int64_t customer_id, int64_t user_id, int64_t from, int64_t to)
{
	struct dbq *q = db_query(db, STMT_HISTORY_COUNT);
	if (!q)
		return -1;
	bind_history(q, customer_id, user_id, from, to);
	return row_int(q);
}

static void
history_from_row(struct dbq *q, struct arena *a, void *p)
{
	struct history_row *h = p;
	h->at = q_int(q, 0);
	h->event = q_text(q, 1, a);
	h->login = q_text(q, 2, a);
	h->name = q_text(q, 3, a);
	h->ip = q_text(q, 4, a);
	h->user_agent = q_text(q, 5, a);
}

int
audit_history_page(struct db *db, int64_t customer_id, int64_t user_id, int64_t from, int64_t to,
                   int64_t limit, int64_t offset, struct arena *a, struct history_row **out)
{
	struct dbq *q = db_query(db, STMT_HISTORY_PAGE);
	if (!q)
		return -1;
	bind_history(q, customer_id, user_id, from, to);
	q_bind_int(q, 6, limit);
	q_bind_int(q, 7, offset);
	int n;
	*out = rows_collect(q, a, sizeof(**out), history_from_row, &n);
	return n;
}

int
audit_history_each(struct db *db, int64_t customer_id, int64_t user_id, int64_t from, int64_t to,
                   int (*fn)(void *ctx, const struct history_row *row), void *ctx)
{
	struct dbq *q = db_query(db, STMT_HISTORY_PAGE);
	if (!q)
		return -1;
	bind_history(q, customer_id, user_id, from, to);
	q_bind_int(q, 6, -1); /* no limit: rows are read one at a time */
	q_bind_int(q, 7, 0);
	int rc, status = 0;
	struct arena *a = arena_new();
	while (status == 0 && (rc = q_step(q)) == DB_ROW) {
		struct history_row h;
		history_from_row(q, a, &h);
		status = fn(ctx, &h);
		arena_free(a); /* one row's strings at a time: flat memory */
		a = arena_new();
	}
	if (status == 0 && rc == DB_ERROR)
		status = -1;
	q_end(q);
	arena_free(a);
	return status;
}
