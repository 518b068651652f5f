/*
 * Unit tests of the provider's start and rescue operations
 * (src/accounts/staff.c) on a real SQLite database: the first provider
 * admin and its 24-hour link, the refusal of a second without asking, who
 * may act, and unlocking and resetting MFA by user ID.
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

#include "accounts/staff.h"
#include "app.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/guards.h"
#include "store/migrate.h"
#include "store/tokens.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-staff-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t customer_user;

static int
group_setup(void **state)
{
	(void)state;
	if (fixture_db_open(tmpdir, dbpath, sizeof(dbpath), &db) != 0)
		return -1;
	app.cfg.base_url = "https://portal.example";
	int64_t aoba = customers_insert(db, "N200000001", "あおば商事株式会社");
	customer_user = users_insert(db, &(struct new_user){.login = "taro@aoba.example",
	                                                    .name = "太郎",
	                                                    .email = "taro@aoba.example",
	                                                    .customer_id = aoba,
	                                                    .lang = LANG_JA});
	return customer_user > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

static void
system_dom(struct dom *d, struct arena *a)
{
	memset(d, 0, sizeof(*d));
	d->app = &app;
	d->a = a;
}

static void
test_first_admin_and_its_link(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	const char *link;
	system_dom(&d, a);
	assert_int_equal(users_provider_admins(db), 0);
	assert_int_equal(
	    staff_admin_create(&d, " Root@Provider.example ", "見晴 一郎", false, &link), DOM_OK);
	assert_int_equal(users_provider_admins(db), 1);
	const char *prefix = "https://portal.example/password/reset/";
	assert_non_null(link);
	assert_memory_equal(link, prefix, strlen(prefix));
	struct token t;
	assert_int_equal(token_find(db, "reset", link + strlen(prefix), a, &t), 1);
	int64_t ttl = t.expires_at - clock_now();
	assert_true(ttl > ADMIN_LINK_SECONDS - 60 && ttl <= ADMIN_LINK_SECONDS);
	struct user_auth ua;
	assert_int_equal(users_auth_by_login(db, "root@provider.example", a, &ua), 1);
	assert_int_equal(ua.customer_id, 0);
	assert_string_equal(ua.password_hash, "");

	/* A second only when asked for; never the same user ID twice. */
	system_dom(&d, a);
	assert_int_equal(staff_admin_create(&d, "two@provider.example", "二郎", false, &link),
	                 DOM_CONFLICT);
	assert_null(link);
	system_dom(&d, a);
	assert_int_equal(staff_admin_create(&d, "two@provider.example", "二郎", true, &link),
	                 DOM_OK);
	system_dom(&d, a);
	assert_int_equal(staff_admin_create(&d, "TWO@provider.example", "二郎", true, &link),
	                 DOM_CONFLICT);
	system_dom(&d, a);
	assert_int_equal(staff_admin_create(&d, "x", "\xe3\x80\x80", true, &link), DOM_INVALID);
	assert_non_null(dom_error(&d, "email"));
	assert_non_null(dom_error(&d, "name"));
	assert_int_equal(users_provider_admins(db), 2);
	arena_free(a);
}

static void
test_only_the_system_or_a_provider_admin(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	const char *link;
	struct user u;
	assert_int_equal(users_get(db, customer_user, a, &u), 1);
	system_dom(&d, a);
	actor_of_user(&d.who, &u);
	assert_int_equal(staff_admin_create(&d, "evil@aoba.example", "x", true, &link),
	                 DOM_FORBIDDEN);
	assert_int_equal(staff_unlock(&d, "root@provider.example"), DOM_FORBIDDEN);
	assert_int_equal(staff_reset_mfa(&d, "root@provider.example"), DOM_FORBIDDEN);
	arena_free(a);
}

static void
test_unlock_and_reset_mfa(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	int64_t now = clock_now();
	for (int i = 0; i < 5; i++)
		assert_int_equal(guard_login_failed(db, "taro@aoba.example", 5, now + 1200),
		                 i == 4);
	struct guard g;
	assert_int_equal(guard_get(db, "taro@aoba.example", &g), 0);
	assert_true(g.locked_until > now);
	system_dom(&d, a);
	assert_int_equal(staff_unlock(&d, "Taro@Aoba.example"), DOM_OK);
	assert_int_equal(guard_get(db, "taro@aoba.example", &g), 0);
	assert_true(g.locked_until <= now);
	system_dom(&d, a);
	assert_int_equal(staff_unlock(&d, "nobody@aoba.example"), DOM_NOT_FOUND);

	assert_int_equal(users_totp_set_pending(db, customer_user, "sealed"), 0);
	assert_int_equal(users_totp_confirm(db, customer_user, 1), 0);
	system_dom(&d, a);
	assert_int_equal(staff_reset_mfa(&d, "taro@aoba.example"), DOM_OK);
	char *sealed = NULL, *pending = NULL;
	int64_t last;
	assert_int_equal(users_totp_get(db, customer_user, a, &sealed, &pending, &last), 1);
	assert_null(sealed);
	system_dom(&d, a);
	assert_int_equal(staff_reset_mfa(&d, "nobody@aoba.example"), DOM_NOT_FOUND);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_first_admin_and_its_link),
	    cmocka_unit_test(test_only_the_system_or_a_provider_admin),
	    cmocka_unit_test(test_unlock_and_reset_mfa),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
