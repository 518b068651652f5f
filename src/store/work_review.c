/* Statements of the review of work requests; see work_review.h. */
#include "store/work_review.h"
#include "core/arena.h"
#include "core/clock.h"
#include "store/db.h"
#include "store/rows.h"

int64_t
review_queue_count(struct db *db, const char *state)
{
	struct dbq *q = db_query(db, STMT_REVIEW_QUEUE_COUNT);
	if (!q)
		return -1;
	q_bind_text(q, 1, state);
	return row_int(q);
}

static void
review_fill(struct dbq *q, struct arena *a, void *p)
{
	struct review_row *v = p;
	v->number = q_text(q, 0, a);
	v->created_at = q_int(q, 1);
	v->customer_number = q_text(q, 2, a);
	v->customer_name = q_text(q, 3, a);
	v->item_name_ja = q_text(q, 4, a);
	v->item_name_en = q_text(q, 5, a);
	v->points = q_int(q, 6);
	v->requester = q_text(q, 7, a);
	v->state = q_text(q, 8, a);
	v->case_number = q_text(q, 9, a);
	v->overage = q_int(q, 10) != 0;
	v->customer_id = q_int(q, 11);
}

int
review_queue_page(struct db *db, const char *state, int64_t limit, int64_t offset, struct arena *a,
                  struct review_row **out)
{
	struct dbq *q = db_query(db, STMT_REVIEW_QUEUE_PAGE);
	if (!q)
		return -1;
	q_bind_text(q, 1, state);
	q_bind_int(q, 2, limit);
	q_bind_int(q, 3, offset);
	int n;
	*out = rows_collect(q, a, sizeof(**out), review_fill, &n);
	return n;
}

int
review_decide(struct db *db, const struct review_decision *d)
{
	struct dbq *q = db_query(db, STMT_REVIEW_DECIDE);
	if (!q)
		return -1;
	q_bind_text(q, 1, d->state);
	q_bind_int(q, 2, d->overage);
	q_bind_text(q, 3, d->reason ? d->reason : "");
	if (d->case_id)
		q_bind_int(q, 4, d->case_id);
	else
		q_bind_null(q, 4);
	q_bind_int(q, 5, d->reviewer_id);
	q_bind_int(q, 6, clock_now());
	q_bind_int(q, 7, d->request_id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? db_changes(db) == 1 : -1;
}

int
review_carry_files(struct db *db, int64_t request_id, int64_t customer_id, int64_t case_id,
                   int64_t author_id)
{
	struct dbq *q = db_query(db, STMT_REVIEW_CARRY_FILES);
	if (!q)
		return -1;
	q_bind_int(q, 1, case_id);
	q_bind_int(q, 2, request_id);
	q_bind_int(q, 3, customer_id);
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	q = db_query(db, STMT_REVIEW_FILES_ACTIVITY);
	if (!q)
		return -1;
	q_bind_int(q, 1, case_id);
	q_bind_int(q, 2, clock_now());
	q_bind_int(q, 3, author_id);
	q_bind_int(q, 4, request_id);
	rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}
