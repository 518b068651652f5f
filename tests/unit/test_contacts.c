/*
 * Unit tests of the contact operations (src/accounts/contacts.h) on a real
 * SQLite database in a temporary directory: who may manage contacts (a
 * customer admin, for their own company only: another customer's user is
 * DOM_NOT_FOUND like a missing one, a non-admin is DOM_FORBIDDEN), the rules
 * of each field and of the user ID, the invitation mail, the audit events,
 * and disabling and enabling a login (enabling clears a lockout).
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

#include "accounts/contacts.h"
#include "app.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "mail/outbox.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/guards.h"
#include "store/migrate.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-contacts-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t aoba, kamome;
static int64_t aoba_admin, aoba_user, kamome_admin, kamome_user, agent;

static int64_t
user(const char *login, int64_t customer, bool admin)
{
	char email[64];
	snprintf(email, sizeof(email), "%s@example.jp", login);
	return users_insert(db, &(struct new_user){.login = login,
	                                           .name = login,
	                                           .email = email,
	                                           .customer_id = customer,
	                                           .is_admin = admin,
	                                           .lang = LANG_JA});
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
	aoba = customers_insert(db, "N200000001", "あおば商事株式会社");
	kamome = customers_insert(db, "N200000002", "かもめ物流株式会社");
	aoba_admin = user("aoba-admin", aoba, true);
	aoba_user = user("aoba-user", aoba, false);
	kamome_admin = user("kamome-admin", kamome, true);
	kamome_user = user("kamome-user", kamome, false);
	agent = user("agent", 0, false);
	return aoba > 0 && kamome > 0 && aoba_user > 0 && kamome_user > 0 && agent > 0 ? 0 : -1;
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

/* The address of the newest mail of the outbox. */
static const char *
last_mail_to(struct arena *a)
{
	int64_t ids[256];
	int n = outbox_due(db, clock_now() + 86400, ids, 256);
	assert_true(n > 0);
	int64_t newest = ids[0];
	for (int i = 1; i < n; i++)
		if (ids[i] > newest)
			newest = ids[i];
	struct outbox_item it;
	assert_int_equal(outbox_get(db, newest, a, &it), 0);
	return it.to_addr;
}

/* The audit events named event whose detail names the user id. */
static int64_t
audited(const char *event, int64_t id)
{
	struct dbq *q = db_prepare(db, "SELECT count(*) FROM audit_events WHERE event = ?1 AND "
	                               "(detail = ?2 OR detail LIKE ?2 || ' %')");
	assert_non_null(q);
	char who[32];
	snprintf(who, sizeof(who), "user=%lld", (long long)id);
	q_bind_text(q, 1, event);
	q_bind_text(q, 2, who);
	assert_int_equal(q_step(q), DB_ROW);
	int64_t n = q_int(q, 0);
	q_finalize(q);
	return n;
}

/* A string of n copies of the three-byte character あ. */
static char *
japanese(struct arena *a, int n)
{
	char *s = arena_alloc(a, (size_t)n * 3 + 1);
	for (int i = 0; i < n; i++)
		memcpy(s + i * 3, "あ", 3);
	s[n * 3] = '\0';
	return s;
}

static struct contact_in
valid(const char *login, const char *email)
{
	return (struct contact_in){.person = {.name = "山田 太郎",
	                                      .email = email,
	                                      .title = "課長",
	                                      .phone_work = "03-1234-5678",
	                                      .lang = "ja",
	                                      .time_zone = "Asia/Tokyo"},
	                           .login = login,
	                           .mfa_required = true};
}

