/* Rows of login_guards; see guards.h. */
#include "store/guards.h"
#include "core/clock.h"
#include "store/db.h"
#include "store/rows.h"

#include <string.h>

int
guard_get(struct db *db, const char *login, struct guard *g)
{
	memset(g, 0, sizeof(*g));
	struct dbq *q = db_query(db, STMT_GUARD_GET);
	if (!q)
		return -1;
	q_bind_text(q, 1, login);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		g->failures = q_int(q, 0);
		g->locked_until = q_int(q, 1);
		g->reset_failures = q_int(q, 2);
		g->reset_blocked_until = q_int(q, 3);
		g->reset_done_at = q_int(q, 4);
	}
	q_end(q);
	return rc == DB_ERROR ? -1 : 0;
}

/* Runs a statement of (login, now) parameters. */
static int
login_now(struct db *db, enum stmt_id id, const char *login, int first_is_login)
{
	struct dbq *q = db_query(db, id);
	if (!q)
		return -1;
	if (first_is_login) {
		q_bind_text(q, 1, login);
		q_bind_int(q, 2, clock_now());
	} else {
		q_bind_int(q, 1, clock_now());
		q_bind_text(q, 2, login);
	}
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

/* Counter + conditional lock, one after the other in the caller's transaction. */
static int
count_and_lock(struct db *db, enum stmt_id count, enum stmt_id lock, const char *login,
               int64_t limit, int64_t until)
{
	if (login_now(db, count, login, 1) != 0)
		return -1;
	struct dbq *q = db_query(db, lock);
	if (!q)
		return -1;
	q_bind_int(q, 1, until);
	q_bind_text(q, 2, login);
	q_bind_int(q, 3, limit);
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	return db_changes(db) > 0;
}

int
guard_login_failed(struct db *db, const char *login, int64_t limit, int64_t until)
{
	return count_and_lock(db, STMT_GUARD_LOGIN_FAIL, STMT_GUARD_LOCK, login, limit, until);
}

int
guard_login_ok(struct db *db, const char *login)
{
	return login_now(db, STMT_GUARD_LOGIN_OK, login, 0);
}

int
guard_unlock(struct db *db, const char *login)
{
	return login_now(db, STMT_GUARD_UNLOCK, login, 0);
}

int
guard_reset_failed(struct db *db, const char *login, int64_t limit, int64_t until)
{
	return count_and_lock(db, STMT_GUARD_RESET_FAIL, STMT_GUARD_RESET_BLOCK, login, limit,
	                      until);
}

int
guard_reset_ok(struct db *db, const char *login)
{
	return login_now(db, STMT_GUARD_RESET_OK, login, 0);
}

int
guard_reset_done(struct db *db, const char *login, int64_t now)
{
	struct dbq *q = db_query(db, STMT_GUARD_RESET_DONE);
	if (!q)
		return -1;
	q_bind_text(q, 1, login);
	q_bind_int(q, 2, now);
	q_bind_int(q, 3, now);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int64_t
guard_ip_failures(struct db *db, const char *ip, int64_t since)
{
	struct dbq *q = db_query(db, STMT_IP_FAILURES);
	if (!q)
		return -1;
	q_bind_text(q, 1, ip);
	q_bind_int(q, 2, since);
	return row_int(q);
}
