/*
 * Unit tests of the user's own account operations (src/accounts/profile.c)
 * and the person rules they share with the contacts pages, on a real SQLite
 * database in a temporary directory: field rules (characters, not bytes;
 * the ideographic space; markup in a phone), the e-mail change through its
 * link, the password change ending the other sessions only, and pairing and
 * removing an authenticator app.
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
#include <sqlite3.h>

#include "accounts/profile.h"
#include "app.h"
#include "auth/mfa.h"
#include "auth/password.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "mail/outbox.h"
#include "store/audit.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/sessions.h"
#include "store/settings.h"
#include "store/tokens.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-profile-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t aoba, taro, hanako;

#define PASSWORD "Hareta-Sora-2026!x"

static int64_t
user(const char *login)
{
	char email[64], hash[PASSWORD_HASH_MAX];
	snprintf(email, sizeof(email), "%s@aoba.example.jp", login);
	if (password_hash(PASSWORD, hash) != 0)
		return -1;
	return users_insert(db, &(struct new_user){.login = login,
	                                           .name = login,
	                                           .email = email,
	                                           .customer_id = aoba,
	                                           .lang = LANG_JA,
	                                           .password_hash = hash});
}

static int
group_setup(void **state)
{
	(void)state;
	if (fixture_db_open(tmpdir, dbpath, sizeof(dbpath), &db) != 0)
		return -1;
	app.cfg.base_url = "http://127.0.0.1:8080";
	app.cfg.mail_from = "Portal <portal@example.jp>";
	app.provider_name = "株式会社見晴らし";
	app.provider_short = "見晴らし";
	for (size_t i = 0; i < sizeof(app.seal_key); i++)
		app.seal_key[i] = (unsigned char)i;
	aoba = customers_insert(db, "N200000001", "あおば商事株式会社");
	taro = user("taro");
	hanako = user("hanako");
	return aoba > 0 && taro > 0 && hanako > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

static void
as(struct dom *d, struct arena *a, int64_t id)
{
	fixture_as(d, a, &app, db, id);
}

static int
mails_queued(void)
{
	return fixture_mails_queued(db);
}

static int64_t
audited(const char *event)
{
	return fixture_audited(dbpath, event);
}

static char *
japanese(struct arena *a, int n)
{
	char *s = arena_alloc(a, (size_t)n * 3 + 1);
	for (int i = 0; i < n; i++)
		memcpy(s + i * 3, "あ", 3);
	s[n * 3] = '\0';
	return s;
}

static struct person_input
valid_input(const char *email)
{
	return (struct person_input){.name = "青葉 太郎",
	                             .email = email,
	                             .title = "情報システム部",
	                             .phone_work = "+81 3-1234-5678",
	                             .phone_mobile = "",
	                             .time_zone = "Asia/Tokyo",
	                             .lang = "en"};
}

static void
test_person_rules(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	bool pending;
	struct person_input in = valid_input("taro@aoba.example.jp");
	in.name = "\xe3\x80\x80 "; /* only the ideographic space and a space */
	in.phone_work = "<b>03</b>";
	in.phone_mobile = "090\n1234";
	in.title = japanese(a, 101);
	in.lang = "fr";
	in.time_zone = "Mars/Olympus";
	as(&d, a, taro);
	assert_int_equal(profile_update(&d, &in, &pending), DOM_INVALID);
	assert_string_equal(dom_error(&d, "name"), "Enter the name.");
	assert_non_null(dom_error(&d, "phone_work"));
	assert_non_null(dom_error(&d, "phone_mobile"));
	assert_string_equal(dom_error(&d, "title"), "Enter a title of 100 characters at most.");
	assert_non_null(dom_error(&d, "lang"));
	assert_non_null(dom_error(&d, "time_zone"));
	assert_null(dom_error(&d, "email"));
	struct user u;
	assert_int_equal(users_get(db, taro, a, &u), 1);
	assert_string_equal(u.name, "taro"); /* nothing written */

	/* 100 characters of three bytes each are within the limit; 101 are not. */
	in = valid_input("taro@aoba.example.jp");
	in.name = japanese(a, 100);
	as(&d, a, taro);
	assert_int_equal(profile_update(&d, &in, &pending), DOM_OK);
	assert_false(pending);
	in.name = japanese(a, 101);
	as(&d, a, taro);
	assert_int_equal(profile_update(&d, &in, &pending), DOM_INVALID);
	assert_string_equal(dom_error(&d, "name"), "Enter a name of 100 characters at most.");

	/* A field the channel refused before the call changes nothing either. */
	in = valid_input("taro@aoba.example.jp");
	in.name = "refused by the form";
	as(&d, a, taro);
	dom_invalid(&d, "title", "Line breaks and control characters are not allowed.");
	assert_int_equal(profile_update(&d, &in, &pending), DOM_INVALID);
	assert_int_equal(users_get(db, taro, a, &u), 1);
	assert_string_not_equal(u.name, "refused by the form");

	/* The history keeps the name an event was recorded under. */
	struct history_row *h;
	assert_true(audit_history_page(db, aoba, taro, 0, clock_now() + 1, 1, 0, a, &h) == 1);
	const char *name_then = h[0].name;
	/* Surrounding spaces are not kept. */
	in = valid_input("taro@aoba.example.jp");
	in.name = "\xe3\x80\x80青葉 太郎 ";
	as(&d, a, taro);
	assert_int_equal(profile_update(&d, &in, &pending), DOM_OK);
	assert_int_equal(users_get(db, taro, a, &u), 1);
	assert_string_equal(u.name, "青葉 太郎");
	assert_true(audit_history_page(db, aoba, taro, 0, clock_now() + 1, 2, 0, a, &h) == 2);
	assert_string_equal(h[0].name, "青葉 太郎");
	assert_string_equal(h[1].name, name_then); /* not today's name */
	assert_string_not_equal(name_then, "青葉 太郎");
	assert_string_equal(u.phone_work, "+81 3-1234-5678");
	assert_int_equal(u.lang, LANG_EN);
	assert_true(person_phone_valid("(03) 1234.5678"));
	assert_false(person_phone_valid("03-1234-5678 内線 12"));
	assert_false(person_email_valid("taro@localhost"));
	assert_false(person_email_valid("taro <taro@example.jp>"));
	arena_free(a);
}

