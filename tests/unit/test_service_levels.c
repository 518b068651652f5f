/*
 * Unit tests of service levels (src/cases/service_levels.c) on a real
 * SQLite database: the targets a case is opened with (a contract overrides
 * its service, later changes leave open cases alone), the clock through the
 * case operations (first response, pauses while waiting for the customer,
 * resuming, several pauses, breach, met, no target = no clock), who may set
 * targets, and the monthly figures with their customer scope. Time passes
 * by moving every time of a case back, as if that long had gone by.
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
#include "cases/cases.h"
#include "cases/service_levels.h"
#include "core/arena.h"
#include "domain/domain.h"
#include "store/case_query.h"
#include "store/customer_admin.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/users.h"
#include "domain_fixture.h"

#define HOUR 3600

static char tmpdir[] = "/tmp/madoguchi-sla-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t aoba, kita, cspm, soar, contract_soar, contact, kita_contact, agent, admin;

static int64_t
staff(const char *login, bool is_admin)
{
	return users_insert(db, &(struct new_user){.login = login,
	                                           .name = login,
	                                           .email = "staff@example.jp",
	                                           .is_admin = is_admin,
	                                           .lang = LANG_JA});
}

static int64_t
contract(int64_t customer, int64_t service)
{
	return contracts_insert(db, &(struct new_contract){.customer_id = customer,
	                                                   .service_id = service,
	                                                   .kind = "年間",
	                                                   .plan = "標準",
	                                                   .start_date = "2026-01-01",
	                                                   .renewal_date = ""});
}

static int
group_setup(void **state)
{
	(void)state;
	if (fixture_db_open(tmpdir, dbpath, sizeof(dbpath), &db) != 0)
		return -1;
	fixture_app(&app);
	aoba = customers_insert(db, "N200000001", "あおば商事株式会社");
	kita = customers_insert(db, "N200000002", "北国物産株式会社");
	cspm = services_insert(
	    db, &(struct new_service){.code = "cspm", .name_ja = "CSPM", .name_en = "CSPM"});
	soar = services_insert(
	    db, &(struct new_service){.code = "soar", .name_ja = "SOAR", .name_en = "SOAR"});
	contract(aoba, cspm);
	contract_soar = contract(aoba, soar);
	contract(kita, soar);
	contact = users_insert(db, &(struct new_user){.login = "aoba-user",
	                                              .name = "青葉",
	                                              .email = "aoba@example.jp",
	                                              .customer_id = aoba,
	                                              .lang = LANG_JA});
	kita_contact = users_insert(db, &(struct new_user){.login = "kita-user",
	                                                   .name = "北",
	                                                   .email = "kita@example.jp",
	                                                   .customer_id = kita,
	                                                   .lang = LANG_JA});
	agent = staff("agent", false);
	admin = staff("admin", true);
	return aoba > 0 && kita > 0 && contact > 0 && agent > 0 && admin > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

/* A case opened by the contact of a customer for a service; the row in out. */
static void
open_case(struct arena *a, int64_t who, int64_t service, struct case_row *out)
{
	struct dom d;
	fixture_as(&d, a, &app, db, who);
	struct case_open_in in = {
	    .service_id = service, .category = "service", .subject = "件名", .description = "本文"};
	assert_int_equal(case_open(&d, &in, out), DOM_OK);
}

/* Every time of the case moves back by secs: secs go by. */
static void
pass(const char *number, int64_t secs)
{
	static const char *const cols[] = {"created_at", "first_response_at", "paused_since",
	                                   "closed_at", "resolved_at"};
	for (size_t i = 0; i < sizeof(cols) / sizeof(cols[0]); i++) {
		char sql[200];
		snprintf(sql, sizeof(sql), "UPDATE cases SET %s = %s - %lld WHERE number = '%s'",
		         cols[i], cols[i], (long long)secs, number);
		assert_int_equal(db_exec(db, sql), 0);
	}
}

