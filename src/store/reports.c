/* The monthly report's figures and delivery claims; see reports.h. */
#include "store/reports.h"
#include "core/arena.h"
#include "core/clock.h"
#include "store/cases.h"
#include "store/db.h"

/* Binds the customer and the month's bounds as the first three parameters. */
static struct dbq *
month_query(struct db *db, enum stmt_id id, int64_t customer_id, int64_t from, int64_t to)
{
	struct dbq *q = db_query(db, id);
	if (!q)
		return NULL;
	q_bind_int(q, 1, customer_id);
	q_bind_int(q, 2, from);
	q_bind_int(q, 3, to);
	return q;
}

/* One integer of a one-row statement on the customer and month. 0 or -1. */
static int
month_count(struct db *db, enum stmt_id id, int64_t customer_id, int64_t from, int64_t to,
            int64_t *out)
{
	struct dbq *q = month_query(db, id, customer_id, from, to);
	if (!q)
		return -1;
	int rc = q_step(q);
	*out = rc == DB_ROW ? q_int(q, 0) : 0;
	q_end(q);
	return rc == DB_ROW ? 0 : -1;
}

int
report_customer(struct db *db, int64_t customer_id, struct arena *a, const char **number,
                const char **name)
{
	struct dbq *q = db_query(db, STMT_REPORT_CUSTOMER);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		*number = q_text(q, 0, a);
		*name = q_text(q, 1, a);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
report_case_counts(struct db *db, int64_t customer_id, int64_t from, int64_t to, int64_t *opened,
                   int64_t *closed)
{
	return month_count(db, STMT_REPORT_OPENED, customer_id, from, to, opened) == 0 &&
	               month_count(db, STMT_REPORT_CLOSED, customer_id, from, to, closed) == 0
	           ? 0
	           : -1;
}

int
report_rating(struct db *db, int64_t customer_id, int64_t from, int64_t to, struct rating_sum *out)
{
	struct dbq *q = month_query(db, STMT_REPORT_RATING, customer_id, from, to);
	if (!q)
		return -1;
	int rc = q_step(q);
	*out = (struct rating_sum){.key = "", .label = ""};
	if (rc == DB_ROW) {
		out->asked = q_int(q, 0);
		out->answered = q_int(q, 1);
		out->score_total = q_int(q, 2);
	}
	q_end(q);
	return rc == DB_ROW ? 0 : -1;
}

int
report_points_used(struct db *db, int64_t customer_id, int64_t from, int64_t to, int64_t *out)
{
	return month_count(db, STMT_REPORT_POINTS, customer_id, from, to, out);
}

int
report_cases(struct db *db, int64_t customer_id, int64_t from, int64_t to, int limit,
             struct arena *a, struct report_case **out)
{
	struct dbq *q = month_query(db, STMT_REPORT_CASES, customer_id, from, to);
	if (!q)
		return -1;
	q_bind_int(q, 4, from);
	q_bind_int(q, 5, to);
	q_bind_int(q, 6, limit);
	struct report_case *v = NULL;
	size_t cap = 0;
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW) {
		v = arena_grow(a, v, sizeof(*v), &cap, (size_t)n);
		int st = case_state_parse(q_text(q, 3, a));
		v[n++] = (struct report_case){.number = q_text(q, 0, a),
		                              .subject = q_text(q, 1, a),
		                              .category = q_text(q, 2, a),
		                              .state = st < 0 ? CASE_NEW : st,
		                              .created_at = q_int(q, 4),
		                              .closed_at = q_int(q, 5)};
	}
	q_end(q);
	*out = v;
	return rc == DB_DONE ? n : -1;
}

int
report_overview(struct db *db, const char *month, int64_t from, int64_t to, int limit, int offset,
                struct arena *a, struct report_line **out)
{
	struct dbq *q = db_query(db, STMT_REPORT_OVERVIEW);
	if (!q)
		return -1;
	q_bind_int(q, 1, from);
	q_bind_int(q, 2, to);
	q_bind_int(q, 3, from);
	q_bind_int(q, 4, to);
	q_bind_text(q, 5, month);
	q_bind_int(q, 6, limit);
	q_bind_int(q, 7, offset);
	struct report_line *v = NULL;
	size_t cap = 0;
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW) {
		v = arena_grow(a, v, sizeof(*v), &cap, (size_t)n);
		v[n++] = (struct report_line){.customer_id = q_int(q, 0),
		                              .number = q_text(q, 1, a),
		                              .name = q_text(q, 2, a),
		                              .opened = q_int(q, 3),
		                              .closed = q_int(q, 4),
		                              .delivered_case = q_text(q, 5, a)};
	}
	q_end(q);
	*out = v;
	return rc == DB_DONE ? n : -1;
}

int
report_due(struct db *db, const char *month, const char *last_day, int limit, struct arena *a,
           int64_t **out)
{
	struct dbq *q = db_query(db, STMT_REPORT_DUE);
	if (!q)
		return -1;
	q_bind_text(q, 1, last_day);
	q_bind_text(q, 2, month);
	q_bind_int(q, 3, limit);
	int64_t *v = NULL;
	size_t cap = 0;
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW) {
		v = arena_grow(a, v, sizeof(*v), &cap, (size_t)n);
		v[n++] = q_int(q, 0);
	}
	q_end(q);
	*out = v;
	return rc == DB_DONE ? n : -1;
}

int64_t
report_claim(struct db *db, int64_t customer_id, const char *month)
{
	struct dbq *q = db_query(db, STMT_REPORT_CLAIM);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	q_bind_text(q, 2, month);
	q_bind_int(q, 3, clock_now());
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	return db_changes(db) == 1 ? db_last_id(db) : 0;
}

int
report_claim_case(struct db *db, int64_t claim_id, int64_t case_id)
{
	struct dbq *q = db_query(db, STMT_REPORT_CLAIM_CASE);
	if (!q)
		return -1;
	q_bind_int(q, 1, case_id);
	q_bind_int(q, 2, claim_id);
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE || db_changes(db) != 1 || !(q = db_query(db, STMT_REPORT_UNTARGET)))
		return -1;
	q_bind_int(q, 1, case_id);
	rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

const char *
report_delivered(struct db *db, int64_t customer_id, const char *month, struct arena *a)
{
	struct dbq *q = db_query(db, STMT_REPORT_DELIVERED);
	if (!q)
		return NULL;
	q_bind_int(q, 1, customer_id);
	q_bind_text(q, 2, month);
	int rc = q_step(q);
	const char *number = rc == DB_ROW ? q_text(q, 0, a) : rc == DB_DONE ? "" : NULL;
	q_end(q);
	return number;
}
