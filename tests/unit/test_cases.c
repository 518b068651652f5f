/*
 * Unit tests of the case operations (src/cases) on a real SQLite database in
 * a temporary directory: who may open, see, comment on and move a case; the
 * subject limit in characters; the rules of the customer's actions; the
 * mails each operation queues; and which files a comment may carry.
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
#include "core/arena.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "domain/upload.h"
#include "files/filestore.h"
#include "store/cases.h"
#include "mail/outbox.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-cases-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t aoba, kamome, aoba_service, kamome_service;
static int64_t aoba_admin, aoba_user, kamome_user, agent;

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

static int64_t
service(const char *code, int64_t customer)
{
	int64_t s = services_insert(
	    db, &(struct new_service){
	            .code = code, .name_ja = "サービス", .name_en = "Service", .portal_url = ""});
	contracts_insert(db, &(struct new_contract){.customer_id = customer,
	                                            .service_id = s,
	                                            .kind = "subscription",
	                                            .plan = "standard",
	                                            .start_date = "2026-01-01",
	                                            .renewal_date = ""});
	return s;
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
	aoba_service = service("aoba-cspm", aoba);
	kamome_service = service("kamome-cspm", kamome);
	aoba_admin = user("aoba-admin", aoba, true);
	aoba_user = user("aoba-user", aoba, false);
	kamome_user = user("kamome-user", kamome, false);
	agent = user("agent", 0, false);
	return aoba > 0 && kamome > 0 && aoba_service > 0 && agent > 0 ? 0 : -1;
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

static struct case_row
open_as(struct arena *a, int64_t who)
{
	struct dom d;
	as(&d, a, who);
	struct case_row c;
	struct case_open_in in = {.service_id = aoba_service,
	                          .category = "service",
	                          .subject = "ログインできません",
	                          .description = "昨日から。"};
	assert_int_equal(case_open(&d, &in, &c), DOM_OK);
	return c;
}

static void
test_subject_counts_characters(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	as(&d, a, aoba_user);
	struct case_row c;
	struct case_open_in in = {.service_id = aoba_service,
	                          .category = "service",
	                          .subject = japanese(a, 160),
	                          .description = "本文"};
	assert_int_equal(case_open(&d, &in, &c), DOM_OK);
	assert_string_equal(c.subject, in.subject);
	assert_int_equal(c.state, CASE_NEW);
	assert_int_equal(c.contact_id, aoba_user);
	in.subject = japanese(a, 161);
	as(&d, a, aoba_user);
	assert_int_equal(case_open(&d, &in, &c), DOM_INVALID);
	assert_string_equal(dom_error(&d, "subject"), "Use 160 characters at most.");
	/* Surrounding white space, the ideographic space included, does not count. */
	in.subject = arena_printf(a, "\xe3\x80\x80%s ", japanese(a, 160));
	as(&d, a, aoba_user);
	assert_int_equal(case_open(&d, &in, &c), DOM_OK);
	in.subject = "一行目\n二行目";
	as(&d, a, aoba_user);
	assert_int_equal(case_open(&d, &in, &c), DOM_INVALID);
	assert_non_null(dom_error(&d, "subject"));
	arena_free(a);
}

static void
test_customer_open_rules(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct case_row c;
	as(&d, a, aoba_user);
	/* Another customer's service, a category only the provider raises, nothing written. */
	struct case_open_in in = {
	    .service_id = kamome_service, .category = "alarm", .subject = " ", .description = ""};
	assert_int_equal(case_open(&d, &in, &c), DOM_INVALID);
	assert_non_null(dom_error(&d, "service"));
	assert_non_null(dom_error(&d, "category"));
	assert_string_equal(dom_error(&d, "subject"), "This field is required.");
	assert_string_equal(dom_error(&d, "description"), "This field is required.");
	/* A customer cannot name another contact or customer: its own are used. */
	int before = mails_queued();
	in = (struct case_open_in){.customer_number = "N200000002",
	                           .contact_id = kamome_user,
	                           .service_id = aoba_service,
	                           .category = "fault",
	                           .subject = "障害",
	                           .description = "詳細"};
	as(&d, a, aoba_user);
	assert_int_equal(case_open(&d, &in, &c), DOM_OK);
	assert_int_equal(c.customer_id, aoba);
	assert_int_equal(c.contact_id, aoba_user);
	assert_int_equal(mails_queued(), before + 1);
	arena_free(a);
}

