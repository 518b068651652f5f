/*
 * Points (ポイント管理), the operations every channel calls: the balance a
 * work request meets, the charge of an accepted request, and the provider
 * admins' periods (start, end, contracted points) and corrections. Periods
 * of a customer never overlap, so that "the period covering today" is one
 * period; a correction is a ledger line like a consumption, never an edit
 * of the figure, so that every point stays explained. Field errors name
 * "start", "end", "points" and "note".
 */
#ifndef MADOGUCHI_POINTS_POINTS_H
#define MADOGUCHI_POINTS_POINTS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/points.h"

struct db;
struct dom;

#define POINTS_PERIOD_MAX 1000000 /* points of a period, and of one correction either way */
#define POINTS_NOTE_MAX   500     /* characters of a correction's reason */

/* What a cost meets in the period covering today. */
struct points_balance {
	bool has_period;
	struct point_period period;
	int64_t after; /* remaining after the cost */
	bool over;     /* the cost exceeds what remains, or no period covers today */
};

/*
 * The balance of the customer for a cost. Inside a write transaction the
 * figure is the one the transaction will change. 0 or -1.
 */
int points_balance_of(struct dom *d, struct db *db, int64_t customer_id, int64_t cost,
                      struct points_balance *out);

/*
 * Charges an accepted request's points to the balance's period (nothing
 * without a period or for a free item), in the caller's transaction. 0 or -1.
 */
int points_charge(struct dom *d, struct db *db, const struct points_balance *bal,
                  int64_t customer_id, int64_t points, int64_t request_id, int64_t case_id);

struct points_period_in {
	const char *start, *end; /* 'YYYY-MM-DD', end inclusive */
	int64_t points;          /* -1: not a number */
};

/* A provider admin adds a period to the customer of that number. id_out: the new one. */
int points_period_add(struct dom *d, const char *customer_number, const struct points_period_in *in,
                      int64_t *id_out);
/* A provider admin changes a period (dates, contracted points). */
int points_period_change(struct dom *d, int64_t period_id, const struct points_period_in *in);
/* A period for a provider admin: DOM_OK, DOM_NOT_FOUND, DOM_FORBIDDEN, DOM_ERROR. */
int points_period_find(struct dom *d, int64_t period_id, struct point_period *out);

/*
 * A provider admin corrects a period's consumed points (positive consumes,
 * negative gives back; 0 or beyond ±POINTS_PERIOD_MAX is refused) with a
 * reason the customer reads.
 */
int points_correction(struct dom *d, int64_t period_id, int64_t points, const char *note);

/* For callers already inside a transaction (the demo data). */
int points_period_add_in_tx(struct dom *d, int64_t customer_id, const struct points_period_in *in,
                            int64_t *id_out);
int points_correction_in_tx(struct dom *d, int64_t period_id, int64_t points, const char *note);

#endif
