/*
 * Reading a statement's rows into the arena: the one loop every store file
 * uses, so that a row type is described once (its fill function) and the
 * stepping, growing and error handling are written once.
 */
#ifndef MADOGUCHI_STORE_ROWS_H
#define MADOGUCHI_STORE_ROWS_H

#include <stddef.h>
#include <stdint.h>

struct arena;
struct dbq;

/* Fills the zeroed element at p (of the caller's row type) from the current row. */
typedef void (*row_fill)(struct dbq *q, struct arena *a, void *p);

/*
 * Steps q to its end and ends it, appending an element of size bytes per
 * row. Returns the array (NULL when empty) and in *n the count, or -1 on
 * error.
 */
void *rows_collect(struct dbq *q, struct arena *a, size_t size, row_fill fill, int *n);

/* The first column of q's rows (ids) into ids, at most max: the count, or -1. Ends q. */
int rows_ids(struct dbq *q, int64_t *ids, int max);

/* The first column of the first row of q (a count, an id), or -1. Ends q. */
int64_t row_int(struct dbq *q);

/* The first row of q into p: 1 found, 0 none, -1 error. Ends q. */
int row_one(struct dbq *q, struct arena *a, row_fill fill, void *p);

#endif