static void
test_create(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	as(&d, a, aoba_admin);
	int before = mails_queued();
	struct contact_in in = valid("  Taro@Example.co.jp.CS ", " taro@example.co.jp ");
	int64_t id = 0;
	assert_int_equal(contact_create(&d, &in, &id), DOM_OK);
	assert_true(id > 0);
	/* The invitation is queued to the new user; the event is recorded. */
	assert_int_equal(mails_queued(), before + 1);
	assert_string_equal(last_mail_to(a), "taro@example.co.jp");
	assert_int_equal(audited("account.created", id), 1);
	/* Stored as the rules read it: trimmed, the user ID lower-cased. */
	as(&d, a, aoba_admin);
	struct contact c;
	assert_int_equal(contact_find(&d, id, &c), DOM_OK);
	assert_string_equal(c.u.login, "taro@example.co.jp.cs");
	assert_string_equal(c.u.email, "taro@example.co.jp");
	assert_string_equal(c.u.title, "課長");
	assert_int_equal(c.u.customer_id, aoba);
	assert_true(c.u.mfa_required);
	assert_false(c.u.is_admin);
	/* No language nor time zone sent: Japanese and the default zone. */
	as(&d, a, aoba_admin);
	in = valid("hanako.cs", "hanako@example.co.jp");
	in.person.lang = NULL;
	in.person.time_zone = NULL;
	assert_int_equal(contact_create(&d, &in, &id), DOM_OK);
	assert_int_equal(contact_find(&d, id, &c), DOM_OK);
	assert_int_equal(c.u.lang, LANG_JA);
	assert_string_equal(c.u.time_zone, "Asia/Tokyo");
	arena_free(a);
}

/* Creating with in refused on field with msgid; nothing is created. */
static void
refused(struct arena *a, struct contact_in in, const char *field, const char *msgid)
{
	struct dom d;
	as(&d, a, aoba_admin);
	int before = mails_queued();
	int64_t id = -1;
	assert_int_equal(contact_create(&d, &in, &id), DOM_INVALID);
	assert_int_equal(id, 0);
	assert_non_null(dom_error(&d, field));
	if (msgid)
		assert_string_equal(dom_error(&d, field), msgid);
	assert_int_equal(mails_queued(), before);
	assert_int_equal(users_login_taken(db, in.login ? in.login : "", 0), 0);
}

static void
test_invalid_fields(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct contact_in in = valid("x1.cs", "x1@example.co.jp");
	in.person.name = "";
	refused(a, in, "name", "Enter the name.");
	in.person.name = " \t ";
	refused(a, in, "name", "Enter the name.");
	in.person.name = "　　"; /* U+3000, the ideographic space */
	refused(a, in, "name", "Enter the name.");
	in.person.name = japanese(a, 101);
	refused(a, in, "name", "Enter a name of 100 characters at most.");
	in.person.name = "山田\n太郎";
	refused(a, in, "name", "Enter a name of 100 characters at most.");
	in = valid("x1.cs", "");
	refused(a, in, "email", "Enter the e-mail address.");
	in = valid("x1.cs", "not-an-address");
	refused(a, in, "email", "Enter a valid e-mail address.");
	in = valid("x1.cs", "x1@example.co.jp");
	in.person.title = japanese(a, 101);
	refused(a, in, "title", "Enter a title of 100 characters at most.");
	static const char phone[] =
	    "Enter a telephone number with digits, spaces and + - ( ) only, 30 "
	    "characters at most.";
	in = valid("x1.cs", "x1@example.co.jp");
	in.person.phone_work = "<b>1</b>";
	refused(a, in, "phone_work", phone);
	in = valid("x1.cs", "x1@example.co.jp");
	in.person.phone_mobile = "090-1234-ABCD";
	refused(a, in, "phone_mobile", phone);
	in.person.phone_mobile = "0123456789012345678901234567890"; /* 31 */
	refused(a, in, "phone_mobile", phone);
	in = valid("x1.cs", "x1@example.co.jp");
	in.person.lang = "fr";
	refused(a, in, "lang", "Choose a language from the list.");
	in = valid("x1.cs", "x1@example.co.jp");
	in.person.time_zone = "Mars/Olympus";
	refused(a, in, "time_zone", "Choose a time zone from the list.");
	/* The user ID: printable ASCII without spaces, 40 bytes at most. */
	static const char login_rule[] = "Use 1 to 40 characters for the user ID: letters, digits "
	                                 "and symbols, without spaces.";
	in = valid("jiro sato", "x1@example.co.jp");
	refused(a, in, "user_id", login_rule);
	in = valid("山田.cs", "x1@example.co.jp");
	refused(a, in, "user_id", login_rule);
	in = valid("ab123456789012345678901234567890123456789", "x1@example.co.jp"); /* 41 */
	refused(a, in, "user_id", login_rule);
	/* Every field's error at once. */
	struct dom d;
	as(&d, a, aoba_admin);
	in = valid("bad id", "bad");
	in.person.name = "";
	in.person.phone_work = "<b>1</b>";
	int64_t id;
	assert_int_equal(contact_create(&d, &in, &id), DOM_INVALID);
	assert_non_null(dom_error(&d, "name"));
	assert_non_null(dom_error(&d, "email"));
	assert_non_null(dom_error(&d, "user_id"));
	assert_non_null(dom_error(&d, "phone_work"));
	assert_null(dom_error(&d, "title"));
	arena_free(a);
}

