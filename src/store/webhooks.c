/* Rows of the webhooks; see webhooks.h. */
#include "store/webhooks.h"
#include "core/arena.h"
#include "store/db.h"
#include "store/rows.h"

#include <string.h>

static int
done(struct dbq *q)
{
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int64_t
webhook_endpoint_insert(struct db *db, const struct webhook_endpoint_new *e)
{
	struct dbq *q = db_query(db, STMT_WH_ENDPOINT_INSERT);
	if (!q)
		return -1;
	q_bind_text(q, 1, e->url);
	q_bind_text(q, 2, e->secret_sealed);
	q_bind_text(q, 3, e->events);
	q_bind_int(q, 4, e->include_internal);
	q_bind_int(q, 5, e->created_by);
	q_bind_int(q, 6, e->created_at);
	return done(q) == 0 ? db_last_id(db) : -1;
}

static void
read_endpoint(struct dbq *q, struct arena *a, struct webhook_endpoint_row *e)
{
	e->id = q_int(q, 0);
	e->url = q_text(q, 1, a);
	e->events = q_text(q, 2, a);
	e->include_internal = q_int(q, 3) != 0;
	e->enabled = q_int(q, 4) != 0;
	e->created_at = q_int(q, 5);
	e->secret_sealed = q_text(q, 6, a);
}

/* Up to 100 endpoints of statement id: a provider registers a handful. */
static int
endpoints(struct db *db, enum stmt_id id, struct arena *a, struct webhook_endpoint_row **out)
{
	enum { MAX = 100 };
	struct dbq *q = db_query(db, id);
	if (!q)
		return -1;
	struct webhook_endpoint_row *v = arena_alloc(a, MAX * sizeof(*v));
	int n = 0, rc;
	while (n < MAX && (rc = q_step(q)) == DB_ROW)
		read_endpoint(q, a, &v[n++]);
	q_end(q);
	if (n < MAX && rc != DB_DONE)
		return -1;
	*out = v;
	return n;
}

int
webhook_endpoint_list(struct db *db, struct arena *a, struct webhook_endpoint_row **out)
{
	return endpoints(db, STMT_WH_ENDPOINT_LIST, a, out);
}

int
webhook_endpoint_enabled(struct db *db, struct arena *a, struct webhook_endpoint_row **out)
{
	return endpoints(db, STMT_WH_ENDPOINT_ENABLED, a, out);
}

int
webhook_endpoint_get(struct db *db, int64_t id, struct arena *a, struct webhook_endpoint_row *out)
{
	struct dbq *q = db_query(db, STMT_WH_ENDPOINT_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	int rc = q_step(q);
	if (rc == DB_ROW)
		read_endpoint(q, a, out);
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
webhook_endpoint_set_enabled(struct db *db, int64_t id, bool enabled)
{
	struct dbq *q = db_query(db, STMT_WH_ENDPOINT_SET_ENABLED);
	if (!q)
		return -1;
	q_bind_int(q, 1, enabled);
	q_bind_int(q, 2, id);
	return done(q) == 0 ? db_changes(db) : -1;
}

int
webhook_endpoint_delete(struct db *db, int64_t id)
{
	struct dbq *q = db_query(db, STMT_WH_DELIVERY_DELETE_OF);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	if (done(q) != 0 || !(q = db_query(db, STMT_WH_ENDPOINT_DELETE)))
		return -1;
	q_bind_int(q, 1, id);
	return done(q) == 0 ? db_changes(db) : -1;
}

int64_t
webhook_delivery_insert(struct db *db, const struct webhook_delivery_new *d)
{
	struct dbq *q = db_query(db, STMT_WH_DELIVERY_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, d->endpoint_id);
	q_bind_text(q, 2, d->event_id);
	q_bind_text(q, 3, d->event);
	q_bind_text(q, 4, d->payload);
	q_bind_int(q, 5, d->created_at);
	q_bind_int(q, 6, d->created_at);
	return done(q) == 0 ? db_last_id(db) : -1;
}

int
webhook_delivery_due(struct db *db, int64_t now, int64_t *ids, int max)
{
	struct dbq *q = db_query(db, STMT_WH_DELIVERY_DUE);
	if (!q)
		return -1;
	q_bind_int(q, 1, now);
	q_bind_int(q, 2, now);
	q_bind_int(q, 3, max);
	return rows_ids(q, ids, max);
}

int
webhook_delivery_claim(struct db *db, int64_t id, const char *lease, int64_t now,
                       int64_t locked_until)
{
	struct dbq *q = db_query(db, STMT_WH_DELIVERY_CLAIM);
	if (!q)
		return -1;
	q_bind_int(q, 1, locked_until);
	q_bind_text(q, 2, lease);
	q_bind_int(q, 3, id);
	q_bind_int(q, 4, now);
	q_bind_int(q, 5, now);
	return done(q) == 0 ? db_changes(db) == 1 : -1;
}

static void
read_delivery(struct dbq *q, struct arena *a, struct webhook_delivery_row *d)
{
	d->id = q_int(q, 0);
	d->endpoint_id = q_int(q, 1);
	d->created_at = q_int(q, 2);
	d->attempts = q_int(q, 3);
	d->next_attempt_at = q_int(q, 4);
	d->delivered_at = q_int(q, 5);
	d->failed_at = q_int(q, 6);
	d->status_code = (int)q_int(q, 7);
	d->event_id = q_text(q, 8, a);
	d->event = q_text(q, 9, a);
	d->payload = q_text(q, 10, a);
	d->last_error = q_text(q, 11, a);
	d->url = q_text(q, 12, a);
	d->secret_sealed = q_text(q, 13, a);
}

int
webhook_delivery_get(struct db *db, int64_t id, struct arena *a, struct webhook_delivery_row *out)
{
	struct dbq *q = db_query(db, STMT_WH_DELIVERY_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	int rc = q_step(q);
	if (rc == DB_ROW)
		read_delivery(q, a, out);
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
webhook_delivery_record(struct db *db, int64_t id, const char *lease,
                        const struct webhook_attempt *at)
{
	struct dbq *q = db_query(db, STMT_WH_DELIVERY_RECORD);
	if (!q)
		return -1;
	bool delivered = !at->error;
	q_bind_int(q, 1, at->status_code);
	if (at->error)
		q_bind_text(q, 2, at->error);
	else
		q_bind_null(q, 2);
	q_bind_int(q, 3, at->next_at);
	q_bind_int(q, 4, delivered ? at->finished_at : 0);
	q_bind_int(q, 5, !delivered && !at->next_at ? at->finished_at : 0);
	q_bind_int(q, 6, id);
	q_bind_text(q, 7, lease);
	return done(q) == 0 ? db_changes(db) : -1;
}

int
webhook_delivery_log(struct db *db, int64_t endpoint_id, int limit, struct arena *a,
                     struct webhook_delivery_row **out)
{
	struct dbq *q = db_query(db, STMT_WH_DELIVERY_LOG);
	if (!q)
		return -1;
	q_bind_int(q, 1, endpoint_id);
	q_bind_int(q, 2, limit);
	struct webhook_delivery_row *v = arena_alloc(a, (size_t)limit * sizeof(*v));
	memset(v, 0, (size_t)limit * sizeof(*v));
	int n = 0, rc = DB_DONE;
	while (n < limit && (rc = q_step(q)) == DB_ROW)
		read_delivery(q, a, &v[n++]);
	q_end(q);
	if (n < limit && rc != DB_DONE)
		return -1;
	*out = v;
	return n;
}
