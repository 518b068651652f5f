/* The reads behind the readiness probe and the metrics' gauges. */
#include "store/ops.h"
#include "store/db.h"
#include "store/rows.h"

int
ops_ready(struct db *db)
{
	struct dbq *q = db_query(db, STMT_OPS_READY);
	if (!q)
		return -1;
	int rc = q_step(q);
	q_end(q);
	return rc == DB_ROW ? 0 : -1;
}

int
ops_outbox_depth(struct db *db, int64_t *pending, int64_t *failed)
{
	struct dbq *q = db_query(db, STMT_OPS_OUTBOX_DEPTH);
	if (!q)
		return -1;
	int rc = q_step(q);
	if (rc == DB_ROW) {
		*pending = q_int(q, 0);
		*failed = q_int(q, 1);
	}
	q_end(q);
	return rc == DB_ROW ? 0 : -1;
}

int64_t
ops_sessions_active(struct db *db, int64_t idle_before, int64_t created_before)
{
	struct dbq *q = db_query(db, STMT_OPS_SESSIONS_ACTIVE);
	if (!q)
		return -1;
	q_bind_int(q, 1, idle_before);
	q_bind_int(q, 2, created_before);
	return row_int(q);
}

int64_t
ops_db_bytes(struct db *db)
{
	struct dbq *q = db_query(db, STMT_OPS_DB_BYTES);
	if (!q)
		return -1;
	return row_int(q);
}
