/* Rows of the sessions table. */
#include "store/sessions.h"
#include "store/db.h"
#include "store/users.h"

int
session_rows_insert(struct db *db, const char *id_hash, int64_t user_id, int64_t now,
                    const char *ip, const char *user_agent)
{
	struct dbq *q = db_query(db, STMT_SESSION_INSERT);
	if (!q)
		return -1;
	q_bind_text(q, 1, id_hash);
	q_bind_int(q, 2, user_id);
	q_bind_int(q, 3, now);
	q_bind_int(q, 4, now);
	q_bind_text(q, 5, ip);
	q_bind_text(q, 6, user_agent);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
session_rows_get(struct db *db, const char *id_hash, struct arena *a, int64_t *created_at,
                 int64_t *seen_at, struct user *u)
{
	struct dbq *q = db_query(db, STMT_SESSION_GET);
	if (!q)
		return -1;
	q_bind_text(q, 1, id_hash);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		*created_at = q_int(q, 0);
		*seen_at = q_int(q, 1);
		users_from_row(q, 2, a, u);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* Runs a statement of (int, text) or (text) parameters to completion. */
static int
run_simple(struct db *db, enum stmt_id id, const char *text, int64_t num, int nparams_int_first)
{
	struct dbq *q = db_query(db, id);
	if (!q)
		return -1;
	if (nparams_int_first) {
		q_bind_int(q, 1, num);
		if (text)
			q_bind_text(q, 2, text);
	} else {
		q_bind_text(q, 1, text);
	}
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
session_rows_touch(struct db *db, const char *id_hash, int64_t now)
{
	return run_simple(db, STMT_SESSION_TOUCH, id_hash, now, 1);
}

int
session_rows_delete(struct db *db, const char *id_hash)
{
	return run_simple(db, STMT_SESSION_DELETE, id_hash, 0, 0);
}

int
session_rows_delete_user(struct db *db, int64_t user_id)
{
	return run_simple(db, STMT_SESSION_DELETE_USER, NULL, user_id, 1);
}

int
session_rows_purge(struct db *db, int64_t idle_before, int64_t created_before)
{
	struct dbq *q = db_query(db, STMT_SESSION_PURGE);
	if (!q)
		return -1;
	q_bind_int(q, 1, idle_before);
	q_bind_int(q, 2, created_before);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}
