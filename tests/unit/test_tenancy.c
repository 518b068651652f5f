/*
 * Every store function a customer's request reaches takes the customer id:
 * called with customer A's id and customer B's object ids, each finds,
 * lists and changes nothing. The data is the demo's (three customers with
 * cases, attachments, contracts, points, contacts, a restricted article),
 * plus a work request, a saved filter and a history line made here.
 * Covered: cases and their files, contacts, work requests, their files and
 * the catalog, points periods, saved filters, the login history (page,
 * count, export stream), the audit log, contracts and services, knowledge
 * articles, lists and search. Functions taking only an object id
 * (case_activity, case_attachments, work_request_answers, …) are reached
 * only after a customer-scoped lookup of that object (case_get,
 * work_request_get), which is what is tested here.
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

#include "app.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/config.h"
#include "store/audit.h"
#include "store/audit_log.h"
#include "store/cases.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/file_ref.h"
#include "store/knowledge.h"
#include "store/points.h"
#include "store/users.h"
#include "store/work_requests.h"
#include "tmpdir.h"

static char tmpdir[] = "/tmp/madoguchi-tenancy-test-XXXXXX";
static struct app app;
static struct db *db;
/* A: あおば, B: かもめ (src/cli/demo.c). */
static int64_t cust_a, cust_b, a_admin, a_user, b_admin, b_user;
static char b_case[16]; /* B's first case with an attachment */
static char a_case[16]; /* A's first case with an attachment */
static int64_t a_file, b_file;

/* The customer's first case with a file, and that file, as the demo made them. 0 or -1. */
static int
attached_case(int64_t customer_id, char number[16], int64_t *file_id)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/madoguchi.db", tmpdir);
	sqlite3 *h;
	sqlite3_stmt *st;
	int rc = -1;
	if (sqlite3_open(path, &h) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(h,
	                       "SELECT k.number, f.id FROM attachments f JOIN cases k ON k.id = "
	                       "f.case_id WHERE k.customer_id = ? ORDER BY f.id LIMIT 1",
	                       -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, customer_id);
		if (sqlite3_step(st) == SQLITE_ROW) {
			snprintf(number, 16, "%s", (const char *)sqlite3_column_text(st, 0));
			*file_id = sqlite3_column_int64(st, 1);
			rc = 0;
		}
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return rc;
}
static char b_request[16];
static int64_t b_request_file;

static int
group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	char prog[] = "madoguchi", cmd[] = "demo", flag[] = "--data-dir";
	char *argv[] = {prog, cmd, flag, tmpdir, NULL};
	int optind = 2;
	if (config_load(&app.cfg, 4, argv, &optind) != 0 || app_init(&app) != 0)
		return -1;
	if (cli_demo(&app) != 0 || cli_demo_cases(&app) != 0)
		return -1;
	db = db_thread();
	cust_a = customers_id_by_number(db, "N200000001");
	cust_b = customers_id_by_number(db, "N200000002");
	a_admin = users_id_by_login(db, "admin@aoba.example.cs");
	a_user = users_id_by_login(db, "user@aoba.example.cs");
	b_admin = users_id_by_login(db, "admin@kamome.example.cs");
	b_user = users_id_by_login(db, "user@kamome.example.cs");
	if (attached_case(cust_a, a_case, &a_file) != 0 ||
	    attached_case(cust_b, b_case, &b_file) != 0)
		return -1;

	struct arena *a = arena_new();
	struct work_item it;
	int ok = work_item_for_customer(db, 6, cust_b, a, &it) == 1;
	if (ok) {
		struct new_work_request nw = {.customer_id = cust_b,
		                              .service_id = it.service_id,
		                              .item_id = it.id,
		                              .requester_id = b_user,
		                              .item_name_ja = "依頼",
		                              .item_name_en = "Request",
		                              .points = 1};
		ok = work_request_create(db, &nw, b_request) > 0;
	}
	struct attachment_row row;
	if (ok && case_attachment_get(db, b_case, b_file, cust_b, a, &row) == 1) {
		struct file_ref f = {.sha256 = row.sha256,
		                     .size = (uint64_t)row.size,
		                     .mime = row.mime,
		                     .filename = row.filename};
		int64_t req_id = 0;
		struct work_request wr;
		if (work_request_get(db, b_request, cust_b, a, &wr) == 1)
			req_id = wr.id;
		b_request_file = work_request_attach(db, req_id, cust_b, &f, b_user);
	}
	ok = ok && b_request_file > 0 && filters_save(db, b_user, "mine", "state=open") >= 0 &&
	     audit_add(db, &(struct audit_event){.event = "auth.login",
	                                         .actor_id = b_user,
	                                         .customer_id = cust_b,
	                                         .login = "user@kamome.example.cs",
	                                         .ip = "127.0.0.1",
	                                         .user_agent = "test",
	                                         .detail = ""}) == 0;
	arena_free(a);
	return ok && cust_a > 0 && cust_b > 0 && a_user > 0 && b_user > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	app_free(&app);
	db_thread_close();
	tmpdir_remove(tmpdir);
	return 0;
}

