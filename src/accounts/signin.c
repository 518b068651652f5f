/* Password sign-in; see signin.h. */
#include "accounts/signin.h"
#include "accounts/internal.h"
#include "auth/limits.h"
#include "auth/password.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "domain/domain.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/guards.h"

#include <ctype.h>
#include <string.h>

#define LOGIN_MAX    40
#define PASSWORD_MAX 1024

char *
account_login_key(struct dom *d, const char *login)
{
	char *k = arena_strdup(d->a, login ? login : "");
	for (char *c = k; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	/* Surrounding spaces come from copy and paste, never from a user ID. */
	char *s = k;
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		s[--n] = '\0';
	return s;
}

static void
audit(struct dom *d, const char *event, const char *key, const struct user_auth *ua)
{
	(void)account_audit(d, db_thread(), event, key, ua ? ua->id : 0, ua ? ua->customer_id : 0);
}

/*
 * Counts the attempt as a failure unless the ID is locked, in one
 * transaction. 0 counted (*locked_now: it reached the limit), 1 locked
 * already, -1 error.
 */
static int
claim_attempt(struct db *db, const char *key, int64_t now, int *locked_now)
{
	if (db_begin(db) != 0)
		return -1;
	struct guard g;
	if (guard_get(db, key, &g) != 0) {
		db_rollback(db);
		return -1;
	}
	if (g.locked_until > now) {
		db_rollback(db);
		return 1;
	}
	*locked_now = guard_login_failed(db, key, LOCK_FAILURES, now + LOCK_SECONDS);
	if (*locked_now < 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return 0;
}

enum sign_in_result
account_sign_in(struct dom *d, const char *login, const char *password, struct user_auth *out)
{
	memset(out, 0, sizeof(*out));
	if (!login || !*login || !password || !*password)
		return SIGN_IN_EMPTY;
	char *key = account_login_key(d, login);
	if (strlen(key) > LOGIN_MAX || strlen(password) > PASSWORD_MAX)
		return SIGN_IN_WRONG;
	struct db *db = db_thread();
	if (!db)
		return SIGN_IN_ERROR;
	int64_t now = clock_now();
	int64_t from_ip =
	    guard_ip_failures(db, d->who.ip ? d->who.ip : "", now - IP_WINDOW_SECONDS);
	if (from_ip < 0)
		return SIGN_IN_ERROR;
	if (from_ip >= IP_FAILURE_LIMIT)
		return SIGN_IN_THROTTLED;
	struct user_auth ua = {0};
	int found = users_auth_by_login(db, key, d->a, &ua);
	if (found < 0)
		return SIGN_IN_ERROR;
	int locked_now = 0;
	int claimed = claim_attempt(db, key, now, &locked_now);
	if (claimed < 0)
		return SIGN_IN_ERROR;
	if (claimed == 1) {
		audit(d, "auth.login_locked", key, found ? &ua : NULL);
		return SIGN_IN_LOCKED;
	}
	if (!password_verify(found ? ua.password_hash : NULL, password)) {
		audit(d, "auth.login_failed", key, found ? &ua : NULL);
		if (locked_now == 1)
			audit(d, "auth.locked", key, found ? &ua : NULL);
		return locked_now == 1 ? SIGN_IN_NOW_LOCKED : SIGN_IN_WRONG;
	}
	/* The right password: the attempt counted in advance is taken back. */
	if ((locked_now == 1 ? guard_unlock(db, key) : guard_login_ok(db, key)) != 0)
		return SIGN_IN_ERROR;
	if (ua.disabled) {
		audit(d, "auth.login_disabled", key, &ua);
		return SIGN_IN_WRONG;
	}
	if (password_needs_rehash(ua.password_hash)) {
		char h[PASSWORD_HASH_MAX];
		if (password_hash(password, h) == 0)
			users_set_password(db, ua.id, h);
	}
	*out = ua;
	return SIGN_IN_OK;
}
