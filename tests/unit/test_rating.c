/*
 * Unit tests of satisfaction ratings (src/cases/rating.c) on a real SQLite
 * database: closing a case asks its contact once (a row and a mail), a link
 * records nothing by being opened, the answer's rules, one answer per case,
 * links of another contact or past their time, and who sees the report.
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
#include "cases/rating.h"
#include "core/arena.h"
#include "core/tz.h"
#include "domain/domain.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/ratings.h"
#include "store/tokens.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-rating-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t aoba, service, contact, other, agent;
static int64_t rating_id;

static int64_t
user(const char *login, int64_t customer)
{
	char email[64];
	snprintf(email, sizeof(email), "%s@example.jp", login);
	return users_insert(db, &(struct new_user){.login = login,
	                                           .name = login,
	                                           .email = email,
	                                           .customer_id = customer,
	                                           .lang = LANG_JA});
}

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
	contact = user("aoba-user", aoba);
	other = user("aoba-other", aoba);
	agent = user("agent", 0);
	return aoba > 0 && service > 0 && contact > 0 && agent > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

/* The id of the case's rating row, read on a connection of its own; 0 when none. */
static int64_t
rating_of(const char *number)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int64_t id = 0;
	if (sqlite3_open(dbpath, &h) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(h,
	                       "SELECT r.id FROM case_ratings r JOIN cases k ON k.id = r.case_id "
	                       "WHERE k.number = ?",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, number, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			id = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return id;
}

/* A link for rating id as sent to user (ttl seconds). */
static char *
link_for(struct arena *a, int64_t user_id, int64_t id, int64_t ttl)
{
	return token_create(db, "rating", user_id, ttl, arena_printf(a, "%lld", (long long)id), a);
}

static void
test_closing_asks_once(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct case_row c;
	fixture_as(&d, a, &app, db, contact);
	struct case_open_in in = {.service_id = service,
	                          .category = "service",
	                          .subject = "ログの保管期間",
	                          .description = "教えてください。"};
	assert_int_equal(case_open(&d, &in, &c), DOM_OK);
	assert_int_equal(rating_of(c.number), 0);
	int mails = fixture_mails_queued(db);
	fixture_as(&d, a, &app, db, contact);
	assert_int_equal(case_act(&d, c.number, CASE_ACT_CLOSE, &c), DOM_OK);
	rating_id = rating_of(c.number);
	assert_true(rating_id > 0);
	assert_int_equal(fixture_mails_queued(db), mails + 1);
	/* Asked once: a second ask of the same case records nothing. */
	assert_int_equal(rating_ask(db, &(struct new_rating){.case_id = c.id,
	                                                     .customer_id = aoba,
	                                                     .contact_id = contact}),
	                 0);
	arena_free(a);
}

static void
test_links_and_answers(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct rating r;
	char *link = link_for(a, contact, rating_id, 3600);
	memset(&d, 0, sizeof(d)); /* a visitor: the link is the credential */
	d.app = &app;
	d.a = a;
	for (int i = 0; i < 3; i++)
		assert_int_equal(rating_open(&d, link, &r), DOM_OK);
	assert_int_equal(r.rated_at, 0);

	assert_int_equal(rating_open(&d, "not-a-token", &r), DOM_NOT_FOUND);
	assert_int_equal(rating_open(&d, link_for(a, other, rating_id, 3600), &r), DOM_NOT_FOUND);
	assert_int_equal(rating_open(&d, link_for(a, contact, rating_id, -1), &r), DOM_NOT_FOUND);

	assert_int_equal(rating_submit(&d, link, 0, ""), DOM_INVALID);
	assert_non_null(dom_error(&d, "score"));
	d.nerrors = 0;
	assert_int_equal(rating_submit(&d, link, 6, ""), DOM_INVALID);
	d.nerrors = 0;
	assert_int_equal(rating_submit(&d, link, 4, " 迅速でした。 "), DOM_OK);
	assert_int_equal(rating_open(&d, link, &r), DOM_CONFLICT);
	assert_int_equal(r.score, 4);
	assert_string_equal(r.comment, "迅速でした。");
	/* One answer per case, whichever link. */
	assert_int_equal(rating_submit(&d, link_for(a, contact, rating_id, 3600), 1, ""),
	                 DOM_CONFLICT);
	assert_int_equal(fixture_audited(dbpath, "case.rated"), 1);
	arena_free(a);
}

static void
test_report_for_staff_only(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct rating_report rep;
	fixture_as(&d, a, &app, db, contact);
	assert_int_equal(rating_report(&d, 2026, 12, &rep), DOM_FORBIDDEN);
	fixture_as(&d, a, &app, db, agent);
	assert_int_equal(rating_report(&d, 2026, 13, &rep), DOM_INVALID);
	struct tm now;
	assert_int_equal(tz_local(TZ_DEFAULT, clock_now(), &now), 0);
	fixture_as(&d, a, &app, db, agent);
	assert_int_equal(rating_report(&d, now.tm_year + 1900, now.tm_mon + 1, &rep), DOM_OK);
	int64_t asked = 0, answered = 0, total = 0;
	for (int i = 0; i < RATING_MONTHS; i++) {
		asked += rep.trend[i].asked;
		answered += rep.trend[i].answered;
		total += rep.trend[i].score_total;
	}
	assert_int_equal(asked, 1);
	assert_int_equal(answered, 1);
	assert_int_equal(total, 4);
	assert_int_equal(rep.ncustomers, 1);
	assert_string_equal(rep.customers[0].key, "N200000001");
	assert_int_equal(rep.ncomments, 1);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_closing_asks_once),
	    cmocka_unit_test(test_links_and_answers),
	    cmocka_unit_test(test_report_for_staff_only),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
