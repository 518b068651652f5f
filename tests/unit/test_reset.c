/*
 * Unit tests of the password reset operations (src/accounts/reset.c) on a
 * real SQLite database in a temporary directory: the request answers the
 * same for a right and a wrong ID and address but mails only the right one,
 * failed verifications block reset, links are single-use and expire, the
 * password policy holds, a completed reset ends the user's sessions and
 * trusted browsers; and the audit events.
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

#include "accounts/reset.h"
#include "app.h"
#include "auth/limits.h"
#include "auth/password.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/guards.h"
#include "store/migrate.h"
#include "store/sessions.h"
#include "store/tokens.h"
#include "store/users.h"
#include "tmpdir.h"

static char tmpdir[] = "/tmp/madoguchi-reset-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t customer;

#define STRONG "Kx7#mPq2!vRz9w"

static int64_t
user(const char *login, enum lang lang)
{
	char email[64];
	snprintf(email, sizeof(email), "%s@example.jp", login);
	int64_t id = users_insert(db, &(struct new_user){.login = login,
	                                                 .name = login,
	                                                 .email = email,
	                                                 .customer_id = customer,
	                                                 .lang = lang});
	assert_true(id > 0);
	return id;
}

static int
group_setup(void **state)
{
	(void)state;
	if (sodium_init() < 0 || !mkdtemp(tmpdir))
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/madoguchi.db", tmpdir);
	db_configure(dbpath);
	db = db_thread();
	if (!db || migrate_run(db) < 0)
		return -1;
	app.cfg.base_url = "http://127.0.0.1:8080";
	app.cfg.mail_from = "Portal <portal@example.jp>";
	app.provider_name = "株式会社見晴らし";
	app.provider_short = "見晴らし";
	randombytes_buf(app.seal_key, sizeof(app.seal_key));
	customer = customers_insert(db, "N200000001", "あおば商事株式会社");
	return customer > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	db_thread_close();
	tmpdir_remove(tmpdir);
	return 0;
}

/* A visitor's context, as the pages fill it before anybody is signed in. */
static void
visitor(struct dom *d, struct arena *a)
{
	memset(d, 0, sizeof(*d));
	d->app = &app;
	d->a = a;
	d->who.lang = LANG_JA;
	d->who.ip = "192.0.2.10";
	d->who.user_agent = "unit test";
}

static int64_t
count(const char *sql, const char *arg)
{
	struct dbq *q = db_prepare(db, sql);
	assert_non_null(q);
	q_bind_text(q, 1, arg);
	assert_int_equal(q_step(q), DB_ROW);
	int64_t n = q_int(q, 0);
	q_finalize(q);
	return n;
}

static int64_t
mails_to(const char *login)
{
	char email[64];
	snprintf(email, sizeof(email), "%s@example.jp", login);
	return count("SELECT COUNT(*) FROM outbox WHERE to_addr = ?", email);
}

static int64_t
audits(const char *event, const char *login)
{
	struct dbq *q =
	    db_prepare(db, "SELECT COUNT(*) FROM audit_events WHERE event = ? AND login = ?");
	assert_non_null(q);
	q_bind_text(q, 1, event);
	q_bind_text(q, 2, login);
	assert_int_equal(q_step(q), DB_ROW);
	int64_t n = q_int(q, 0);
	q_finalize(q);
	return n;
}

/* The text of the latest mail to the user that contains marker, from marker on. */
static char *
last_mail_after(struct arena *a, const char *login, const char *marker)
{
	char email[64];
	snprintf(email, sizeof(email), "%s@example.jp", login);
	struct dbq *q = db_prepare(db, "SELECT body_text FROM outbox WHERE to_addr = ? "
	                               "ORDER BY id DESC LIMIT 1");
	assert_non_null(q);
	q_bind_text(q, 1, email);
	assert_int_equal(q_step(q), DB_ROW);
	char *body = q_text(q, 0, a);
	q_finalize(q);
	char *at = strstr(body, marker);
	assert_non_null(at);
	return at + strlen(marker);
}

/* The token of the latest reset link mailed to the user. */
static char *
mailed_token(struct arena *a, const char *login)
{
	char *t = last_mail_after(a, login, "/password/reset/");
	t[strcspn(t, " \r\n")] = '\0';
	return t;
}

