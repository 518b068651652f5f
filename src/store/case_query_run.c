/*
 * Runs the case list's statements (case_query_sql.c) on a connection: the
 * count and the rows of one page. See case_query.h.
 */
#include "core/arena.h"
#include "store/case_query.h"
#include "store/cases.h"
#include "store/db.h"

#include <string.h>

static struct dbq *
prepare_bound(struct db *db, const struct cq_sql *s)
{
	struct dbq *q = db_prepare(db, s->sql);
	if (!q)
		return NULL;
	for (int i = 0; i < s->nbinds; i++) {
		if (s->binds[i].type == CQ_BIND_INT)
			q_bind_int(q, i + 1, s->binds[i].i);
		else
			q_bind_text(q, i + 1, s->binds[i].s);
	}
	return q;
}

/* The number of matching rows (staff: at most CQ_STAFF_COUNT_CAP + 1); -1 on error. */
static int64_t
run_count(struct db *db, const struct case_query *q, const struct cq_scope *sc, struct arena *a)
{
	struct cq_sql s;
	if (case_query_sql(q, sc, CQ_SQL_COUNT, 0, 0, a, &s) != 0)
		return -1;
	struct dbq *st = prepare_bound(db, &s);
	if (!st)
		return -1;
	int64_t n = q_step(st) == DB_ROW ? q_int(st, 0) : -1;
	q_finalize(st);
	return n;
}

/*
 * The rows of one page into rows (per_page at most); with a keyword
 * (cq_reads_all_matches) also the number of all matches into *total, from
 * the same statement, or -1 when the page is empty. Returns the row count.
 */
static int
run_page(struct db *db, const struct case_query *q, const struct cq_scope *sc, int per_page,
         int64_t offset, struct arena *a, struct case_row *rows, int64_t *total)
{
	bool counted = cq_reads_all_matches(q);
	struct cq_sql s;
	if (case_query_sql(q, sc, counted ? CQ_SQL_PAGE_COUNTED : CQ_SQL_PAGE, per_page, offset, a,
	                   &s) != 0)
		return -1;
	struct dbq *st = prepare_bound(db, &s);
	if (!st)
		return -1;
	*total = -1;
	int n = 0, rc;
	while (n < per_page && (rc = q_step(st)) == DB_ROW) {
		struct case_row *c = &rows[n++];
		memset(c, 0, sizeof(*c));
		c->id = q_int(st, 0);
		c->number = q_text(st, 1, a);
		int state = case_state_parse(q_text(st, 2, a));
		c->state = state < 0 ? CASE_NEW : (enum case_state)state;
		c->category = q_text(st, 3, a);
		c->subject = q_text(st, 4, a);
		c->customer_number = q_text(st, 5, a);
		c->customer_name = q_text(st, 6, a);
		c->service_ja = q_text(st, 7, a);
		c->service_en = q_text(st, 8, a);
		c->contact_name = q_text(st, 9, a);
		c->assignee_name = q_text(st, 10, a);
		c->created_at = q_int(st, 11);
		c->updated_at = q_int(st, 12);
		case_clock_columns(st, 13, c);
		if (counted)
			*total = q_int(st, 13 + CASE_CLOCK_NCOLUMNS);
	}
	if (n < per_page && rc == DB_ERROR)
		n = -1;
	q_finalize(st);
	return n;
}

int
case_query_fetch(struct db *db, const struct case_query *q, const struct cq_scope *sc, int per_page,
                 struct arena *a, struct cq_page *out)
{
	memset(out, 0, sizeof(*out));
	if (per_page < 1 || per_page > 1000)
		return -1;
	struct case_row *rows = arena_zalloc(a, (size_t)per_page * sizeof(*rows));
	out->rows = rows;
	out->page = q->page;
	if (cq_reads_all_matches(q)) {
		out->nrows =
		    run_page(db, q, sc, per_page, (q->page - 1) * per_page, a, rows, &out->total);
		if (out->nrows < 0)
			return -1;
		if (out->nrows > 0 || q->page == 1) {
			if (out->total < 0)
				out->total = 0;
			return 0;
		}
	}
	out->total = run_count(db, q, sc, a);
	if (out->total < 0)
		return -1;
	out->more = sc->staff && out->total > CQ_STAFF_COUNT_CAP;
	if (out->more)
		out->total = CQ_STAFF_COUNT_CAP;
	int64_t pages = out->total ? (out->total + per_page - 1) / per_page : 1;
	if (out->page > pages && !out->more)
		out->page = pages;
	struct case_query pq = *q;
	pq.page = out->page;
	int64_t ignored;
	out->nrows = run_page(db, &pq, sc, per_page, (out->page - 1) * per_page, a, rows, &ignored);
	if (out->nrows < 0)
		return -1;
	if (out->more && out->nrows < per_page) { /* past the counted rows */
		out->total = (out->page - 1) * per_page + out->nrows;
		out->more = false;
	}
	return 0;
}

bool
case_query_runnable(const struct case_query *q, const struct cq_scope *sc, struct arena *a)
{
	struct cq_sql s;
	return case_query_sql(q, sc, CQ_SQL_COUNT, 0, 0, a, &s) == 0;
}
