/*
 * Unit tests of the account recovery and second-factor operations
 * (src/accounts/reset.c, src/accounts/mfa_signin.c) on a real SQLite
 * database in a temporary directory: the reset request answers the same for
 * a right and a wrong ID and address but mails only the right one, failed
 * verifications block reset, links are single-use and expire, the password
 * policy holds, a completed reset ends the user's sessions and trusted
 * browsers; TOTP codes are accepted once, wrong codes are counted up to the
 * limit, e-mail codes expire and resends wait; and the audit events.
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

#include "accounts/mfa_signin.h"
#include "accounts/reset.h"
#include "app.h"
#include "auth/limits.h"
#include "auth/mfa.h"
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
#include "domain_fixture.h"

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
	fixture_db_close(tmpdir);
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

/* A user with an authenticator app; its secret in *secret. */
static int64_t
totp_user(const char *login, struct arena *a, unsigned char **secret)
{
	int64_t id = user(login, LANG_EN);
	*secret = mfa_new_secret(a);
	char *sealed = mfa_seal(app.seal_key, *secret, a);
	assert_non_null(sealed);
	assert_int_equal(users_totp_set_pending(db, id, sealed), 0);
	assert_int_equal(users_totp_confirm(db, id, 0), 0);
	return id;
}

static void
attempt(const char *hash, int64_t user_id, const char *method)
{
	assert_int_equal(session_rows_insert_mfa(db, hash, user_id, clock_now(), "192.0.2.10",
	                                         "unit test", method, "/cases"),
	                 0);
}

/* A 6-digit code that none of the accepted steps has. */
static void
wrong_code(const unsigned char *secret, char out[7])
{
	char near[3][7];
	int64_t now = clock_now();
	for (int i = 0; i < 3; i++)
		assert_int_equal(mfa_totp_code(secret, now + (i - 1) * TOTP_STEP, near[i]), 0);
	/* "000000", "111111" …: three of them at most are taken. */
	for (char digit = '0'; digit <= '9'; digit++) {
		memset(out, digit, 6);
		out[6] = '\0';
		if (strcmp(out, near[0]) && strcmp(out, near[1]) && strcmp(out, near[2]))
			return;
	}
	fail();
}

static int64_t
failures(const char *hash, struct arena *a)
{
	struct mfa_row m;
	assert_int_equal(session_rows_get_mfa(db, hash, a, &m), 1);
	return m.failures;
}

static void
test_totp(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	unsigned char *secret;
	int64_t id = totp_user("mfa-a", a, &secret);
	attempt("attempt-a-1", id, "totp");
	visitor(&d, a);
	struct mfa_attempt at;
	assert_int_equal(mfa_attempt_get(&d, "attempt-a-1", &at), DOM_OK);
	assert_true(at.offers_totp);
	assert_true(at.offers_email); /* the e-mail code stays open to app users */
	assert_string_equal(at.email_masked, "mf***@example.jp");

	/* A wrong code is refused and counted. */
	char code[7];
	wrong_code(secret, code);
	struct mfa_signed_in in;
	assert_int_equal(mfa_verify(&d, "attempt-a-1", code, false, &in), MFA_VERIFY_WRONG);
	assert_string_equal(d.message, "The code is not correct, or it has expired.");
	assert_int_equal(failures("attempt-a-1", a), 1);
	assert_int_equal(audits("auth.mfa_failed", "mfa-a"), 1);

	/* The right code signs in, and may trust the browser. */
	assert_int_equal(mfa_totp_code(secret, clock_now(), code), 0);
	visitor(&d, a);
	assert_int_equal(mfa_verify(&d, "attempt-a-1", code, true, &in), MFA_VERIFY_OK);
	assert_int_equal(in.user_id, id);
	assert_int_equal(in.lang, LANG_EN);
	assert_string_equal(in.next, "/cases");
	assert_non_null(in.trust_token);
	struct token t;
	assert_int_equal(token_find(db, "trust", in.trust_token, a, &t), 1);
	assert_int_equal(t.user_id, id);
	assert_false(t.used);
	assert_int_equal(audits("auth.login", "mfa-a"), 1);

	/* The same step again, in another attempt: a replay. */
	attempt("attempt-a-2", id, "totp");
	visitor(&d, a);
	assert_int_equal(mfa_verify(&d, "attempt-a-2", code, false, &in), MFA_VERIFY_WRONG);
	assert_int_equal(failures("attempt-a-2", a), 1);
	assert_int_equal(audits("auth.login", "mfa-a"), 1);
	assert_int_equal(audits("auth.mfa_failed", "mfa-a"), 2);
	arena_free(a);
}

