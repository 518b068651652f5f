/*
 * Knowledge, the customer side and the reads both sides share: the
 * knowledge bases, categories and authors a customer may see, an article,
 * the banners and the announcements list, the attachments; see
 * knowledge.h. The search is in knowledge_search.c, the console's reads
 * and writes in knowledge_admin.c.
 */
#include "store/knowledge.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/knowledge_rows.h"

#include <stdio.h>
#include <string.h>

int
kb_bases_visible(struct db *db, int64_t customer_id, struct arena *a, struct kb_base **out)
{
	int n;
	*out =
	    kb_rows_of(db, STMT_KB_BASES_VISIBLE, customer_id, a, sizeof(**out), kb_fill_base, &n);
	return n;
}

int
kb_bases_all(struct db *db, struct arena *a, struct kb_base **out)
{
	int n;
	*out = kb_rows_of(db, STMT_KB_BASES_ALL, 0, a, sizeof(**out), kb_fill_base, &n);
	return n;
}

int
kb_categories_visible(struct db *db, int64_t customer_id, struct arena *a, struct kb_category **out)
{
	int n;
	*out = kb_rows_of(db, STMT_KB_CATEGORIES_VISIBLE, customer_id, a, sizeof(**out),
	                  kb_fill_category, &n);
	return n;
}

int
kb_categories_all(struct db *db, struct arena *a, struct kb_category **out)
{
	int n;
	*out = kb_rows_of(db, STMT_KB_CATEGORIES_ALL, 0, a, sizeof(**out), kb_fill_category, &n);
	return n;
}

int
kb_authors_visible(struct db *db, int64_t customer_id, int64_t now, struct arena *a,
                   struct kb_author **out)
{
	struct dbq *q = db_query(db, STMT_KB_AUTHORS_VISIBLE);
	if (!q)
		return -1;
	kb_bind_visible(q, 1, now, customer_id);
	int n;
	*out = rows_collect(q, a, sizeof(**out), kb_fill_author, &n);
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
	kb_bind_visible(q, 2, now, customer_id);
	return row_one(q, a, kb_fill_article, out);
}

int
kb_article_get(struct db *db, int64_t id, struct arena *a, struct kb_article *out)
{
	struct dbq *q = db_query(db, STMT_KB_ARTICLE_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return row_one(q, a, kb_fill_article, out);
}

int
kb_article_viewed(struct db *db, int64_t id)
{
	return kb_write_id(db, STMT_KB_ARTICLE_VIEWED, 1, id);
}

int
kb_banners(struct db *db, int64_t customer_id, int64_t user_id, int64_t now, int64_t limit,
           struct arena *a, struct kb_announcement **out)
{
	struct dbq *q = db_query(db, STMT_KB_BANNERS);
	if (!q)
		return -1;
	int i = kb_bind_visible(q, 1, now, customer_id);
	kb_bind_repeat(q, i, 2, now); /* the window has begun, and not ended */
	q_bind_int(q, i + 2, user_id);
	q_bind_int(q, i + 3, limit);
	int n;
	*out = rows_collect(q, a, sizeof(**out), kb_fill_announcement, &n);
	return n;
}

int64_t
kb_announcements_count(struct db *db, int64_t customer_id, int64_t now)
{
	struct dbq *q = db_query(db, STMT_KB_ANNOUNCEMENTS_COUNT);
	if (!q)
		return -1;
	q_bind_int(q, kb_bind_visible(q, 1, now, customer_id), now);
	return row_int(q);
}

int
kb_announcements_page(struct db *db, int64_t customer_id, int64_t now, int64_t limit,
                      int64_t offset, struct arena *a, struct kb_announcement **out)
{
	struct dbq *q = db_query(db, STMT_KB_ANNOUNCEMENTS_PAGE);
	if (!q)
		return -1;
	int i = kb_bind_visible(q, 1, now, customer_id);
	kb_bind_repeat(q, i, 3, now); /* started; current first (begun, not ended) */
	q_bind_int(q, i + 3, limit);
	q_bind_int(q, i + 4, offset);
	int n;
	*out = rows_collect(q, a, sizeof(**out), kb_fill_announcement, &n);
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
	return kb_finish_write(q);
}

int
kb_attachments_of(struct db *db, int64_t article_id, struct arena *a, struct kb_attachment **out)
{
	int n;
	*out = kb_rows_of(db, STMT_KB_ATTACHMENTS_OF, article_id, a, sizeof(**out),
	                  kb_fill_attachment, &n);
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
	return row_one(q, a, kb_fill_attachment, out);
}
