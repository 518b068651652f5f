/*
 * Unit tests of the provider admins' operations on customers, contracts,
 * portals (src/customers) and the provider's settings (src/provider) on a
 * real SQLite database: who may use them, each field's rule, and that a
 * refused change writes nothing.
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

#include "core/arena.h"
#include "customers/customers.h"
#include "domain/domain.h"
#include "provider/settings.h"
#include "store/customer_admin.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/settings.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-customers-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static int64_t service_a, service_b, admin_id;

static int
group_setup(void **state)
{
	(void)state;
	if (fixture_db_open(tmpdir, dbpath, sizeof(dbpath), &db) != 0)
		return -1;
	service_a = services_insert(
	    db, &(struct new_service){
	            .code = "cspm", .name_ja = "CSPM", .name_en = "CSPM", .portal_url = ""});
	service_b = services_insert(
	    db, &(struct new_service){
	            .code = "waf", .name_ja = "WAF", .name_en = "WAF", .portal_url = ""});
	admin_id = users_insert(db, &(struct new_user){.login = "admin",
	                                               .name = "管理者",
	                                               .email = "admin@example.jp",
	                                               .is_admin = true,
	                                               .lang = LANG_JA});
	return service_a > 0 && service_b > 0 && admin_id > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

static void
as(struct dom *d, struct arena *a, bool staff, bool admin)
{
	memset(d, 0, sizeof(*d));
	d->a = a;
	d->who.user_id = admin_id; /* the audit trail names a real user */
	d->who.staff = staff;
	d->who.admin = admin;
	d->who.customer_id = staff ? 0 : 7;
	d->who.login = "someone";
}

static void
test_customers(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	int64_t id = 0;
	/* Only provider admins: an agent and a customer admin are refused. */
	as(&d, a, true, false);
	assert_int_equal(customer_create(&d, "N300000001", "あおば", &id), DOM_FORBIDDEN);
	as(&d, a, false, true);
	assert_int_equal(customer_create(&d, "N300000001", "あおば", &id), DOM_FORBIDDEN);
	as(&d, a, true, true);
	assert_int_equal(customer_create(&d, "n300000001", "", &id), DOM_INVALID);
	assert_non_null(dom_error(&d, "number"));
	assert_non_null(dom_error(&d, "name"));
	assert_int_equal(customers_id_by_number(db, "n300000001"), 0);
	as(&d, a, true, true);
	assert_int_equal(customer_create(&d, " N300000001 ", "あおば商事株式会社", &id), DOM_OK);
	assert_true(id > 0);
	assert_int_equal(customers_id_by_number(db, "N300000001"), id);
	as(&d, a, true, true);
	int64_t again = 0;
	assert_int_equal(customer_create(&d, "N300000001", "別の会社", &again), DOM_INVALID);
	assert_string_equal(dom_error(&d, "number"), "This customer number is already in use.");
	/* 100 characters of a name fit, 101 do not. */
	char name[101 * 3 + 1] = "";
	for (int i = 0; i < 101; i++)
		strcat(name, "名");
	as(&d, a, true, true);
	assert_int_equal(customer_rename(&d, id, name), DOM_INVALID);
	name[100 * 3] = '\0';
	as(&d, a, true, true);
	assert_int_equal(customer_rename(&d, id, name), DOM_OK);
	as(&d, a, true, true);
	assert_int_equal(customer_rename(&d, id + 1000, "x"), DOM_NOT_FOUND);
	struct cadm_customer c;
	assert_int_equal(cadm_customer_get(db, id, a, &c), 1);
	assert_string_equal(c.name, name);
	arena_free(a);
}

static void
test_contracts(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	int64_t customer = customers_insert(db, "N300000002", "かもめ物流株式会社"), k = 0, k2 = 0;
	struct contract_in in = {.service_id = service_a,
	                         .kind = "年間",
	                         .plan = "スタンダード",
	                         .start_date = "2026-04-01",
	                         .renewal_date = "2026-04-01"};
	as(&d, a, true, true);
	assert_int_equal(contract_create(&d, customer, &in, &k), DOM_INVALID);
	assert_non_null(dom_error(&d, "renewal_date"));
	in.renewal_date = "2027-02-30";
	as(&d, a, true, true);
	assert_int_equal(contract_create(&d, customer, &in, &k), DOM_INVALID);
	assert_non_null(dom_error(&d, "renewal_date"));
	in.renewal_date = "";
	in.service_id = 9999;
	as(&d, a, true, true);
	assert_int_equal(contract_create(&d, customer, &in, &k), DOM_INVALID);
	assert_non_null(dom_error(&d, "service"));
	in.service_id = service_a;
	as(&d, a, true, true);
	assert_int_equal(contract_create(&d, customer, &in, &k), DOM_OK);
	as(&d, a, true, true);
	assert_int_equal(contract_create(&d, customer, &in, &k2), DOM_INVALID);
	assert_string_equal(dom_error(&d, "service"),
	                    "This customer has a contract for this service already.");
	in.service_id = service_b;
	as(&d, a, true, true);
	assert_int_equal(contract_create(&d, customer, &in, &k2), DOM_OK);
	/* Moving the second contract onto the first one's service is refused. */
	in.service_id = service_a;
	as(&d, a, true, true);
	assert_int_equal(contract_update(&d, k2, &in), DOM_INVALID);
	in = (struct contract_in){.service_id = service_b,
	                          .kind = "月額",
	                          .plan = "プレミアム",
	                          .start_date = "2026-05-01",
	                          .renewal_date = "2027-05-01"};
	as(&d, a, true, false);
	assert_int_equal(contract_update(&d, k2, &in), DOM_FORBIDDEN);
	as(&d, a, true, true);
	assert_int_equal(contract_update(&d, k2, &in), DOM_OK);
	struct cadm_contract got;
	assert_int_equal(cadm_contract_get(db, k2, a, &got), 1);
	assert_string_equal(got.plan, "プレミアム");
	assert_string_equal(got.renewal_date, "2027-05-01");
	arena_free(a);
}