static void
test_request_answers_alike(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	user("reset-a", LANG_JA);
	visitor(&d, a);
	assert_int_equal(password_reset_request(&d, "reset-a", "Reset-A@example.jp"), DOM_OK);
	assert_int_equal(mails_to("reset-a"), 1);
	assert_int_equal(audits("auth.reset_requested", "reset-a"), 1);
	char *first = mailed_token(a, "reset-a");
	struct reset_link l;
	assert_int_equal(password_reset_link(&d, first, &l), DOM_OK);
	assert_string_equal(l.u.login, "reset-a");

	/* The wrong address: the same answer, no mail, a failed verification. */
	visitor(&d, a);
	assert_int_equal(password_reset_request(&d, "Reset-A ", "someone@example.jp"), DOM_OK);
	assert_int_equal(mails_to("reset-a"), 1);
	assert_int_equal(
	    count("SELECT COUNT(*) FROM outbox WHERE to_addr = ?", "someone@example.jp"), 0);
	assert_int_equal(audits("auth.reset_failed", "reset-a"), 1);
	/* An ID nobody has: the same again. */
	assert_int_equal(password_reset_request(&d, "nobody-here", "reset-a@example.jp"), DOM_OK);
	assert_int_equal(mails_to("reset-a"), 1);
	assert_int_equal(audits("auth.reset_failed", "nobody-here"), 1);

	/* A second right request voids the first link. */
	assert_int_equal(password_reset_request(&d, "reset-a", "reset-a@example.jp"), DOM_OK);
	assert_int_equal(mails_to("reset-a"), 2);
	assert_int_equal(password_reset_link(&d, first, &l), DOM_NOT_FOUND);
	assert_int_equal(password_reset_link(&d, mailed_token(a, "reset-a"), &l), DOM_OK);

	/* Input refused before anything is looked up. */
	visitor(&d, a);
	assert_int_equal(password_reset_request(&d, "", "reset-a@example.jp"), DOM_INVALID);
	assert_string_equal(dom_error(&d, "user_id"),
	                    "Enter your user ID (40 characters at most).");
	visitor(&d, a);
	assert_int_equal(password_reset_request(&d, "reset-a", "no-address"), DOM_INVALID);
	assert_string_equal(dom_error(&d, "email"), "Enter a valid e-mail address.");
	assert_null(dom_error(&d, "user_id"));
	visitor(&d, a);
	assert_int_equal(password_reset_check_id(&d, "0123456789012345678901234567890123456789x"),
	                 DOM_INVALID);
	assert_int_equal(mails_to("reset-a"), 2);
	arena_free(a);
}

static void
test_disabled_user_gets_no_link(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	int64_t id = user("reset-off", LANG_JA);
	assert_int_equal(contact_set_disabled(db, id, customer, true), 0);
	visitor(&d, a);
	assert_int_equal(password_reset_request(&d, "reset-off", "reset-off@example.jp"), DOM_OK);
	assert_int_equal(mails_to("reset-off"), 0);
	arena_free(a);
}

static void
test_failed_verifications_block(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	user("reset-b", LANG_JA);
	for (int i = 0; i < RESET_FAILURES; i++) {
		visitor(&d, a);
		assert_int_equal(password_reset_request(&d, "reset-b", "wrong@example.jp"), DOM_OK);
	}
	assert_int_equal(audits("auth.reset_failed", "reset-b"), RESET_FAILURES);
	/* Blocked: even the right address is refused, and nothing is counted or sent. */
	visitor(&d, a);
	assert_int_equal(password_reset_request(&d, "reset-b", "reset-b@example.jp"), DOM_CONFLICT);
	assert_non_null(strstr(d.message, "Reset is unavailable for 20 minutes"));
	assert_int_equal(mails_to("reset-b"), 0);
	assert_int_equal(audits("auth.reset_failed", "reset-b"), RESET_FAILURES);
	/* The block ends. */
	assert_int_equal(db_exec(db, "UPDATE login_guards SET reset_blocked_until = 1 "
	                             "WHERE login = 'reset-b'"),
	                 0);
	visitor(&d, a);
	assert_int_equal(password_reset_request(&d, "reset-b", "reset-b@example.jp"), DOM_OK);
	assert_int_equal(mails_to("reset-b"), 1);
	arena_free(a);
}

static void
test_link_expires(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	int64_t id = user("reset-c", LANG_JA);
	char *raw = token_create(db, "reset", id, RESET_TOKEN_SECONDS, NULL, a);
	assert_non_null(raw);
	visitor(&d, a);
	struct reset_link l;
	assert_int_equal(password_reset_link(&d, raw, &l), DOM_OK);
	assert_int_equal(l.u.id, id);
	assert_int_equal(db_exec(db,
	                         "UPDATE user_tokens SET expires_at = 1 WHERE kind = 'reset' "
	                         "AND user_id = (SELECT id FROM users WHERE login = 'reset-c')"),
	                 0);
	assert_int_equal(password_reset_link(&d, raw, &l), DOM_NOT_FOUND);
	bool failed[RULE__MAX];
	assert_int_equal(password_reset_complete(&d, raw, STRONG, STRONG, &l, failed),
	                 DOM_NOT_FOUND);
	assert_int_equal(password_reset_link(&d, "no-such-token", &l), DOM_NOT_FOUND);
	assert_int_equal(audits("auth.password_reset", "reset-c"), 0);
	arena_free(a);
}

