/* Rows of the users table. */
#include "store/users.h"
#include "core/clock.h"
#include "core/arena.h"
#include "store/db.h"
#include "store/rows.h"

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
		out->mfa_required = q_int(q, 4) != 0;
		out->has_totp = q_int(q, 5) != 0;
		out->email = q_text(q, 6, a);
		if (lang_parse(q_text(q, 7, a), &out->lang) != 0)
			out->lang = LANG_JA;
		out->name = q_text(q, 8, a);
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
	int64_t now = clock_now();
	q_bind_text(q, 1, hash);
	q_bind_int(q, 2, now);
	q_bind_int(q, 3, now);
	q_bind_int(q, 4, user_id);
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

/* Runs q (bound by the caller) to completion: 0, or -1. */
static int
run(struct dbq *q)
{
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : rc == DB_CONSTRAINT ? 1 : -1;
}

/* The profile columns that follow USER_COLUMNS in STMT_USER_GET and STMT_CONTACT_GET. */
static void
profile_from_row(struct dbq *q, struct arena *a, struct user *u)
{
	users_from_row(q, 0, a, u);
	u->title = q_text(q, 12, a);
	u->phone_work = q_text(q, 13, a);
	u->phone_mobile = q_text(q, 14, a);
	u->mfa_required = q_int(q, 15) != 0;
	u->has_totp = q_int(q, 16) != 0;
	u->password_changed_at = q_int(q, 17);
}