static void
test_name_counts_characters(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	as(&d, a, aoba_admin);
	struct contact_in in = valid("hundred.cs", "hundred@example.co.jp");
	in.person.name = japanese(a, 100); /* 300 bytes */
	in.person.title = japanese(a, 100);
	int64_t id;
	assert_int_equal(contact_create(&d, &in, &id), DOM_OK);
	as(&d, a, aoba_admin);
	in = valid("hundred-one.cs", "hundred@example.co.jp");
	in.person.name = japanese(a, 101);
	assert_int_equal(contact_create(&d, &in, &id), DOM_INVALID);
	assert_string_equal(dom_error(&d, "name"), "Enter a name of 100 characters at most.");
	arena_free(a);
}

static void
test_user_id_proposal_and_uniqueness(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	/* The recommendation: the address plus .cs, cut to 37 first, lower-cased. */
	assert_string_equal(contact_propose_login(a, "Taro.Yamada@Example.co.jp"),
	                    "taro.yamada@example.co.jp.cs");
	const char *longer = "a.very.long.mailbox.name@example-corp.co.jp"; /* 42 */
	char *p = contact_propose_login(a, longer);
	assert_int_equal(strlen(p), 40);
	assert_int_equal(strncmp(p, longer, 37), 0);
	assert_true(contact_login_valid(p));
	/* An empty user ID gets the recommended one filled in; nothing is created. */
	struct dom d;
	as(&d, a, aoba_admin);
	struct contact_in in = valid("", "suzuki@example.co.jp");
	int64_t id;
	assert_int_equal(contact_create(&d, &in, &id), DOM_INVALID);
	assert_string_equal(in.login, "suzuki@example.co.jp.cs");
	assert_string_equal(dom_error(&d, "user_id"),
	                    "Enter a user ID. The recommended one has been filled in: check it and "
	                    "send the form again.");
	assert_int_equal(users_login_taken(db, "suzuki@example.co.jp.cs", 0), 0);
	/* Without a valid address there is nothing to recommend. */
	as(&d, a, aoba_admin);
	in = valid("", "suzuki");
	assert_int_equal(contact_create(&d, &in, &id), DOM_INVALID);
	assert_string_equal(dom_error(&d, "user_id"), "Enter a user ID.");
	/* Unique across the portal, whatever its case, other customers included. */
	static const char taken[] =
	    "This user ID is already in use. User IDs are unique across the "
	    "whole portal, other customers included.";
	as(&d, a, aoba_admin);
	in = valid("KAMOME-USER", "dup@example.co.jp");
	assert_int_equal(contact_create(&d, &in, &id), DOM_INVALID);
	assert_string_equal(dom_error(&d, "user_id"), taken);
	/* The same on the edit form; a contact keeps its own user ID. */
	as(&d, a, aoba_admin);
	in = valid("aoba-admin", "aoba-user@example.jp");
	struct contact c;
	assert_int_equal(contact_save(&d, aoba_user, &in, &c), DOM_INVALID);
	assert_string_equal(dom_error(&d, "user_id"), taken);
	assert_string_equal(c.u.login, "aoba-user");
	as(&d, a, aoba_admin);
	in = valid("aoba-user", "aoba-user@example.jp");
	assert_int_equal(contact_save(&d, aoba_user, &in, &c), DOM_OK);
	assert_string_equal(c.u.name, "山田 太郎");
	assert_int_equal(audited("account.updated", aoba_user), 1);
	/* Saving what is stored changes nothing and records nothing. */
	as(&d, a, aoba_admin);
	in = valid("aoba-user", "aoba-user@example.jp");
	assert_int_equal(contact_save(&d, aoba_user, &in, &c), DOM_OK);
	assert_int_equal(audited("account.updated", aoba_user), 1);
	arena_free(a);
}