static void
test_weak_password_refused(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	int64_t id = user("reset-d", LANG_JA);
	char *raw = token_create(db, "reset", id, RESET_TOKEN_SECONDS, NULL, a);
	struct reset_link l;
	bool failed[RULE__MAX];
	visitor(&d, a);
	assert_int_equal(password_reset_complete(&d, raw, "password", "password", &l, failed),
	                 DOM_INVALID);
	assert_string_equal(dom_error(&d, "password"),
	                    "The password does not meet the rules below.");
	assert_true(failed[RULE_LENGTH]);
	assert_false(failed[RULE_CONFIRM]);
	assert_int_equal(l.u.id, id);
	visitor(&d, a);
	assert_int_equal(password_reset_complete(&d, raw, STRONG, STRONG "x", &l, failed),
	                 DOM_INVALID);
	assert_true(failed[RULE_CONFIRM]);
	visitor(&d, a);
	assert_int_equal(
	    password_reset_complete(&d, raw, "reset-d-Kx7#mPq2!", "reset-d-Kx7#mPq2!", &l, failed),
	    DOM_INVALID);
	assert_true(failed[RULE_PERSONAL]);
	/* Nothing changed: the link still works. */
	assert_int_equal(password_reset_link(&d, raw, &l), DOM_OK);
	assert_int_equal(audits("auth.password_reset", "reset-d"), 0);
	arena_free(a);
}

static void
test_completed_reset(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	int64_t id = user("reset-e", LANG_JA);
	int64_t now = clock_now();
	assert_int_equal(session_rows_insert(db, "session-e-1", id, now, "192.0.2.1", "ua"), 0);
	assert_int_equal(session_rows_insert(db, "session-e-2", id, now, "192.0.2.2", "ua"), 0);
	char *trust = token_create(db, "trust", id, TRUST_SECONDS, NULL, a);
	assert_non_null(trust);
	/* Locked for sign-in: the reset pages say so, and the reset unlocks. */
	assert_true(guard_login_failed(db, "reset-e", 1, now + LOCK_SECONDS) == 1);
	visitor(&d, a);
	assert_true(password_reset_id_locked(&d, "RESET-E"));

	assert_int_equal(password_reset_request(&d, "reset-e", "reset-e@example.jp"), DOM_OK);
	char *raw = mailed_token(a, "reset-e");
	struct reset_link l;
	bool failed[RULE__MAX];
	visitor(&d, a);
	assert_int_equal(password_reset_complete(&d, raw, STRONG, STRONG, &l, failed), DOM_OK);
	assert_int_equal(l.u.id, id);
	assert_int_equal(mails_to("reset-e"), 2); /* the link, then the confirmation */
	assert_int_equal(audits("auth.password_reset", "reset-e"), 1);

	struct user_auth ua;
	assert_int_equal(users_auth_by_login(db, "reset-e", a, &ua), 1);
	assert_true(password_verify(ua.password_hash, STRONG));
	/* Every session ended, the trusted browser forgotten, the ID unlocked. */
	int64_t created, seen;
	struct user su;
	assert_int_equal(session_rows_get(db, "session-e-1", a, &created, &seen, &su), 0);
	assert_int_equal(session_rows_get(db, "session-e-2", a, &created, &seen, &su), 0);
	struct token t;
	assert_int_equal(token_find(db, "trust", trust, a, &t), 1);
	assert_true(t.used);
	assert_false(password_reset_id_locked(&d, "reset-e"));

	/* The link is single-use. */
	visitor(&d, a);
	assert_int_equal(password_reset_link(&d, raw, &l), DOM_NOT_FOUND);
	assert_int_equal(password_reset_complete(&d, raw, STRONG "2", STRONG "2", &l, failed),
	                 DOM_NOT_FOUND);
	assert_int_equal(audits("auth.password_reset", "reset-e"), 1);

	/* The pause: the same answer, but no link for 24 hours. */
	assert_int_equal(password_reset_request(&d, "reset-e", "reset-e@example.jp"), DOM_OK);
	assert_int_equal(mails_to("reset-e"), 2);
	assert_int_equal(audits("auth.reset_paused", "reset-e"), 1);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_request_answers_alike),
	    cmocka_unit_test(test_disabled_user_gets_no_link),
	    cmocka_unit_test(test_failed_verifications_block),
	    cmocka_unit_test(test_link_expires),
	    cmocka_unit_test(test_weak_password_refused),
	    cmocka_unit_test(test_completed_reset),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
