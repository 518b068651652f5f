/* Knowledge bases, articles, attachments and announcements; see knowledge.h. */
#include "store/knowledge.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

/*
 * A growing array in the arena: *cap elements of size each at *rows, doubled
 * when n reaches it. Returns the (possibly moved) array.
 */
static void *
grow(struct arena *a, void *rows, size_t size, int n, size_t *cap)
{
	if (!rows || (size_t)n == *cap) {
		size_t ncap = rows ? *cap * 2 : 16;
		void *bigger = arena_alloc(a, ncap * size);
		if (rows)
			memcpy(bigger, rows, *cap * size);
		*cap = ncap;
		return bigger;
	}
	return rows;
}

static int64_t
finish_insert(struct db *db, struct dbq *q)
{
	int rc = q_step(q);
	q_end(q);
	if (rc == DB_CONSTRAINT)
		return 0;
	return rc == DB_DONE ? db_last_id(db) : -1;
}

static int
finish_write(struct dbq *q)
{
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

/* Binds the visibility rule's parameters from i on; returns the next index. */
static int
bind_visible(struct dbq *q, int i, int64_t now, int64_t customer_id)
{
	q_bind_int(q, i++, now);
	q_bind_int(q, i++, customer_id);
	q_bind_int(q, i++, customer_id);
	q_bind_int(q, i++, customer_id);
	return i;
}

static void
base_from_row(struct dbq *q, struct arena *a, struct kb_base *b)
{
	b->id = q_int(q, 0);
	b->service_id = q_int(q, 1);
	b->name_ja = q_text(q, 2, a);
	b->name_en = q_text(q, 3, a);
	b->service_ja = q_text(q, 4, a);
	b->service_en = q_text(q, 5, a);
	b->is_announcements = q_int(q, 6) != 0;
}

static int
bases_run(struct dbq *q, struct arena *a, struct kb_base **out)
{
	struct kb_base *rows = NULL;
	size_t cap = 0;
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW) {
		rows = grow(a, rows, sizeof(*rows), n, &cap);
		base_from_row(q, a, &rows[n++]);
	}
	q_end(q);
	*out = rows;
	return rc == DB_ERROR ? -1 : n;
}

int
kb_bases_visible(struct db *db, int64_t customer_id, struct arena *a, struct kb_base **out)
{
	struct dbq *q = db_query(db, STMT_KB_BASES_VISIBLE);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	return bases_run(q, a, out);
}

int
kb_bases_all(struct db *db, struct arena *a, struct kb_base **out)
{
	struct dbq *q = db_query(db, STMT_KB_BASES_ALL);
	if (!q)
		return -1;
	return bases_run(q, a, out);
}

static int
categories_run(struct dbq *q, struct arena *a, struct kb_category **out)
{
	struct kb_category *rows = NULL;
	size_t cap = 0;
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW) {
		rows = grow(a, rows, sizeof(*rows), n, &cap);
		rows[n].id = q_int(q, 0);
		rows[n].kb_id = q_int(q, 1);
		rows[n].name_ja = q_text(q, 2, a);
		rows[n].name_en = q_text(q, 3, a);
		rows[n].position = q_int(q, 4);
		n++;
	}
	q_end(q);
	*out = rows;
	return rc == DB_ERROR ? -1 : n;
}

int
kb_categories_visible(struct db *db, int64_t customer_id, struct arena *a, struct kb_category **out)
{
	struct dbq *q = db_query(db, STMT_KB_CATEGORIES_VISIBLE);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	return categories_run(q, a, out);
}

int
kb_categories_all(struct db *db, struct arena *a, struct kb_category **out)
{
	struct dbq *q = db_query(db, STMT_KB_CATEGORIES_ALL);
	if (!q)
		return -1;
	return categories_run(q, a, out);
}

int
kb_authors_visible(struct db *db, int64_t customer_id, int64_t now, struct arena *a,
                   struct kb_author **out)
{
	struct dbq *q = db_query(db, STMT_KB_AUTHORS_VISIBLE);
	if (!q)
		return -1;
	bind_visible(q, 1, now, customer_id);
	struct kb_author *rows = NULL;
	size_t cap = 0;
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW) {
		rows = grow(a, rows, sizeof(*rows), n, &cap);
		rows[n].id = q_int(q, 0);
		rows[n].name = q_text(q, 1, a);
		n++;
	}
	q_end(q);
	*out = rows;
	return rc == DB_ERROR ? -1 : n;
}

