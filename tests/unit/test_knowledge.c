/*
 * Unit tests of the knowledge store (src/store/knowledge.c) on a fresh
 * migrated database: names unique case aside, deletes that refuse while
 * something remains and change nothing, a category's articles moved before
 * it goes, the alphabetical sort key, and a search counted up to its cap
 * and sorted among the matches added last.
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

#include "core/arena.h"
#include "core/clock.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "store/migrate.h"
#include "store/users.h"

static char tmpdir[64];
static char dbpath[128]; /* db_configure keeps the pointer: static storage */
static int dbseq;

/* What every test starts from: a customer with a contract for one service. */
struct fixture {
	struct db *db;
	struct arena *a;
	int64_t customer, service, author, kb, other_kb;
};

static int
group_setup(void **state)
{
	(void)state;
	unsetenv("MADOGUCHI_TEST_CLOCK_FILE");
	strcpy(tmpdir, "/tmp/madoguchi-test-knowledge-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	return rmdir(tmpdir);
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
	const struct new_contract c = {.customer_id = f.customer,
	                               .service_id = f.service,
	                               .kind = "standard",
	                               .plan = "A",
	                               .start_date = "2026-01-01"};
	const struct new_user u = {.login = "agent@example.cs", .name = "Agent", .email = "a@x.cs"};
	f.author = users_insert(f.db, &u);
	f.kb = kb_base_create(f.db, f.service, "資料", "Documents", false);
	f.other_kb = kb_base_create(f.db, 0, "お知らせ", "Announcements", true);
	if (contracts_insert(f.db, &c) <= 0 || f.author <= 0 || f.kb <= 0 || f.other_kb <= 0)
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
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		char p[160];
		snprintf(p, sizeof(p), "%s%s", dbpath, suffix[i]);
		unlink(p);
	}
	return 0;
}

/* A published article of kb (category 0: none) whose title and text are title. */
static int64_t
add_article(struct fixture *f, int64_t kb, int64_t category, const char *title)
{
	struct kb_edit e = {.kb_id = kb,
	                    .category_id = category,
	                    .lang = "ja",
	                    .title = title,
	                    .body = title,
	                    .plain = title,
	                    .target = KB_TARGET_ALL};
	char number[12];
	int64_t id = kb_article_create(f->db, &e, f->author, number);
	assert_true(id > 0);
	assert_int_equal(kb_article_set_state(f->db, id, "published", clock_now() - 60), 0);
	return id;
}

static void
test_names_taken_case_aside(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(kb_base_names_taken(f->db, "資料", "x", 0), KB_NAME_JA);
	assert_int_equal(kb_base_names_taken(f->db, "y", "DOCUMENTS", 0), KB_NAME_EN);
	assert_int_equal(kb_base_names_taken(f->db, "資料", "documents", 0),
	                 KB_NAME_JA | KB_NAME_EN);
	assert_int_equal(kb_base_names_taken(f->db, "資料", "Documents", f->kb), 0); /* its own */
	/* The unique indexes refuse what a race would let through. */
	assert_int_equal(kb_base_create(f->db, 0, "別", "documents", false), 0);
	int64_t cat = kb_category_create(f->db, f->kb, "手順", "Procedures", 0);
	assert_true(cat > 0);
	assert_int_equal(kb_category_names_taken(f->db, f->kb, "手順", "z", 0), KB_NAME_JA);
	assert_int_equal(kb_category_names_taken(f->db, f->other_kb, "手順", "procedures", 0), 0);
	assert_true(kb_category_create(f->db, f->other_kb, "手順", "Procedures", 0) > 0);
	assert_int_equal(kb_category_create(f->db, f->kb, "別名", "PROCEDURES", 1), 0);
}

static void
test_rename(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(kb_base_rename(f->db, f->kb, "新しい資料", "New documents"), 0);
	struct kb_base b;
	assert_int_equal(kb_base_get(f->db, f->kb, f->a, &b), 1);
	assert_string_equal(b.name_ja, "新しい資料");
	assert_string_equal(b.name_en, "New documents");
	assert_int_equal(b.service_id, f->service);
	int64_t cat = kb_category_create(f->db, f->kb, "手順", "Procedures", 0);
	assert_int_equal(kb_category_update(f->db, cat, "手順書", "Manuals", 5), 0);
	struct kb_category c;
	assert_int_equal(kb_category_get(f->db, cat, f->a, &c), 1);
	assert_string_equal(c.name_en, "Manuals");
	assert_int_equal(c.position, 5);
	assert_int_equal(kb_base_get(f->db, 999999, f->a, &b), 0);
	assert_int_equal(kb_category_get(f->db, 999999, f->a, &c), 0);
}

static void
test_base_delete_refused_while_it_holds_something(void **state)
{
	struct fixture *f = *state;
	int64_t cat = kb_category_create(f->db, f->kb, "手順", "Procedures", 0);
	int64_t articles = -1, categories = -1;
	assert_int_equal(kb_base_usage(f->db, f->kb, &articles, &categories), 0);
	assert_int_equal(articles, 0);
	assert_int_equal(categories, 1);
	assert_int_equal(kb_base_delete(f->db, f->kb), 0);
	assert_int_equal(kb_category_delete(f->db, cat, false, 0), 1);
	int64_t id = add_article(f, f->kb, 0, "記事");
	assert_int_equal(kb_base_delete(f->db, f->kb), 0);
	struct kb_article x;
	assert_int_equal(kb_article_get(f->db, id, f->a, &x), 1);
	/* Empty: deleted. */
	assert_int_equal(kb_base_delete(f->db, f->other_kb), 1);
	struct kb_base b;
	assert_int_equal(kb_base_get(f->db, f->other_kb, f->a, &b), 0);
}

