/*
 * Unit tests of the auto-close of resolved cases (src/cases/auto_close.c)
 * on a real SQLite database: the setting and its default, the date shown,
 * the warning a day before (once), the closing as the system with its
 * rating, the cases it leaves alone, and that only the system runs it.
 * Time is moved by moving the case's resolution back.
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
#include "cases/auto_close.h"
#include "cases/cases.h"
#include "core/arena.h"
#include "domain/domain.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/settings.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-auto-close-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t aoba, service, contact, agent;

static int
group_setup(void **state)
{
	(void)state;
	if (fixture_db_open(tmpdir, dbpath, sizeof(dbpath), &db) != 0)
		return -1;
	fixture_app(&app);
	aoba = customers_insert(db, "N200000001", "あおば商事株式会社");
	service = services_insert(
	    db, &(struct new_service){.code = "cspm", .name_ja = "CSPM", .name_en = "CSPM"});
	contracts_insert(db, &(struct new_contract){.customer_id = aoba,
	                                            .service_id = service,
	                                            .kind = "年間",
	                                            .plan = "標準",
	                                            .start_date = "2026-01-01",
	                                            .renewal_date = ""});
	contact = users_insert(db, &(struct new_user){.login = "aoba-user",
	                                              .name = "青葉",
	                                              .email = "aoba@example.jp",
	                                              .customer_id = aoba,
	                                              .lang = LANG_JA});
	agent = users_insert(db, &(struct new_user){.login = "agent",
	                                            .name = "窓口",
	                                            .email = "agent@example.jp",
	                                            .lang = LANG_JA});
	return aoba > 0 && service > 0 && contact > 0 && agent > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

/* A case of the contact that the agent resolved; its number in a. */
static const char *
resolved_case(struct arena *a, const char *subject)
{
	struct dom d;
	struct case_row c;
	fixture_as(&d, a, &app, db, contact);
	struct case_open_in in = {.service_id = service,
	                          .category = "service",
	                          .subject = subject,
	                          .description = "本文"};
	assert_int_equal(case_open(&d, &in, &c), DOM_OK);
	fixture_as(&d, a, &app, db, agent);
	struct case_update_in up = {.number = c.number, .state = CASE_RESOLVED, .assignee_id = -1};
	assert_int_equal(case_update(&d, &up, &c), DOM_OK);
	return c.number;
}

/* Moves the case's resolution back by days (as if that much time had passed). */
static void
age(const char *number, double days)
{
	char sql[200];
	snprintf(sql, sizeof(sql),
	         "UPDATE cases SET resolved_at = resolved_at - %lld WHERE number = '%s'",
	         (long long)(days * 86400), number);
	assert_int_equal(db_exec(db, sql), 0);
}

static struct auto_close_run
run(struct arena *a)
{
	struct dom d = {.app = &app, .a = a};
	struct auto_close_run r;
	assert_int_equal(cases_auto_close(&d, &r), DOM_OK);
	return r;
}

static enum case_state
state_of(struct arena *a, const char *number)
{
	struct case_row c;
	assert_int_equal(case_get(db, number, 0, a, &c), 1);
	return c.state;
}

static void
test_setting_and_date(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_int_equal(case_auto_close_days(db), AUTO_CLOSE_DEFAULT_DAYS);
	const char *number = resolved_case(a, "表示の確認");
	struct case_row c;
	assert_int_equal(case_get(db, number, 0, a, &c), 1);
	assert_true(c.resolved_at > 0);
	assert_int_equal(case_auto_close_at(db, &c), c.resolved_at + 7 * 86400);
	assert_int_equal(settings_put(db, AUTO_CLOSE_SETTING, "0"), 0);
	assert_int_equal(case_auto_close_at(db, &c), 0);
	age(number, 30);
	struct auto_close_run r = run(a);
	assert_int_equal(r.closed, 0); /* off: nothing closes */
	assert_int_equal(settings_put(db, AUTO_CLOSE_SETTING, "3"), 0);
	r = run(a);
	assert_int_equal(r.closed, 1);
	assert_int_equal(state_of(a, number), CASE_CLOSED);
	arena_free(a);
}

static void
test_warn_once_then_close(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *number = resolved_case(a, "警告の確認");
	const char *rejected = resolved_case(a, "却下するケース");
	struct auto_close_run r = run(a);
	assert_int_equal(r.warned + r.closed, 0);
	age(number, 2.1);
	age(rejected, 2.1);
	struct dom d;
	struct case_row c;
	fixture_as(&d, a, &app, db, contact);
	assert_int_equal(case_act(&d, rejected, CASE_ACT_REJECT, &c), DOM_OK);
	int mails = fixture_mails_queued(db);
	r = run(a);
	assert_int_equal(r.warned, 1);
	assert_int_equal(r.closed, 0);
	assert_int_equal(fixture_mails_queued(db), mails + 1);
	r = run(a);
	assert_int_equal(r.warned, 0); /* told once */
	age(number, 1);
	r = run(a);
	assert_int_equal(r.closed, 1);
	assert_int_equal(state_of(a, number), CASE_CLOSED);
	assert_int_equal(state_of(a, rejected), CASE_WORKING);
	assert_int_equal(fixture_mails_queued(db), mails + 2); /* the rating mail */
	arena_free(a);
}

static void
test_only_the_system(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct auto_close_run r;
	fixture_as(&d, a, &app, db, agent);
	assert_int_equal(cases_auto_close(&d, &r), DOM_FORBIDDEN);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_setting_and_date),
	    cmocka_unit_test(test_warn_once_then_close),
	    cmocka_unit_test(test_only_the_system),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
