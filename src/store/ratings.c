/* Satisfaction ratings; see ratings.h. */
#include "store/ratings.h"
#include "core/arena.h"
#include "core/clock.h"
#include "store/db.h"
#include "store/rows.h"

static void
bind_id_or_null(struct dbq *q, int i, int64_t id)
{
	if (id > 0)
		q_bind_int(q, i, id);
	else
		q_bind_null(q, i);
}

int64_t
rating_ask(struct db *db, const struct new_rating *r)
{
	struct dbq *q = db_query(db, STMT_RATING_ASK);
	if (!q)
		return -1;
	q_bind_int(q, 1, r->case_id);
	q_bind_int(q, 2, r->customer_id);
	bind_id_or_null(q, 3, r->contact_id);
	bind_id_or_null(q, 4, r->agent_id);
	q_bind_int(q, 5, clock_now());
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	return db_changes(db) == 1 ? db_last_id(db) : 0;
}

int
rating_get(struct db *db, int64_t id, struct arena *a, struct rating *out)
{
	struct dbq *q = db_query(db, STMT_RATING_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		out->id = q_int(q, 0);
		out->contact_id = q_int(q, 1);
		out->rated_at = q_int(q, 2);
		out->score = (int)q_int(q, 3);
		out->comment = q_text(q, 4, a);
		out->case_number = q_text(q, 5, a);
		out->case_subject = q_text(q, 6, a);
		out->customer_id = q_int(q, 7);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
rating_record(struct db *db, int64_t id, int score, const char *comment)
{
	struct dbq *q = db_query(db, STMT_RATING_RECORD);
	if (!q)
		return -1;
	q_bind_int(q, 1, score);
	q_bind_text(q, 2, comment);
	q_bind_int(q, 3, clock_now());
	q_bind_int(q, 4, id);
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	return db_changes(db) == 1;
}

int
rating_total(struct db *db, int64_t from, int64_t to, struct rating_sum *out)
{
	struct dbq *q = db_query(db, STMT_RATING_TOTAL);
	if (!q)
		return -1;
	q_bind_int(q, 1, from);
	q_bind_int(q, 2, to);
	int rc = q_step(q);
	if (rc == DB_ROW)
		*out = (struct rating_sum){.key = "",
		                           .label = "",
		                           .asked = q_int(q, 0),
		                           .answered = q_int(q, 1),
		                           .score_total = q_int(q, 2)};
	q_end(q);
	return rc == DB_ROW ? 0 : -1;
}

/* A row of a summary statement: key, label, asked, answered, score total. */
static void
sum_fill(struct dbq *q, struct arena *a, void *p)
{
	*(struct rating_sum *)p = (struct rating_sum){.key = q_text(q, 0, a),
	                                              .label = q_text(q, 1, a),
	                                              .asked = q_int(q, 2),
	                                              .answered = q_int(q, 3),
	                                              .score_total = q_int(q, 4)};
}

static int
sums(struct db *db, enum stmt_id id, int64_t from, int64_t to, struct arena *a,
     struct rating_sum **out)
{
	struct dbq *q = db_query(db, id);
	if (!q)
		return -1;
	q_bind_int(q, 1, from);
	q_bind_int(q, 2, to);
	int n;
	*out = rows_collect(q, a, sizeof(**out), sum_fill, &n);
	return n;
}

int
rating_by_customer(struct db *db, int64_t from, int64_t to, struct arena *a,
                   struct rating_sum **out)
{
	return sums(db, STMT_RATING_BY_CUSTOMER, from, to, a, out);
}

int
rating_by_agent(struct db *db, int64_t from, int64_t to, struct arena *a, struct rating_sum **out)
{
	return sums(db, STMT_RATING_BY_AGENT, from, to, a, out);
}

static void
comment_fill(struct dbq *q, struct arena *a, void *p)
{
	*(struct rating_comment *)p = (struct rating_comment){.case_number = q_text(q, 0, a),
	                                                      .customer_name = q_text(q, 1, a),
	                                                      .comment = q_text(q, 2, a),
	                                                      .score = (int)q_int(q, 3),
	                                                      .rated_at = q_int(q, 4)};
}

int
rating_comments(struct db *db, int64_t from, int64_t to, int limit, struct arena *a,
                struct rating_comment **out)
{
	struct dbq *q = db_query(db, STMT_RATING_COMMENTS);
	if (!q)
		return -1;
	q_bind_int(q, 1, from);
	q_bind_int(q, 2, to);
	q_bind_int(q, 3, limit);
	int n;
	*out = rows_collect(q, a, sizeof(**out), comment_fill, &n);
	return n;
}
