/* The helpers and row shapes of the knowledge store; see knowledge_rows.h. */
#include "store/knowledge_rows.h"
#include "core/arena.h"
#include "store/db.h"
#include "store/knowledge.h"

#include <string.h>

/* ------------------------------------------------------------------ */
/* Shared helpers: rows, binding, writes                               */
/* ------------------------------------------------------------------ */

/* Binds v to the n parameters from i on (statements that repeat a value). */
void
kb_bind_repeat(struct dbq *q, int i, int n, int64_t v)
{
	while (n-- > 0)
		q_bind_int(q, i++, v);
}

/* Binds v, or NULL when it is 0 (an optional reference or time). */
void
kb_bind_opt(struct dbq *q, int i, int64_t v)
{
	if (v)
		q_bind_int(q, i, v);
	else
		q_bind_null(q, i);
}

/* Binds the visibility rule's parameters (KB_VISIBLE) from i on; returns the next index. */
int
kb_bind_visible(struct dbq *q, int i, int64_t now, int64_t customer_id)
{
	q_bind_int(q, i++, now);
	kb_bind_repeat(q, i, 3, customer_id);
	return i + 3;
}

/* Binds the filters (KB_FILTER) from i on: each value twice. Returns the next index. */
int
kb_bind_filter(struct dbq *q, int i, const struct kb_query *s)
{
	const char *lang = s->lang ? s->lang : "";
	q_bind_text(q, i++, lang);
	q_bind_text(q, i++, lang);
	kb_bind_repeat(q, i, 2, s->kb_id);
	kb_bind_repeat(q, i + 2, 2, s->category_id);
	kb_bind_repeat(q, i + 4, 2, s->author_id);
	return i + 6;
}

/* Steps a bound INSERT: the new id, 0 when a constraint refused it, -1 on error. */
int64_t
kb_finish_insert(struct db *db, struct dbq *q)
{
	int rc = q_step(q);
	q_end(q);
	if (rc == DB_CONSTRAINT)
		return 0;
	return rc == DB_DONE ? db_last_id(db) : -1;
}

/* Steps a bound write: 0 or -1. */
int
kb_finish_write(struct dbq *q)
{
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

/* Runs a write whose parameters are all id: 0 or -1. */
int
kb_write_id(struct db *db, enum stmt_id st, int nparams, int64_t id)
{
	struct dbq *q = db_query(db, st);
	if (!q)
		return -1;
	kb_bind_repeat(q, 1, nparams, id);
	return kb_finish_write(q);
}

/* Runs a guarded DELETE whose parameters are all id: 1 deleted, 0 kept, -1 error. */
int
kb_delete_id(struct db *db, enum stmt_id st, int nparams, int64_t id)
{
	if (kb_write_id(db, st, nparams, id) != 0)
		return -1;
	return db_changes(db) > 0 ? 1 : 0;
}

/* ------------------------------------------------------------------ */
/* Row shapes                                                          */
/* ------------------------------------------------------------------ */

void
kb_fill_base(struct dbq *q, struct arena *a, void *p)
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

void
kb_fill_category(struct dbq *q, struct arena *a, void *p)
{
	struct kb_category *c = p;
	c->id = q_int(q, 0);
	c->kb_id = q_int(q, 1);
	c->name_ja = q_text(q, 2, a);
	c->name_en = q_text(q, 3, a);
	c->position = q_int(q, 4);
}

void
kb_fill_author(struct dbq *q, struct arena *a, void *p)
{
	struct kb_author *u = p;
	u->id = q_int(q, 0);
	u->name = q_text(q, 1, a);
}

void
kb_fill_hit(struct dbq *q, struct arena *a, void *p)
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
void
kb_fill_marks(struct dbq *q, struct arena *a, void *p)
{
	struct kb_hit *h = p;
	h->title_marked = q_text(q, 1, a);
	h->snippet_marked = q_text(q, 2, a);
}

void
kb_fill_article(struct dbq *q, struct arena *a, void *p)
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

void
kb_fill_announcement(struct dbq *q, struct arena *a, void *p)
{
	struct kb_announcement *x = p;
	x->id = q_int(q, 0);
	x->number = q_text(q, 1, a);
	x->title = q_text(q, 2, a);
	x->published_at = q_int(q, 3);
	x->show_from = q_int(q, 4);
	x->show_until = q_int(q, 5);
}

void
kb_fill_attachment(struct dbq *q, struct arena *a, void *p)
{
	struct kb_attachment *x = p;
	x->id = q_int(q, 0);
	x->article_id = q_int(q, 1);
	x->filename = q_text(q, 2, a);
	x->sha256 = q_text(q, 3, a);
	x->size = q_int(q, 4);
	x->mime = q_text(q, 5, a);
}

void
kb_fill_admin(struct dbq *q, struct arena *a, void *p)
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

void
kb_fill_id(struct dbq *q, struct arena *a, void *p)
{
	(void)a;
	*(int64_t *)p = q_int(q, 0);
}

/* ------------------------------------------------------------------ */
/* Knowledge bases, categories, authors                                */
/* ------------------------------------------------------------------ */

/* Runs st with id as its only parameter (0: none) and collects its rows. */
void *
kb_rows_of(struct db *db, enum stmt_id st, int64_t id, struct arena *a, size_t size, row_fill fill,
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
