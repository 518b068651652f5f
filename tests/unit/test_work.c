/*
 * Unit tests of the work request and points operations (src/work,
 * src/points) on a real SQLite database in a temporary directory: who may
 * change the catalog, order, see and decide a request; the answers checked
 * against their fields; the points a request meets when it is accepted (an
 * overage only when the reviewer confirms it); periods and corrections.
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

#include "app.h"
#include "core/arena.h"
#include "domain/domain.h"
#include "points/points.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/users.h"
#include "domain_fixture.h"
#include "work/catalog.h"
#include "work/work.h"

static char tmpdir[] = "/tmp/madoguchi-work-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t aoba, kamome, aoba_service;
static int64_t aoba_user, kamome_user, agent, provider_admin;
static int64_t item, text_field, choice_field;

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
	aoba_service = services_insert(db, &(struct new_service){.code = "cspm",
	                                                         .name_ja = "CSPM",
	                                                         .name_en = "CSPM",
	                                                         .portal_url = "",
	                                                         .has_points = true});
	contracts_insert(db, &(struct new_contract){.customer_id = aoba,
	                                            .service_id = aoba_service,
	                                            .kind = "subscription",
	                                            .plan = "standard",
	                                            .start_date = "2026-01-01",
	                                            .renewal_date = ""});
	aoba_user = user("aoba-user", aoba, false);
	kamome_user = user("kamome-user", kamome, false);
	agent = user("agent", 0, false);
	provider_admin = user("provider-admin", 0, true);
	return aoba > 0 && kamome > 0 && aoba_service > 0 && provider_admin > 0 ? 0 : -1;
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

/* --- the catalog --- */

static void
test_catalog(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct work_item_input in = {.service_id = aoba_service,
	                             .name_ja = "検知ポリシー変更",
	                             .name_en = "Detection policy change",
	                             .description_ja = "",
	                             .description_en = "",
	                             .points = 10};
	/* Neither an agent nor a customer changes the catalog. */
	as(&d, a, agent);
	assert_int_equal(catalog_item_create(&d, &in, &item), DOM_FORBIDDEN);
	as(&d, a, aoba_user);
	assert_int_equal(catalog_item_create(&d, &in, &item), DOM_FORBIDDEN);

	/* Bad input: an error per field, nothing stored. */
	as(&d, a, provider_admin);
	struct work_item_input bad = in;
	bad.service_id = 999;
	bad.name_en = "  ";
	bad.points = CATALOG_POINTS_MAX + 1;
	assert_int_equal(catalog_item_create(&d, &bad, &item), DOM_INVALID);
	assert_non_null(dom_error(&d, "service"));
	assert_non_null(dom_error(&d, "name_en"));
	assert_non_null(dom_error(&d, "points"));
	assert_null(dom_error(&d, "name_ja"));

	as(&d, a, provider_admin);
	assert_int_equal(catalog_item_create(&d, &in, &item), DOM_OK);
	assert_true(item > 0);

	/* A choice field needs as many choices in English as in Japanese. */
	struct work_field_input fi = {.label_ja = "クラウド",
	                              .label_en = "Cloud",
	                              .choices_ja = "AWS\nAzure\nGoogle Cloud",
	                              .choices_en = "AWS\nAzure",
	                              .required = true};
	as(&d, a, provider_admin);
	assert_int_equal(catalog_field_create(&d, item, WF_CHOICE, &fi, &choice_field),
	                 DOM_INVALID);
	assert_string_equal(dom_error(&d, "choices_en"),
	                    "Enter as many choices as in Japanese (%d).");
	fi.choices_en = "AWS\nAzure\nGoogle Cloud";
	as(&d, a, provider_admin);
	assert_int_equal(catalog_field_create(&d, item, WF_CHOICE, &fi, &choice_field), DOM_OK);
	struct work_field_input ti = {
	    .label_ja = "対象アカウント", .label_en = "Target account", .required = true};
	as(&d, a, provider_admin);
	assert_int_equal(catalog_field_create(&d, item, -1, &ti, &text_field), DOM_INVALID);
	assert_non_null(dom_error(&d, "kind"));
	as(&d, a, provider_admin);
	assert_int_equal(catalog_field_create(&d, item, WF_TEXT, &ti, &text_field), DOM_OK);
	/* The text field comes first. */
	as(&d, a, provider_admin);
	assert_int_equal(catalog_field_move(&d, item, text_field, true), DOM_OK);
	as(&d, a, provider_admin);
	assert_int_equal(catalog_item_find(&d, 999999, &(struct work_item){0}), DOM_NOT_FOUND);
	arena_free(a);
}

