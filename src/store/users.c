/* Rows of the users table. */
#include "store/users.h"
#include "core/clock.h"
#include "store/db.h"

#include <string.h>

int64_t
users_insert(struct db *db, const struct new_user *nu)
{
	struct dbq *q = db_query(db, STMT_USER_INSERT);
	if (!q)
		return -1;
	int64_t now = clock_now();
	q_bind_text(q, 1, nu->login);
	if (nu->customer_id)
		q_bind_int(q, 2, nu->customer_id);
	else
		q_bind_null(q, 2);
	q_bind_int(q, 3, nu->customer_id ? 0 : 1);
	q_bind_int(q, 4, nu->is_admin);
	q_bind_text(q, 5, nu->name);
	q_bind_text(q, 6, nu->email);
	q_bind_text(q, 7, lang_code(nu->lang));
	q_bind_text(q, 8, nu->password_hash);
	q_bind_int(q, 9, now);
	q_bind_int(q, 10, now);
	int rc = q_step(q);
	q_end(q);
	if (rc == DB_CONSTRAINT)
		return 0;
	return rc == DB_DONE ? db_last_id(db) : -1;
}

int
users_auth_by_login(struct db *db, const char *login, struct arena *a, struct user_auth *out)
{
	struct dbq *q = db_query(db, STMT_USER_AUTH_BY_LOGIN);
	if (!q)
		return -1;
	q_bind_text(q, 1, login);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		out->id = q_int(q, 0);
		out->password_hash = q_text(q, 1, a);
		out->disabled = q_int(q, 2) != 0;
		out->customer_id = q_int(q, 3);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
users_set_password(struct db *db, int64_t user_id, const char *hash)
{
	struct dbq *q = db_query(db, STMT_USER_SET_PASSWORD);
	if (!q)
		return -1;
	q_bind_text(q, 1, hash);
	q_bind_int(q, 2, clock_now());
	q_bind_int(q, 3, user_id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

void
users_from_row(struct dbq *q, int col, struct arena *a, struct user *u)
{
	memset(u, 0, sizeof(*u));
	u->id = q_int(q, col);
	u->login = q_text(q, col + 1, a);
	u->customer_id = q_int(q, col + 2);
	u->is_staff = q_int(q, col + 3) != 0;
	u->is_admin = q_int(q, col + 4) != 0;
	u->name = q_text(q, col + 5, a);
	u->email = q_text(q, col + 6, a);
	char *lang = q_text(q, col + 7, a);
	if (lang_parse(lang, &u->lang) != 0)
		u->lang = LANG_JA;
	u->time_zone = q_text(q, col + 8, a);
	u->disabled = q_int(q, col + 9) != 0;
	u->customer_number = q_text(q, col + 10, a);
	u->customer_name = q_text(q, col + 11, a);
}