static void
test_portals_and_settings(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	const char *bad[] = {"javascript:alert(1)", "https://a b.example", "ftp://files.example",
	                     "https://x\n.example", "http://"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		as(&d, a, true, true);
		assert_int_equal(service_portal_set(&d, service_a, bad[i]), DOM_INVALID);
	}
	as(&d, a, true, true);
	assert_int_equal(service_portal_set(&d, service_a, "https://cspm.example.jp/"), DOM_OK);
	as(&d, a, true, true);
	assert_int_equal(service_portal_set(&d, 9999, "https://cspm.example.jp/"), DOM_NOT_FOUND);
	as(&d, a, true, true);
	assert_int_equal(service_portal_set(&d, service_a, ""), DOM_OK);
	/* The short name counts characters: 20 Japanese ones fit. */
	char name[21 * 3 + 1] = "";
	for (int i = 0; i < 21; i++)
		strcat(name, "見");
	as(&d, a, true, true);
	assert_int_equal(
	    provider_settings_save(&d, &(struct provider_settings_in){name, "nist", "", NULL, -1}),
	    DOM_INVALID);
	assert_non_null(dom_error(&d, "short_name"));
	name[20 * 3] = '\0';
	as(&d, a, true, true);
	assert_int_equal(
	    provider_settings_save(&d, &(struct provider_settings_in){name, "other", "", NULL, -1}),
	    DOM_INVALID);
	assert_non_null(dom_error(&d, "password_profile"));
	as(&d, a, true, false);
	assert_int_equal(
	    provider_settings_save(&d, &(struct provider_settings_in){name, "nist", "", NULL, -1}),
	    DOM_FORBIDDEN);
	as(&d, a, true, true);
	assert_int_equal(
	    provider_settings_save(&d, &(struct provider_settings_in){name, "nist", "", NULL, -1}),
	    DOM_OK);
	assert_string_equal(settings_get(db, "provider.short_name", a), name);
	assert_string_equal(settings_get(db, "password.profile", a), "nist");
	/* The days of auto-close: 0 to 90, kept when the form does not send them. */
	as(&d, a, true, true);
	assert_int_equal(
	    provider_settings_save(&d, &(struct provider_settings_in){name, "nist", "", "91", -1}),
	    DOM_INVALID);
	assert_non_null(dom_error(&d, "auto_close_days"));
	as(&d, a, true, true);
	assert_int_equal(
	    provider_settings_save(&d, &(struct provider_settings_in){name, "nist", "", " 3 ", -1}),
	    DOM_OK);
	assert_string_equal(settings_get(db, "cases.auto_close_days", a), "3");
	/* The monthly report delivery: on since the first save that turned it on, then off. */
	as(&d, a, true, true);
	assert_int_equal(
	    provider_settings_save(&d, &(struct provider_settings_in){name, "nist", "", NULL, 1}),
	    DOM_OK);
	const char *since = settings_get(db, "reports.delivery_since", a);
	assert_true(since && atoll(since) > 0);
	as(&d, a, true, true);
	assert_int_equal(
	    provider_settings_save(&d, &(struct provider_settings_in){name, "nist", "", NULL, 1}),
	    DOM_OK);
	assert_string_equal(settings_get(db, "reports.delivery_since", a), since);
	as(&d, a, true, true);
	assert_int_equal(
	    provider_settings_save(&d, &(struct provider_settings_in){name, "nist", "", NULL, 0}),
	    DOM_OK);
	assert_string_equal(settings_get(db, "reports.delivery_since", a), "0");
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_customers),
	    cmocka_unit_test(test_contracts),
	    cmocka_unit_test(test_portals_and_settings),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