/* --- ordering --- */

static int
submit(int64_t who, const char *text, const char *choice, struct work_request *out, struct dom *d,
       struct arena *a)
{
	struct work_value v[] = {{text_field, text}, {choice_field, choice}};
	struct work_submit_in in = {.item_id = item, .values = v, .nvalues = 2};
	as(d, a, who);
	return work_request_submit(d, &in, out);
}

static void
test_submit_and_scope(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct work_request w;
	/* Bad answers: errors under the fields' names, nothing stored. */
	assert_int_equal(submit(aoba_user, " ", "4", &w, &d, a), DOM_INVALID);
	assert_non_null(dom_error(&d, arena_printf(a, "f%lld", (long long)text_field)));
	assert_non_null(dom_error(&d, arena_printf(a, "f%lld", (long long)choice_field)));

	assert_int_equal(submit(aoba_user, "123456789012", "2", &w, &d, a), DOM_OK);
	assert_string_equal(w.state, "submitted");
	assert_int_equal(w.points, 10);
	assert_int_equal(w.customer_id, aoba);
	assert_string_equal(w.item_name_ja, "1. 検知ポリシー変更");
	const char *number = arena_strdup(a, w.number);
	struct work_answer *ans;
	assert_int_equal(work_request_answers(db, w.id, a, &ans), 2);
	assert_string_equal(ans[1].value, "Azure"); /* a choice is kept as shown */

	/* Another customer neither orders the item (no contract) nor sees the request. */
	assert_int_equal(submit(kamome_user, "x", "1", &w, &d, a), DOM_NOT_FOUND);
	as(&d, a, kamome_user);
	assert_int_equal(work_request_find(&d, number, &w), DOM_NOT_FOUND);
	as(&d, a, aoba_user);
	assert_int_equal(work_request_find(&d, number, &w), DOM_OK);
	as(&d, a, agent);
	assert_int_equal(work_request_find(&d, number, &w), DOM_OK);
	/* Staff do not order. */
	assert_int_equal(submit(agent, "x", "1", &w, &d, a), DOM_NOT_FOUND);
	/* A retired item is not offered any more. */
	as(&d, a, provider_admin);
	assert_int_equal(catalog_item_retire(&d, item, true), DOM_OK);
	assert_int_equal(submit(aoba_user, "x", "1", &w, &d, a), DOM_NOT_FOUND);
	as(&d, a, provider_admin);
	assert_int_equal(catalog_item_retire(&d, item, false), DOM_OK);
	arena_free(a);
}

/* --- the decisions and the points --- */

static int64_t
remaining(struct arena *a)
{
	struct dom d;
	as(&d, a, agent);
	struct points_balance bal;
	assert_int_equal(points_balance_of(&d, db, aoba, 0, &bal), 0);
	assert_true(bal.has_period);
	return bal.period.points - bal.period.consumed;
}

