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
		u->has_totp = q_int(q, 14) != 0; /* staff without one are sent to set it up */
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

int
session_rows_insert_mfa(struct db *db, const char *id_hash, int64_t user_id, int64_t now,
                        const char *ip, const char *user_agent, const char *method,
                        const char *next)
{
	struct dbq *q = db_query(db, STMT_SESSION_INSERT_STAGE);
	if (!q)
		return -1;
	q_bind_text(q, 1, id_hash);
	q_bind_int(q, 2, user_id);
	q_bind_int(q, 3, now);
	q_bind_int(q, 4, now);
	q_bind_text(q, 5, ip);
	q_bind_text(q, 6, user_agent);
	q_bind_text(q, 7, method);
	q_bind_int(q, 8, 0);
	q_bind_text(q, 9, next);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
session_rows_get_mfa(struct db *db, const char *id_hash, struct arena *a, struct mfa_row *m)
{
	struct dbq *q = db_query(db, STMT_SESSION_GET_MFA);
	if (!q)
		return -1;
	q_bind_text(q, 1, id_hash);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		m->user_id = q_int(q, 0);
		m->created_at = q_int(q, 1);
		m->method = q_text(q, 2, a);
		m->failures = q_int(q, 3);
		m->code_hash = q_text(q, 4, a);
		m->code_expires = q_int(q, 5);
		m->code_sent_at = q_int(q, 6);
		m->trust = q_int(q, 7) != 0;
		m->next = q_text(q, 8, a);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
session_rows_mfa_fail(struct db *db, const char *id_hash)
{
	return run_simple(db, STMT_SESSION_MFA_FAIL, id_hash, 0, 0);
}

int
session_rows_mfa_method(struct db *db, const char *id_hash, const char *method, bool trust)
{
	struct dbq *q = db_query(db, STMT_SESSION_MFA_METHOD);
	if (!q)
		return -1;
	q_bind_text(q, 1, method);
	q_bind_int(q, 2, trust);
	q_bind_text(q, 3, id_hash);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
session_rows_email_code(struct db *db, const char *id_hash, const char *code_hash, int64_t expires,
                        int64_t sent_at)
{
	struct dbq *q = db_query(db, STMT_SESSION_EMAIL_CODE);
	if (!q)
		return -1;
	q_bind_text(q, 1, code_hash);
	q_bind_int(q, 2, expires);
	q_bind_int(q, 3, sent_at);
	q_bind_text(q, 4, id_hash);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
session_rows_delete_others(struct db *db, int64_t user_id, const char *keep_hash)
{
	struct dbq *q = db_query(db, STMT_SESSION_DELETE_OTHERS);
	if (!q)
		return -1;
	q_bind_int(q, 1, user_id);
	q_bind_text(q, 2, keep_hash ? keep_hash : "");
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}