static void
test_email_change_waits_for_the_link(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	bool pending;
	int before = mails_queued();
	struct person_input in = valid_input("new-taro@example.jp");
	as(&d, a, taro);
	assert_int_equal(profile_update(&d, &in, &pending), DOM_OK);
	assert_true(pending);
	assert_int_equal(mails_queued(), before + 1);
	struct user u;
	assert_int_equal(users_get(db, taro, a, &u), 1);
	assert_string_equal(u.email, "taro@aoba.example.jp");

	/* The link of another user, or an unknown one, is not found. */
	char *raw = token_create(db, "email", taro, 3600, "new-taro@example.jp", a);
	assert_non_null(raw);
	as(&d, a, hanako);
	assert_int_equal(profile_email_confirm(&d, raw), DOM_NOT_FOUND);
	as(&d, a, taro);
	assert_int_equal(profile_email_confirm(&d, "no-such-token"), DOM_NOT_FOUND);
	as(&d, a, taro);
	assert_int_equal(profile_email_confirm(&d, raw), DOM_OK);
	assert_int_equal(users_get(db, taro, a, &u), 1);
	assert_string_equal(u.email, "new-taro@example.jp");
	as(&d, a, taro);
	assert_int_equal(profile_email_confirm(&d, raw), DOM_NOT_FOUND); /* single use */
	assert_true(audited("account.email_changed") >= 1);
	arena_free(a);
}

