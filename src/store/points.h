/*
 * Points (ポイント管理): the periods a customer contracted (start, end,
 * points) and the ledger of every consumption and correction behind each
 * period's 消化数. A period's consumed figure only ever moves together with a
 * ledger line, in one transaction, by a relative update, so that it always
 * equals the sum of its lines.
 */
#ifndef MADOGUCHI_STORE_POINTS_H
#define MADOGUCHI_STORE_POINTS_H

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct db;

struct point_period {
	int64_t id, customer_id;
	const char *customer_number;
	const char *start_date, *end_date; /* 'YYYY-MM-DD', end inclusive */
	int64_t points, consumed;          /* 残数 = points - consumed */
};

struct ledger_line {
	int64_t id, at, points; /* points consumed; a correction giving back is negative */
	const char *kind;       /* "consume" | "correction" */
	const char *actor, *request_number, *item_name_ja, *item_name_en, *case_number, *note;
};

struct ledger_entry {
	int64_t period_id, customer_id, actor_id, points, request_id, case_id;
	const char *kind, *note;
};

/* Whether the customer's contracts include points (the page and menu row show): 1, 0, -1. */
int points_available(struct db *db, int64_t customer_id);
/* The customer's periods, newest first. Count or -1. */
int points_periods(struct db *db, int64_t customer_id, struct arena *a, struct point_period **out);
/* One period; customer_id 0 for staff. 1 found, 0 not, -1 error. */
int points_period_get(struct db *db, int64_t id, int64_t customer_id, struct arena *a,
                      struct point_period *out);
/* The period covering date 'YYYY-MM-DD'. 1 found, 0 none, -1 error. */
int points_period_at(struct db *db, int64_t customer_id, const char *date, struct arena *a,
                     struct point_period *out);
/* Whether [start, end] meets another period of the customer than except_id: 1, 0, -1. */
int points_period_overlaps(struct db *db, int64_t customer_id, const char *start, const char *end,
                           int64_t except_id);
/* The new period's id, or -1. */
int64_t points_period_create(struct db *db, int64_t customer_id, const char *start, const char *end,
                             int64_t points);
/* 1 updated, 0 no such period of that customer, -1 error. */
int points_period_update(struct db *db, int64_t id, int64_t customer_id, const char *start,
                         const char *end, int64_t points);
/* Writes a ledger line and moves its period's consumed figure; inside the caller's transaction. */
int points_record(struct db *db, const struct ledger_entry *e);
/* The period's lines, oldest first. Count or -1. */
int points_ledger(struct db *db, int64_t period_id, struct arena *a, struct ledger_line **out);
/* The sum of the period's lines (for checks against consumed), or -1 on error. */
int64_t points_ledger_sum(struct db *db, int64_t period_id);
/* Today's date 'YYYY-MM-DD' where contracts are kept (the provider's zone). */
void points_today(char out[11]);

#endif