static void
test_too_many_wrong_codes(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	unsigned char *secret;
	int64_t id = totp_user("mfa-b", a, &secret);
	attempt("attempt-b", id, "totp");
	char code[7];
	wrong_code(secret, code);
	struct mfa_signed_in in;
	for (int i = 1; i < MFA_FAILURES; i++) {
		visitor(&d, a);
		assert_int_equal(mfa_verify(&d, "attempt-b", code, false, &in), MFA_VERIFY_WRONG);
	}
	visitor(&d, a);
	assert_int_equal(mfa_verify(&d, "attempt-b", code, false, &in), MFA_VERIFY_EXHAUSTED);
	assert_int_equal(audits("auth.mfa_failed", "mfa-b"), MFA_FAILURES);
	/* Even the right code is refused now, and not counted. */
	assert_int_equal(mfa_totp_code(secret, clock_now(), code), 0);
	assert_int_equal(mfa_verify(&d, "attempt-b", code, false, &in), MFA_VERIFY_GONE);
	assert_int_equal(in.user_id, 0);
	assert_int_equal(audits("auth.mfa_failed", "mfa-b"), MFA_FAILURES);
	assert_int_equal(audits("auth.login", "mfa-b"), 0);
	arena_free(a);
}

static void
test_attempt_lapses(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	unsigned char *secret;
	int64_t id = totp_user("mfa-c", a, &secret);
	attempt("attempt-c", id, "");
	visitor(&d, a);
	struct mfa_signed_in in;
	assert_int_equal(mfa_verify(&d, "attempt-c", "123456", false, &in), MFA_VERIFY_NO_METHOD);
	/* Only the methods the portal has. */
	assert_int_equal(mfa_choose(&d, "attempt-c", "sms"), DOM_INVALID);
	assert_string_equal(dom_error(&d, "method"), "Choose one of the methods offered.");
	visitor(&d, a);
	assert_int_equal(mfa_choose(&d, "attempt-c", "totp"), DOM_OK);
	struct mfa_attempt at;
	assert_int_equal(mfa_attempt_get(&d, "attempt-c", &at), DOM_OK);
	assert_string_equal(at.m.method, "totp");
	assert_int_equal(mails_to("mfa-c"), 0);

	assert_int_equal(db_exec(db, "UPDATE sessions SET created_at = created_at - 601 "
	                             "WHERE id_hash = 'attempt-c'"),
	                 0);
	assert_int_equal(mfa_attempt_get(&d, "attempt-c", &at), DOM_NOT_FOUND);
	char code[7];
	assert_int_equal(mfa_totp_code(secret, clock_now(), code), 0);
	assert_int_equal(mfa_verify(&d, "attempt-c", code, false, &in), MFA_VERIFY_GONE);
	assert_int_equal(mfa_verify(&d, "no-such-attempt", code, false, &in), MFA_VERIFY_GONE);
	arena_free(a);
}

/* The code of the latest sign-in mail to the user. */
static void
mailed_code(struct arena *a, const char *login, char out[7])
{
	char *t = last_mail_after(a, login, "Your verification code is ");
	assert_true(strspn(t, "0123456789") >= 6);
	memcpy(out, t, 6);
	out[6] = '\0';
}