static void
test_password_change(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	bool failed[RULE__MAX];
	int64_t now = clock_now();
	char here[65], there[65];
	token_hash("session-here", here);
	token_hash("session-there", there);
	assert_int_equal(session_rows_insert(db, here, hanako, now, "127.0.0.1", "test"), 0);
	assert_int_equal(session_rows_insert(db, there, hanako, now, "127.0.0.2", "test"), 0);

	int64_t refusals = audited("auth.password_change_failed");
	as(&d, a, hanako);
	d.who.session_hash = here;
	assert_int_equal(profile_password_change(&d, "wrong", "Kamome-Butsuryu-77!q",
	                                         "Kamome-Butsuryu-77!q", failed),
	                 DOM_INVALID);
	assert_string_equal(d.message, "The current password is not correct.");
	assert_int_equal(audited("auth.password_change_failed"), refusals + 1);

	as(&d, a, hanako);
	assert_int_equal(profile_password_change(&d, PASSWORD, "short", "short", failed),
	                 DOM_INVALID);
	assert_true(failed[RULE_LENGTH]);
	/* The provider's name and the company's address are no better than the user ID. */
	assert_int_equal(settings_put(db, "password.context_words", "Miharashi MSOC"), 0);
	const char *guesses[] = {"Miharashi2025!", "MIHARASHI-Soc-2026", "Aobashoji-2026!",
	                         "あおば商事株式会社2026!"};
	for (size_t i = 0; i < sizeof(guesses) / sizeof(guesses[0]); i++) {
		as(&d, a, hanako);
		assert_int_equal(
		    profile_password_change(&d, PASSWORD, guesses[i], guesses[i], failed),
		    DOM_INVALID);
		assert_true(failed[RULE_PERSONAL]);
	}
	as(&d, a, hanako);
	assert_int_equal(profile_password_change(&d, PASSWORD, PASSWORD, PASSWORD, failed),
	                 DOM_INVALID);
	assert_string_equal(d.message, "Choose a password different from the current one.");

	as(&d, a, hanako);
	d.who.session_hash = here;
	assert_int_equal(profile_password_change(&d, PASSWORD, "Kamome-Butsuryu-77!q",
	                                         "Kamome-Butsuryu-77!q", failed),
	                 DOM_OK);
	int64_t created, seen;
	struct user u;
	assert_int_equal(session_rows_get(db, here, a, &created, &seen, &u), 1);
	assert_int_equal(session_rows_get(db, there, a, &created, &seen, &u), 0);
	struct user_auth ua;
	assert_int_equal(users_auth_by_login(db, "hanako", a, &ua), 1);
	assert_true(password_verify(ua.password_hash, "Kamome-Butsuryu-77!q"));
	arena_free(a);
}

static void
test_authenticator_pairing(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	as(&d, a, taro);
	assert_int_equal(profile_mfa_confirm(&d, "123456"), DOM_CONFLICT); /* nothing pending */
	as(&d, a, taro);
	assert_int_equal(profile_mfa_start(&d), DOM_OK);
	char *sealed = NULL, *pending = NULL;
	int64_t last = 0;
	assert_int_equal(users_totp_get(db, taro, a, &sealed, &pending, &last), 1);
	assert_null(sealed);
	assert_non_null(pending);
	unsigned char *secret = mfa_unseal(app.seal_key, pending, a);
	assert_non_null(secret);
	char code[7], wrong[16];
	assert_int_equal(mfa_totp_code(secret, clock_now(), code), 0);
	snprintf(wrong, sizeof(wrong), "%06d", (atoi(code) + 500000) % 1000000);
	as(&d, a, taro);
	assert_int_equal(profile_mfa_confirm(&d, wrong), DOM_INVALID);
	assert_non_null(d.message);
	as(&d, a, taro);
	assert_int_equal(profile_mfa_confirm(&d, code), DOM_OK);
	assert_int_equal(users_totp_get(db, taro, a, &sealed, &pending, &last), 1);
	assert_non_null(sealed);
	assert_true(audited("auth.mfa_enabled") >= 1);

	as(&d, a, taro);
	assert_int_equal(profile_mfa_remove(&d, "wrong"), DOM_INVALID);
	assert_int_equal(users_totp_get(db, taro, a, &sealed, &pending, &last), 1);
	assert_non_null(sealed);
	as(&d, a, taro);
	assert_int_equal(profile_mfa_remove(&d, PASSWORD), DOM_OK);
	assert_int_equal(users_totp_get(db, taro, a, &sealed, &pending, &last), 1);
	assert_null(sealed);
	arena_free(a);
}

static void
test_nobody_signed_in(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d = {.app = &app, .a = a};
	bool pending, failed[RULE__MAX];
	struct person_input in = valid_input("x@example.jp");
	assert_int_equal(profile_update(&d, &in, &pending), DOM_NOT_FOUND);
	assert_int_equal(profile_password_change(&d, "a", "b", "b", failed), DOM_NOT_FOUND);
	assert_int_equal(profile_mfa_start(&d), DOM_NOT_FOUND);
	assert_int_equal(profile_mfa_remove(&d, PASSWORD), DOM_NOT_FOUND);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_person_rules),
	    cmocka_unit_test(test_email_change_waits_for_the_link),
	    cmocka_unit_test(test_password_change),
	    cmocka_unit_test(test_authenticator_pairing),
	    cmocka_unit_test(test_nobody_signed_in),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