static void
test_staff_open(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	struct case_row c;
	as(&d, a, agent);
	struct case_open_in in = {.customer_number = "N299999999",
	                          .category = "monthly_report",
	                          .subject = "月次レポート",
	                          .description = "添付のとおり"};
	assert_int_equal(case_open(&d, &in, &c), DOM_INVALID);
	assert_non_null(dom_error(&d, "customer"));
	/* A contact of another customer is refused. */
	in.customer_number = "N200000001";
	in.contact_id = kamome_user;
	as(&d, a, agent);
	assert_int_equal(case_open(&d, &in, &c), DOM_INVALID);
	assert_non_null(dom_error(&d, "contact"));
	/* By default: the first service, the first admin, who gets the mail. */
	int before = mails_queued();
	in.contact_id = 0;
	as(&d, a, agent);
	assert_int_equal(case_open(&d, &in, &c), DOM_OK);
	assert_int_equal(c.customer_id, aoba);
	assert_int_equal(c.service_id, aoba_service);
	assert_int_equal(c.contact_id, aoba_admin);
	assert_string_equal(c.category, "monthly_report");
	assert_int_equal(mails_queued(), before + 1);
	arena_free(a);
}

static void
test_other_customer_sees_nothing(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct case_row c = open_as(a, aoba_user), x;
	struct dom d;
	as(&d, a, kamome_user);
	assert_int_equal(case_find(&d, c.number, &x), DOM_NOT_FOUND);
	struct case_comment_in cm = {.number = c.number, .body = "覗き見"};
	assert_int_equal(case_comment(&d, &cm, &x), DOM_NOT_FOUND);
	assert_int_equal(case_act(&d, c.number, CASE_ACT_CLOSE, &x), DOM_NOT_FOUND);
	/* The same company's other user sees it; malformed numbers are simply absent. */
	as(&d, a, aoba_admin);
	assert_int_equal(case_find(&d, c.number, &x), DOM_OK);
	assert_int_equal(case_find(&d, "CS12", &x), DOM_NOT_FOUND);
	assert_int_equal(case_find(&d, "CS000000' OR 1", &x), DOM_NOT_FOUND);
	/* Customers neither write internal notes nor make the staff's moves. */
	as(&d, a, aoba_user);
	cm.internal = true;
	assert_int_equal(case_comment(&d, &cm, &x), DOM_FORBIDDEN);
	struct case_update_in up = {.number = c.number, .state = CASE_RESOLVED, .assignee_id = -1};
	assert_int_equal(case_update(&d, &up, &x), DOM_FORBIDDEN);
	as(&d, a, aoba_user);
	assert_int_equal(case_find(&d, c.number, &x), DOM_OK);
	assert_int_equal(x.state, CASE_NEW);
	arena_free(a);
}

static void
test_lifecycle(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct case_row c = open_as(a, aoba_user), x;
	struct dom d;
	/* Staff ask the customer: the contact is mailed. */
	int before = mails_queued();
	as(&d, a, agent);
	struct case_update_in up = {
	    .number = c.number, .state = CASE_AWAITING, .assignee_id = agent};
	assert_int_equal(case_update(&d, &up, &x), DOM_OK);
	assert_int_equal(x.state, CASE_AWAITING);
	assert_int_equal(x.assignee_id, agent);
	assert_int_equal(mails_queued(), before + 1);
	/* The customer's answer gives the case back to the provider. */
	as(&d, a, aoba_user);
	struct case_comment_in cm = {.number = c.number, .body = "再現手順です"};
	assert_int_equal(case_comment(&d, &cm, &x), DOM_OK);
	assert_int_equal(x.state, CASE_WORKING);
	cm.body = "  ";
	as(&d, a, aoba_user);
	assert_int_equal(case_comment(&d, &cm, &x), DOM_INVALID);
	assert_non_null(dom_error(&d, "body"));
	/* Resolved: close is not offered, accept and reject are. */
	as(&d, a, agent);
	up = (struct case_update_in){.number = c.number, .state = CASE_RESOLVED, .assignee_id = -1};
	assert_int_equal(case_update(&d, &up, &x), DOM_OK);
	as(&d, a, aoba_user);
	assert_int_equal(case_act(&d, c.number, CASE_ACT_CLOSE, &x), DOM_CONFLICT);
	assert_non_null(d.message);
	as(&d, a, aoba_user);
	assert_int_equal(case_act(&d, c.number, CASE_ACT_REJECT, &x), DOM_OK);
	assert_int_equal(x.state, CASE_WORKING);
	as(&d, a, aoba_user);
	assert_int_equal(case_act(&d, c.number, CASE_ACT_ACCEPT, &x), DOM_CONFLICT);
	as(&d, a, aoba_user);
	assert_int_equal(case_act(&d, c.number, CASE_ACT_CLOSE, &x), DOM_OK);
	assert_int_equal(x.state, CASE_CLOSED);
	/* Closed is final for everyone. */
	as(&d, a, agent);
	cm = (struct case_comment_in){.number = c.number, .body = "追記"};
	assert_int_equal(case_comment(&d, &cm, &x), DOM_CONFLICT);
	up = (struct case_update_in){.number = c.number, .state = CASE_WORKING, .assignee_id = -1};
	as(&d, a, agent);
	assert_int_equal(case_update(&d, &up, &x), DOM_CONFLICT);
	/* An internal note mails nobody; an unknown assignee is refused. */
	struct case_row y = open_as(a, aoba_user);
	before = mails_queued();
	as(&d, a, agent);
	cm = (struct case_comment_in){.number = y.number, .body = "調査メモ", .internal = true};
	assert_int_equal(case_comment(&d, &cm, &x), DOM_OK);
	assert_int_equal(mails_queued(), before);
	as(&d, a, agent);
	up = (struct case_update_in){.number = y.number, .state = -1, .assignee_id = aoba_user};
	assert_int_equal(case_update(&d, &up, &x), DOM_INVALID);
	assert_non_null(dom_error(&d, "assignee"));
	arena_free(a);
}

