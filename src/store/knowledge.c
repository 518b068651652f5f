/* Knowledge bases, articles, attachments and announcements; see knowledge.h. */
#include "store/knowledge.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Shared helpers: rows, binding, writes                               */
/* ------------------------------------------------------------------ */

/* Fills the element at p (of the caller's row type) from the current row. */
typedef void (*row_fill)(struct dbq *q, struct arena *a, void *p);

/*
 * Steps q to its end and ends it, appending to an array in the arena an
 * element of size bytes that fill sets for each row. Returns the array
 * (NULL when empty) and in *n the count, or -1 on error.
 */
static void *
rows_collect(struct dbq *q, struct arena *a, size_t size, row_fill fill, int *n)
{
	char *rows = NULL;
	size_t cap = 0;
	int count = 0, rc;
	while ((rc = q_step(q)) == DB_ROW) {
		if ((size_t)count == cap) {
			size_t ncap = cap ? cap * 2 : 16;
			char *bigger = arena_alloc(a, ncap * size);
			if (rows)
				memcpy(bigger, rows, cap * size);
			rows = bigger;
			cap = ncap;
		}
		fill(q, a, rows + (size_t)count * size);
		count++;
	}
	q_end(q);
	*n = rc == DB_ERROR ? -1 : count;
	return rows;
}

