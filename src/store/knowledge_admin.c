/*
 * Knowledge in the console (provider staff): knowledge bases and
 * categories, the list of articles of every state, the article's targets,
 * and the writes of articles and attachments; see knowledge.h.
 */
#include "store/knowledge.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/numbers.h"
#include "store/knowledge_rows.h"

#include <stdio.h>
#include <string.h>

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
	kb_bind_opt(q, 1, service_id);
	q_bind_text(q, 2, name_ja);
	q_bind_text(q, 3, name_en);
	q_bind_int(q, 4, is_announcements);
	q_bind_int(q, 5, clock_now());
	return kb_finish_insert(db, q);
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
	return kb_finish_insert(db, q);
}

int
kb_base_get(struct db *db, int64_t id, struct arena *a, struct kb_base *out)
{
	struct dbq *q = db_query(db, STMT_KB_BASE_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return row_one(q, a, kb_fill_base, out);
}

int
kb_category_get(struct db *db, int64_t id, struct arena *a, struct kb_category *out)
{
	struct dbq *q = db_query(db, STMT_KB_CATEGORY_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return row_one(q, a, kb_fill_category, out);
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
	return kb_finish_write(q);
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
	return kb_finish_write(q);
}

int
kb_base_usage(struct db *db, int64_t id, int64_t *articles, int64_t *categories)
{
	struct dbq *q = db_query(db, STMT_KB_BASE_USAGE);
	if (!q)
		return -1;
	kb_bind_repeat(q, 1, 2, id);
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
	return row_int(q);
}

int
kb_base_delete(struct db *db, int64_t id)
{
	return kb_delete_id(db, STMT_KB_BASE_DELETE, 3, id);
}

int
kb_category_delete(struct db *db, int64_t id, bool move, int64_t move_to)
{
	if (move) {
		struct dbq *q = db_query(db, STMT_KB_CATEGORY_MOVE_ARTICLES);
		if (!q)
			return -1;
		kb_bind_opt(q, 1, move_to);
		q_bind_int(q, 2, id);
		if (kb_finish_write(q) != 0)
			return -1;
	}
	return kb_delete_id(db, STMT_KB_CATEGORY_DELETE, 2, id);
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
	return row_int(q);
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
	*out = rows_collect(q, a, sizeof(**out), kb_fill_admin, &n);
	return n;
}

int
kb_targets_of(struct db *db, int64_t id, struct arena *a, int64_t **services, int *nservices,
              int64_t **customers, int *ncustomers)
{
	*services = kb_rows_of(db, STMT_KB_TARGET_SERVICES_OF, id, a, sizeof(int64_t), kb_fill_id,
	                       nservices);
	if (*nservices < 0)
		return -1;
	*customers = kb_rows_of(db, STMT_KB_TARGET_CUSTOMERS_OF, id, a, sizeof(int64_t), kb_fill_id,
	                        ncustomers);
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
		if (kb_finish_write(q) != 0)
			return -1;
	}
	return 0;
}

/* Replaces the targets of an article with those of e. */
static int
set_targets(struct db *db, int64_t id, const struct kb_edit *e)
{
	if (kb_write_id(db, STMT_KB_TARGET_SERVICES_CLEAR, 1, id) != 0 ||
	    kb_write_id(db, STMT_KB_TARGET_CUSTOMERS_CLEAR, 1, id) != 0)
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
	kb_bind_opt(q, i++, e->category_id);
	q_bind_text(q, i++, e->lang);
	q_bind_text(q, i++, e->title);
	q_bind_text(q, i++, e->title);
	return i;
}

/* Binds the announcement's window and target from i on; returns the next index. */
static int
bind_article_window(struct dbq *q, int i, const struct kb_edit *e)
{
	kb_bind_opt(q, i++, e->show_from);
	kb_bind_opt(q, i++, e->show_until);
	q_bind_text(q, i++, target_name(e->target));
	return i;
}

int64_t
kb_article_create(struct db *db, const struct kb_edit *e, int64_t author_id, char number[12])
{
	char next[DOC_NUMBER_MAX];
	if (doc_number_next(db, "kb_article", "KB", next) != 0 || strlen(next) >= 12)
		return -1;
	memcpy(number, next, strlen(next) + 1);
	struct dbq *q;
	if (!(q = db_query(db, STMT_KB_ARTICLE_INSERT)))
		return -1;
	int64_t now = clock_now();
	q_bind_text(q, 1, number);
	int i = bind_article_head(q, 2, e);
	q_bind_int(q, i++, author_id);
	i = bind_article_window(q, i, e);
	kb_bind_repeat(q, i, 2, now); /* created, updated */
	int64_t id = kb_finish_insert(db, q);
	if (id <= 0)
		return -1;
	if (!(q = db_query(db, STMT_KB_TEXT_INSERT)))
		return -1;
	q_bind_int(q, 1, id);
	bind_texts(q, 2, e);
	if (kb_finish_write(q) != 0)
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
	if (kb_finish_write(q) != 0)
		return -1;
	if (!(q = db_query(db, STMT_KB_TEXT_UPDATE)))
		return -1;
	q_bind_int(q, bind_texts(q, 1, e), id);
	if (kb_finish_write(q) != 0)
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
	kb_bind_repeat(q, 3, 2, now);
	q_bind_int(q, 5, id);
	return kb_finish_write(q);
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
	return kb_finish_insert(db, q);
}

int
kb_attachment_delete(struct db *db, int64_t id, int64_t article_id)
{
	struct dbq *q = db_query(db, STMT_KB_ATTACHMENT_DELETE);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	q_bind_int(q, 2, article_id);
	return kb_finish_write(q);
}