static void
test_email_change_mails_the_old_address(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	as(&d, a, aoba_admin);
	int64_t id;
	struct contact_in in = valid("mover.cs", "old@example.co.jp");
	assert_int_equal(contact_create(&d, &in, &id), DOM_OK);
	int before = mails_queued();
	as(&d, a, aoba_admin);
	in = valid("mover.cs", "new@example.co.jp");
	struct contact c;
	assert_int_equal(contact_save(&d, id, &in, &c), DOM_OK);
	assert_string_equal(c.u.email, "new@example.co.jp");
	assert_int_equal(mails_queued(), before + 1);
	assert_string_equal(last_mail_to(a), "old@example.co.jp");
	assert_int_equal(audited("account.email_changed", id), 1);
	arena_free(a);
}

static void
test_who_may_manage(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	int64_t id;
	struct contact c;
	struct contact_in in;
	/* A customer user who is not an admin, and staff: DOM_FORBIDDEN (the pages' 404). */
	int64_t nobody[] = {aoba_user, agent};
	for (size_t i = 0; i < sizeof(nobody) / sizeof(nobody[0]); i++) {
		as(&d, a, nobody[i]);
		in = valid("sneaky.cs", "sneaky@example.co.jp");
		assert_int_equal(contact_create(&d, &in, &id), DOM_FORBIDDEN);
		as(&d, a, nobody[i]);
		assert_int_equal(contact_find(&d, aoba_admin, &c), DOM_FORBIDDEN);
		as(&d, a, nobody[i]);
		assert_int_equal(contact_disable(&d, aoba_admin, NULL), DOM_FORBIDDEN);
		as(&d, a, nobody[i]);
		in = valid("aoba-admin", "aoba-admin@example.jp");
		assert_int_equal(contact_save(&d, aoba_admin, &in, NULL), DOM_FORBIDDEN);
	}
	assert_int_equal(users_login_taken(db, "sneaky.cs", 0), 0);
	/* The system (nobody signed in) neither. */
	memset(&d, 0, sizeof(d));
	d.app = &app;
	d.a = a;
	in = valid("system.cs", "system@example.co.jp");
	assert_int_equal(contact_create(&d, &in, &id), DOM_FORBIDDEN);
	arena_free(a);
}

static void
test_other_customer_is_not_found(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct contact c;
	struct user before, after;
	assert_int_equal(users_get(db, kamome_user, a, &before), 1);
	int64_t targets[] = {kamome_user, 999999, 0, -1};
	for (size_t i = 0; i < sizeof(targets) / sizeof(targets[0]); i++) {
		int64_t t = targets[i];
		as(&d, a, aoba_admin);
		assert_int_equal(contact_find(&d, t, &c), DOM_NOT_FOUND);
		as(&d, a, aoba_admin);
		struct contact_in in = valid("evil@example.com.cs", "evil@example.com");
		in.is_admin = true;
		assert_int_equal(contact_save(&d, t, &in, &c), DOM_NOT_FOUND);
		as(&d, a, aoba_admin);
		assert_int_equal(contact_disable(&d, t, &c), DOM_NOT_FOUND);
		as(&d, a, aoba_admin);
		assert_int_equal(contact_enable(&d, t, &c), DOM_NOT_FOUND);
		as(&d, a, aoba_admin);
		assert_int_equal(contact_remove_authenticator(&d, t, &c), DOM_NOT_FOUND);
	}
	assert_int_equal(users_get(db, kamome_user, a, &after), 1);
	assert_string_equal(after.login, before.login);
	assert_string_equal(after.name, before.name);
	assert_string_equal(after.email, before.email);
	assert_int_equal(after.is_admin, before.is_admin);
	assert_int_equal(after.disabled, before.disabled);
	/* No trace of the attempts. */
	assert_int_equal(audited("account.updated", kamome_user), 0);
	assert_int_equal(audited("account.disabled", kamome_user), 0);
	assert_int_equal(audited("account.enabled", kamome_user), 0);
	assert_int_equal(audited("account.mfa_removed", kamome_user), 0);
	/* Their own admin finds them. */
	as(&d, a, kamome_admin);
	assert_int_equal(contact_find(&d, kamome_user, &c), DOM_OK);
	arena_free(a);
}