static void
test_accept_and_points(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct work_request w;
	/* Only provider admins set periods; they never overlap. */
	struct points_period_in p = {.start = "2000-01-01", .end = "2099-12-31", .points = 15};
	int64_t period;
	as(&d, a, agent);
	assert_int_equal(points_period_add(&d, "N200000001", &p, &period), DOM_FORBIDDEN);
	as(&d, a, provider_admin);
	assert_int_equal(points_period_add(&d, "N209999999", &p, &period), DOM_NOT_FOUND);
	as(&d, a, provider_admin);
	assert_int_equal(points_period_add(&d, "N200000001", &p, &period), DOM_OK);
	as(&d, a, provider_admin);
	assert_int_equal(points_period_add(&d, "N200000001", &p, NULL), DOM_INVALID);
	assert_non_null(dom_error(&d, "start"));
	struct points_period_in backwards = {.start = "2100-02-01", .end = "2100-01-01"};
	as(&d, a, provider_admin);
	assert_int_equal(points_period_add(&d, "N200000001", &backwards, NULL), DOM_INVALID);
	assert_non_null(dom_error(&d, "end"));
	assert_int_equal(remaining(a), 15);

	/* 10 of 15 points: accepted, the case raised, the points charged. */
	assert_int_equal(submit(aoba_user, "first", "1", &w, &d, a), DOM_OK);
	const char *first = arena_strdup(a, w.number);
	/* A customer decides nothing: its own request is forbidden, another's not found. */
	as(&d, a, aoba_user);
	assert_int_equal(work_request_accept(&d, &(struct work_accept_in){.number = first}, &w),
	                 DOM_FORBIDDEN);
	as(&d, a, kamome_user);
	assert_int_equal(work_request_accept(&d, &(struct work_accept_in){.number = first}, &w),
	                 DOM_NOT_FOUND);
	as(&d, a, aoba_user);
	assert_int_equal(work_request_reject(&d, first, "no", &w), DOM_FORBIDDEN);
	assert_int_equal(remaining(a), 15);

	as(&d, a, agent);
	assert_int_equal(work_request_accept(&d, &(struct work_accept_in){.number = first}, &w),
	                 DOM_OK);
	as(&d, a, agent);
	assert_int_equal(work_request_find(&d, first, &w), DOM_OK);
	assert_string_equal(w.state, "accepted");
	assert_true(w.case_id > 0);
	assert_false(w.overage);
	assert_int_equal(remaining(a), 5);
	/* Deciding again: it was decided meanwhile. */
	as(&d, a, agent);
	assert_int_equal(work_request_accept(&d, &(struct work_accept_in){.number = first}, &w),
	                 DOM_CONFLICT);
	assert_non_null(d.message);
	as(&d, a, agent);
	assert_int_equal(work_request_reject(&d, first, "late", &w), DOM_CONFLICT);

	/* 10 more with 5 left: refused until the reviewer confirms an overage. */
	assert_int_equal(submit(aoba_user, "second", "1", &w, &d, a), DOM_OK);
	const char *second = arena_strdup(a, w.number);
	as(&d, a, agent);
	assert_int_equal(work_request_accept(&d, &(struct work_accept_in){.number = second}, &w),
	                 DOM_INVALID);
	assert_non_null(dom_error(&d, "overage"));
	assert_int_equal(remaining(a), 5);
	as(&d, a, agent);
	assert_int_equal(work_request_accept(
	                     &d, &(struct work_accept_in){.number = second, .overage = true}, &w),
	                 DOM_OK);
	as(&d, a, agent);
	assert_int_equal(work_request_find(&d, second, &w), DOM_OK);
	assert_true(w.overage);
	assert_int_equal(remaining(a), -5);

	/* Corrections: a reason, a number other than 0. */
	as(&d, a, provider_admin);
	assert_int_equal(points_correction(&d, period, 0, " "), DOM_INVALID);
	assert_non_null(dom_error(&d, "points"));
	assert_non_null(dom_error(&d, "note"));
	as(&d, a, agent);
	assert_int_equal(points_correction(&d, period, -5, "一部取り消し"), DOM_FORBIDDEN);
	as(&d, a, provider_admin);
	assert_int_equal(points_correction(&d, period, -5, "一部取り消し"), DOM_OK);
	assert_int_equal(remaining(a), 0);
	assert_int_equal(points_ledger_sum(db, period), 15);
	arena_free(a);
}

static void
test_reject(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct work_request w;
	assert_int_equal(submit(aoba_user, "third", "3", &w, &d, a), DOM_OK);
	const char *number = arena_strdup(a, w.number);
	as(&d, a, agent);
	assert_int_equal(work_request_reject(&d, number, " \n", &w), DOM_INVALID);
	assert_non_null(dom_error(&d, "reason"));
	as(&d, a, agent);
	assert_int_equal(work_request_reject(&d, number, "対象外のため", &w), DOM_OK);
	as(&d, a, aoba_user);
	assert_int_equal(work_request_find(&d, number, &w), DOM_OK);
	assert_string_equal(w.state, "rejected");
	assert_string_equal(w.reason, "対象外のため");
	assert_int_equal(w.case_id, 0);
	as(&d, a, agent);
	assert_int_equal(work_request_accept(&d, &(struct work_accept_in){.number = number}, &w),
	                 DOM_CONFLICT);
	as(&d, a, agent);
	assert_int_equal(work_request_find(&d, "WR12", &w), DOM_NOT_FOUND);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_catalog),
	    cmocka_unit_test(test_submit_and_scope),
	    cmocka_unit_test(test_accept_and_points),
	    cmocka_unit_test(test_reject),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