/* Steps a bound query for one user with the profile columns: 1, 0 or -1. */
static int
one_profile(struct dbq *q, struct arena *a, struct user *u)
{
	int rc = q_step(q);
	if (rc == DB_ROW)
		profile_from_row(q, a, u);
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
users_get(struct db *db, int64_t id, struct arena *a, struct user *u)
{
	struct dbq *q = db_query(db, STMT_USER_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return one_profile(q, a, u);
}

int64_t
users_id_by_login(struct db *db, const char *login)
{
	struct dbq *q = db_query(db, STMT_USER_BY_LOGIN);
	if (!q)
		return -1;
	q_bind_text(q, 1, login);
	int rc = q_step(q);
	int64_t id = rc == DB_ROW ? q_int(q, 0) : rc == DB_DONE ? 0 : -1;
	q_end(q);
	return id;
}

int
users_login_taken(struct db *db, const char *login, int64_t except_id)
{
	struct dbq *q = db_query(db, STMT_USER_LOGIN_TAKEN);
	if (!q)
		return -1;
	q_bind_text(q, 1, login);
	q_bind_int(q, 2, except_id);
	int rc = q_step(q);
	int taken = rc == DB_ROW ? q_int(q, 0) > 0 : -1;
	q_end(q);
	return taken;
}

int64_t
users_provider_admins(struct db *db)
{
	struct dbq *q = db_query(db, STMT_PROVIDER_ADMINS);
	if (!q)
		return -1;
	return row_int(q);
}

int
users_update_profile(struct db *db, int64_t id, const struct user_edit *e)
{
	struct dbq *q = db_query(db, STMT_USER_UPDATE_PROFILE);
	if (!q)
		return -1;
	q_bind_text(q, 1, e->name);
	q_bind_text(q, 2, e->title);
	q_bind_text(q, 3, e->phone_work);
	q_bind_text(q, 4, e->phone_mobile);
	q_bind_text(q, 5, e->time_zone);
	q_bind_text(q, 6, lang_code(e->lang));
	q_bind_int(q, 7, clock_now());
	q_bind_int(q, 8, id);
	return run(q);
}

int
users_set_email(struct db *db, int64_t id, const char *email)
{
	struct dbq *q = db_query(db, STMT_USER_SET_EMAIL);
	if (!q)
		return -1;
	q_bind_text(q, 1, email);
	q_bind_int(q, 2, clock_now());
	q_bind_int(q, 3, id);
	return run(q);
}

int
users_totp_get(struct db *db, int64_t id, struct arena *a, char **secret, char **pending,
               int64_t *last_step)
{
	struct dbq *q = db_query(db, STMT_USER_TOTP_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		*secret = q_is_null(q, 0) ? NULL : q_text(q, 0, a);
		*pending = q_is_null(q, 1) ? NULL : q_text(q, 1, a);
		*last_step = q_int(q, 2);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
users_totp_set_pending(struct db *db, int64_t id, const char *sealed)
{
	struct dbq *q = db_query(db, STMT_USER_TOTP_SET_PENDING);
	if (!q)
		return -1;
	q_bind_text(q, 1, sealed);
	q_bind_int(q, 2, id);
	return run(q);
}

int
users_totp_confirm(struct db *db, int64_t id, int64_t step)
{
	struct dbq *q = db_query(db, STMT_USER_TOTP_CONFIRM);
	if (!q)
		return -1;
	q_bind_int(q, 1, step);
	q_bind_int(q, 2, clock_now());
	q_bind_int(q, 3, id);
	return run(q) == 0 && db_changes(db) == 1 ? 0 : -1;
}

int
users_totp_use_step(struct db *db, int64_t id, int64_t step)
{
	struct dbq *q = db_query(db, STMT_USER_TOTP_USE_STEP);
	if (!q)
		return -1;
	q_bind_int(q, 1, step);
	q_bind_int(q, 2, id);
	q_bind_int(q, 3, step);
	if (run(q) != 0)
		return -1;
	return db_changes(db) == 1;
}

int
users_totp_clear(struct db *db, int64_t id)
{
	struct dbq *q = db_query(db, STMT_USER_TOTP_CLEAR);
	if (!q)
		return -1;
	q_bind_int(q, 1, clock_now());
	q_bind_int(q, 2, id);
	return run(q);
}

/* "%q%" with LIKE's wildcards escaped, for the contacts search. */
static char *
like_pattern(struct arena *a, const char *q)
{
	size_t n = strlen(q);
	char *p = arena_alloc(a, 2 * n + 3);
	size_t o = 0;
	p[o++] = '%';
	for (size_t i = 0; i < n; i++) {
		if (q[i] == '%' || q[i] == '_' || q[i] == '\\')
			p[o++] = '\\';
		p[o++] = q[i];
	}
	p[o++] = '%';
	p[o] = '\0';
	return p;
}

static void
bind_search(struct dbq *q, int first, const char *term, struct arena *a)
{
	const char *t = term ? term : "";
	const char *pat = *t ? like_pattern(a, t) : "";
	q_bind_text(q, first, t);
	q_bind_text(q, first + 1, pat);
	q_bind_text(q, first + 2, pat);
	q_bind_text(q, first + 3, pat);
}

/* Runs a count statement whose search term starts at parameter first. */
static int64_t
count_people(struct dbq *q, int first, const char *term)
{
	struct arena *a = arena_new();
	bind_search(q, first, term, a);
	int rc = q_step(q);
	int64_t n = rc == DB_ROW ? q_int(q, 0) : -1;
	q_end(q);
	arena_free(a);
	return n;
}

/* A person of a list: login, name, address, title and the state of their login. */
static void
person_listed(struct dbq *q, struct arena *a, void *p)
{
	struct contact_row *v = p;
	v->id = q_int(q, 0);
	v->login = q_text(q, 1, a);
	v->name = q_text(q, 2, a);
	v->email = q_text(q, 3, a);
	v->title = q_text(q, 4, a);
	v->is_admin = q_int(q, 5) != 0;
	v->disabled = q_int(q, 6) != 0;
	v->mfa_required = q_int(q, 7) != 0;
	v->has_totp = q_int(q, 8) != 0;
}

/* Reads a page of people: the search term from parameter first, then limit and offset. */
static int
page_people(struct dbq *q, int first, const char *term, int64_t limit, int64_t offset,
            struct arena *a, struct contact_row **out)
{
	bind_search(q, first, term, a);
	q_bind_int(q, first + 4, limit);
	q_bind_int(q, first + 5, offset);
	int n;
	*out = rows_collect(q, a, sizeof(**out), person_listed, &n);
	return n;
}

int64_t
contacts_count(struct db *db, int64_t customer_id, const char *term)
{
	struct dbq *q = db_query(db, STMT_CONTACTS_COUNT);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	return count_people(q, 2, term);
}

int
contacts_page(struct db *db, int64_t customer_id, const char *term, int64_t limit, int64_t offset,
              struct arena *a, struct contact_row **out)
{
	struct dbq *q = db_query(db, STMT_CONTACTS_PAGE);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	return page_people(q, 2, term, limit, offset, a, out);
}

int
contact_get(struct db *db, int64_t id, int64_t customer_id, struct arena *a, struct user *u)
{
	struct dbq *q = db_query(db, STMT_CONTACT_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	q_bind_int(q, 2, customer_id);
	return one_profile(q, a, u);
}

int
contact_update(struct db *db, int64_t id, int64_t customer_id, const struct user_edit *e)
{
	struct dbq *q = db_query(db, STMT_CONTACT_UPDATE);
	if (!q)
		return -1;
	q_bind_text(q, 1, e->login);
	q_bind_text(q, 2, e->name);
	q_bind_text(q, 3, e->email);
	q_bind_text(q, 4, e->title);
	q_bind_text(q, 5, e->phone_work);
	q_bind_text(q, 6, e->phone_mobile);
	q_bind_text(q, 7, lang_code(e->lang));
	q_bind_text(q, 8, e->time_zone);
	q_bind_int(q, 9, e->is_admin);
	q_bind_int(q, 10, e->mfa_required);
	q_bind_int(q, 11, clock_now());
	q_bind_int(q, 12, id);
	q_bind_int(q, 13, customer_id);
	return run(q);
}

int
contact_set_disabled(struct db *db, int64_t id, int64_t customer_id, bool disabled)
{
	struct dbq *q = db_query(db, STMT_CONTACT_SET_DISABLED);
	if (!q)
		return -1;
	q_bind_int(q, 1, disabled);
	q_bind_int(q, 2, clock_now());
	q_bind_int(q, 3, id);
	q_bind_int(q, 4, customer_id);
	return run(q);
}

int64_t
contact_other_admins(struct db *db, int64_t customer_id, int64_t except_id)
{
	struct dbq *q = db_query(db, STMT_CONTACT_ADMINS);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	q_bind_int(q, 2, except_id);
	return row_int(q);
}

/* --- provider staff --- */

int64_t
staff_count(struct db *db, const char *term)
{
	struct dbq *q = db_query(db, STMT_STAFF_COUNT);
	return q ? count_people(q, 1, term) : -1;
}

int
staff_page(struct db *db, const char *term, int64_t limit, int64_t offset, struct arena *a,
           struct contact_row **out)
{
	struct dbq *q = db_query(db, STMT_STAFF_PAGE);
	return q ? page_people(q, 1, term, limit, offset, a, out) : -1;
}

int
staff_get(struct db *db, int64_t id, struct arena *a, struct user *u)
{
	struct dbq *q = db_query(db, STMT_STAFF_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return one_profile(q, a, u);
}

/* An UPDATE of one staff flag: (flag, now, id). */
static int
staff_set_flag(struct db *db, enum stmt_id id_stmt, int64_t id, bool on)
{
	struct dbq *q = db_query(db, id_stmt);
	if (!q)
		return -1;
	q_bind_int(q, 1, on);
	q_bind_int(q, 2, clock_now());
	q_bind_int(q, 3, id);
	return run(q);
}

int
staff_set_disabled(struct db *db, int64_t id, bool disabled)
{
	return staff_set_flag(db, STMT_STAFF_SET_DISABLED, id, disabled);
}

int
staff_set_admin(struct db *db, int64_t id, bool admin)
{
	return staff_set_flag(db, STMT_STAFF_SET_ADMIN, id, admin);
}

int64_t
staff_other_admins(struct db *db, int64_t except_id)
{
	struct dbq *q = db_query(db, STMT_STAFF_OTHER_ADMINS);
	if (!q)
		return -1;
	q_bind_int(q, 1, except_id);
	return row_int(q);
}