static struct case_row
reload(struct arena *a, const char *number)
{
	struct case_row c;
	assert_int_equal(case_get(db, number, 0, a, &c), 1);
	return c;
}

static void
set_service(struct arena *a, int64_t who, int64_t service, const char *resp, const char *resol,
            int want)
{
	struct dom d;
	fixture_as(&d, a, &app, db, who);
	assert_int_equal(sla_service_set(&d, service, resp, resol), want);
}

static void
move(struct arena *a, const char *number, enum case_state to)
{
	struct dom d;
	struct case_row c;
	fixture_as(&d, a, &app, db, agent);
	struct case_update_in up = {.number = number, .state = (int)to, .assignee_id = -1};
	assert_int_equal(case_update(&d, &up, &c), DOM_OK);
}

static void
comment(struct arena *a, int64_t who, const char *number, bool internal)
{
	struct dom d;
	struct case_row c;
	fixture_as(&d, a, &app, db, who);
	struct case_comment_in in = {.number = number, .body = "コメント", .internal = internal};
	assert_int_equal(case_comment(&d, &in, &c), DOM_OK);
}

static void
test_parse(void **state)
{
	(void)state;
	int64_t m;
	assert_int_equal(sla_target_parse("4", &m), 0);
	assert_int_equal(m, 240);
	assert_int_equal(sla_target_parse("0:30", &m), 0);
	assert_int_equal(m, 30);
	assert_int_equal(sla_target_parse("", &m), 0);
	assert_int_equal(m, 0);
	assert_int_equal(sla_target_parse("9999", &m), 0);
	const char *bad[] = {"0", "0:00", "1:60", "1:5", "-1", "4h", "10000", "1.5", " 4", "4:"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(sla_target_parse(bad[i], &m), -1);
}

static void
test_who_sets_targets(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int64_t before = fixture_audited(dbpath, "service.levels_updated");
	set_service(a, agent, cspm, "4", "24", DOM_FORBIDDEN);
	set_service(a, contact, cspm, "4", "24", DOM_FORBIDDEN);
	struct dom d;
	fixture_as(&d, a, &app, db, admin);
	assert_int_equal(sla_service_set(&d, cspm, "4h", "24"), DOM_INVALID);
	assert_non_null(dom_error(&d, "response_target"));
	assert_null(dom_error(&d, "resolution_target"));
	set_service(a, admin, 999999, "4", "24", DOM_NOT_FOUND);
	struct cadm_service *s;
	assert_true(cadm_services(db, a, &s) >= 1);
	assert_int_equal(s[0].response_target_min, 0); /* nothing was saved */
	assert_int_equal(fixture_audited(dbpath, "service.levels_updated"), before);
	set_service(a, admin, cspm, "4", "24", DOM_OK);
	assert_int_equal(fixture_audited(dbpath, "service.levels_updated"), before + 1);
	fixture_as(&d, a, &app, db, agent);
	assert_int_equal(sla_contract_set(&d, contract_soar, "1", ""), DOM_FORBIDDEN);
	arena_free(a);
}

static void
test_no_target_no_clock(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct case_row c;
	open_case(a, kita_contact, soar, &c); /* SOAR has no target, nor kita's contract */
	pass(c.number, 100 * HOUR);
	c = reload(a, c.number);
	struct sla_clock k;
	sla_first_response(&c, clock_now(), &k);
	assert_int_equal(k.phase, SLA_NONE);
	sla_resolution(&c, clock_now(), &k);
	assert_int_equal(k.phase, SLA_NONE);
	bool resp;
	sla_next(&c, clock_now(), &k, &resp);
	assert_int_equal(k.phase, SLA_NONE);
	arena_free(a);
}

static void
test_contract_overrides_and_stays(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	set_service(a, admin, soar, "2", "48", DOM_OK);
	struct dom d;
	fixture_as(&d, a, &app, db, admin);
	assert_int_equal(sla_contract_set(&d, contract_soar, "0:30", ""), DOM_OK);
	struct case_row c;
	open_case(a, contact, soar, &c);
	c = reload(a, c.number);
	assert_int_equal(c.response_target_min, 30);        /* aoba's contract */
	assert_int_equal(c.resolution_target_min, 48 * 60); /* the service's */
	struct case_row k;
	open_case(a, kita_contact, soar, &k);
	k = reload(a, k.number);
	assert_int_equal(k.response_target_min, 120);
	/* A later change applies to new cases only. */
	set_service(a, admin, soar, "", "", DOM_OK);
	assert_int_equal(reload(a, k.number).response_target_min, 120);
	struct contract *ks;
	int n = contracts_of_customer(db, aoba, a, &ks);
	assert_int_equal(n, 2);
	assert_int_equal(ks[1].response_target_min, 30); /* in force for the customer */
	assert_int_equal(ks[1].resolution_target_min, 0);
	arena_free(a);
}

static void
test_breach_then_late_answer(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	set_service(a, admin, cspm, "4", "24", DOM_OK);
	struct case_row c;
	open_case(a, contact, cspm, &c);
	pass(c.number, 3 * HOUR);
	c = reload(a, c.number);
	struct sla_clock k;
	bool resp;
	sla_next(&c, clock_now(), &k, &resp);
	assert_true(resp);
	assert_int_equal(k.phase, SLA_RUNNING);
	assert_in_range(k.left, HOUR - 2, HOUR);
	pass(c.number, 2 * HOUR);
	c = reload(a, c.number);
	sla_next(&c, clock_now(), &k, &resp);
	assert_int_equal(k.phase, SLA_RUNNING);
	assert_in_range(k.left, -HOUR - 2, -HOUR); /* breached, still unanswered */
	comment(a, agent, c.number, true);         /* a work note is no answer */
	assert_int_equal(reload(a, c.number).first_response_at, 0);
	comment(a, agent, c.number, false);
	c = reload(a, c.number);
	sla_first_response(&c, clock_now(), &k);
	assert_int_equal(k.phase, SLA_MISSED);
	sla_next(&c, clock_now(), &k, &resp);
	assert_false(resp);
	assert_int_equal(k.phase, SLA_RUNNING);
	assert_in_range(k.left, 19 * HOUR - 2, 19 * HOUR);
	arena_free(a);
}

static void
test_pauses_and_met(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	set_service(a, admin, cspm, "1", "8", DOM_OK);
	struct case_row c;
	open_case(a, contact, cspm, &c);
	pass(c.number, HOUR / 2);
	move(a, c.number, CASE_AWAITING); /* asking the customer answers them */
	c = reload(a, c.number);
	struct sla_clock k;
	sla_first_response(&c, clock_now(), &k);
	assert_int_equal(k.phase, SLA_MET);
	assert_in_range(k.elapsed, HOUR / 2, HOUR / 2 + 2);
	pass(c.number, 5 * HOUR); /* waiting for the customer: the clock stands */
	c = reload(a, c.number);
	sla_resolution(&c, clock_now(), &k);
	assert_int_equal(k.phase, SLA_PAUSED);
	assert_in_range(k.left, 7 * HOUR + HOUR / 2 - 2, 7 * HOUR + HOUR / 2);
	comment(a, contact, c.number, false); /* the answer: back to work, the clock runs */
	c = reload(a, c.number);
	assert_int_equal(c.state, CASE_WORKING);
	assert_int_equal(c.paused_since, 0);
	assert_in_range(c.paused_secs, 5 * HOUR, 5 * HOUR + 2);
	pass(c.number, 2 * HOUR);
	move(a, c.number, CASE_AWAITING);
	pass(c.number, 10 * HOUR);
	comment(a, contact, c.number, false);
	pass(c.number, HOUR);
	c = reload(a, c.number);
	assert_in_range(c.paused_secs, 15 * HOUR, 15 * HOUR + 4);
	sla_resolution(&c, clock_now(), &k);
	assert_int_equal(k.phase, SLA_RUNNING);
	assert_in_range(k.elapsed, 3 * HOUR + HOUR / 2, 3 * HOUR + HOUR / 2 + 4);
	move(a, c.number, CASE_RESOLVED);
	pass(c.number, 20 * HOUR); /* the customer takes its time to accept */
	c = reload(a, c.number);
	sla_resolution(&c, clock_now(), &k);
	assert_int_equal(k.phase, SLA_MET);
	struct dom d;
	struct case_row out;
	fixture_as(&d, a, &app, db, contact);
	assert_int_equal(case_act(&d, c.number, CASE_ACT_ACCEPT, &out), DOM_OK);
	c = reload(a, c.number);
	sla_resolution(&c, clock_now(), &k);
	assert_int_equal(k.phase, SLA_MET);
	assert_in_range(k.elapsed, 3 * HOUR + HOUR / 2, 3 * HOUR + HOUR / 2 + 4);
	arena_free(a);
}

static void
test_rejected_solution_resumes(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	set_service(a, admin, cspm, "1", "2", DOM_OK);
	struct case_row c;
	open_case(a, contact, cspm, &c);
	pass(c.number, HOUR);
	move(a, c.number, CASE_RESOLVED);
	pass(c.number, 30 * HOUR);
	struct dom d;
	struct case_row out;
	fixture_as(&d, a, &app, db, contact);
	assert_int_equal(case_act(&d, c.number, CASE_ACT_REJECT, &out), DOM_OK);
	pass(c.number, 2 * HOUR);
	c = reload(a, c.number);
	struct sla_clock k;
	sla_resolution(&c, clock_now(), &k);
	assert_int_equal(k.phase, SLA_RUNNING);
	assert_in_range(k.left, -HOUR - 4, -HOUR); /* 1 h + 2 h of work against 2 h */
	move(a, c.number, CASE_CLOSED);
	c = reload(a, c.number);
	sla_resolution(&c, clock_now(), &k);
	assert_int_equal(k.phase, SLA_MISSED);
	arena_free(a);
}

static void
test_figures(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	set_service(a, admin, cspm, "1", "4", DOM_OK);
	/* A customer of its own: the other tests' cases stay out of the count. */
	int64_t mori = customers_insert(db, "N200000003", "森林開発株式会社");
	contract(mori, cspm);
	int64_t mori_user = users_insert(db, &(struct new_user){.login = "mori-user",
	                                                        .name = "森",
	                                                        .email = "mori@example.jp",
	                                                        .customer_id = mori,
	                                                        .lang = LANG_JA});
	int64_t from = clock_now() - 100 * HOUR;
	struct case_row fast, slow, open;
	open_case(a, mori_user, cspm, &fast);
	pass(fast.number, 10 * 60);
	comment(a, agent, fast.number, false); /* answered in 10 min */
	move(a, fast.number, CASE_RESOLVED);   /* resolved in 10 min */
	open_case(a, mori_user, cspm, &slow);
	pass(slow.number, 3 * HOUR);
	comment(a, agent, slow.number, false); /* answered in 3 h: missed */
	open_case(a, mori_user, cspm, &open);  /* unanswered, within its hour */
	struct dom d;
	struct sla_figures f;
	fixture_as(&d, a, &app, db, agent);
	assert_int_equal(sla_customer_figures(&d, mori, from, clock_now() + 1, &f), DOM_OK);
	assert_int_equal(f.cases, 3);
	assert_int_equal(f.response_met, 1);
	assert_int_equal(f.response_missed, 1);
	assert_int_equal(f.resolution_met, 1);
	assert_int_equal(f.resolution_missed, 0); /* slow: 3 h of 4, still open */
	assert_int_equal(f.responded, 2);
	assert_in_range(f.median_first_response, (10 * 60 + 3 * HOUR) / 2,
	                (10 * 60 + 3 * HOUR) / 2 + 2);
	/* The period is [from, to): nothing opened before it counts. */
	assert_int_equal(sla_customer_figures(&d, mori, from, from + 1, &f), DOM_OK);
	assert_int_equal(f.cases, 0);
	assert_int_equal(f.median_first_response, -1);
	/* A customer's user: its own figures only. */
	fixture_as(&d, a, &app, db, mori_user);
	assert_int_equal(sla_customer_figures(&d, mori, from, clock_now() + 1, &f), DOM_OK);
	assert_int_equal(f.cases, 3);
	fixture_as(&d, a, &app, db, contact);
	assert_int_equal(sla_customer_figures(&d, mori, from, clock_now() + 1, &f), DOM_NOT_FOUND);
	arena_free(a);
}

/* Whether the clock of a row says it is open and past a target. */
static bool
breached(const struct case_row *c, int64_t now)
{
	struct sla_clock k;
	bool resp;
	sla_next(c, now, &k, &resp);
	return (k.phase == SLA_RUNNING || k.phase == SLA_PAUSED) && k.left < 0;
}

/* The queue's quick filter 目標超過 picks exactly the cases whose clock says so. */
static void
test_breached_filter_agrees(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	set_service(a, admin, cspm, "1", "3", DOM_OK);
	struct case_row paused_over, fresh, late; /* waiting, within, over */
	open_case(a, contact, cspm, &late);
	pass(late.number, 2 * HOUR); /* unanswered past its hour */
	open_case(a, contact, cspm, &paused_over);
	pass(paused_over.number, 30 * 60);
	move(a, paused_over.number, CASE_AWAITING);
	pass(paused_over.number, 4 * HOUR); /* waiting: not over */
	open_case(a, contact, cspm, &fresh);
	struct cq_scope sc = {.staff = true, .user_id = agent, .now = clock_now()};
	struct case_query all, over;
	case_query_init(&all);
	case_query_init(&over);
	over.quick = CQ_Q_BREACHED;
	struct cq_page pa, po;
	assert_int_equal(case_query_fetch(db, &all, &sc, 1000, a, &pa), 0);
	assert_int_equal(case_query_fetch(db, &over, &sc, 1000, a, &po), 0);
	int want = 0;
	for (int i = 0; i < pa.nrows; i++) {
		bool in = false;
		for (int j = 0; j < po.nrows; j++)
			in = in || po.rows[j].id == pa.rows[i].id;
		assert_int_equal(in, breached(&pa.rows[i], sc.now));
		want += in;
	}
	assert_int_equal(po.nrows, want);
	assert_true(want >= 1);
	bool late_in = false;
	for (int j = 0; j < po.nrows; j++)
		late_in = late_in || strcmp(po.rows[j].number, late.number) == 0;
	assert_true(late_in);
	for (int j = 0; j < po.nrows; j++) {
		assert_string_not_equal(po.rows[j].number, paused_over.number);
		assert_string_not_equal(po.rows[j].number, fresh.number);
	}
	/* Customers have no such filter. */
	struct cq_scope cust = {.customer_id = aoba, .fts_scope = "xyz"};
	struct cq_sql sql;
	assert_int_equal(case_query_sql(&over, &cust, CQ_SQL_COUNT, 0, 0, a, &sql), -1);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse),
	    cmocka_unit_test(test_who_sets_targets),
	    cmocka_unit_test(test_no_target_no_clock),
	    cmocka_unit_test(test_contract_overrides_and_stays),
	    cmocka_unit_test(test_breach_then_late_answer),
	    cmocka_unit_test(test_pauses_and_met),
	    cmocka_unit_test(test_rejected_solution_resumes),
	    cmocka_unit_test(test_figures),
	    cmocka_unit_test(test_breached_filter_agrees),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
