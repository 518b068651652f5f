/*
 * What the knowledge store files (knowledge.c, knowledge_search.c,
 * knowledge_admin.c) share and nothing else includes: stepping a statement
 * into rows of the arena, binding the visibility rule and the filters, the
 * steps of a write, and the row shapes (kb_fill_*) that copy a row into
 * the structures of knowledge.h. Defined in knowledge_rows.c.
 */
#ifndef MADOGUCHI_STORE_KNOWLEDGE_ROWS_H
#define MADOGUCHI_STORE_KNOWLEDGE_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "store/rows.h"
#include "store/stmt.h"

struct arena;
struct db;
struct dbq;
struct kb_query;

void kb_bind_repeat(struct dbq *q, int i, int n, int64_t v);
void kb_bind_opt(struct dbq *q, int i, int64_t v);
int kb_bind_visible(struct dbq *q, int i, int64_t now, int64_t customer_id);
int kb_bind_filter(struct dbq *q, int i, const struct kb_query *s);
int64_t kb_finish_insert(struct db *db, struct dbq *q);
int kb_finish_write(struct dbq *q);
int kb_write_id(struct db *db, enum stmt_id st, int nparams, int64_t id);
int kb_delete_id(struct db *db, enum stmt_id st, int nparams, int64_t id);
void kb_fill_base(struct dbq *q, struct arena *a, void *p);
void kb_fill_category(struct dbq *q, struct arena *a, void *p);
void kb_fill_author(struct dbq *q, struct arena *a, void *p);
void kb_fill_hit(struct dbq *q, struct arena *a, void *p);
void kb_fill_marks(struct dbq *q, struct arena *a, void *p);
void kb_fill_article(struct dbq *q, struct arena *a, void *p);
void kb_fill_announcement(struct dbq *q, struct arena *a, void *p);
void kb_fill_attachment(struct dbq *q, struct arena *a, void *p);
void kb_fill_admin(struct dbq *q, struct arena *a, void *p);
void kb_fill_id(struct dbq *q, struct arena *a, void *p);
void *kb_rows_of(struct db *db, enum stmt_id st, int64_t id, struct arena *a, size_t size,
                 row_fill fill, int *n);

#endif
