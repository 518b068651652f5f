/*
 * Unit tests of staff management (src/accounts/staff_members.c) and of a
 * provider admin creating a customer's contact, on a real SQLite database:
 * who may act, the invitation's rules and mail, the last admin who cannot
 * step down, disabling oneself, a customer's user that is not staff, the
 * MFA rule and its setting.
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
#include "accounts/staff.h"
#include "app.h"
#include "core/arena.h"
#include "domain/domain.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/settings.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-staff-members-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t root, aoba, aoba_admin, kamome;

static int
group_setup(void **state)
{
	(void)state;
	if (fixture_db_open(tmpdir, dbpath, sizeof(dbpath), &db) != 0)
		return -1;
	fixture_app(&app);
	root = users_insert(db, &(struct new_user){.login = "root@provider.example",
	                                           .name = "見晴 一郎",
	                                           .email = "root@provider.example",
	                                           .is_admin = true,
	                                           .lang = LANG_JA});
	aoba = customers_insert(db, "N200000001", "あおば商事株式会社");
	kamome = customers_insert(db, "N200000002", "かもめ運輸株式会社");
	aoba_admin = users_insert(db, &(struct new_user){.login = "admin@aoba.example.cs",
	                                                 .name = "青葉 花子",
	                                                 .email = "admin@aoba.example",
	                                                 .customer_id = aoba,
	                                                 .is_admin = true,
	                                                 .lang = LANG_JA});
	return root > 0 && aoba > 0 && kamome > 0 && aoba_admin > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

static int64_t
invite(struct arena *a, const char *name, const char *email, const char *login, bool admin,
       int expect)
{
	struct dom d;
	fixture_as(&d, a, &app, db, root);
	struct staff_in in = {
	    .name = name, .email = email, .login = login, .lang = "ja", .is_admin = admin};
	int64_t id = 0;
	assert_int_equal(staff_invite(&d, &in, &id), expect);
	return id;
}

static void
test_invite_rules_and_mail(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int mails = fixture_mails_queued(db);
	int64_t agent = invite(a, " 窓口 花子 ", "Agent@Provider.example", "", false, DOM_OK);
	assert_true(agent > 0);
	assert_int_equal(fixture_mails_queued(db), mails + 1);
	struct user u;
	assert_int_equal(staff_get(db, agent, a, &u), 1);
	assert_string_equal(u.login, "agent@provider.example"); /* the address, lower-cased */
	assert_string_equal(u.name, "窓口 花子");
	assert_false(u.is_admin);
	assert_true(u.is_staff);
	assert_int_equal(fixture_audited(dbpath, "account.created"), 1);

	/* Taken, blank, malformed: refused with each field's error, nothing made. */
	struct dom d;
	fixture_as(&d, a, &app, db, root);
	struct staff_in in = {
	    .name = "\xe3\x80\x80", .email = "x", .login = "AGENT@provider.example", .lang = "fr"};
	int64_t id = 0;
	assert_int_equal(staff_invite(&d, &in, &id), DOM_INVALID);
	assert_non_null(dom_error(&d, "name"));
	assert_non_null(dom_error(&d, "email"));
	assert_non_null(dom_error(&d, "lang"));
	assert_int_equal(id, 0);
	fixture_as(&d, a, &app, db, root);
	in = (struct staff_in){.name = "別人",
	                       .email = "other@provider.example",
	                       .login = "AGENT@provider.example",
	                       .lang = "ja"};
	assert_int_equal(staff_invite(&d, &in, &id), DOM_INVALID);
	assert_non_null(dom_error(&d, "user_id"));
	/* An address longer than a user ID asks for one. */
	char longer[80];
	snprintf(longer, sizeof(longer), "%s@provider.example", "a-very-long-mailbox-name-x");
	fixture_as(&d, a, &app, db, root);
	in = (struct staff_in){.name = "長い", .email = longer, .login = "", .lang = "ja"};
	assert_int_equal(staff_invite(&d, &in, &id), DOM_INVALID);
	assert_non_null(dom_error(&d, "user_id"));
	assert_null(dom_error(&d, "email"));
	assert_int_equal(fixture_mails_queued(db), mails + 1);
	arena_free(a);
}

