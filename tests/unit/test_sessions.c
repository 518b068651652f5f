/*
 * Unit tests of sessions (src/http/session.c over src/store/sessions.c), CSRF
 * tokens (src/http/csrf.c) and the user rows sign-in relies on, on a real
 * SQLite database: a session is found by its cookie only, ends when idle,
 * when too old, at sign-out and for a disabled user; a token is good for its
 * own session only and for no altered copy; a lockout counts and clears.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "app.h"
#include "core/arena.h"
#include "core/clock.h"
#include "http/csrf.h"
#include "http/parse.h"
#include "http/request.h"
#include "http/session.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/guards.h"
#include "store/sessions.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-sessions-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t aoba, alice, bob;

static int
group_setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || fixture_db_open(tmpdir, dbpath, sizeof(dbpath), &db) != 0)
		return -1;
	app.cfg.idle_minutes = 30;
	app.cfg.absolute_hours = 12;
	for (size_t i = 0; i < sizeof(app.csrf_key); i++)
		app.csrf_key[i] = (unsigned char)(i * 7 + 1);
	aoba = customers_insert(db, "N200000001", "あおば商事株式会社");
	alice = users_insert(db, &(struct new_user){.login = "alice",
	                                            .name = "青葉 花子",
	                                            .email = "alice@example.jp",
	                                            .customer_id = aoba,
	                                            .lang = LANG_EN});
	bob = users_insert(db, &(struct new_user){.login = "bob",
	                                          .name = "青葉 一郎",
	                                          .email = "bob@example.jp",
	                                          .customer_id = aoba,
	                                          .lang = LANG_JA});
	return aoba > 0 && alice > 0 && bob > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

/* A request as the server would fill it from a Cookie header and a form body. */
static struct req *
request(struct arena *a, const char *cookie, const char *body)
{
	struct req *r = arena_zalloc(a, sizeof(*r));
	r->a = a;
	r->app = &app;
	strcpy(r->rid, "test");
	r->remote_ip = "127.0.0.1";
	r->user_agent = "test";
	if (cookie)
		parse_cookies(a, cookie, &r->cookies);
	if (body)
		assert_int_equal(parse_urlencoded(a, body, strlen(body), &r->form), 0);
	return r;
}

/* The value the response set for cookie name ("" when cleared), or NULL. */
static const char *
set_cookie(struct req *r, const char *name)
{
	size_t n = strlen(name);
	for (int i = 0; i < r->nheaders; i++) {
		const char *v = r->headers[i].value;
		if (strcasecmp(r->headers[i].name, "Set-Cookie") == 0 && strncmp(v, name, n) == 0 &&
		    v[n] == '=')
			return arena_strndup(r->a, v + n + 1, strcspn(v + n + 1, ";"));
	}
	return NULL;
}

/* Signs user in on a fresh request; the cookie header a browser then sends. */
static const char *
sign_in(struct arena *a, int64_t user, const char *cookie)
{
	struct req *r = request(a, cookie, NULL);
	assert_int_equal(session_start(r, user), 0);
	const char *id = set_cookie(r, "mg_session");
	assert_non_null(id);
	assert_true(strlen(id) >= 43);
	return arena_printf(a, "mg_session=%s", id);
}

/* The user the session of cookie belongs to (0: none); *expired as flagged. */
static int64_t
who(struct arena *a, const char *cookie, bool *expired)
{
	struct req *r = request(a, cookie, NULL);
	assert_int_equal(session_load(r), 0);
	if (expired)
		*expired = r->session_expired;
	return r->user ? r->user->id : 0;
}

static const char *
hash_of(struct arena *a, const char *cookie)
{
	const char *id = strchr(cookie, '=') + 1;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)id, strlen(id));
	char *hex = arena_alloc(a, 65);
	sodium_bin2hex(hex, 65, h, sizeof(h));
	return hex;
}

