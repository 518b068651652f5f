/*
 * The monthly service report's figures (cases, first responses, ratings,
 * points of one customer in one month) and its delivery claims. Every
 * figure takes the customer id: a report never reads another customer's
 * rows. Months are given as [from, to) in UTC seconds; the caller finds
 * the bounds in the provider's zone.
 */
#ifndef MADOGUCHI_STORE_REPORTS_H
#define MADOGUCHI_STORE_REPORTS_H

#include <stdint.h>

#include "store/ratings.h"

struct arena;
struct db;

/* The customer's number and name. 1 found, 0 not, -1 error. */
int report_customer(struct db *db, int64_t customer_id, struct arena *a, const char **number,
                    const char **name);
/* Cases opened and closed within the month (deliveries of the report left out). 0 or -1. */
int report_case_counts(struct db *db, int64_t customer_id, int64_t from, int64_t to,
                       int64_t *opened, int64_t *closed);
/* The ratings asked in the month (cases closed in it). 0 or -1. */
int report_rating(struct db *db, int64_t customer_id, int64_t from, int64_t to,
                  struct rating_sum *out);
/* Points the ledger moved in the month (consumptions less corrections given back), or -1. */
int report_points_used(struct db *db, int64_t customer_id, int64_t from, int64_t to, int64_t *out);

struct report_case {
	const char *number, *subject, *category;
	int state;                     /* enum case_state */
	int64_t created_at, closed_at; /* closed_at 0: open */
};
/* Cases opened or closed in the month, by number, at most limit. Count or -1. */
int report_cases(struct db *db, int64_t customer_id, int64_t from, int64_t to, int limit,
                 struct arena *a, struct report_case **out);

/* A line of the console's overview of a month: one per customer. */
struct report_line {
	int64_t customer_id, opened, closed;
	const char *number, *name;
	const char *delivered_case; /* the 月次レポート送付 case, "" if none */
};
/* Customers by number, a page of them. Count or -1. */
int report_overview(struct db *db, const char *month, int64_t from, int64_t to, int limit,
                    int offset, struct arena *a, struct report_line **out);

/*
 * Customers due a delivery of month ('YYYY-MM'): a contract begun by
 * last_day ('YYYY-MM-DD') and no delivery of the month yet. Count or -1.
 */
int report_due(struct db *db, const char *month, const char *last_day, int limit, struct arena *a,
               int64_t **out);
/*
 * Claims the delivery of month for the customer inside the caller's
 * transaction: the claim's id, 0 when it was claimed already (by this
 * instance or another), -1 on error.
 */
int64_t report_claim(struct db *db, int64_t customer_id, const char *month);
/*
 * Records the case that delivered the claim, and takes its service-level
 * targets off: a delivery waits for no answer, and its clock would count
 * as a missed target in the next month's report. 0 or -1.
 */
int report_claim_case(struct db *db, int64_t claim_id, int64_t case_id);
/* The number of the case that delivered the month, "" when none; NULL on error. */
const char *report_delivered(struct db *db, int64_t customer_id, const char *month,
                             struct arena *a);

#endif
