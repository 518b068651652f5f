/*
 * The knowledge search (see kb_search in knowledge.h): the FTS5 query of
 * what the customer typed, the capped count, the sorted page and the
 * highlighted title and snippet of each hit.
 */
#include "store/knowledge.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/knowledge_rows.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

/* ------------------------------------------------------------------ */
/* Search                                                              */
/* ------------------------------------------------------------------ */

/* ------------------------------------------------------------------ */
/* The FTS5 query of the keywords                                      */
/* ------------------------------------------------------------------ */

/* Length of the separator at p (ASCII white space or U+3000), 0 if none. */
static size_t
separator(const char *p)
{
	if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		return 1;
	if ((unsigned char)p[0] == 0xe3 && (unsigned char)p[1] == 0x80 &&
	    (unsigned char)p[2] == 0x80)
		return 3;
	return 0;
}

/* Characters of valid UTF-8 text (n bytes). */
static size_t
utf8_chars(const char *s, size_t n)
{
	size_t c = 0;
	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xc0) != 0x80;
	return c;
}

/* Appends s (n bytes) as one FTS5 string: in double quotes, quotes doubled. */
static void
fts_phrase(struct buf *m, const char *s, size_t n)
{
	buf_putc(m, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf_putc(m, '"');
		buf_putc(m, s[i]);
	}
	buf_putc(m, '"');
}

/*
 * The MATCH text of what was typed, in the arena: every word of
 * KB_KEYWORD_MIN characters or more must occur (trigrams cannot look for
 * shorter ones); when some word is shorter, the whole text is looked for
 * as it is. Never a syntax the user controls: each part is a quoted
 * string. NULL when keywords hold no word (browse).
 */
static const char *
fts_query(struct arena *a, const char *keywords)
{
	if (!keywords)
		return NULL;
	struct buf m = {0};
	bool all_long = true;
	int words = 0;
	for (const char *p = keywords; *p;) {
		size_t sep;
		while (*p && (sep = separator(p)) > 0)
			p += sep;
		if (!*p)
			break;
		const char *w = p;
		while (*p && separator(p) == 0)
			p++;
		if (utf8_chars(w, (size_t)(p - w)) < KB_KEYWORD_MIN)
			all_long = false;
		if (words++)
			buf_putc(&m, ' ');
		fts_phrase(&m, w, (size_t)(p - w));
	}
	if (words == 0) {
		buf_free(&m);
		return NULL;
	}
	if (!all_long) {
		m.len = 0;
		fts_phrase(&m, keywords, strlen(keywords));
	}
	buf_putc(&m, '\0');
	const char *out = arena_strdup(a, m.p);
	buf_free(&m);
	return out;
}

/* Binds a search's match (if any), visibility and filters; returns the next index. */
static int
bind_search(struct dbq *q, const struct kb_query *s, const char *match)
{
	int i = 1;
	if (match)
		q_bind_text(q, i++, match);
	i = kb_bind_visible(q, i, s->now, s->customer_id);
	return kb_bind_filter(q, i, s);
}

/* Fills what a hit shows from its id. */
static int
hit_fill(struct db *db, struct arena *a, struct kb_hit *h)
{
	struct dbq *q = db_query(db, STMT_KB_HIT_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, h->id);
	return row_one(q, a, kb_fill_hit, h) == 1 ? 0 : -1;
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
				kb_fill_marks(q, a, &hits[k]);
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
capped_count(struct db *db, enum stmt_id st, const struct kb_query *s, const char *match)
{
	struct dbq *q = db_query(db, st);
	if (!q)
		return -1;
	q_bind_int(q, bind_search(q, s, match), KB_COUNT_CAP + 1);
	return row_int(q);
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
	if ((*count = capped_count(db, STMT_KB_BROWSE_COUNT, s, NULL)) < 0)
		return -1;
	if (s->offset >= *count)
		return 0; /* past the last page */
	struct dbq *q = db_query(db, browse[sort]);
	if (!q)
		return -1;
	return page_ids(q, bind_search(q, s, NULL), limit, s->offset, hits, NULL);
}

/*
 * A page of a search: one statement sorts the candidates and counts them.
 * Relevance is bm25 when the index holds no more matches than the cap
 * (bm25 reads them all once); beyond, the words in the title first, then
 * newest. Only a page past the end needs a count of its own.
 */
static int
search_page(struct db *db, const struct kb_query *s, const char *match, enum kb_sort sort,
            int64_t limit, struct arena *a, struct kb_hit *hits, int64_t *count)
{
	static const enum stmt_id search[KB_SORT__MAX] = {
	    STMT_KB_SEARCH_RELEVANCE, STMT_KB_SEARCH_VIEWS, STMT_KB_SEARCH_NEWEST,
	    STMT_KB_SEARCH_ALPHA};
	enum stmt_id st = search[sort];
	struct dbq *q;
	if (sort == KB_SORT_RELEVANCE) {
		if (!(q = db_query(db, STMT_KB_FTS_COUNT)))
			return -1;
		q_bind_text(q, 1, match);
		q_bind_int(q, 2, KB_COUNT_CAP + 1);
		int64_t raw = row_int(q);
		if (raw < 0)
			return -1;
		if (raw > KB_COUNT_CAP)
			st = STMT_KB_SEARCH_TITLE_FIRST;
	}
	if (!(q = db_query(db, st)))
		return -1;
	int i = bind_search(q, s, match);
	q_bind_int(q, i++, KB_COUNT_CAP + 1);
	if (st == STMT_KB_SEARCH_TITLE_FIRST)
		q_bind_text(q, i++, title_needle(match, a));
	*count = 0;
	int n = page_ids(q, i, limit, s->offset, hits, count);
	if (n == 0 && s->offset > 0)
		*count = capped_count(db, STMT_KB_SEARCH_COUNT, s, match);
	return *count < 0 ? -1 : n;
}

int
kb_search(struct db *db, const struct kb_query *s, struct arena *a, struct kb_hit **out,
          int64_t *total)
{
	enum kb_sort sort = (unsigned)s->sort < KB_SORT__MAX ? s->sort : KB_SORT_RELEVANCE;
	int64_t limit = s->limit > 0 ? s->limit : 1, count;
	const char *match = fts_query(a, s->keywords);
	struct kb_hit *hits = arena_zalloc(a, (size_t)limit * sizeof(*hits));
	*out = hits;
	/* The pages end at the cap, whatever the address asks for. */
	if (limit > KB_COUNT_CAP - s->offset)
		limit = KB_COUNT_CAP - s->offset;
	int n = 0;
	if (limit <= 0)
		count =
		    capped_count(db, match ? STMT_KB_SEARCH_COUNT : STMT_KB_BROWSE_COUNT, s, match);
	else if (match)
		n = search_page(db, s, match, sort, limit, a, hits, &count);
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
	for (int k = 0; match && k < n; k += KB_MARKS_BATCH)
		if (hits_mark(db, match, a, hits + k,
		              n - k < KB_MARKS_BATCH ? n - k : KB_MARKS_BATCH) != 0)
			return -1;
	return n;
}