/* A file as the store sealed it, already in place (nothing pending to keep). */
static struct incoming_file
sealed(const char *name, const char *mime)
{
	struct incoming_file f = {.field = "", .filename = name};
	snprintf(f.stored.sha256, sizeof(f.stored.sha256), "%064d", 7);
	f.stored.size = 42;
	snprintf(f.stored.mime, sizeof(f.stored.mime), "%s", mime);
	return f;
}

/* Programs are refused, by every channel, and nothing is recorded; other files get their ids. */
static void
test_attachment_types(void **state)
{
	(void)state;
	assert_false(upload_type_allowed("application/x-dosexec"));
	assert_false(upload_type_allowed("application/x-pie-executable"));
	assert_false(upload_type_allowed("APPLICATION/X-EXECUTABLE; charset=binary"));
	assert_true(upload_type_allowed("application/pdf"));
	assert_true(upload_type_allowed("application/x-executable-ish"));
	assert_true(upload_type_allowed("text/html"));

	struct arena *a = arena_new();
	struct case_row c = open_as(a, aoba_user), x;
	struct dom d;
	struct incoming_file files[2] = {sealed("report.pdf", "application/pdf"),
	                                 sealed("invoice.pdf", "application/x-dosexec")};
	int64_t ids[2] = {0, 0};
	struct case_comment_in cm = {.number = c.number, .body = "", .files = {files, 2, ids}};
	as(&d, a, agent);
	assert_int_equal(case_comment(&d, &cm, &x), DOM_INVALID);
	assert_non_null(dom_error(&d, "files"));
	struct attachment_row *v;
	assert_int_equal(case_attachments(db, c.id, true, a, &v), 0);
	/* The file alone, no comment: attached, its id given back. */
	cm.files.n = 1;
	as(&d, a, agent);
	assert_int_equal(case_comment(&d, &cm, &x), DOM_OK);
	assert_int_equal(case_attachments(db, c.id, true, a, &v), 1);
	assert_true(ids[0] == v[0].id);
	assert_string_equal(v[0].sha256, files[0].stored.sha256);
	/* Opening a case with a program is refused the same way. */
	struct case_open_in in = {.service_id = aoba_service,
	                          .category = "fault",
	                          .subject = "件名",
	                          .description = "本文",
	                          .files = {&files[1], 1, NULL}};
	as(&d, a, aoba_user);
	assert_int_equal(case_open(&d, &in, &x), DOM_INVALID);
	assert_non_null(dom_error(&d, "files"));
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_subject_counts_characters),
	    cmocka_unit_test(test_customer_open_rules),
	    cmocka_unit_test(test_staff_open),
	    cmocka_unit_test(test_other_customer_sees_nothing),
	    cmocka_unit_test(test_lifecycle),
	    cmocka_unit_test(test_attachment_types),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
