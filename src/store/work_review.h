/*
 * The provider's review of work requests: the queue by state, and the
 * decision. A decision only changes a request still 'submitted', so that of
 * two reviewers deciding at once exactly one wins and the other is told the
 * request changed meanwhile. The rule that ties the decision to the case and
 * the points is in work/review.c, inside one transaction.
 */
#ifndef MADOGUCHI_STORE_WORK_REVIEW_H
#define MADOGUCHI_STORE_WORK_REVIEW_H

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct db;

struct review_row {
	int64_t created_at, points, customer_id;
	const char *number, *customer_number, *customer_name, *item_name_ja, *item_name_en;
	const char *requester, *state, *case_number;
	bool overage;
};

struct review_decision {
	int64_t request_id, reviewer_id, case_id; /* case_id 0 when rejected */
	const char *state;                        /* "accepted" | "rejected" */
	const char *reason;                       /* rejected: why; "" otherwise */
	bool overage;
};

/* How many requests are in state ("submitted", "accepted", "rejected"); -1 on error. */
int64_t review_queue_count(struct db *db, const char *state);
/* One page of them, oldest first (the queue is worked first come, first served). */
int review_queue_page(struct db *db, const char *state, int64_t limit, int64_t offset,
                      struct arena *a, struct review_row **out);
/* 1 decided, 0 the request was no longer submitted, -1 error. */
int review_decide(struct db *db, const struct review_decision *d);
/*
 * Hands the request's files to the raised case (same rows, now with the
 * case id) and writes an attachment entry in the case's activity for each.
 */
int review_carry_files(struct db *db, int64_t request_id, int64_t customer_id, int64_t case_id,
                       int64_t author_id);

#endif