static void
test_only_provider_admins(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int64_t agent = users_id_by_login(db, "agent@provider.example");
	struct dom d;
	struct staff_members l;
	struct staff_member m;
	int64_t id;
	struct staff_in in = {.name = "x", .email = "x@provider.example", .lang = "ja"};
	for (int who = 0; who < 2; who++) {
		fixture_as(&d, a, &app, db, who ? aoba_admin : agent);
		assert_int_equal(staff_members(&d, "", 1, 20, &l), DOM_FORBIDDEN);
		assert_int_equal(staff_find(&d, root, &m), DOM_FORBIDDEN);
		assert_int_equal(staff_invite(&d, &in, &id), DOM_FORBIDDEN);
		assert_int_equal(staff_disable(&d, root, &m), DOM_FORBIDDEN);
		assert_int_equal(staff_set_role(&d, agent, true, &m), DOM_FORBIDDEN);
		assert_int_equal(staff_set_mfa_policy(&d, false), DOM_FORBIDDEN);
	}
	/* A customer's user is not a member of staff. */
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_find(&d, aoba_admin, &m), DOM_NOT_FOUND);
	assert_int_equal(staff_disable(&d, aoba_admin, &m), DOM_NOT_FOUND);
	assert_int_equal(staff_set_role(&d, aoba_admin, false, &m), DOM_NOT_FOUND);
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_members(&d, "", 1, 20, &l), DOM_OK);
	assert_int_equal(l.total, 2);
	for (int i = 0; i < l.n; i++)
		assert_int_not_equal(l.rows[i].id, aoba_admin);
	assert_int_equal(staff_members(&d, "窓口", 1, 20, &l), DOM_OK);
	assert_int_equal(l.n, 1);
	arena_free(a);
}

static void
test_roles_and_the_last_admin(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int64_t agent = users_id_by_login(db, "agent@provider.example");
	struct dom d;
	struct staff_member m;
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_set_role(&d, root, false, &m), DOM_CONFLICT);
	assert_non_null(d.message);
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_disable(&d, root, &m), DOM_CONFLICT);
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_set_role(&d, agent, true, &m), DOM_OK);
	assert_true(m.u.is_admin);
	assert_int_equal(fixture_audited(dbpath, "account.role_changed"), 1);
	/* With a second admin, the first may step down. */
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_set_role(&d, root, false, &m), DOM_OK);
	fixture_as(&d, a, &app, db, agent);
	assert_int_equal(staff_set_role(&d, root, true, &m), DOM_OK);
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_set_role(&d, agent, false, &m), DOM_OK);
	arena_free(a);
}

static void
test_disable_enable_and_the_app(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int64_t agent = users_id_by_login(db, "agent@provider.example");
	struct dom d;
	struct staff_member m;
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_disable(&d, agent, &m), DOM_OK);
	assert_true(m.u.disabled);
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_enable(&d, agent, &m), DOM_OK);
	assert_false(m.u.disabled);
	assert_int_equal(users_totp_set_pending(db, agent, "sealed"), 0);
	assert_int_equal(users_totp_confirm(db, agent, 1), 0);
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_remove_authenticator(&d, agent, &m), DOM_OK);
	assert_int_equal(staff_get(db, agent, a, &m.u), 1);
	assert_false(m.u.has_totp);
	arena_free(a);
}

static void
test_mfa_rule(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct user u;
	assert_true(staff_mfa_required(db)); /* on when never set */
	assert_int_equal(staff_get(db, root, a, &u), 1);
	assert_true(staff_mfa_setup_due(&u));
	struct dom d;
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_set_mfa_policy(&d, false), DOM_OK);
	assert_false(staff_mfa_required(db));
	assert_false(staff_mfa_setup_due(&u));
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(staff_set_mfa_policy(&d, true), DOM_OK);
	u.has_totp = true;
	assert_false(staff_mfa_setup_due(&u));
	struct user c;
	assert_int_equal(users_get(db, aoba_admin, a, &c), 1);
	assert_false(staff_mfa_setup_due(&c)); /* customers decide per user */
	arena_free(a);
}

static void
test_provider_admin_creates_a_contact(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	int64_t id = 0;
	struct contact_in in = {.person = {.name = "鴎 次郎",
	                                   .email = "jiro@kamome.example",
	                                   .title = "",
	                                   .phone_work = "",
	                                   .phone_mobile = ""},
	                        .login = "jiro@kamome.example.cs",
	                        .is_admin = true};
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(contact_create_for(&d, kamome, &in, &id), DOM_OK);
	struct user u;
	assert_int_equal(contact_get(db, id, kamome, a, &u), 1);
	assert_true(u.is_admin);
	/* A customer admin only for their own company; nobody for a missing one. */
	in.login = "jiro2@kamome.example.cs";
	fixture_as(&d, a, &app, db, aoba_admin);
	assert_int_equal(contact_create_for(&d, kamome, &in, &id), DOM_FORBIDDEN);
	fixture_as(&d, a, &app, db, root);
	assert_int_equal(contact_create_for(&d, 999999, &in, &id), DOM_NOT_FOUND);
	int64_t agent = users_id_by_login(db, "agent@provider.example");
	fixture_as(&d, a, &app, db, agent);
	assert_int_equal(contact_create_for(&d, kamome, &in, &id), DOM_FORBIDDEN);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_invite_rules_and_mail),
	    cmocka_unit_test(test_only_provider_admins),
	    cmocka_unit_test(test_roles_and_the_last_admin),
	    cmocka_unit_test(test_disable_enable_and_the_app),
	    cmocka_unit_test(test_mfa_rule),
	    cmocka_unit_test(test_provider_admin_creates_a_contact),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