static void
test_email_code(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	int64_t id = user("mfa-d", LANG_EN);
	assert_int_equal(db_exec(db, "UPDATE users SET mfa_required = 1 WHERE login = 'mfa-d'"), 0);
	/* The first code, when the password step ends in an e-mail attempt. */
	attempt("attempt-d-1", id, "email");
	visitor(&d, a);
	assert_int_equal(mfa_code_send(&d, "attempt-d-1"), DOM_OK);
	assert_int_equal(mails_to("mfa-d"), 1);
	assert_int_equal(audits("auth.mfa_code_sent", "mfa-d"), 1);
	char code[7];
	mailed_code(a, "mfa-d", code);
	/* A second one is a resend, and that waits. */
	assert_int_equal(mfa_code_send(&d, "attempt-d-1"), DOM_CONFLICT);
	assert_int_equal(mfa_resend(&d, "attempt-d-1"), DOM_CONFLICT);
	assert_string_equal(d.message, "Please wait before asking for another code.");
	assert_int_equal(mails_to("mfa-d"), 1);

	/* Bound to its attempt: the same digits mean nothing in another one. */
	attempt("attempt-d-2", id, "");
	visitor(&d, a);
	assert_int_equal(mfa_choose(&d, "attempt-d-2", "email"), DOM_OK);
	assert_int_equal(mails_to("mfa-d"), 2);
	struct mfa_signed_in in;
	char other[7];
	mailed_code(a, "mfa-d", other);
	if (strcmp(other, code) != 0) {
		assert_int_equal(mfa_verify(&d, "attempt-d-2", code, false, &in), MFA_VERIFY_WRONG);
		assert_int_equal(failures("attempt-d-2", a), 1);
	}
	/* Choosing again is not a resend. */
	assert_int_equal(mfa_choose(&d, "attempt-d-2", "email"), DOM_OK);
	assert_int_equal(mails_to("mfa-d"), 2);

	/* A resend after the wait: a new code, the count kept. */
	assert_int_equal(db_exec(db, "UPDATE sessions SET email_code_sent_at = email_code_sent_at "
	                             "- 30 WHERE id_hash = 'attempt-d-1'"),
	                 0);
	visitor(&d, a);
	const char *wrong = strcmp(code, "000000") == 0 ? "111-111" : "000-000";
	assert_int_equal(mfa_verify(&d, "attempt-d-1", wrong, false, &in), MFA_VERIFY_WRONG);
	assert_int_equal(mfa_resend(&d, "attempt-d-1"), DOM_OK);
	assert_int_equal(mails_to("mfa-d"), 3);
	assert_int_equal(audits("auth.mfa_code_sent", "mfa-d"), 3);
	mailed_code(a, "mfa-d", code);
	assert_int_equal(failures("attempt-d-1", a), 1);

	/* An expired code is refused; a live one, typed with a dash, accepted. */
	assert_int_equal(db_exec(db, "UPDATE sessions SET email_code_expires = 1 "
	                             "WHERE id_hash = 'attempt-d-1'"),
	                 0);
	visitor(&d, a);
	assert_int_equal(mfa_verify(&d, "attempt-d-1", code, false, &in), MFA_VERIFY_WRONG);
	char typed[8];
	snprintf(typed, sizeof(typed), "%.3s-%s", code, code + 3);
	assert_int_equal(db_exec(db, "UPDATE sessions SET email_code_expires = 4102444800 "
	                             "WHERE id_hash = 'attempt-d-1'"),
	                 0);
	assert_int_equal(mfa_verify(&d, "attempt-d-1", typed, false, &in), MFA_VERIFY_OK);
	assert_int_equal(in.user_id, id);
	assert_null(in.trust_token);
	assert_int_equal(audits("auth.login", "mfa-d"), 1);

	/* Resending for a TOTP attempt does nothing. */
	unsigned char *secret;
	int64_t tid = totp_user("mfa-e", a, &secret);
	attempt("attempt-e", tid, "totp");
	assert_int_equal(mfa_resend(&d, "attempt-e"), DOM_OK);
	assert_int_equal(mfa_code_send(&d, "attempt-e"), DOM_CONFLICT);
	assert_int_equal(mails_to("mfa-e"), 0);
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
	    cmocka_unit_test(test_totp),
	    cmocka_unit_test(test_too_many_wrong_codes),
	    cmocka_unit_test(test_attempt_lapses),
	    cmocka_unit_test(test_email_code),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