static void
test_category_delete_moves_its_articles(void **state)
{
	struct fixture *f = *state;
	int64_t from = kb_category_create(f->db, f->kb, "旧", "Old", 0);
	int64_t to = kb_category_create(f->db, f->kb, "新", "New", 1);
	int64_t a1 = add_article(f, f->kb, from, "一つ目");
	int64_t a2 = add_article(f, f->kb, from, "二つ目");
	assert_int_equal(kb_category_articles(f->db, from), 2);
	/* Without a destination: refused, nothing moved. */
	assert_int_equal(kb_category_delete(f->db, from, false, 0), 0);
	assert_int_equal(kb_category_articles(f->db, from), 2);
	assert_int_equal(kb_category_delete(f->db, from, true, to), 1);
	struct kb_article x;
	assert_int_equal(kb_article_get(f->db, a1, f->a, &x), 1);
	assert_int_equal(x.category_id, to);
	assert_int_equal(kb_article_get(f->db, a2, f->a, &x), 1);
	assert_string_equal(x.cat_en, "New");
	/* To none. */
	assert_int_equal(kb_category_delete(f->db, to, true, 0), 1);
	assert_int_equal(kb_article_get(f->db, a1, f->a, &x), 1);
	assert_int_equal(x.category_id, 0);
}

/* One page of a search (keywords NULL: the list) as the fixture's customer sees it. */
static int
search(struct fixture *f, const char *keywords, enum kb_sort sort, int64_t offset, int64_t *total,
       struct kb_hit **hits)
{
	struct kb_query q = {.customer_id = f->customer,
	                     .now = clock_now(),
	                     .keywords = keywords,
	                     .lang = "",
	                     .sort = sort,
	                     .limit = 20,
	                     .offset = offset};
	return kb_search(f->db, &q, f->a, hits, total);
}

static void
test_alphabetical_ignores_case(void **state)
{
	struct fixture *f = *state;
	add_article(f, f->kb, 0, "Beta 試験記事");
	add_article(f, f->kb, 0, "alpha 試験記事");
	add_article(f, f->kb, 0, "Gamma 試験記事");
	struct kb_hit *h;
	int64_t total;
	assert_int_equal(search(f, "試験記事", KB_SORT_ALPHA, 0, &total, &h), 3);
	assert_int_equal(total, 3);
	assert_string_equal(h[0].title, "alpha 試験記事");
	assert_string_equal(h[1].title, "Beta 試験記事");
	assert_string_equal(h[2].title, "Gamma 試験記事");
	assert_non_null(strstr(h[0].title_marked, KB_MARK_OPEN "試験記事" KB_MARK_CLOSE));
	/* A rename of the title moves it. */
	struct kb_edit e = {.kb_id = f->kb,
	                    .lang = "ja",
	                    .title = "zeta 試験記事",
	                    .body = "zeta 試験記事",
	                    .plain = "zeta 試験記事",
	                    .target = KB_TARGET_ALL};
	assert_int_equal(kb_article_update(f->db, h[0].id, &e), 0);
	assert_int_equal(search(f, "試験記事", KB_SORT_ALPHA, 0, &total, &h), 3);
	assert_string_equal(h[2].title, "zeta 試験記事");
}

static void
test_search_capped(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(db_begin(f->db), 0);
	int64_t first = 0;
	char title[64];
	for (int i = 0; i < KB_COUNT_CAP + 10; i++) {
		snprintf(title, sizeof(title), "大量記事 %04d", i);
		int64_t id = add_article(f, f->kb, 0, title);
		if (!first)
			first = id;
	}
	assert_int_equal(db_commit(f->db), 0);
	struct kb_hit *h;
	int64_t total;
	assert_int_equal(search(f, "大量記事", KB_SORT_RELEVANCE, 0, &total, &h), 20);
	assert_int_equal(total, -1);
	/* Sorted among the matches added last: the first ten are left out. */
	assert_int_equal(search(f, "大量記事", KB_SORT_ALPHA, 0, &total, &h), 20);
	assert_string_equal(h[0].title, "大量記事 0009");
	/* The pages end at the cap. */
	assert_int_equal(search(f, "大量記事", KB_SORT_ALPHA, KB_COUNT_CAP - 20, &total, &h), 20);
	assert_int_equal(search(f, "大量記事", KB_SORT_ALPHA, KB_COUNT_CAP, &total, &h), 0);
	assert_int_equal(total, -1);
	/* The list is capped the same way. */
	assert_int_equal(search(f, NULL, KB_SORT_NEWEST, 0, &total, &h), 20);
	assert_int_equal(total, -1);
	/* Under the cap: exact, bm25. */
	/* A word under 3 characters: the whole text as typed ("記事 000"). */
	assert_int_equal(search(f, "記事 000", KB_SORT_RELEVANCE, 0, &total, &h), 10);
	assert_int_equal(total, 10);
	assert_int_equal(h[9].id >= first, 1);
	/* Every word of 3 or more must occur, anywhere: "0000" … "0009" and "1000". */
	assert_int_equal(search(f, "大量記事　000", KB_SORT_RELEVANCE, 0, &total, &h), 11);
	assert_int_equal(total, 11);
	/* What looks like FTS syntax is text. */
	assert_int_equal(search(f, "\"大量記事\" OR NEAR(", KB_SORT_RELEVANCE, 0, &total, &h), 0);
	assert_int_equal(total, 0);
}

int
main(void)
{
#define UT(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
	    UT(test_names_taken_case_aside),
	    UT(test_rename),
	    UT(test_base_delete_refused_while_it_holds_something),
	    UT(test_category_delete_moves_its_articles),
	    UT(test_alphabetical_ignores_case),
	    UT(test_search_capped),
	};
#undef UT
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