static void
test_disable_enable_clears_lockout(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct contact c;
	/* An admin cannot disable their own login. */
	as(&d, a, aoba_admin);
	assert_int_equal(contact_disable(&d, aoba_admin, &c), DOM_CONFLICT);
	assert_string_equal(d.message, "You cannot disable your own login.");
	assert_false(c.u.disabled);

	as(&d, a, aoba_admin);
	assert_int_equal(contact_disable(&d, aoba_user, &c), DOM_OK);
	assert_true(c.u.disabled);
	assert_int_equal(audited("account.disabled", aoba_user), 1);
	as(&d, a, aoba_admin);
	assert_int_equal(contact_find(&d, aoba_user, &c), DOM_OK);
	assert_true(c.u.disabled);
	/* Disabling again changes nothing. */
	as(&d, a, aoba_admin);
	assert_int_equal(contact_disable(&d, aoba_user, &c), DOM_OK);
	assert_int_equal(audited("account.disabled", aoba_user), 1);
	as(&d, a, aoba_admin);
	assert_int_equal(contact_enable(&d, aoba_user, &c), DOM_OK);
	assert_false(c.u.disabled);
	assert_int_equal(audited("account.enabled", aoba_user), 1);

	/* Five wrong passwords lock the user ID; enabling unlocks it. */
	for (int i = 0; i < 5; i++)
		assert_true(guard_login_failed(db, "aoba-user", 5, clock_now() + 900) >= 0);
	as(&d, a, aoba_admin);
	assert_int_equal(contact_find(&d, aoba_user, &c), DOM_OK);
	assert_true(c.locked);
	assert_false(c.u.disabled);
	as(&d, a, aoba_admin);
	assert_int_equal(contact_enable(&d, aoba_user, &c), DOM_OK);
	assert_false(c.locked);
	struct guard g;
	assert_int_equal(guard_get(db, "aoba-user", &g), 0);
	assert_true(g.locked_until <= clock_now());
	as(&d, a, aoba_admin);
	assert_int_equal(contact_find(&d, aoba_user, &c), DOM_OK);
	assert_false(c.locked);
	assert_int_equal(audited("account.enabled", aoba_user), 2);
	arena_free(a);
}

static void
test_remove_authenticator(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct contact c;
	assert_int_equal(users_totp_set_pending(db, aoba_user, "sealed"), 0);
	assert_int_equal(users_totp_confirm(db, aoba_user, 1), 0);
	as(&d, a, aoba_admin);
	assert_int_equal(contact_find(&d, aoba_user, &c), DOM_OK);
	assert_true(c.u.has_totp);
	as(&d, a, aoba_admin);
	assert_int_equal(contact_remove_authenticator(&d, aoba_user, &c), DOM_OK);
	assert_false(c.u.has_totp);
	assert_int_equal(audited("account.mfa_removed", aoba_user), 1);
	as(&d, a, aoba_admin);
	assert_int_equal(contact_find(&d, aoba_user, &c), DOM_OK);
	assert_false(c.u.has_totp);
	arena_free(a);
}

static void
test_last_admin_keeps_the_flag(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct contact c;
	/* kamome-admin is the only admin of かもめ. */
	as(&d, a, kamome_admin);
	struct contact_in in = valid("kamome-admin", "kamome-admin@example.jp");
	in.is_admin = false;
	assert_int_equal(contact_save(&d, kamome_admin, &in, &c), DOM_CONFLICT);
	assert_non_null(d.message);
	assert_true(c.u.is_admin);
	as(&d, a, kamome_admin);
	assert_int_equal(contact_find(&d, kamome_admin, &c), DOM_OK);
	assert_true(c.u.is_admin);
	/* Once another user is an admin, stepping down works. */
	as(&d, a, kamome_admin);
	in = valid("kamome-user", "kamome-user@example.jp");
	in.is_admin = true;
	assert_int_equal(contact_save(&d, kamome_user, &in, &c), DOM_OK);
	assert_true(c.u.is_admin);
	as(&d, a, kamome_admin);
	in = valid("kamome-admin", "kamome-admin@example.jp");
	assert_int_equal(contact_save(&d, kamome_admin, &in, &c), DOM_OK);
	assert_false(c.u.is_admin);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_create),
	    cmocka_unit_test(test_invalid_fields),
	    cmocka_unit_test(test_name_counts_characters),
	    cmocka_unit_test(test_user_id_proposal_and_uniqueness),
	    cmocka_unit_test(test_email_change_mails_the_old_address),
	    cmocka_unit_test(test_who_may_manage),
	    cmocka_unit_test(test_other_customer_is_not_found),
	    cmocka_unit_test(test_disable_enable_clears_lockout),
	    cmocka_unit_test(test_remove_authenticator),
	    cmocka_unit_test(test_last_admin_keeps_the_flag),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
