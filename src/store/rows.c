/* The row collector of the store; see rows.h. */
#include "store/rows.h"
#include "core/arena.h"
#include "store/db.h"

#include <string.h>

void *
rows_collect(struct dbq *q, struct arena *a, size_t size, row_fill fill, int *n)
{
	char *rows = NULL;
	size_t cap = 0, count = 0;
	int rc;
	while ((rc = q_step(q)) == DB_ROW) {
		rows = arena_grow(a, rows, size, &cap, count);
		char *p = rows + count * size;
		memset(p, 0, size);
		fill(q, a, p);
		count++;
	}
	q_end(q);
	*n = rc == DB_ERROR ? -1 : (int)count;
	return rows;
}

int
row_one(struct dbq *q, struct arena *a, row_fill fill, void *p)
{
	int rc = q_step(q);
	if (rc == DB_ROW)
		fill(q, a, p);
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int64_t
row_int(struct dbq *q)
{
	int64_t v = q_step(q) == DB_ROW ? q_int(q, 0) : -1;
	q_end(q);
	return v;
}

int
rows_ids(struct dbq *q, int64_t *ids, int max)
{
	int n = 0, rc = DB_DONE;
	while (n < max && (rc = q_step(q)) == DB_ROW)
		ids[n++] = q_int(q, 0);
	q_end(q);
	return n < max && rc != DB_DONE ? -1 : n;
}