static void
test_cases_and_their_files(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct case_row c;
	struct attachment_row f;
	assert_int_equal(case_get(db, a_case, cust_a, a, &c), 1); /* the control */
	assert_int_equal(case_get(db, b_case, cust_a, a, &c), 0);
	assert_int_equal(case_get(db, b_case, cust_b, a, &c), 1);
	assert_int_equal(case_attachment_get(db, a_case, a_file, cust_a, a, &f), 1);
	assert_int_equal(case_attachment_get(db, b_case, b_file, cust_a, a, &f), 0);
	/* Neither B's file under A's case number, nor A's file under B's. */
	assert_int_equal(case_attachment_get(db, a_case, b_file, cust_a, a, &f), 0);
	assert_int_equal(case_attachment_get(db, b_case, a_file, cust_b, a, &f), 0);
	assert_int_equal(case_attachment_get(db, b_case, a_file, cust_a, a, &f), 0);

	struct person *p;
	int n = customer_people(db, cust_a, a, &p);
	assert_true(n > 0);
	for (int i = 0; i < n; i++)
		assert_true(p[i].id == a_admin || p[i].id == a_user);
	arena_free(a);
}

static void
test_work_requests_and_catalog(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct work_request wr;
	struct attachment_row f;
	struct work_item it;
	assert_int_equal(work_request_get(db, b_request, cust_b, a, &wr), 1);
	assert_int_equal(work_request_get(db, b_request, cust_a, a, &wr), 0);
	assert_int_equal(work_request_attachment_get(db, b_request, b_request_file, cust_b, a, &f),
	                 1);
	assert_int_equal(work_request_attachment_get(db, b_request, b_request_file, cust_a, a, &f),
	                 0);
	/* The demo's own requests for each, and B's extra one for B only. */
	int64_t na = work_requests_count(db, cust_a);
	assert_int_equal(work_requests_count(db, cust_b), na + 1);
	struct work_request *rows;
	int nrows = work_requests_page(db, cust_a, 50, 0, a, &rows);
	assert_int_equal(nrows, na);
	for (int i = 0; i < nrows; i++) {
		assert_int_equal(rows[i].customer_id, cust_a);
		assert_string_not_equal(rows[i].number, b_request);
	}
	/* Items 6 and 7 belong to services that only B and C have contracted. */
	assert_int_equal(work_item_for_customer(db, 6, cust_a, a, &it), 0);
	assert_int_equal(work_item_for_customer(db, 7, cust_a, a, &it), 0);
	struct work_item *items;
	int n = work_catalog(db, cust_a, a, &items);
	assert_true(n > 0);
	for (int i = 0; i < n; i++)
		assert_true(items[i].id != 6 && items[i].id != 7);
	/* Attaching to B's request in A's name is refused. */
	struct file_ref ref = {
	    .sha256 = f.sha256, .size = (uint64_t)f.size, .mime = f.mime, .filename = "x"};
	assert_int_equal(work_request_attach(db, wr.id, cust_a, &ref, a_user), 0);
	struct attachment_row *files;
	assert_int_equal(work_request_attachments(db, wr.id, a, &files), 1);
	arena_free(a);
}