/* The first row of q into p: 1 found, 0 none, -1 error. Ends q. */
static int
row_one(struct dbq *q, struct arena *a, row_fill fill, void *p)
{
	int rc = q_step(q);
	if (rc == DB_ROW)
		fill(q, a, p);
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

/* The first column of the first row of q, or -1. Ends q. */
static int64_t
one_int(struct dbq *q)
{
	int64_t v = q_step(q) == DB_ROW ? q_int(q, 0) : -1;
	q_end(q);
	return v;
}

/* Binds v to the n parameters from i on (statements that repeat a value). */
static void
bind_repeat(struct dbq *q, int i, int n, int64_t v)
{
	while (n-- > 0)
		q_bind_int(q, i++, v);
}

/* Binds v, or NULL when it is 0 (an optional reference or time). */
static void
bind_opt(struct dbq *q, int i, int64_t v)
{
	if (v)
		q_bind_int(q, i, v);
	else
		q_bind_null(q, i);
}

/* Binds the visibility rule's parameters (KB_VISIBLE) from i on; returns the next index. */
static int
bind_visible(struct dbq *q, int i, int64_t now, int64_t customer_id)
{
	q_bind_int(q, i++, now);
	bind_repeat(q, i, 3, customer_id);
	return i + 3;
}

/* Binds the filters (KB_FILTER) from i on: each value twice. Returns the next index. */
static int
bind_filter(struct dbq *q, int i, const struct kb_query *s)
{
	const char *lang = s->lang ? s->lang : "";
	q_bind_text(q, i++, lang);
	q_bind_text(q, i++, lang);
	bind_repeat(q, i, 2, s->kb_id);
	bind_repeat(q, i + 2, 2, s->category_id);
	bind_repeat(q, i + 4, 2, s->author_id);
	return i + 6;
}

/* Binds a search's match (if any), visibility and filters; returns the next index. */
static int
bind_search(struct dbq *q, const struct kb_query *s)
{
	int i = 1;
	if (s->match)
		q_bind_text(q, i++, s->match);
	i = bind_visible(q, i, s->now, s->customer_id);
	return bind_filter(q, i, s);
}

/* Steps a bound INSERT: the new id, 0 when a constraint refused it, -1 on error. */
static int64_t
finish_insert(struct db *db, struct dbq *q)
{
	int rc = q_step(q);
	q_end(q);
	if (rc == DB_CONSTRAINT)
		return 0;
	return rc == DB_DONE ? db_last_id(db) : -1;
}

/* Steps a bound write: 0 or -1. */
static int
finish_write(struct dbq *q)
{
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

/* Runs a write whose parameters are all id: 0 or -1. */
static int
write_id(struct db *db, enum stmt_id st, int nparams, int64_t id)
{
	struct dbq *q = db_query(db, st);
	if (!q)
		return -1;
	bind_repeat(q, 1, nparams, id);
	return finish_write(q);
}

/* Runs a guarded DELETE whose parameters are all id: 1 deleted, 0 kept, -1 error. */
static int
delete_id(struct db *db, enum stmt_id st, int nparams, int64_t id)
{
	if (write_id(db, st, nparams, id) != 0)
		return -1;
	return db_changes(db) > 0 ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Row shapes                                                          */
/* ------------------------------------------------------------------ */

static void
base_row(struct dbq *q, struct arena *a, void *p)
{
	struct kb_base *b = p;
	b->id = q_int(q, 0);
	b->service_id = q_int(q, 1);
	b->name_ja = q_text(q, 2, a);
	b->name_en = q_text(q, 3, a);
	b->service_ja = q_text(q, 4, a);
	b->service_en = q_text(q, 5, a);
	b->is_announcements = q_int(q, 6) != 0;
}

static void
category_row(struct dbq *q, struct arena *a, void *p)
{
	struct kb_category *c = p;
	c->id = q_int(q, 0);
	c->kb_id = q_int(q, 1);
	c->name_ja = q_text(q, 2, a);
	c->name_en = q_text(q, 3, a);
	c->position = q_int(q, 4);
}

static void
author_row(struct dbq *q, struct arena *a, void *p)
{
	struct kb_author *u = p;
	u->id = q_int(q, 0);
	u->name = q_text(q, 1, a);
}

static void
hit_row(struct dbq *q, struct arena *a, void *p)
{
	struct kb_hit *h = p;
	h->number = q_text(q, 1, a);
	h->title = q_text(q, 2, a);
	h->lang = q_text(q, 3, a);
	h->kb_ja = q_text(q, 4, a);
	h->kb_en = q_text(q, 5, a);
	h->cat_ja = q_text(q, 6, a);
	h->cat_en = q_text(q, 7, a);
	h->author = q_text(q, 8, a);
	h->views = q_int(q, 9);
	h->published_at = q_int(q, 10);
	h->excerpt = q_text(q, 11, a);
}

/* A row of STMT_KB_MARKS (its id first). */
static void
marks_row(struct dbq *q, struct arena *a, void *p)
{
	struct kb_hit *h = p;
	h->title_marked = q_text(q, 1, a);
	h->snippet_marked = q_text(q, 2, a);
}

static void
article_row(struct dbq *q, struct arena *a, void *p)
{
	struct kb_article *x = p;
	x->id = q_int(q, 0);
	x->kb_id = q_int(q, 1);
	x->category_id = q_int(q, 2);
	x->author_id = q_int(q, 3);
	x->number = q_text(q, 4, a);
	x->lang = q_text(q, 5, a);
	x->title = q_text(q, 6, a);
	x->body = q_text(q, 7, a);
	x->state = q_text(q, 8, a);
	x->author = q_text(q, 9, a);
	x->kb_ja = q_text(q, 10, a);
	x->kb_en = q_text(q, 11, a);
	x->cat_ja = q_text(q, 12, a);
	x->cat_en = q_text(q, 13, a);
	x->is_announcements = q_int(q, 14) != 0;
	x->published_at = q_int(q, 15);
	x->views = q_int(q, 16);
	x->show_from = q_int(q, 17);
	x->show_until = q_int(q, 18);
	const char *t = q_text(q, 19, a);
	x->target = strcmp(t, "services") == 0    ? KB_TARGET_SERVICES
	            : strcmp(t, "customers") == 0 ? KB_TARGET_CUSTOMERS
	                                          : KB_TARGET_ALL;
	x->created_at = q_int(q, 20);
	x->updated_at = q_int(q, 21);
}

static void
announcement_row(struct dbq *q, struct arena *a, void *p)
{
	struct kb_announcement *x = p;
	x->id = q_int(q, 0);
	x->number = q_text(q, 1, a);
	x->title = q_text(q, 2, a);
	x->published_at = q_int(q, 3);
	x->show_from = q_int(q, 4);
	x->show_until = q_int(q, 5);
}

static void
attachment_row(struct dbq *q, struct arena *a, void *p)
{
	struct kb_attachment *x = p;
	x->id = q_int(q, 0);
	x->article_id = q_int(q, 1);
	x->filename = q_text(q, 2, a);
	x->sha256 = q_text(q, 3, a);
	x->size = q_int(q, 4);
	x->mime = q_text(q, 5, a);
}

static void
admin_row(struct dbq *q, struct arena *a, void *p)
{
	struct kb_admin_row *x = p;
	x->id = q_int(q, 0);
	x->number = q_text(q, 1, a);
	x->title = q_text(q, 2, a);
	x->lang = q_text(q, 3, a);
	x->state = q_text(q, 4, a);
	x->author = q_text(q, 5, a);
	x->kb_ja = q_text(q, 6, a);
	x->kb_en = q_text(q, 7, a);
	x->views = q_int(q, 8);
	x->updated_at = q_int(q, 9);
}

static void
id_row(struct dbq *q, struct arena *a, void *p)
{
	(void)a;
	*(int64_t *)p = q_int(q, 0);
}

/* ------------------------------------------------------------------ */
/* Knowledge bases, categories, authors                                */
/* ------------------------------------------------------------------ */

/* Runs st with id as its only parameter (0: none) and collects its rows. */
static void *
rows_of(struct db *db, enum stmt_id st, int64_t id, struct arena *a, size_t size, row_fill fill,
        int *n)
{
	struct dbq *q = db_query(db, st);
	*n = -1;
	if (!q)
		return NULL;
	if (id)
		q_bind_int(q, 1, id);
	return rows_collect(q, a, size, fill, n);
}

int
kb_bases_visible(struct db *db, int64_t customer_id, struct arena *a, struct kb_base **out)
{
	int n;
	*out = rows_of(db, STMT_KB_BASES_VISIBLE, customer_id, a, sizeof(**out), base_row, &n);
	return n;
}

int
kb_bases_all(struct db *db, struct arena *a, struct kb_base **out)
{
	int n;
	*out = rows_of(db, STMT_KB_BASES_ALL, 0, a, sizeof(**out), base_row, &n);
	return n;
}

int
kb_categories_visible(struct db *db, int64_t customer_id, struct arena *a, struct kb_category **out)
{
	int n;
	*out = rows_of(db, STMT_KB_CATEGORIES_VISIBLE, customer_id, a, sizeof(**out), category_row,
	               &n);
	return n;
}

int
kb_categories_all(struct db *db, struct arena *a, struct kb_category **out)
{
	int n;
	*out = rows_of(db, STMT_KB_CATEGORIES_ALL, 0, a, sizeof(**out), category_row, &n);
	return n;
}

int
kb_authors_visible(struct db *db, int64_t customer_id, int64_t now, struct arena *a,
                   struct kb_author **out)
{
	struct dbq *q = db_query(db, STMT_KB_AUTHORS_VISIBLE);
	if (!q)
		return -1;
	bind_visible(q, 1, now, customer_id);
	int n;
	*out = rows_collect(q, a, sizeof(**out), author_row, &n);
	return n;
}

/* ------------------------------------------------------------------ */
/* Search                                                              */
/* ------------------------------------------------------------------ */

/* Fills what a hit shows from its id. */
static int
hit_fill(struct db *db, struct arena *a, struct kb_hit *h)
{
	struct dbq *q = db_query(db, STMT_KB_HIT_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, h->id);
	return row_one(q, a, hit_row, h) == 1 ? 0 : -1;
}

/* The ids STMT_KB_MARKS takes at once (its placeholders). */
#define KB_MARKS_BATCH 20

/*
 * Sets the marked title and snippet of the n hits (at most KB_MARKS_BATCH)
 * of a search with one statement. Returns 0 or -1.
 */
static int
hits_mark(struct db *db, const char *match, struct arena *a, struct kb_hit *hits, int n)
{
	struct dbq *q = db_query(db, STMT_KB_MARKS);
	if (!q)
		return -1;
	int64_t lo = hits[0].id, hi = hits[0].id;
	for (int k = 1; k < n; k++) {
		lo = hits[k].id < lo ? hits[k].id : lo;
		hi = hits[k].id > hi ? hits[k].id : hi;
	}
	q_bind_text(q, 1, KB_MARK_OPEN);
	q_bind_text(q, 2, KB_MARK_CLOSE);
	q_bind_text(q, 3, KB_MARK_OPEN);
	q_bind_text(q, 4, KB_MARK_CLOSE);
	q_bind_text(q, 5, match);
	q_bind_int(q, 6, lo);
	q_bind_int(q, 7, hi);
	for (int k = 0; k < KB_MARKS_BATCH; k++)
		q_bind_int(q, 8 + k, k < n ? hits[k].id : 0); /* 0: no article */
	int rc;
	while ((rc = q_step(q)) == DB_ROW) {
		int64_t id = q_int(q, 0);
		for (int k = 0; k < n; k++)
			if (hits[k].id == id)
				marks_row(q, a, &hits[k]);
	}
	q_end(q);
	return rc == DB_ERROR ? -1 : 0;
}

/*
 * The title-first relevance looks for the words as typed: the query's
 * first string, lower-cased (ASCII, as SQL lower() and so sort_key do),
 * without quotes.
 */
static const char *
title_needle(const char *match, struct arena *a)
{
	const char *p = strchr(match, '"');
	if (!p)
		return "";
	struct buf n = {0};
	for (p++; *p; p++) {
		if (*p == '"' && p[1] == '"')
			p++;
		else if (*p == '"')
			break;
		char c = *p;
		buf_putc(&n, c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c);
	}
	buf_putc(&n, '\0');
	char *out = arena_strdup(a, n.p);
	buf_free(&n);
	return out;
}

/* The capped count of the articles a search or a list shows (st: its count statement), or -1. */
static int64_t
capped_count(struct db *db, enum stmt_id st, const struct kb_query *s)
{
	struct dbq *q = db_query(db, st);
	if (!q)
		return -1;
	q_bind_int(q, bind_search(q, s), KB_COUNT_CAP + 1);
	return one_int(q);
}

/*
 * Runs the page statement st (bound by the caller up to its limit and
 * offset) and keeps the ids of its rows in hits. A search's statements also
 * give their number of candidates in their second column: *count gets it
 * (left alone when there is no row). Returns the number of rows, or -1.
 */
static int
page_ids(struct dbq *q, int i, int64_t limit, int64_t offset, struct kb_hit *hits, int64_t *count)
{
	q_bind_int(q, i++, limit);
	q_bind_int(q, i, offset);
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW && n < limit) {
		if (n == 0 && count)
			*count = q_int(q, 1);
		hits[n++].id = q_int(q, 0);
	}
	q_end(q);
	return rc == DB_ERROR ? -1 : n;
}

/* A page of the list: a capped count, then the walk of the index of the order shown. */
static int
browse_page(struct db *db, const struct kb_query *s, enum kb_sort sort, int64_t limit,
            struct kb_hit *hits, int64_t *count)
{
	static const enum stmt_id browse[KB_SORT__MAX] = {
	    STMT_KB_BROWSE_NEWEST, STMT_KB_BROWSE_VIEWS, STMT_KB_BROWSE_NEWEST,
	    STMT_KB_BROWSE_ALPHA};
	if ((*count = capped_count(db, STMT_KB_BROWSE_COUNT, s)) < 0)
		return -1;
	if (s->offset >= *count)
		return 0; /* past the last page */
	struct dbq *q = db_query(db, browse[sort]);
	if (!q)
		return -1;
	return page_ids(q, bind_search(q, s), limit, s->offset, hits, NULL);
}

/*
 * A page of a search: one statement sorts the candidates and counts them.
 * Relevance is bm25 when the index holds no more matches than the cap
 * (bm25 reads them all once); beyond, the words in the title first, then
 * newest. Only a page past the end needs a count of its own.
 */
static int
search_page(struct db *db, const struct kb_query *s, enum kb_sort sort, int64_t limit,
            struct arena *a, struct kb_hit *hits, int64_t *count)
{
	static const enum stmt_id search[KB_SORT__MAX] = {
	    STMT_KB_SEARCH_RELEVANCE, STMT_KB_SEARCH_VIEWS, STMT_KB_SEARCH_NEWEST,
	    STMT_KB_SEARCH_ALPHA};
	enum stmt_id st = search[sort];
	struct dbq *q;
	if (sort == KB_SORT_RELEVANCE) {
		if (!(q = db_query(db, STMT_KB_FTS_COUNT)))
			return -1;
		q_bind_text(q, 1, s->match);
		q_bind_int(q, 2, KB_COUNT_CAP + 1);
		int64_t raw = one_int(q);
		if (raw < 0)
			return -1;
		if (raw > KB_COUNT_CAP)
			st = STMT_KB_SEARCH_TITLE_FIRST;
	}
	if (!(q = db_query(db, st)))
		return -1;
	int i = bind_search(q, s);
	q_bind_int(q, i++, KB_COUNT_CAP + 1);
	if (st == STMT_KB_SEARCH_TITLE_FIRST)
		q_bind_text(q, i++, title_needle(s->match, a));
	*count = 0;
	int n = page_ids(q, i, limit, s->offset, hits, count);
	if (n == 0 && s->offset > 0)
		*count = capped_count(db, STMT_KB_SEARCH_COUNT, s);
	return *count < 0 ? -1 : n;
}

int
kb_search(struct db *db, const struct kb_query *s, struct arena *a, struct kb_hit **out,
          int64_t *total)
{
	enum kb_sort sort = (unsigned)s->sort < KB_SORT__MAX ? s->sort : KB_SORT_RELEVANCE;
	int64_t limit = s->limit > 0 ? s->limit : 1, count;
	struct kb_hit *hits = arena_zalloc(a, (size_t)limit * sizeof(*hits));
	*out = hits;
	/* The pages end at the cap, whatever the address asks for. */
	if (limit > KB_COUNT_CAP - s->offset)
		limit = KB_COUNT_CAP - s->offset;
	int n = 0;
	if (limit <= 0)
		count = capped_count(db, s->match ? STMT_KB_SEARCH_COUNT : STMT_KB_BROWSE_COUNT, s);
	else if (s->match)
		n = search_page(db, s, sort, limit, a, hits, &count);
	else
		n = browse_page(db, s, sort, limit, hits, &count);
	if (n < 0 || count < 0)
		return -1;
	*total = count > KB_COUNT_CAP ? -1 : count;
	/*
	 * The ordered statements return ids only: what a hit shows (its
	 * snippet above all, which reads the article's text) is read for the
	 * page's rows alone, never for every candidate the sort had to see.
	 */
	for (int k = 0; k < n; k++)
		if (hit_fill(db, a, &hits[k]) != 0)
			return -1;
	for (int k = 0; s->match && k < n; k += KB_MARKS_BATCH)
		if (hits_mark(db, s->match, a, hits + k,
		              n - k < KB_MARKS_BATCH ? n - k : KB_MARKS_BATCH) != 0)
			return -1;
	return n;
}

/* ------------------------------------------------------------------ */
/* Articles, announcements, attachments                                */
/* ------------------------------------------------------------------ */

int
kb_article_visible(struct db *db, const char *number, int64_t customer_id, int64_t now,
                   struct arena *a, struct kb_article *out)
{
	struct dbq *q = db_query(db, STMT_KB_ARTICLE_VISIBLE);
	if (!q)
		return -1;
	q_bind_text(q, 1, number);
	bind_visible(q, 2, now, customer_id);
	return row_one(q, a, article_row, out);
}

int
kb_article_get(struct db *db, int64_t id, struct arena *a, struct kb_article *out)
{
	struct dbq *q = db_query(db, STMT_KB_ARTICLE_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return row_one(q, a, article_row, out);
}

int
kb_article_viewed(struct db *db, int64_t id)
{
	return write_id(db, STMT_KB_ARTICLE_VIEWED, 1, id);
}

int
kb_banners(struct db *db, int64_t customer_id, int64_t user_id, int64_t now, int64_t limit,
           struct arena *a, struct kb_announcement **out)
{
	struct dbq *q = db_query(db, STMT_KB_BANNERS);
	if (!q)
		return -1;
	int i = bind_visible(q, 1, now, customer_id);
	bind_repeat(q, i, 2, now); /* the window has begun, and not ended */
	q_bind_int(q, i + 2, user_id);
	q_bind_int(q, i + 3, limit);
	int n;
	*out = rows_collect(q, a, sizeof(**out), announcement_row, &n);
	return n;
}

int64_t
kb_announcements_count(struct db *db, int64_t customer_id, int64_t now)
{
	struct dbq *q = db_query(db, STMT_KB_ANNOUNCEMENTS_COUNT);
	if (!q)
		return -1;
	q_bind_int(q, bind_visible(q, 1, now, customer_id), now);
	return one_int(q);
}

int
kb_announcements_page(struct db *db, int64_t customer_id, int64_t now, int64_t limit,
                      int64_t offset, struct arena *a, struct kb_announcement **out)
{
	struct dbq *q = db_query(db, STMT_KB_ANNOUNCEMENTS_PAGE);
	if (!q)
		return -1;
	int i = bind_visible(q, 1, now, customer_id);
	bind_repeat(q, i, 3, now); /* started; current first (begun, not ended) */
	q_bind_int(q, i + 3, limit);
	q_bind_int(q, i + 4, offset);
	int n;
	*out = rows_collect(q, a, sizeof(**out), announcement_row, &n);
	return n;
}

int
kb_dismiss(struct db *db, int64_t user_id, int64_t article_id, int64_t now)
{
	struct dbq *q = db_query(db, STMT_KB_DISMISS);
	if (!q)
		return -1;
	q_bind_int(q, 1, user_id);
	q_bind_int(q, 2, article_id);
	q_bind_int(q, 3, now);
	return finish_write(q);
}

int
kb_attachments_of(struct db *db, int64_t article_id, struct arena *a, struct kb_attachment **out)
{
	int n;
	*out =
	    rows_of(db, STMT_KB_ATTACHMENTS_OF, article_id, a, sizeof(**out), attachment_row, &n);
	return n;
}

int
kb_attachment_get(struct db *db, int64_t id, int64_t article_id, struct arena *a,
                  struct kb_attachment *out)
{
	struct dbq *q = db_query(db, STMT_KB_ATTACHMENT_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	q_bind_int(q, 2, article_id);
	return row_one(q, a, attachment_row, out);
}

/* ------------------------------------------------------------------ */
/* Console: knowledge bases and categories                             */
/* ------------------------------------------------------------------ */

int64_t
kb_base_create(struct db *db, int64_t service_id, const char *name_ja, const char *name_en,
               bool is_announcements)
{
	struct dbq *q = db_query(db, STMT_KB_BASE_INSERT);
	if (!q)
		return -1;
	bind_opt(q, 1, service_id);
	q_bind_text(q, 2, name_ja);
	q_bind_text(q, 3, name_en);
	q_bind_int(q, 4, is_announcements);
	q_bind_int(q, 5, clock_now());
	return finish_insert(db, q);
}

int64_t
kb_category_create(struct db *db, int64_t kb_id, const char *name_ja, const char *name_en,
                   int64_t position)
{
	struct dbq *q = db_query(db, STMT_KB_CATEGORY_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, kb_id);
	q_bind_text(q, 2, name_ja);
	q_bind_text(q, 3, name_en);
	q_bind_int(q, 4, position);
	return finish_insert(db, q);
}

int
kb_base_get(struct db *db, int64_t id, struct arena *a, struct kb_base *out)
{
	struct dbq *q = db_query(db, STMT_KB_BASE_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return row_one(q, a, base_row, out);
}

int
kb_category_get(struct db *db, int64_t id, struct arena *a, struct kb_category *out)
{
	struct dbq *q = db_query(db, STMT_KB_CATEGORY_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return row_one(q, a, category_row, out);
}

/* The two flags of a *_NAME_TAKEN statement as KB_NAME_* bits, or -1. Ends q. */
static int
names_taken(struct dbq *q)
{
	int rc = q_step(q), taken = -1;
	if (rc == DB_ROW)
		taken = (q_int(q, 0) ? KB_NAME_JA : 0) | (q_int(q, 1) ? KB_NAME_EN : 0);
	q_end(q);
	return taken;
}

int
kb_base_names_taken(struct db *db, const char *name_ja, const char *name_en, int64_t except_id)
{
	struct dbq *q = db_query(db, STMT_KB_BASE_NAME_TAKEN);
	if (!q)
		return -1;
	q_bind_text(q, 1, name_ja);
	q_bind_int(q, 2, except_id);
	q_bind_text(q, 3, name_en);
	q_bind_int(q, 4, except_id);
	return names_taken(q);
}

int
kb_category_names_taken(struct db *db, int64_t kb_id, const char *name_ja, const char *name_en,
                        int64_t except_id)
{
	struct dbq *q = db_query(db, STMT_KB_CATEGORY_NAME_TAKEN);
	if (!q)
		return -1;
	q_bind_int(q, 1, kb_id);
	q_bind_text(q, 2, name_ja);
	q_bind_int(q, 3, except_id);
	q_bind_int(q, 4, kb_id);
	q_bind_text(q, 5, name_en);
	q_bind_int(q, 6, except_id);
	return names_taken(q);
}

int
kb_base_rename(struct db *db, int64_t id, const char *name_ja, const char *name_en)
{
	struct dbq *q = db_query(db, STMT_KB_BASE_RENAME);
	if (!q)
		return -1;
	q_bind_text(q, 1, name_ja);
	q_bind_text(q, 2, name_en);
	q_bind_int(q, 3, id);
	return finish_write(q);
}

int
kb_category_update(struct db *db, int64_t id, const char *name_ja, const char *name_en,
                   int64_t position)
{
	struct dbq *q = db_query(db, STMT_KB_CATEGORY_UPDATE);
	if (!q)
		return -1;
	q_bind_text(q, 1, name_ja);
	q_bind_text(q, 2, name_en);
	q_bind_int(q, 3, position);
	q_bind_int(q, 4, id);
	return finish_write(q);
}

int
kb_base_usage(struct db *db, int64_t id, int64_t *articles, int64_t *categories)
{
	struct dbq *q = db_query(db, STMT_KB_BASE_USAGE);
	if (!q)
		return -1;
	bind_repeat(q, 1, 2, id);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		*articles = q_int(q, 0);
		*categories = q_int(q, 1);
	}
	q_end(q);
	return rc == DB_ROW ? 0 : -1;
}

int64_t
kb_category_articles(struct db *db, int64_t id)
{
	struct dbq *q = db_query(db, STMT_KB_CATEGORY_ARTICLES);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return one_int(q);
}

int
kb_base_delete(struct db *db, int64_t id)
{
	return delete_id(db, STMT_KB_BASE_DELETE, 3, id);
}

int
kb_category_delete(struct db *db, int64_t id, bool move, int64_t move_to)
{
	if (move) {
		struct dbq *q = db_query(db, STMT_KB_CATEGORY_MOVE_ARTICLES);
		if (!q)
			return -1;
		bind_opt(q, 1, move_to);
		q_bind_int(q, 2, id);
		if (finish_write(q) != 0)
			return -1;
	}
	return delete_id(db, STMT_KB_CATEGORY_DELETE, 2, id);
}

/* ------------------------------------------------------------------ */
/* Console: articles                                                   */
/* ------------------------------------------------------------------ */

int64_t
kb_admin_count(struct db *db, const char *state)
{
	struct dbq *q = db_query(db, STMT_KB_ADMIN_COUNT);
	if (!q)
		return -1;
	q_bind_text(q, 1, state ? state : "");
	q_bind_text(q, 2, state ? state : "");
	return one_int(q);
}

int
kb_admin_page(struct db *db, const char *state, int64_t limit, int64_t offset, struct arena *a,
              struct kb_admin_row **out)
{
	struct dbq *q = db_query(db, STMT_KB_ADMIN_PAGE);
	if (!q)
		return -1;
	q_bind_text(q, 1, state ? state : "");
	q_bind_text(q, 2, state ? state : "");
	q_bind_int(q, 3, limit);
	q_bind_int(q, 4, offset);
	int n;
	*out = rows_collect(q, a, sizeof(**out), admin_row, &n);
	return n;
}

int
kb_targets_of(struct db *db, int64_t id, struct arena *a, int64_t **services, int *nservices,
              int64_t **customers, int *ncustomers)
{
	*services =
	    rows_of(db, STMT_KB_TARGET_SERVICES_OF, id, a, sizeof(int64_t), id_row, nservices);
	if (*nservices < 0)
		return -1;
	*customers =
	    rows_of(db, STMT_KB_TARGET_CUSTOMERS_OF, id, a, sizeof(int64_t), id_row, ncustomers);
	return *ncustomers < 0 ? -1 : 0;
}

static const char *
target_name(enum kb_target t)
{
	return t == KB_TARGET_SERVICES    ? "services"
	       : t == KB_TARGET_CUSTOMERS ? "customers"
	                                  : "all";
}

/* Adds the pairs (id, ids[i]) with st; 0 or -1. */
static int
add_pairs(struct db *db, enum stmt_id st, int64_t id, const int64_t *ids, int n)
{
	for (int i = 0; i < n; i++) {
		struct dbq *q = db_query(db, st);
		if (!q)
			return -1;
		q_bind_int(q, 1, id);
		q_bind_int(q, 2, ids[i]);
		if (finish_write(q) != 0)
			return -1;
	}
	return 0;
}

/* Replaces the targets of an article with those of e. */
static int
set_targets(struct db *db, int64_t id, const struct kb_edit *e)
{
	if (write_id(db, STMT_KB_TARGET_SERVICES_CLEAR, 1, id) != 0 ||
	    write_id(db, STMT_KB_TARGET_CUSTOMERS_CLEAR, 1, id) != 0)
		return -1;
	if (e->target == KB_TARGET_SERVICES)
		return add_pairs(db, STMT_KB_TARGET_SERVICE_ADD, id, e->service_ids, e->nservices);
	if (e->target == KB_TARGET_CUSTOMERS)
		return add_pairs(db, STMT_KB_TARGET_CUSTOMER_ADD, id, e->customer_ids,
		                 e->ncustomers);
	return 0;
}

/* Binds the texts of e to a kb_texts statement from i on: title, plain, body. */
static int
bind_texts(struct dbq *q, int i, const struct kb_edit *e)
{
	q_bind_text(q, i++, e->title);
	q_bind_text(q, i++, e->plain);
	q_bind_text(q, i++, e->body);
	return i;
}

/*
 * Binds the first columns an article row keeps of e, as both kb_articles
 * statements list them from i on: knowledge base, category, language,
 * title and its sort key (the title again, lowered by the statement).
 * Returns the next index.
 */
static int
bind_article_head(struct dbq *q, int i, const struct kb_edit *e)
{
	q_bind_int(q, i++, e->kb_id);
	bind_opt(q, i++, e->category_id);
	q_bind_text(q, i++, e->lang);
	q_bind_text(q, i++, e->title);
	q_bind_text(q, i++, e->title);
	return i;
}

/* Binds the announcement's window and target from i on; returns the next index. */
static int
bind_article_window(struct dbq *q, int i, const struct kb_edit *e)
{
	bind_opt(q, i++, e->show_from);
	bind_opt(q, i++, e->show_until);
	q_bind_text(q, i++, target_name(e->target));
	return i;
}

int64_t
kb_article_create(struct db *db, const struct kb_edit *e, int64_t author_id, char number[12])
{
	struct dbq *q = db_query(db, STMT_KB_COUNTER_NEXT);
	if (!q)
		return -1;
	int rc = q_step(q);
	int64_t seq = rc == DB_ROW ? q_int(q, 0) : -1;
	/* RETURNING: the statement is complete only once stepped to its end. */
	while (rc == DB_ROW)
		rc = q_step(q);
	q_end(q);
	if (seq <= 0 || seq > 9999999 || rc != DB_DONE)
		return -1;
	snprintf(number, 12, "KB%07lld", (long long)seq);
	if (!(q = db_query(db, STMT_KB_ARTICLE_INSERT)))
		return -1;
	int64_t now = clock_now();
	q_bind_text(q, 1, number);
	int i = bind_article_head(q, 2, e);
	q_bind_int(q, i++, author_id);
	i = bind_article_window(q, i, e);
	bind_repeat(q, i, 2, now); /* created, updated */
	int64_t id = finish_insert(db, q);
	if (id <= 0)
		return -1;
	if (!(q = db_query(db, STMT_KB_TEXT_INSERT)))
		return -1;
	q_bind_int(q, 1, id);
	bind_texts(q, 2, e);
	if (finish_write(q) != 0)
		return -1;
	return set_targets(db, id, e) == 0 ? id : -1;
}

int
kb_article_update(struct db *db, int64_t id, const struct kb_edit *e)
{
	struct dbq *q = db_query(db, STMT_KB_ARTICLE_UPDATE);
	if (!q)
		return -1;
	int i = bind_article_window(q, bind_article_head(q, 1, e), e);
	q_bind_int(q, i++, clock_now());
	q_bind_int(q, i, id);
	if (finish_write(q) != 0)
		return -1;
	if (!(q = db_query(db, STMT_KB_TEXT_UPDATE)))
		return -1;
	q_bind_int(q, bind_texts(q, 1, e), id);
	if (finish_write(q) != 0)
		return -1;
	return set_targets(db, id, e);
}

int
kb_article_set_state(struct db *db, int64_t id, const char *state, int64_t now)
{
	struct dbq *q = db_query(db, STMT_KB_ARTICLE_SET_STATE);
	if (!q)
		return -1;
	q_bind_text(q, 1, state);
	q_bind_text(q, 2, state);
	bind_repeat(q, 3, 2, now);
	q_bind_int(q, 5, id);
	return finish_write(q);
}

int64_t
kb_attachment_add(struct db *db, int64_t article_id, const char *filename, const char *sha256,
                  int64_t size, const char *mime)
{
	struct dbq *q = db_query(db, STMT_KB_ATTACHMENT_ADD);
	if (!q)
		return -1;
	q_bind_int(q, 1, article_id);
	q_bind_text(q, 2, filename);
	q_bind_text(q, 3, sha256);
	q_bind_int(q, 4, size);
	q_bind_text(q, 5, mime);
	q_bind_int(q, 6, clock_now());
	return finish_insert(db, q);
}

int
kb_attachment_delete(struct db *db, int64_t id, int64_t article_id)
{
	struct dbq *q = db_query(db, STMT_KB_ATTACHMENT_DELETE);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	q_bind_int(q, 2, article_id);
	return finish_write(q);
}
