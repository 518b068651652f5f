/*
 * Unit tests of the knowledge operations (src/knowledge) on a fresh
 * migrated database: a customer user is refused and nothing changes, bad
 * input is refused field by field, a knowledge base holding something is
 * not deleted, a category's articles need a destination in the same
 * knowledge base, and an article is created, numbered, published, retired
 * and given and relieved of an attachment, each change audited; a
 * banner closed by the user who reads it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/arena.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "knowledge/knowledge.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "store/migrate.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[64];
static char dbpath[128]; /* db_configure keeps the pointer: static storage */
static int dbseq;

struct fixture {
	struct db *db;
	struct arena *a;
	int64_t customer, service, staff, customer_user;
};

static int
group_setup(void **state)
{
	(void)state;
	unsetenv("MADOGUCHI_TEST_CLOCK_FILE");
	strcpy(tmpdir, "/tmp/madoguchi-test-kbops-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	return tmpdir_remove(tmpdir);
}

static int
setup(void **state)
{
	static struct fixture f;
	memset(&f, 0, sizeof(f));
	snprintf(dbpath, sizeof(dbpath), "%s/k%d.db", tmpdir, ++dbseq);
	db_configure(dbpath);
	if (!(f.db = db_thread()) || migrate_run(f.db) < 0)
		return -1;
	f.a = arena_new();
	f.customer = customers_insert(f.db, "N200000001", "株式会社テスト");
	const struct new_service s = {.code = "cspm", .name_ja = "CSPM", .name_en = "CSPM"};
	f.service = services_insert(f.db, &s);
	const struct new_user st = {
	    .login = "agent@example.cs", .name = "Agent", .email = "a@x.cs"};
	f.staff = users_insert(f.db, &st);
	const struct new_user cu = {.login = "user@example.jp",
	                            .name = "User",
	                            .email = "u@x.jp",
	                            .customer_id = f.customer,
	                            .is_admin = true};
	f.customer_user = users_insert(f.db, &cu);
	if (f.customer <= 0 || f.service <= 0 || f.staff <= 0 || f.customer_user <= 0)
		return -1;
	*state = &f;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *f = *state;
	arena_free(f->a);
	db_thread_close();
	return 0;
}

/* A context for provider staff (staff true) or for the customer's admin. */
static void
as(struct fixture *f, struct dom *d, bool staff)
{
	memset(d, 0, sizeof(*d));
	d->a = f->a;
	d->who.user_id = staff ? f->staff : f->customer_user;
	d->who.customer_id = staff ? 0 : f->customer;
	d->who.staff = staff;
	d->who.admin = true;
	d->who.login = staff ? "agent@example.cs" : "user@example.jp";
}

/* The number of audit events named event. */
static int64_t
audited(struct fixture *f, const char *event)
{
	(void)f;
	return fixture_audited(dbpath, event);
}

static int64_t
new_base(struct fixture *f, const char *ja, const char *en)
{
	struct dom d;
	as(f, &d, true);
	struct kb_base_input in = {.service_id = f->service, .name_ja = ja, .name_en = en};
	int64_t id;
	assert_int_equal(knowledge_base_create(&d, &in, &id), DOM_OK);
	assert_true(id > 0);
	return id;
}

static int64_t
new_category(struct fixture *f, int64_t kb, const char *ja, const char *en)
{
	struct dom d;
	as(f, &d, true);
	struct kb_category_input in = {.kb_id = kb, .name_ja = ja, .name_en = en};
	int64_t id;
	assert_int_equal(knowledge_category_create(&d, &in, &id), DOM_OK);
	return id;
}

static struct kb_article_input
article(int64_t kb, int64_t category, const char *title)
{
	return (struct kb_article_input){.kb_id = kb,
	                                 .category_id = category,
	                                 .lang = "ja",
	                                 .title = title,
	                                 .body = "本文です。",
	                                 .plain = "本文です。",
	                                 .target = KB_TARGET_ALL};
}

static void
test_customer_refused(void **state)
{
	struct fixture *f = *state;
	struct dom d;
	as(f, &d, false);
	struct kb_base_input in = {.name_ja = "資料", .name_en = "Documents"};
	int64_t id;
	assert_int_equal(knowledge_base_create(&d, &in, &id), DOM_FORBIDDEN);
	assert_int_equal(id, 0);
	struct kb_base *all;
	assert_int_equal(kb_bases_all(f->db, f->a, &all), 0);

	int64_t kb = new_base(f, "資料", "Documents");
	struct dom s;
	as(f, &s, true);
	struct kb_article_input a = article(kb, 0, "記事");
	struct kb_article_result res;
	assert_int_equal(knowledge_article_create(&s, &a, true, &res), DOM_OK);
	as(f, &d, false);
	assert_int_equal(knowledge_article_retire(&d, res.id), DOM_FORBIDDEN);
	assert_int_equal(knowledge_base_delete(&d, kb, &(struct kb_usage){0}), DOM_FORBIDDEN);
	struct kb_article x;
	assert_int_equal(kb_article_get(f->db, res.id, f->a, &x), 1);
	assert_string_equal(x.state, "published");
}

static void
test_base_names_checked(void **state)
{
	struct fixture *f = *state;
	new_base(f, "資料", "Documents");
	struct dom d;
	as(f, &d, true);
	struct kb_base_input in = {.service_id = 999, .name_ja = "", .name_en = "DOCUMENTS"};
	int64_t id;
	assert_int_equal(knowledge_base_create(&d, &in, &id), DOM_INVALID);
	assert_string_equal(dom_error(&d, "service"), "Choose a service from the list.");
	assert_string_equal(dom_error(&d, "name_ja"), "Enter a name of 100 characters at most.");
	assert_string_equal(dom_error(&d, "name_en"),
	                    "Another knowledge base already has this name.");
	assert_int_equal(audited(f, "kb.base_created"), 1);
}

static void
test_base_delete_refused_while_it_holds_something(void **state)
{
	struct fixture *f = *state;
	int64_t kb = new_base(f, "資料", "Documents");
	int64_t cat = new_category(f, kb, "手順", "Procedures");
	struct dom d;
	as(f, &d, true);
	struct kb_usage u;
	assert_int_equal(knowledge_base_delete(&d, kb, &u), DOM_CONFLICT);
	assert_int_equal(u.categories, 1);
	assert_int_equal(u.articles, 0);
	assert_non_null(d.message);
	int64_t articles;
	as(f, &d, true);
	assert_int_equal(knowledge_category_delete(&d, cat, false, 0, &articles), DOM_OK);
	as(f, &d, true);
	assert_int_equal(knowledge_base_delete(&d, kb, &u), DOM_OK);
	as(f, &d, true);
	assert_int_equal(knowledge_base_delete(&d, kb, &u), DOM_NOT_FOUND);
	assert_int_equal(audited(f, "kb.base_deleted"), 1);
}

static void
test_category_delete_needs_a_destination_of_its_base(void **state)
{
	struct fixture *f = *state;
	int64_t kb = new_base(f, "資料", "Documents"), other = new_base(f, "別", "Other");
	int64_t cat = new_category(f, kb, "手順", "Procedures");
	int64_t elsewhere = new_category(f, other, "手順", "Procedures");
	int64_t to = new_category(f, kb, "仕様", "Specifications");
	struct dom d;
	as(f, &d, true);
	struct kb_article_input a = article(kb, cat, "記事");
	struct kb_article_result res;
	assert_int_equal(knowledge_article_create(&d, &a, false, &res), DOM_OK);
	int64_t articles;
	as(f, &d, true);
	assert_int_equal(knowledge_category_delete(&d, cat, false, 0, &articles), DOM_CONFLICT);
	assert_int_equal(articles, 1);
	as(f, &d, true);
	assert_int_equal(knowledge_category_delete(&d, cat, true, elsewhere, &articles),
	                 DOM_INVALID);
	assert_string_equal(dom_error(&d, "move_to"),
	                    "Choose a category of the same knowledge base.");
	as(f, &d, true);
	assert_int_equal(knowledge_category_delete(&d, cat, true, to, &articles), DOM_OK);
	struct kb_article x;
	assert_int_equal(kb_article_get(f->db, res.id, f->a, &x), 1);
	assert_int_equal(x.category_id, to);
	/* A position out of range is the position's error. */
	as(f, &d, true);
	struct kb_category_input in = {.name_ja = "仕様", .name_en = "Specs", .position = 10000};
	assert_int_equal(knowledge_category_save(&d, to, &in), DOM_INVALID);
	assert_non_null(dom_error(&d, "position"));
}

static void
test_article_checked_field_by_field(void **state)
{
	struct fixture *f = *state;
	int64_t kb = new_base(f, "資料", "Documents"), other = new_base(f, "別", "Other");
	int64_t cat = new_category(f, other, "手順", "Procedures");
	struct dom d;
	as(f, &d, true);
	const char *const nobody[] = {"N299999999"};
	struct kb_article_input a = article(kb, cat, "");
	a.lang = "fr";
	a.show_from = 2000;
	a.show_until = 1000;
	a.target = KB_TARGET_CUSTOMERS;
	a.customer_numbers = nobody;
	a.ncustomers = 1;
	struct kb_article_result res;
	assert_int_equal(knowledge_article_create(&d, &a, true, &res), DOM_INVALID);
	assert_string_equal(dom_error(&d, "title"), "Enter the title.");
	assert_string_equal(dom_error(&d, "category"),
	                    "This category belongs to another knowledge base.");
	assert_string_equal(dom_error(&d, "lang"), "Choose a language from the list.");
	assert_string_equal(dom_error(&d, "show_until"), "The end must come after the start.");
	assert_string_equal(dom_error(&d, "customers"), "There is no customer %s.");
	assert_string_equal(res.unknown_customer, "N299999999");
	assert_null(dom_error(&d, "body"));
	assert_int_equal(kb_admin_count(f->db, ""), 0);

	as(f, &d, true);
	a = article(kb, 0, "記事");
	a.target = KB_TARGET_SERVICES;
	assert_int_equal(knowledge_article_check(&d, &a, &res), DOM_INVALID);
	assert_string_equal(dom_error(&d, "target"), "Choose at least one service.");
}

static void
test_article_life(void **state)
{
	struct fixture *f = *state;
	int64_t kb = new_base(f, "資料", "Documents");
	struct dom d;
	as(f, &d, true);
	const struct kb_file_input file = {
	    .filename = "手順書.pdf",
	    .sha256 = "0000000000000000000000000000000000000000000000000000000000000000",
	    .mime = "application/pdf",
	    .size = 10};
	struct kb_article_input a = article(kb, 0, "記事");
	a.files = &file;
	a.nfiles = 1;
	struct kb_article_result res;
	assert_int_equal(knowledge_article_create(&d, &a, false, &res), DOM_OK);
	assert_int_equal(strlen(res.number), 9);
	assert_memory_equal(res.number, "KB", 2);
	struct kb_attachment *files;
	assert_int_equal(kb_attachments_of(f->db, res.id, f->a, &files), 1);
	struct kb_article x;
	assert_int_equal(kb_article_get(f->db, res.id, f->a, &x), 1);
	assert_string_equal(x.state, "draft");
	assert_int_equal(x.author_id, f->staff);

	as(f, &d, true);
	a = article(kb, 0, "記事 (改訂)");
	assert_int_equal(knowledge_article_save(&d, res.id, &a, true, &res), DOM_OK);
	assert_int_equal(kb_article_get(f->db, res.id, f->a, &x), 1);
	assert_string_equal(x.title, "記事 (改訂)");
	assert_string_equal(x.state, "published");
	as(f, &d, true);
	assert_int_equal(knowledge_attachment_delete(&d, res.id, files[0].id), DOM_OK);
	as(f, &d, true);
	assert_int_equal(knowledge_attachment_delete(&d, res.id, files[0].id), DOM_NOT_FOUND);
	as(f, &d, true);
	assert_int_equal(knowledge_article_retire(&d, res.id), DOM_OK);
	assert_int_equal(kb_article_get(f->db, res.id, f->a, &x), 1);
	assert_string_equal(x.state, "retired");
	assert_int_equal(audited(f, "kb.article_created"), 1);
	assert_int_equal(audited(f, "kb.article_updated"), 1);
	assert_int_equal(audited(f, "kb.article_published"), 1);
	assert_int_equal(audited(f, "kb.attachment_removed"), 1);
	assert_int_equal(audited(f, "kb.article_retired"), 1);
}

static void
test_banner_dismissed_by_its_reader_only(void **state)
{
	struct fixture *f = *state;
	struct dom d;
	as(f, &d, true);
	struct kb_base_input bin = {
	    .name_ja = "お知らせ", .name_en = "Announcements", .is_announcements = true};
	int64_t kb;
	assert_int_equal(knowledge_base_create(&d, &bin, &kb), DOM_OK);
	as(f, &d, true);
	struct kb_article_input a = article(kb, 0, "メンテナンスのお知らせ");
	a.show_from = clock_now() - 60;
	a.show_until = clock_now() + 3600;
	struct kb_article_result res;
	assert_int_equal(knowledge_article_create(&d, &a, true, &res), DOM_OK);
	struct kb_announcement *rows;
	assert_int_equal(
	    kb_banners(f->db, f->customer, f->customer_user, clock_now(), 10, f->a, &rows), 1);
	struct dom system = {.a = f->a};
	assert_int_equal(knowledge_banner_dismiss(&system, res.number), DOM_FORBIDDEN);
	as(f, &d, false);
	assert_int_equal(knowledge_banner_dismiss(&d, "KB9999999"), DOM_NOT_FOUND);
	assert_int_equal(knowledge_banner_dismiss(&d, res.number), DOM_OK);
	assert_int_equal(
	    kb_banners(f->db, f->customer, f->customer_user, clock_now(), 10, f->a, &rows), 0);
}

int
main(void)
{
#define UT(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    UT(test_customer_refused),
	    UT(test_base_names_checked),
	    UT(test_base_delete_refused_while_it_holds_something),
	    UT(test_category_delete_needs_a_destination_of_its_base),
	    UT(test_article_checked_field_by_field),
	    UT(test_article_life),
	    UT(test_banner_dismissed_by_its_reader_only),
	};
#undef UT
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