/* Binds the query's match (if any), visibility and filters; returns the next index. */
static int
bind_search(struct dbq *q, const struct kb_query *s)
{
	int i = 1;
	if (s->match)
		q_bind_text(q, i++, s->match);
	i = bind_visible(q, i, s->now, s->customer_id);
	const char *lang = s->lang ? s->lang : "";
	q_bind_text(q, i++, lang);
	q_bind_text(q, i++, lang);
	q_bind_int(q, i++, s->kb_id);
	q_bind_int(q, i++, s->kb_id);
	q_bind_int(q, i++, s->category_id);
	q_bind_int(q, i++, s->category_id);
	q_bind_int(q, i++, s->author_id);
	q_bind_int(q, i++, s->author_id);
	return i;
}

/* Fills the marked title and snippet of a hit from the index. */
static int
hit_marks(struct db *db, const char *match, struct arena *a, struct kb_hit *h)
{
	struct dbq *q = db_query(db, STMT_KB_SNIPPET);
	if (!q)
		return -1;
	q_bind_text(q, 1, KB_MARK_OPEN);
	q_bind_text(q, 2, KB_MARK_CLOSE);
	q_bind_text(q, 3, KB_MARK_OPEN);
	q_bind_text(q, 4, KB_MARK_CLOSE);
	q_bind_text(q, 5, match);
	q_bind_int(q, 6, h->id);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		h->title_marked = q_text(q, 0, a);
		h->snippet_marked = q_text(q, 1, a);
	}
	q_end(q);
	return rc == DB_ERROR ? -1 : 0;
}

/* The first number a one-column query returns; -1 on error. */
static int64_t
one_int(struct dbq *q)
{
	int64_t v = q_step(q) == DB_ROW ? q_int(q, 0) : -1;
	q_end(q);
	return v;
}