static void
test_points(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	/* B has no points contract; C's periods stand for another customer's. */
	int64_t cust_c = customers_id_by_number(db, "N200000003");
	struct point_period *mine, *theirs, p;
	int n = points_periods(db, cust_c, a, &theirs);
	assert_true(n > 0);
	int64_t b_period = theirs[0].id;
	const char *start = theirs[0].start_date, *end = theirs[0].end_date;
	int64_t granted = theirs[0].points;
	n = points_periods(db, cust_a, a, &mine);
	for (int i = 0; i < n; i++)
		assert_int_equal(mine[i].customer_id, cust_a);
	assert_int_equal(points_period_get(db, b_period, cust_a, a, &p), 0);
	assert_int_equal(points_period_update(db, b_period, cust_a, "2020-01-01", "2020-12-31", 1),
	                 0);
	assert_int_equal(points_period_get(db, b_period, cust_c, a, &p), 1);
	assert_string_equal(p.start_date, start);
	assert_string_equal(p.end_date, end);
	assert_int_equal(p.points, granted);
	if (points_period_at(db, cust_a, start, a, &p) == 1)
		assert_int_equal(p.customer_id, cust_a);
	arena_free(a);
}

static void
test_contacts_and_history(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct user u;
	assert_int_equal(contact_get(db, a_user, cust_a, a, &u), 1);
	assert_int_equal(contact_get(db, b_user, cust_a, a, &u), 0);
	struct user_edit e = {.login = "taken-over@example.jp",
	                      .name = "乗っ取り",
	                      .email = "taken-over@example.jp",
	                      .time_zone = "Asia/Tokyo",
	                      .lang = LANG_JA,
	                      .is_admin = true};
	contact_update(db, b_user, cust_a, &e);
	contact_set_disabled(db, b_user, cust_a, true);
	assert_int_equal(contact_get(db, b_user, cust_b, a, &u), 1);
	assert_string_equal(u.login, "user@kamome.example.cs");
	assert_false(u.is_admin);
	assert_false(u.disabled);

	struct contact_row *rows;
	int n = contacts_page(db, cust_a, "", 100, 0, a, &rows);
	assert_int_equal(n, contacts_count(db, cust_a, ""));
	for (int i = 0; i < n; i++)
		assert_true(rows[i].id == a_admin || rows[i].id == a_user);
	assert_int_equal(contacts_page(db, cust_a, "kamome", 100, 0, a, &rows), 0);
	assert_int_equal(contact_other_admins(db, cust_a, a_admin), 0);

	int64_t now = clock_now();
	assert_true(audit_history_count(db, cust_b, b_user, 0, now + 60) >= 1);
	assert_int_equal(audit_history_count(db, cust_a, b_user, 0, now + 60), 0);
	struct history_row *h;
	n = audit_history_page(db, cust_a, 0, 0, now + 60, 1000, 0, a, &h);
	for (int i = 0; i < n; i++)
		assert_true(strstr(h[i].login, "kamome") == NULL);
	arena_free(a);
}

static void
test_saved_filters_and_knowledge(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct saved_filter *f;
	assert_int_equal(filters_of_user(db, b_user, a, &f), 1);
	int64_t theirs = f[0].id;
	assert_int_equal(filters_of_user(db, a_user, a, &f), 0);
	filters_delete(db, a_user, theirs);
	assert_int_equal(filters_of_user(db, b_user, a, &f), 1);

	/* KB0000013 is published for さくら (C) only. */
	struct kb_article art;
	int64_t cust_c = customers_id_by_number(db, "N200000003");
	int64_t now = clock_now();
	assert_int_equal(kb_article_visible(db, "KB0000013", cust_c, now, a, &art), 1);
	assert_int_equal(kb_article_visible(db, "KB0000013", cust_a, now, a, &art), 0);
	assert_int_equal(kb_article_visible(db, "KB0000013", cust_b, now, a, &art), 0);
	arena_free(a);
}

