/*
 * Unit tests of the monthly service report (src/cases/report*.c) on a real
 * SQLite database: the figures of a month (opened, closed, the median first
 * response with odd and even counts and the targets met, both from the
 * service levels, satisfaction, points), months across
 * the year end, the provider's time zone at a month's edge, who may read
 * which customer's report, and the delivery on the 1st: once per customer
 * and month however often the job runs, with its PDF attached and a mail.
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
#include "cases/report.h"
#include "cases/report_delivery.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/tz.h"
#include "domain/domain.h"
#include "files/filestore.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/settings.h"
#include "store/users.h"
#include "domain_fixture.h"

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifdef UNDER_ASAN
/* The PDF's libraries lose what tests/unit/test_export.c explains. */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libcairo.so.2\nleak:libfontconfig.so.1\n";
}
#endif

/* Months in Asia/Tokyo, as UTC seconds. */
#define DEC_2025 1764514800 /* 2025-12-01 00:00 JST */
#define JAN_2026 1767193200 /* 2026-01-01 00:00 JST = 2025-12-31 15:00 UTC */
#define FEB_2026 1769871600
#define DAY      86400

static char tmpdir[] = "/tmp/madoguchi-report-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t aoba, kamome, service, aoba_user, kamome_user, agent;

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

static void
sql(const char *fmt, ...)
{
	char q[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(q, sizeof(q), fmt, ap);
	va_end(ap);
	assert_int_equal(db_exec(db, q), 0);
}

/*
 * A case opened at `at` by `author`; the provider's first public comment
 * after `answer` seconds (-1: none), closed at `closed` (0: open).
 */
static void
add_case(const char *number, int64_t customer, int64_t author, const char *category, int64_t at,
         int64_t answer, int64_t closed)
{
	sql("INSERT INTO cases (number, customer_id, category, state, subject, description, "
	    "created_at, updated_at, closed_at) VALUES ('%s', %lld, '%s', '%s', '件名 %s', '本文', "
	    "%lld, %lld, %s)",
	    number, (long long)customer, category, closed ? "closed" : "working", number,
	    (long long)at, (long long)at, closed ? "strftime('%s','now')" : "NULL");
	if (closed)
		sql("UPDATE cases SET closed_at = %lld WHERE number = '%s'", (long long)closed,
		    number);
	sql("INSERT INTO case_activity (case_id, at, author_id, kind) SELECT id, %lld, %lld, "
	    "'created' FROM cases WHERE number = '%s'",
	    (long long)at, (long long)author, number);
	/* A work note comes first and must not count as an answer. */
	sql("INSERT INTO case_activity (case_id, at, author_id, kind, body) SELECT id, %lld, %lld, "
	    "'note', 'メモ' FROM cases WHERE number = '%s'",
	    (long long)at + 1, (long long)agent, number);
	if (answer >= 0) {
		sql("INSERT INTO case_activity (case_id, at, author_id, kind, body) SELECT id, "
		    "%lld, "
		    "%lld, 'comment', '回答' FROM cases WHERE number = '%s'",
		    (long long)(at + answer), (long long)agent, number);
		/* What the comment operation keeps for the service levels' clock. */
		sql("UPDATE cases SET first_response_at = %lld WHERE number = '%s'",
		    (long long)(at + answer), number);
	}
}

static void
rate(const char *number, int64_t asked, int score)
{
	if (score)
		sql("INSERT INTO case_ratings (case_id, customer_id, asked_at, score, rated_at) "
		    "SELECT id, customer_id, %lld, %d, %lld FROM cases WHERE number = '%s'",
		    (long long)asked, score, (long long)asked + 3600, number);
	else
		sql("INSERT INTO case_ratings (case_id, customer_id, asked_at) SELECT id, "
		    "customer_id, %lld FROM cases WHERE number = '%s'",
		    (long long)asked, number);
}

static void
ledger(int64_t at, int points)
{
	sql("INSERT INTO point_ledger (period_id, customer_id, at, kind, points) VALUES "
	    "(1, %lld, %lld, '%s', %d)",
	    (long long)aoba, (long long)at, points < 0 ? "correction" : "consume", points);
}

static int
group_setup(void **state)
{
	(void)state;
	if (fixture_db_open(tmpdir, dbpath, sizeof(dbpath), &db) != 0 ||
	    filestore_init(tmpdir) != 0)
		return -1;
	fixture_app(&app);
	app.cfg.data_dir = tmpdir;
	aoba = customers_insert(db, "N200000001", "あおば商事株式会社");
	kamome = customers_insert(db, "N200000002", "かもめ物流株式会社");
	service = services_insert(
	    db, &(struct new_service){.code = "cspm", .name_ja = "CSPM", .name_en = "CSPM"});
	for (int i = 0; i < 2; i++)
		contracts_insert(db, &(struct new_contract){.customer_id = i ? kamome : aoba,
		                                            .service_id = service,
		                                            .kind = "年間",
		                                            .plan = "標準",
		                                            .start_date = "2025-10-01",
		                                            .renewal_date = ""});
	aoba_user = user("aoba-admin", aoba, true);
	kamome_user = user("kamome-admin", kamome, true);
	agent = user("agent", 0, false);
	if (aoba <= 0 || kamome <= 0 || aoba_user <= 0 || kamome_user <= 0 || agent <= 0)
		return -1;

	/* December 2025: four opened, three answered (10, 60, 20 minutes), one closed. */
	add_case("CS0000001", aoba, aoba_user, "service", DEC_2025 + DAY, 600, 0);
	add_case("CS0000002", aoba, aoba_user, "alert", DEC_2025 + 9 * DAY, 3600,
	         DEC_2025 + 10 * DAY);
	add_case("CS0000003", aoba, aoba_user, "fault", DEC_2025 + 19 * DAY, 1200, 0);
	/* 23:59:59 on 31 December in Tokyo: still December there. */
	add_case("CS0000004", aoba, aoba_user, "other", JAN_2026 - 1, -1, 0);
	/* January 2026: 00:30 on the 1st in Tokyo (still 31 December in UTC). */
	add_case("CS0000005", aoba, aoba_user, "service", JAN_2026 + 1800, 300, 0);
	add_case("CS0000006", aoba, aoba_user, "product", JAN_2026 + 4 * DAY, 900,
	         JAN_2026 + 5 * DAY);
	/* Raised by the provider and not answered yet. */
	add_case("CS0000007", aoba, agent, "alarm", JAN_2026 + 2 * DAY, -1, 0);
	/* The report's own delivery is not part of the report. */
	add_case("CS0000008", aoba, agent, "monthly_report", JAN_2026 + 3600, -1, 0);
	/* Another customer's quick answer never reaches aoba's figures. */
	add_case("CS0000009", kamome, kamome_user, "service", DEC_2025 + 2 * DAY, 10, 0);

	sql("UPDATE counters SET value = 100 WHERE name = 'case'"); /* numbers taken above */
	/* A 30-minute first-response target: met in 10 minutes, missed in 60. */
	sql("UPDATE cases SET response_target_min = 30 WHERE number IN ('CS0000001', 'CS0000002')");

	rate("CS0000001", DEC_2025 + 2 * DAY, 4);
	rate("CS0000002", DEC_2025 + 11 * DAY, 5);
	rate("CS0000003", DEC_2025 + 21 * DAY, 0);
	rate("CS0000009", DEC_2025 + 3 * DAY, 4);

	sql("INSERT INTO point_periods (customer_id, start_date, end_date, points, created_at, "
	    "updated_at) VALUES (%lld, '2025-10-01', '2026-09-30', 100, 0, 0)",
	    (long long)aoba);
	ledger(DEC_2025 + 9 * DAY, 5);
	ledger(DEC_2025 + 19 * DAY, -2);
	ledger(JAN_2026 - 600, 1); /* 23:50 on 31 December in Tokyo */
	ledger(JAN_2026 + 600, 7);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

static struct arena *a;

static int
setup(void **state)
{
	(void)state;
	a = arena_new();
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	arena_free(a);
	return 0;
}

static void
as(struct dom *d, int64_t id)
{
	fixture_as(d, a, &app, db, id);
}

static void
test_month_bounds(void **state)
{
	(void)state;
	assert_int_equal(tz_month_start(TZ_DEFAULT, 2025, 12), DEC_2025);
	assert_int_equal(tz_month_start(TZ_DEFAULT, 2025, 13), JAN_2026);
	assert_int_equal(tz_month_start(TZ_DEFAULT, 2026, 1), JAN_2026);
	assert_int_equal(tz_month_start(TZ_DEFAULT, 2026, 0), DEC_2025);
	assert_int_equal(tz_month_start(TZ_DEFAULT, 2026, 2), FEB_2026);
	assert_int_equal(tz_month_start(TZ_DEFAULT, 2027, -10), FEB_2026);
	/* In UTC the same month starts nine hours later. */
	assert_int_equal(tz_month_start("UTC", 2026, 1), JAN_2026 + 9 * 3600);
	int y, m;
	assert_int_equal(report_month_of(JAN_2026 - 1, &y, &m), 0);
	assert_true(y == 2025 && m == 12);
	assert_int_equal(report_month_of(JAN_2026, &y, &m), 0);
	assert_true(y == 2026 && m == 1);
	assert_int_equal(report_month_parse("2026-01", &y, &m), 0);
	assert_true(y == 2026 && m == 1);
	const char *bad[] = {"2026-13", "2026-1", "26-01", "2026-01x", "", "1999-12", "2026/01"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_int_equal(report_month_parse(bad[i], &y, &m), -1);
}

/* December: an odd count of answers, and the case at 23:59:59 in Tokyo is December's. */
static void
test_december(void **state)
{
	(void)state;
	struct dom d;
	as(&d, agent);
	struct monthly_report rep;
	assert_int_equal(monthly_report_build(&d, aoba, 2025, 12, &rep), DOM_OK);
	assert_string_equal(rep.key, "2025-12");
	assert_string_equal(rep.customer_number, "N200000001");
	assert_int_equal(rep.opened, 4);
	assert_int_equal(rep.closed, 1);
	assert_int_equal(rep.responded, 3);
	assert_int_equal(rep.median_first_response, 1200);
	assert_int_equal(rep.rating.asked, 3);
	assert_int_equal(rep.rating.answered, 2);
	assert_int_equal(rep.rating.score_total, 9);
	assert_int_equal(rep.points_used, 4);
	assert_int_equal(rep.ncases, 4);
	assert_string_equal(rep.cases[3].number, "CS0000004");
	assert_string_equal(rep.delivered_case, "");
	struct report_figure f[REPORT_FIGURES];
	monthly_report_figures(&rep, LANG_EN, a, f);
	assert_string_equal(f[2].value, "20 min (3 cases answered)");
	assert_int_equal(rep.response_met, 1);
	assert_int_equal(rep.response_missed, 1);
	assert_string_equal(f[3].value, "First response: 1 of 2 met; resolution: 0 of 0 met");
	assert_string_equal(f[4].value, "4.5 / 5 (2 answered of 3 asked)");
}

/* January: the year turned, an even count of answers, the provider's own cases. */
static void
test_january(void **state)
{
	(void)state;
	struct dom d;
	as(&d, agent);
	struct monthly_report rep;
	assert_int_equal(monthly_report_build(&d, aoba, 2026, 1, &rep), DOM_OK);
	assert_int_equal(rep.opened, 3); /* 5, 6 and the alarm; not the delivery */
	assert_int_equal(rep.closed, 1);
	assert_int_equal(rep.responded, 2);
	assert_int_equal(rep.median_first_response, 600);
	assert_int_equal(rep.rating.asked, 0);
	assert_int_equal(rep.points_used, 7);
	assert_int_equal(rep.ncases, 3);
	for (int i = 0; i < rep.ncases; i++)
		assert_string_not_equal(rep.cases[i].number, "CS0000008");
	struct report_figure f[REPORT_FIGURES];
	monthly_report_figures(&rep, LANG_EN, a, f);
	assert_string_equal(f[2].value, "10 min (2 cases answered)");
	assert_string_equal(f[3].value, "No case with a target");
	/* November: nothing happened, and says so. */
	assert_int_equal(monthly_report_build(&d, aoba, 2025, 11, &rep), DOM_OK);
	assert_int_equal(rep.opened + rep.closed + rep.ncases + rep.responded, 0);
	assert_int_equal(rep.median_first_response, -1);
}

/* A customer reads its own reports only; another's is absent; months to come are refused. */
static void
test_who_reads(void **state)
{
	(void)state;
	struct dom d;
	struct monthly_report rep;
	as(&d, aoba_user);
	assert_int_equal(monthly_report_build(&d, aoba, 2025, 12, &rep), DOM_OK);
	assert_int_equal(rep.opened, 4);
	assert_int_equal(monthly_report_build(&d, kamome, 2025, 12, &rep), DOM_NOT_FOUND);
	as(&d, kamome_user);
	assert_int_equal(monthly_report_build(&d, kamome, 2025, 12, &rep), DOM_OK);
	assert_int_equal(rep.opened, 1);
	assert_int_equal(rep.median_first_response, 10);
	assert_int_equal(monthly_report_build(&d, aoba, 2025, 12, &rep), DOM_NOT_FOUND);
	as(&d, agent);
	assert_int_equal(monthly_report_build(&d, 9999, 2025, 12, &rep), DOM_NOT_FOUND);
	assert_int_equal(monthly_report_build(&d, aoba, 9999, 12, &rep), DOM_INVALID);
	assert_non_null(dom_error(&d, "month"));
	struct report_line *lines;
	int n;
	as(&d, aoba_user);
	assert_int_equal(monthly_report_overview(&d, 2025, 12, 10, 0, &lines, &n), DOM_FORBIDDEN);
	as(&d, agent);
	assert_int_equal(monthly_report_overview(&d, 2025, 12, 10, 0, &lines, &n), DOM_OK);
	assert_int_equal(n, 2);
	assert_int_equal(lines[0].opened, 4);
	assert_int_equal(lines[1].opened, 1);
}

static int64_t
count(const char *q)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int64_t n = -1;
	assert_int_equal(sqlite3_open(dbpath, &h), SQLITE_OK);
	if (sqlite3_prepare_v2(h, q, -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return n;
}

/* The previous month goes out once per customer, however often the job runs. */
static void
test_delivery(void **state)
{
	(void)state;
	struct dom sys = {.app = &app, .a = a};
	int delivered = -1;
	/* Off by default. */
	assert_int_equal(monthly_reports_deliver(&sys, &delivered), DOM_OK);
	assert_int_equal(delivered, 0);
	/* Turned on this month: nothing before the next 1st. */
	char v[32];
	snprintf(v, sizeof(v), "%lld", (long long)clock_now());
	assert_int_equal(settings_put(db, REPORT_DELIVERY_SETTING, v), 0);
	assert_int_equal(monthly_reports_deliver(&sys, &delivered), DOM_OK);
	assert_int_equal(delivered, 0);
	/* The service has targets: a delivery, which waits for no answer, takes none. */
	sql("UPDATE services SET response_target_min = 60, resolution_target_min = 600");
	/* On since before this month: last month goes out to both customers, once. */
	snprintf(v, sizeof(v), "%lld", (long long)(clock_now() - 40 * DAY));
	assert_int_equal(settings_put(db, REPORT_DELIVERY_SETTING, v), 0);
	int mails = fixture_mails_queued(db);
	assert_int_equal(monthly_reports_deliver(&sys, &delivered), DOM_OK);
	assert_int_equal(delivered, 2);
	assert_int_equal(fixture_mails_queued(db), mails + 2);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(monthly_reports_deliver(&sys, &delivered), DOM_OK);
		assert_int_equal(delivered, 0);
	}
	assert_int_equal(count("SELECT COUNT(*) FROM report_deliveries d JOIN cases k ON k.id = "
	                       "d.case_id WHERE k.category = 'monthly_report' AND k.state = 'new'"),
	                 2);
	assert_int_equal(count("SELECT COUNT(*) FROM report_deliveries d JOIN cases k ON k.id = "
	                       "d.case_id WHERE k.response_target_min IS NOT NULL OR "
	                       "k.resolution_target_min IS NOT NULL"),
	                 0);
	assert_int_equal(
	    count("SELECT COUNT(*) FROM attachments t JOIN report_deliveries d ON "
	          "d.case_id = t.case_id WHERE t.filename LIKE 'monthly-report-N2%.pdf' "
	          "AND t.mime = 'application/pdf' AND t.internal = 0"),
	    2);
	/* A customer user may not run the job. */
	struct dom d;
	as(&d, aoba_user);
	assert_int_equal(monthly_reports_deliver(&d, &delivered), DOM_FORBIDDEN);
	/* The report of the delivered month names its case. */
	int y, m;
	assert_int_equal(report_month_of(clock_now(), &y, &m), 0);
	struct monthly_report rep;
	as(&d, agent);
	assert_int_equal(
	    monthly_report_build(&d, aoba, m == 1 ? y - 1 : y, m == 1 ? 12 : m - 1, &rep), DOM_OK);
	assert_memory_equal(rep.delivered_case, "CS", 2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_month_bounds),
	    cmocka_unit_test_setup_teardown(test_december, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_january, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_who_reads, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_delivery, setup, teardown),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
