/* Rows of point_periods and point_ledger; see points.h. */
#include "store/points.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/tz.h"
#include "store/db.h"
#include "store/rows.h"

#include <time.h>

int
points_available(struct db *db, int64_t customer_id)
{
	struct dbq *q = db_query(db, STMT_POINTS_AVAILABLE);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	q_bind_int(q, 2, customer_id);
	int rc = q_step(q), yes = rc == DB_ROW && q_int(q, 0) != 0;
	q_end(q);
	return rc == DB_ROW ? yes : -1;
}

static void
period_read(struct dbq *q, struct arena *a, void *row)
{
	struct point_period *p = row;
	p->id = q_int(q, 0);
	p->customer_id = q_int(q, 1);
	p->customer_number = q_text(q, 2, a);
	p->start_date = q_text(q, 3, a);
	p->end_date = q_text(q, 4, a);
	p->points = q_int(q, 5);
	p->consumed = q_int(q, 6);
}

/* Steps a statement that yields at most one period. */
static int
period_one(struct dbq *q, struct arena *a, struct point_period *out)
{
	return row_one(q, a, period_read, out);
}

int
points_periods(struct db *db, int64_t customer_id, struct arena *a, struct point_period **out)
{
	struct dbq *q = db_query(db, STMT_POINT_PERIODS);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	int n;
	*out = rows_collect(q, a, sizeof(**out), period_read, &n);
	return n;
}

int
points_period_get(struct db *db, int64_t id, int64_t customer_id, struct arena *a,
                  struct point_period *out)
{
	struct dbq *q = db_query(db, STMT_POINT_PERIOD_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	q_bind_int(q, 2, customer_id);
	q_bind_int(q, 3, customer_id);
	return period_one(q, a, out);
}

int
points_period_at(struct db *db, int64_t customer_id, const char *date, struct arena *a,
                 struct point_period *out)
{
	struct dbq *q = db_query(db, STMT_POINT_PERIOD_AT);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	q_bind_text(q, 2, date);
	q_bind_text(q, 3, date);
	return period_one(q, a, out);
}

int
points_period_overlaps(struct db *db, int64_t customer_id, const char *start, const char *end,
                       int64_t except_id)
{
	struct dbq *q = db_query(db, STMT_POINT_PERIOD_OVERLAPS);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	q_bind_int(q, 2, except_id);
	q_bind_text(q, 3, end);
	q_bind_text(q, 4, start);
	int rc = q_step(q), yes = rc == DB_ROW && q_int(q, 0) != 0;
	q_end(q);
	return rc == DB_ROW ? yes : -1;
}

int64_t
points_period_create(struct db *db, int64_t customer_id, const char *start, const char *end,
                     int64_t points)
{
	struct dbq *q = db_query(db, STMT_POINT_PERIOD_INSERT);
	if (!q)
		return -1;
	int64_t now = clock_now();
	q_bind_int(q, 1, customer_id);
	q_bind_text(q, 2, start);
	q_bind_text(q, 3, end);
	q_bind_int(q, 4, points);
	q_bind_int(q, 5, now);
	q_bind_int(q, 6, now);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? db_last_id(db) : -1;
}

int
points_period_update(struct db *db, int64_t id, int64_t customer_id, const char *start,
                     const char *end, int64_t points)
{
	struct dbq *q = db_query(db, STMT_POINT_PERIOD_UPDATE);
	if (!q)
		return -1;
	q_bind_text(q, 1, start);
	q_bind_text(q, 2, end);
	q_bind_int(q, 3, points);
	q_bind_int(q, 4, clock_now());
	q_bind_int(q, 5, id);
	q_bind_int(q, 6, customer_id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? db_changes(db) > 0 : -1;
}

static void
bind_opt(struct dbq *q, int i, int64_t v)
{
	if (v)
		q_bind_int(q, i, v);
	else
		q_bind_null(q, i);
}

int
points_record(struct db *db, const struct ledger_entry *e)
{
	int64_t now = clock_now();
	struct dbq *q = db_query(db, STMT_POINT_LEDGER_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, e->period_id);
	q_bind_int(q, 2, e->customer_id);
	q_bind_int(q, 3, now);
	bind_opt(q, 4, e->actor_id);
	q_bind_text(q, 5, e->kind);
	q_bind_int(q, 6, e->points);
	bind_opt(q, 7, e->request_id);
	bind_opt(q, 8, e->case_id);
	q_bind_text(q, 9, e->note ? e->note : "");
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	q = db_query(db, STMT_POINT_PERIOD_CONSUME);
	if (!q)
		return -1;
	q_bind_int(q, 1, e->points);
	q_bind_int(q, 2, now);
	q_bind_int(q, 3, e->period_id);
	rc = q_step(q);
	q_end(q);
	return rc == DB_DONE && db_changes(db) == 1 ? 0 : -1;
}

static void
ledger_fill(struct dbq *q, struct arena *a, void *p)
{
	struct ledger_line *l = p;
	l->id = q_int(q, 0);
	l->at = q_int(q, 1);
	l->kind = q_text(q, 2, a);
	l->points = q_int(q, 3);
	l->actor = q_text(q, 4, a);
	l->request_number = q_text(q, 5, a);
	l->item_name_ja = q_text(q, 6, a);
	l->item_name_en = q_text(q, 7, a);
	l->case_number = q_text(q, 8, a);
	l->note = q_text(q, 9, a);
}

int
points_ledger(struct db *db, int64_t period_id, struct arena *a, struct ledger_line **out)
{
	struct dbq *q = db_query(db, STMT_POINT_LEDGER_OF_PERIOD);
	if (!q)
		return -1;
	q_bind_int(q, 1, period_id);
	int n;
	*out = rows_collect(q, a, sizeof(**out), ledger_fill, &n);
	return n;
}

int64_t
points_ledger_sum(struct db *db, int64_t period_id)
{
	struct dbq *q = db_query(db, STMT_POINT_LEDGER_SUM);
	if (!q)
		return -1;
	q_bind_int(q, 1, period_id);
	int rc = q_step(q);
	int64_t sum = rc == DB_ROW ? q_int(q, 0) : -1;
	q_end(q);
	return sum;
}

void
points_today(char out[11])
{
	struct tm tm;
	if (tz_local(TZ_DEFAULT, clock_now(), &tm) != 0) {
		time_t t = (time_t)clock_now();
		gmtime_r(&t, &tm);
	}
	strftime(out, 11, "%Y-%m-%d", &tm);
}