/* Whether the listed knowledge of the customer holds the article number. */
static bool
kb_lists(struct arena *a, int64_t customer_id, const char *keywords, const char *number)
{
	struct kb_query q = {.customer_id = customer_id,
	                     .now = clock_now(),
	                     .keywords = keywords,
	                     .lang = "",
	                     .sort = KB_SORT_NEWEST,
	                     .limit = 1000};
	struct kb_hit *hits;
	int64_t total = 0;
	int n = kb_search(db, &q, a, &hits, &total);
	assert_true(n >= 0);
	for (int i = 0; i < n; i++)
		if (strcmp(hits[i].number, number) == 0)
			return true;
	return false;
}

static void
test_knowledge_lists_and_search(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int64_t cust_c = customers_id_by_number(db, "N200000003");
	struct kb_article art;
	assert_int_equal(kb_article_visible(db, "KB0000013", cust_c, clock_now(), a, &art), 1);
	assert_true(kb_lists(a, cust_c, "", "KB0000013")); /* the control */
	assert_false(kb_lists(a, cust_a, "", "KB0000013"));
	assert_false(kb_lists(a, cust_b, "", "KB0000013"));
	/* Nor by a word of its own title. */
	assert_true(kb_lists(a, cust_c, art.title, "KB0000013"));
	assert_false(kb_lists(a, cust_a, art.title, "KB0000013"));
	arena_free(a);
}

/* Whether A's audit rows (history, export stream, audit log) hold anything of B's users. */
static int
b_login_seen(void *ctx, const struct history_row *h)
{
	*(bool *)ctx |= strstr(h->login, "kamome") != NULL;
	return 0;
}

static int
b_event_seen(void *ctx, const struct audit_row *r)
{
	*(bool *)ctx |=
	    strstr(r->login, "kamome") != NULL || strcmp(r->customer_number, "N200000002") == 0;
	return 0;
}

static void
test_audit_trail_and_contracts(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int64_t now = clock_now();
	bool seen = false;
	assert_int_equal(audit_history_each(db, cust_a, 0, 0, now + 60, b_login_seen, &seen), 0);
	assert_false(seen);
	assert_int_equal(audit_history_each(db, cust_b, 0, 0, now + 60, b_login_seen, &seen), 0);
	assert_true(seen); /* the control */

	struct audit_filter f = {.customer_id = cust_a, .from = 0, .to = now + 60};
	seen = false;
	assert_int_equal(audit_log_each(db, &f, b_event_seen, &seen), 0);
	assert_false(seen);
	struct audit_row *rows;
	int n = audit_log_page(db, &f, 1000, 0, a, &rows);
	assert_int_equal(n, audit_log_count(db, &f));
	for (int i = 0; i < n; i++)
		assert_string_equal(rows[i].customer_number, "N200000001");

	/* Contracts and services: none of B's under A's id. */
	struct contract *cb, *ca, one;
	int nb = contracts_of_customer(db, cust_b, a, &cb);
	int na = contracts_of_customer(db, cust_a, a, &ca);
	assert_true(nb > 0 && na > 0);
	for (int i = 0; i < nb; i++) {
		assert_int_equal(contract_of_customer(db, cb[i].id, cust_a, a, &one), 0);
		for (int k = 0; k < na; k++)
			assert_true(ca[k].id != cb[i].id);
	}
	assert_int_equal(contract_of_customer(db, cb[0].id, cust_b, a, &one), 1);
	struct work_item it;
	assert_int_equal(work_item_for_customer(db, 6, cust_b, a, &it), 1);
	struct service_row *sv;
	int ns = services_of_customer(db, cust_a, a, &sv);
	assert_true(ns > 0);
	for (int i = 0; i < ns; i++)
		assert_true(sv[i].id != it.service_id); /* a service only B (and C) contracted */
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_cases_and_their_files),
	    cmocka_unit_test(test_work_requests_and_catalog),
	    cmocka_unit_test(test_points),
	    cmocka_unit_test(test_contacts_and_history),
	    cmocka_unit_test(test_saved_filters_and_knowledge),
	    cmocka_unit_test(test_knowledge_lists_and_search),
	    cmocka_unit_test(test_audit_trail_and_contracts),
	};
	return cmocka_run_group_tests_name("tenancy", tests, group_setup, group_teardown);
}