/* Moves the times of a session back, as if it had been made or used earlier. */
static void
age_session(const char *hash, int64_t created_ago, int64_t seen_ago)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(dbpath, &h), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	assert_int_equal(sqlite3_prepare_v2(h,
	                                    "UPDATE sessions SET created_at = ?, seen_at = ? "
	                                    "WHERE id_hash = ?",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	sqlite3_bind_int64(st, 1, clock_now() - created_ago);
	sqlite3_bind_int64(st, 2, clock_now() - seen_ago);
	sqlite3_bind_text(st, 3, hash, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	assert_int_equal(sqlite3_changes(h), 1);
	sqlite3_finalize(st);
	sqlite3_close(h);
}

static void
test_session_found_by_its_cookie_only(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *c = sign_in(a, alice, NULL);
	struct req *r = request(a, c, NULL);
	assert_int_equal(session_load(r), 0);
	assert_non_null(r->user);
	assert_int_equal(r->user->id, alice);
	assert_int_equal(r->lang, LANG_EN);
	assert_string_equal(r->session_id, strchr(c, '=') + 1);
	/* The database keeps the hash, never the cookie itself. */
	struct user u;
	int64_t created, seen;
	assert_int_equal(session_rows_get(db, hash_of(a, c), a, &created, &seen, &u), 1);
	assert_int_equal(session_rows_get(db, strchr(c, '=') + 1, a, &created, &seen, &u), 0);
	/* Unknown, shortened, lengthened and altered cookies find nobody. */
	char *alt = arena_strdup(a, c);
	alt[strlen(alt) - 1] = alt[strlen(alt) - 1] == 'A' ? 'B' : 'A';
	assert_int_equal(who(a, alt, NULL), 0);
	assert_int_equal(who(a, arena_strndup(a, c, strlen(c) - 1), NULL), 0);
	assert_int_equal(who(a, arena_printf(a, "%sA", c), NULL), 0);
	assert_int_equal(who(a, "mg_session=", NULL), 0);
	assert_int_equal(who(a, NULL, NULL), 0);
	assert_int_equal(who(a, c, NULL), alice);
	arena_free(a);
}

static void
test_signing_in_again_replaces_the_session(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *first = sign_in(a, alice, NULL);
	const char *second = sign_in(a, alice, first);
	assert_string_not_equal(first, second);
	assert_int_equal(who(a, first, NULL), 0);
	assert_int_equal(who(a, second, NULL), alice);
	arena_free(a);
}

static void
test_idle_and_old_sessions_expire(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	bool expired = true;
	const char *c = sign_in(a, alice, NULL);
	age_session(hash_of(a, c), 3600, 29 * 60);
	assert_int_equal(who(a, c, &expired), alice);
	assert_false(expired);

	age_session(hash_of(a, c), 3600, 31 * 60);
	assert_int_equal(who(a, c, &expired), 0);
	assert_true(expired);
	/* The expired row is gone: the cookie stays dead however it is used. */
	struct user u;
	int64_t created, seen;
	assert_int_equal(session_rows_get(db, hash_of(a, c), a, &created, &seen, &u), 0);

	const char *old = sign_in(a, alice, NULL);
	age_session(hash_of(a, old), 12 * 3600 + 60, 10);
	assert_int_equal(who(a, old, &expired), 0);
	assert_true(expired);
	arena_free(a);
}

static void
test_purge_deletes_idle_and_old_sessions(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *fresh = sign_in(a, bob, NULL);
	const char *idle = sign_in(a, bob, NULL);
	const char *old = sign_in(a, bob, NULL);
	age_session(hash_of(a, idle), 3600, 31 * 60);
	age_session(hash_of(a, old), 13 * 3600, 0);
	assert_true(session_purge(&app.cfg) >= 0);
	struct user u;
	int64_t created, seen;
	assert_int_equal(session_rows_get(db, hash_of(a, fresh), a, &created, &seen, &u), 1);
	assert_int_equal(session_rows_get(db, hash_of(a, idle), a, &created, &seen, &u), 0);
	assert_int_equal(session_rows_get(db, hash_of(a, old), a, &created, &seen, &u), 0);
	arena_free(a);
}

static void
test_sign_out_and_ending_other_sessions(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *here = sign_in(a, bob, NULL);
	const char *there = sign_in(a, bob, NULL);
	const char *alices = sign_in(a, alice, NULL);

	struct req *r = request(a, here, NULL);
	assert_int_equal(session_load(r), 0);
	assert_int_equal(session_end_others(r, bob), 0);
	assert_int_equal(who(a, here, NULL), bob);
	assert_int_equal(who(a, there, NULL), 0);
	assert_int_equal(who(a, alices, NULL), alice); /* another user's session stays */

	r = request(a, here, NULL);
	assert_int_equal(session_load(r), 0);
	session_end(r);
	assert_null(r->user);
	const char *cleared = set_cookie(r, "mg_session");
	assert_non_null(cleared);
	assert_string_equal(cleared, "");
	assert_int_equal(who(a, here, NULL), 0);
	assert_int_equal(who(a, alices, NULL), alice);
	arena_free(a);
}

static void
test_disabled_user_loses_the_session(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *c = sign_in(a, bob, NULL);
	assert_int_equal(contact_set_disabled(db, bob, aoba, true), 0);
	bool expired = false;
	assert_int_equal(who(a, c, &expired), 0);
	assert_true(expired);
	assert_int_equal(contact_set_disabled(db, bob, aoba, false), 0);
	arena_free(a);
}

/* The token a page of the session of cookie carries. */
static const char *
token_of(struct arena *a, const char *cookie)
{
	struct req *r = request(a, cookie, NULL);
	assert_int_equal(session_load(r), 0);
	assert_non_null(r->user);
	return csrf_token(r);
}

/* Whether a post with body is accepted for the session of cookie. */
static bool
accepted(struct arena *a, const char *cookie, const char *body)
{
	struct req *r = request(a, cookie, body);
	assert_int_equal(session_load(r), 0);
	return csrf_check(r);
}

static void
test_csrf_token_bound_to_its_session(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *mine = sign_in(a, alice, NULL);
	const char *other = sign_in(a, bob, NULL);
	const char *t = token_of(a, mine);
	assert_string_equal(token_of(a, mine), t);
	assert_true(accepted(a, mine, arena_printf(a, "csrf=%s&x=1", t)));
	assert_false(accepted(a, other, arena_printf(a, "csrf=%s", t)));
	assert_true(accepted(a, other, arena_printf(a, "csrf=%s", token_of(a, other))));

	char *bad = arena_strdup(a, t);
	bad[0] = bad[0] == 'A' ? 'B' : 'A';
	assert_false(accepted(a, mine, arena_printf(a, "csrf=%s", bad)));
	assert_false(accepted(a, mine, arena_printf(a, "csrf=%.*s", (int)strlen(t) - 1, t)));
	assert_false(accepted(a, mine, arena_printf(a, "csrf=%sA", t)));
	assert_false(accepted(a, mine, "csrf="));
	assert_false(accepted(a, mine, "x=1"));
	assert_false(accepted(a, mine, arena_printf(a, "csrf=%s&csrf=%s", t, t)));
	assert_false(accepted(a, NULL, arena_printf(a, "csrf=%s", t))); /* no cookie, no token */

	/* A new key (another installation) makes every token void. */
	app.csrf_key[0] ^= 1;
	assert_false(accepted(a, mine, arena_printf(a, "csrf=%s", t)));
	app.csrf_key[0] ^= 1;

	/* Signing in again brings a new session and so new tokens. */
	const char *again = sign_in(a, alice, mine);
	assert_false(accepted(a, again, arena_printf(a, "csrf=%s", t)));
	arena_free(a);
}

static void
test_csrf_token_before_sign_in(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct req *r = request(a, NULL, NULL);
	const char *t = csrf_token(r);
	const char *pre = set_cookie(r, CSRF_COOKIE);
	assert_non_null(pre);
	assert_string_equal(csrf_token(r), t); /* later forms of the request agree */
	const char *cookie = arena_printf(a, "%s=%s", CSRF_COOKIE, pre);
	assert_true(accepted(a, cookie, arena_printf(a, "csrf=%s", t)));

	struct req *r2 = request(a, NULL, NULL);
	const char *t2 = csrf_token(r2);
	assert_string_not_equal(t, t2);
	assert_false(accepted(a, cookie, arena_printf(a, "csrf=%s", t2)));
	/* A short pre-session cookie binds nothing. */
	assert_false(accepted(a, arena_printf(a, "%s=abc", CSRF_COOKIE), "csrf=abc"));

	/* Once signed in, the token follows the session, not the pre-session cookie. */
	const char *session = sign_in(a, alice, NULL);
	const char *both = arena_printf(a, "%s; %s", cookie, session);
	assert_false(accepted(a, both, arena_printf(a, "csrf=%s", t)));
	assert_true(accepted(a, both, arena_printf(a, "csrf=%s", token_of(a, session))));
	arena_free(a);
}

static void
test_user_lookup_and_lockout(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct user_auth ua;
	assert_int_equal(users_auth_by_login(db, "alice", a, &ua), 1);
	assert_int_equal(ua.id, alice);
	assert_int_equal(ua.customer_id, aoba);
	assert_string_equal(ua.password_hash, "");
	assert_int_equal(users_auth_by_login(db, "nobody", a, &ua), 0);
	assert_int_equal(users_id_by_login(db, "bob"), bob);
	assert_int_equal(users_id_by_login(db, "nobody"), 0);
	assert_int_equal(users_login_taken(db, "bob", alice), 1);
	assert_int_equal(users_login_taken(db, "bob", bob), 0);
	assert_int_equal(users_insert(db, &(struct new_user){.login = "bob",
	                                                     .name = "x",
	                                                     .email = "x@example.jp",
	                                                     .customer_id = aoba}),
	                 0);
	assert_int_equal(users_set_password(db, alice, "$argon2id$test"), 0);
	assert_int_equal(users_auth_by_login(db, "alice", a, &ua), 1);
	assert_string_equal(ua.password_hash, "$argon2id$test");

	/* Failures count up to the limit, which locks; a success resets the count. */
	struct guard g;
	int64_t until = clock_now() + 900;
	assert_int_equal(guard_login_failed(db, "alice", 3, until), 0);
	assert_int_equal(guard_login_failed(db, "alice", 3, until), 0);
	assert_int_equal(guard_get(db, "alice", &g), 0);
	assert_int_equal(g.failures, 2);
	assert_int_equal(g.locked_until, 0);
	assert_int_equal(guard_login_ok(db, "alice"), 0);
	assert_int_equal(guard_get(db, "alice", &g), 0);
	assert_int_equal(g.failures, 0);
	for (int i = 0; i < 2; i++)
		assert_int_equal(guard_login_failed(db, "alice", 3, until), 0);
	assert_int_equal(guard_login_failed(db, "alice", 3, until), 1);
	assert_int_equal(guard_get(db, "alice", &g), 0);
	assert_int_equal(g.locked_until, until);
	/* Another ID, existing or not, is counted apart. */
	assert_int_equal(guard_get(db, "bob", &g), 0);
	assert_int_equal(g.failures, 0);
	assert_int_equal(guard_login_failed(db, "nobody", 3, until), 0);
	assert_int_equal(guard_get(db, "nobody", &g), 0);
	assert_int_equal(g.failures, 1);
	assert_int_equal(guard_unlock(db, "alice"), 0);
	assert_int_equal(guard_get(db, "alice", &g), 0);
	assert_int_equal(g.failures, 0);
	assert_int_equal(g.locked_until, 0);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_session_found_by_its_cookie_only),
	    cmocka_unit_test(test_signing_in_again_replaces_the_session),
	    cmocka_unit_test(test_idle_and_old_sessions_expire),
	    cmocka_unit_test(test_purge_deletes_idle_and_old_sessions),
	    cmocka_unit_test(test_sign_out_and_ending_other_sessions),
	    cmocka_unit_test(test_disabled_user_loses_the_session),
	    cmocka_unit_test(test_csrf_token_bound_to_its_session),
	    cmocka_unit_test(test_csrf_token_before_sign_in),
	    cmocka_unit_test(test_user_lookup_and_lockout),
	};
	return cmocka_run_group_tests_name("sessions", tests, group_setup, group_teardown);
}