/* Fills a hit from its id: what the page shows, and the marks of a search. */
static int
hit_fill(struct db *db, const struct kb_query *s, struct arena *a, struct kb_hit *h)
{
	struct dbq *q = db_query(db, STMT_KB_HIT_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, h->id);
	int rc = q_step(q);
	if (rc == DB_ROW) {
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
	q_end(q);
	if (rc != DB_ROW)
		return -1;
	return s->match ? hit_marks(db, s->match, a, h) : 0;
}

/*
 * The title-first relevance looks for the words as typed: the query's
 * first string, lower-cased (ASCII, as SQL lower() does), without quotes.
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

int
kb_search(struct db *db, const struct kb_query *s, struct arena *a, struct kb_hit **out,
          int64_t *total)
{
	static const enum stmt_id search[KB_SORT__MAX] = {
	    STMT_KB_SEARCH_RELEVANCE, STMT_KB_SEARCH_VIEWS, STMT_KB_SEARCH_NEWEST,
	    STMT_KB_SEARCH_ALPHA};
	static const enum stmt_id browse[KB_SORT__MAX] = {
	    STMT_KB_BROWSE_NEWEST, STMT_KB_BROWSE_VIEWS, STMT_KB_BROWSE_NEWEST,
	    STMT_KB_BROWSE_ALPHA};
	static const enum stmt_id broad[KB_SORT__MAX] = {STMT_KB_BROAD_NEWEST, STMT_KB_BROAD_VIEWS,
	                                                 STMT_KB_BROAD_NEWEST, STMT_KB_BROAD_ALPHA};
	enum kb_sort sort = (unsigned)s->sort < KB_SORT__MAX ? s->sort : KB_SORT_RELEVANCE;
	struct dbq *q;
	int64_t raw = 0;
	bool collect = false; /* the page query counts too (COUNT(*) OVER ()) */
	enum stmt_id page_stmt;
	*total = -1;
	if (s->match) {
		if (!(q = db_query(db, STMT_KB_FTS_COUNT)))
			return -1;
		q_bind_text(q, 1, s->match);
		q_bind_int(q, 2, KB_BROAD_MATCHES + 1);
		if ((raw = one_int(q)) < 0)
			return -1;
	}
	if (s->match && raw <= KB_BROAD_MATCHES) {
		collect = true;
		page_stmt = search[sort];
		if (sort == KB_SORT_RELEVANCE && raw > KB_BM25_MATCHES)
			page_stmt = STMT_KB_SEARCH_TITLE_FIRST;
	} else {
		/* A list, or a broad search: capped count, then the page in order. */
		if (!(q = db_query(db, s->match ? STMT_KB_SEARCH_COUNT : STMT_KB_BROWSE_COUNT)))
			return -1;
		q_bind_int(q, bind_search(q, s), KB_COUNT_CAP + 1);
		int64_t n = one_int(q);
		if (n < 0)
			return -1;
		*total = n > KB_COUNT_CAP ? -1 : n;
		page_stmt = s->match ? broad[sort] : browse[sort];
		if (s->match && n <= KB_COUNT_CAP) {
			/* Many matches, few visible (filters, other services): collect. */
			page_stmt =
			    sort == KB_SORT_RELEVANCE ? STMT_KB_SEARCH_TITLE_FIRST : search[sort];
		}
	}
	if (!(q = db_query(db, page_stmt)))
		return -1;
	int i = bind_search(q, s);
	if (page_stmt == STMT_KB_SEARCH_TITLE_FIRST)
		q_bind_text(q, i++, title_needle(s->match, a));
	q_bind_int(q, i++, s->limit);
	q_bind_int(q, i, s->offset);
	/*
	 * The ordered query returns ids only: what a hit shows (its excerpt
	 * above all, in the long texts) is read for the page's rows alone,
	 * never for every match the sort had to see.
	 */
	struct kb_hit *rows =
	    arena_zalloc(a, (size_t)(s->limit > 0 ? s->limit : 1) * sizeof(*rows));
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW && n < s->limit) {
		if (collect && n == 0)
			*total = q_int(q, 1);
		rows[n++].id = q_int(q, 0);
	}
	q_end(q);
	if (rc == DB_ERROR)
		return -1;
	if (collect && n == 0) {
		/* A page past the end: count on its own (at most the raw matches). */
		if (!(q = db_query(db, STMT_KB_SEARCH_COUNT)))
			return -1;
		q_bind_int(q, bind_search(q, s), KB_BROAD_MATCHES + 1);
		if ((*total = one_int(q)) < 0)
			return -1;
	}
	for (int k = 0; k < n; k++)
		if (hit_fill(db, s, a, &rows[k]) != 0)
			return -1;
	*out = rows;
	return n;
}

static void
article_from_row(struct dbq *q, struct arena *a, struct kb_article *x)
{
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

int
kb_article_visible(struct db *db, const char *number, int64_t customer_id, int64_t now,
                   struct arena *a, struct kb_article *out)
{
	struct dbq *q = db_query(db, STMT_KB_ARTICLE_VISIBLE);
	if (!q)
		return -1;
	q_bind_text(q, 1, number);
	bind_visible(q, 2, now, customer_id);
	int rc = q_step(q);
	if (rc == DB_ROW)
		article_from_row(q, a, out);
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
kb_article_get(struct db *db, int64_t id, struct arena *a, struct kb_article *out)
{
	struct dbq *q = db_query(db, STMT_KB_ARTICLE_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	int rc = q_step(q);
	if (rc == DB_ROW)
		article_from_row(q, a, out);
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
kb_article_viewed(struct db *db, int64_t id)
{
	struct dbq *q = db_query(db, STMT_KB_ARTICLE_VIEWED);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return finish_write(q);
}

static int
announcements_run(struct dbq *q, struct arena *a, struct kb_announcement **out)
{
	struct kb_announcement *rows = NULL;
	size_t cap = 0;
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW) {
		rows = grow(a, rows, sizeof(*rows), n, &cap);
		rows[n].id = q_int(q, 0);
		rows[n].number = q_text(q, 1, a);
		rows[n].title = q_text(q, 2, a);
		rows[n].published_at = q_int(q, 3);
		rows[n].show_from = q_int(q, 4);
		rows[n].show_until = q_int(q, 5);
		n++;
	}
	q_end(q);
	*out = rows;
	return rc == DB_ERROR ? -1 : n;
}

int
kb_banners(struct db *db, int64_t customer_id, int64_t user_id, int64_t now, int64_t limit,
           struct arena *a, struct kb_announcement **out)
{
	struct dbq *q = db_query(db, STMT_KB_BANNERS);
	if (!q)
		return -1;
	int i = bind_visible(q, 1, now, customer_id);
	q_bind_int(q, i++, now);
	q_bind_int(q, i++, now);
	q_bind_int(q, i++, user_id);
	q_bind_int(q, i, limit);
	return announcements_run(q, a, out);
}

int64_t
kb_announcements_count(struct db *db, int64_t customer_id, int64_t now)
{
	struct dbq *q = db_query(db, STMT_KB_ANNOUNCEMENTS_COUNT);
	if (!q)
		return -1;
	q_bind_int(q, bind_visible(q, 1, now, customer_id), now);
	int64_t n = q_step(q) == DB_ROW ? q_int(q, 0) : -1;
	q_end(q);
	return n;
}

int
kb_announcements_page(struct db *db, int64_t customer_id, int64_t now, int64_t limit,
                      int64_t offset, struct arena *a, struct kb_announcement **out)
{
	struct dbq *q = db_query(db, STMT_KB_ANNOUNCEMENTS_PAGE);
	if (!q)
		return -1;
	int i = bind_visible(q, 1, now, customer_id);
	q_bind_int(q, i++, now); /* started */
	q_bind_int(q, i++, now); /* current first */
	q_bind_int(q, i++, now);
	q_bind_int(q, i++, limit);
	q_bind_int(q, i, offset);
	return announcements_run(q, a, out);
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

static void
attachment_from_row(struct dbq *q, struct arena *a, struct kb_attachment *x)
{
	x->id = q_int(q, 0);
	x->article_id = q_int(q, 1);
	x->filename = q_text(q, 2, a);
	x->sha256 = q_text(q, 3, a);
	x->size = q_int(q, 4);
	x->mime = q_text(q, 5, a);
}

int
kb_attachments_of(struct db *db, int64_t article_id, struct arena *a, struct kb_attachment **out)
{
	struct dbq *q = db_query(db, STMT_KB_ATTACHMENTS_OF);
	if (!q)
		return -1;
	q_bind_int(q, 1, article_id);
	struct kb_attachment *rows = NULL;
	size_t cap = 0;
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW) {
		rows = grow(a, rows, sizeof(*rows), n, &cap);
		attachment_from_row(q, a, &rows[n++]);
	}
	q_end(q);
	*out = rows;
	return rc == DB_ERROR ? -1 : n;
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
	int rc = q_step(q);
	if (rc == DB_ROW)
		attachment_from_row(q, a, out);
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int64_t
kb_base_create(struct db *db, int64_t service_id, const char *name_ja, const char *name_en,
               bool is_announcements)
{
	struct dbq *q = db_query(db, STMT_KB_BASE_INSERT);
	if (!q)
		return -1;
	if (service_id)
		q_bind_int(q, 1, service_id);
	else
		q_bind_null(q, 1);
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

int64_t
kb_admin_count(struct db *db, const char *state)
{
	struct dbq *q = db_query(db, STMT_KB_ADMIN_COUNT);
	if (!q)
		return -1;
	q_bind_text(q, 1, state ? state : "");
	q_bind_text(q, 2, state ? state : "");
	int64_t n = q_step(q) == DB_ROW ? q_int(q, 0) : -1;
	q_end(q);
	return n;
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
	struct kb_admin_row *rows =
	    arena_zalloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof(*rows));
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW && n < limit) {
		struct kb_admin_row *x = &rows[n++];
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
	q_end(q);
	*out = rows;
	return rc == DB_ERROR ? -1 : n;
}

int
kb_targets_of(struct db *db, int64_t id, struct arena *a, int64_t **services, int *nservices,
              int64_t **customers, int *ncustomers)
{
	for (int pass = 0; pass < 2; pass++) {
		struct dbq *q =
		    db_query(db, pass ? STMT_KB_TARGET_CUSTOMERS_OF : STMT_KB_TARGET_SERVICES_OF);
		if (!q)
			return -1;
		q_bind_int(q, 1, id);
		int64_t *rows = NULL;
		size_t cap = 0;
		int n = 0, rc;
		while ((rc = q_step(q)) == DB_ROW) {
			rows = grow(a, rows, sizeof(*rows), n, &cap);
			rows[n++] = q_int(q, 0);
		}
		q_end(q);
		if (rc == DB_ERROR)
			return -1;
		if (pass) {
			*customers = rows;
			*ncustomers = n;
		} else {
			*services = rows;
			*nservices = n;
		}
	}
	return 0;
}

static const char *
target_name(enum kb_target t)
{
	return t == KB_TARGET_SERVICES    ? "services"
	       : t == KB_TARGET_CUSTOMERS ? "customers"
	                                  : "all";
}

static void
bind_opt_time(struct dbq *q, int i, int64_t t)
{
	if (t)
		q_bind_int(q, i, t);
	else
		q_bind_null(q, i);
}

/* Replaces the targets of an article with those of e. */
static int
set_targets(struct db *db, int64_t id, const struct kb_edit *e)
{
	struct dbq *q = db_query(db, STMT_KB_TARGET_SERVICES_CLEAR);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	if (finish_write(q) != 0)
		return -1;
	q = db_query(db, STMT_KB_TARGET_CUSTOMERS_CLEAR);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	if (finish_write(q) != 0)
		return -1;
	for (int i = 0; e->target == KB_TARGET_SERVICES && i < e->nservices; i++) {
		q = db_query(db, STMT_KB_TARGET_SERVICE_ADD);
		if (!q)
			return -1;
		q_bind_int(q, 1, id);
		q_bind_int(q, 2, e->service_ids[i]);
		if (finish_write(q) != 0)
			return -1;
	}
	for (int i = 0; e->target == KB_TARGET_CUSTOMERS && i < e->ncustomers; i++) {
		q = db_query(db, STMT_KB_TARGET_CUSTOMER_ADD);
		if (!q)
			return -1;
		q_bind_int(q, 1, id);
		q_bind_int(q, 2, e->customer_ids[i]);
		if (finish_write(q) != 0)
			return -1;
	}
	return 0;
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
	q = db_query(db, STMT_KB_ARTICLE_INSERT);
	if (!q)
		return -1;
	int64_t now = clock_now();
	q_bind_text(q, 1, number);
	q_bind_int(q, 2, e->kb_id);
	if (e->category_id)
		q_bind_int(q, 3, e->category_id);
	else
		q_bind_null(q, 3);
	q_bind_text(q, 4, e->lang);
	q_bind_text(q, 5, e->title);
	q_bind_int(q, 6, author_id);
	bind_opt_time(q, 7, e->show_from);
	bind_opt_time(q, 8, e->show_until);
	q_bind_text(q, 9, target_name(e->target));
	q_bind_int(q, 10, now);
	q_bind_int(q, 11, now);
	int64_t id = finish_insert(db, q);
	if (id <= 0)
		return -1;
	q = db_query(db, STMT_KB_TEXT_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	q_bind_text(q, 2, e->title);
	q_bind_text(q, 3, e->plain);
	q_bind_text(q, 4, e->body);
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
	q_bind_int(q, 1, e->kb_id);
	if (e->category_id)
		q_bind_int(q, 2, e->category_id);
	else
		q_bind_null(q, 2);
	q_bind_text(q, 3, e->lang);
	q_bind_text(q, 4, e->title);
	bind_opt_time(q, 5, e->show_from);
	bind_opt_time(q, 6, e->show_until);
	q_bind_text(q, 7, target_name(e->target));
	q_bind_int(q, 8, clock_now());
	q_bind_int(q, 9, id);
	if (finish_write(q) != 0)
		return -1;
	q = db_query(db, STMT_KB_TEXT_UPDATE);
	if (!q)
		return -1;
	q_bind_text(q, 1, e->title);
	q_bind_text(q, 2, e->plain);
	q_bind_text(q, 3, e->body);
	q_bind_int(q, 4, id);
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
	q_bind_int(q, 3, now);
	q_bind_int(q, 4, now);
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
