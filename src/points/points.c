/* The points operations; see points.h. */
#include "points/points.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/text.h"
#include "domain/domain.h"
#include "store/audit.h"
#include "store/customers.h"
#include "store/db.h"

#include <string.h>

static bool
admin(const struct dom *d)
{
	return d->who.staff && d->who.admin;
}

int
points_balance_of(struct dom *d, struct db *db, int64_t customer_id, int64_t cost,
                  struct points_balance *out)
{
	char today[11];
	points_today(today);
	memset(out, 0, sizeof(*out));
	int found = points_period_at(db, customer_id, today, d->a, &out->period);
	if (found < 0)
		return -1;
	out->has_period = found == 1;
	if (out->has_period)
		out->after = out->period.points - out->period.consumed - cost;
	out->over = cost > 0 && (!out->has_period || out->after < 0);
	return 0;
}

int
points_charge(struct dom *d, struct db *db, const struct points_balance *bal, int64_t customer_id,
              int64_t points, int64_t request_id, int64_t case_id)
{
	if (!bal->has_period || points <= 0)
		return 0;
	struct ledger_entry e = {.period_id = bal->period.id,
	                         .customer_id = customer_id,
	                         .actor_id = d->who.user_id,
	                         .kind = "consume",
	                         .points = points,
	                         .request_id = request_id,
	                         .case_id = case_id};
	return points_record(db, &e);
}

/* --- periods --- */

static bool
date_ok(const char *s)
{
	int y, m, dd;
	return s && date_parse(s, &y, &m, &dd) == 0;
}

/* The rules of a period's input, the overlap excepted. */
static void
period_check(struct dom *d, const struct points_period_in *in)
{
	bool start_ok = date_ok(in->start);
	if (!start_ok)
		dom_invalid(d, "start", N_("Enter a date (YYYY-MM-DD)."));
	if (!date_ok(in->end))
		dom_invalid(d, "end", N_("Enter a date (YYYY-MM-DD)."));
	else if (start_ok && strcmp(in->start, in->end) > 0)
		dom_invalid(d, "end", N_("The end date must not be before the start date."));
	if (in->points < 0 || in->points > POINTS_PERIOD_MAX)
		dom_invalid(d, "points", N_("Enter a whole number from 0 to 1000000."));
}

/* The overlap check inside the transaction: DOM_OK, DOM_INVALID or DOM_ERROR. */
static int
no_overlap(struct dom *d, struct db *db, int64_t customer_id, const struct points_period_in *in,
           int64_t except_id)
{
	int overlap = points_period_overlaps(db, customer_id, in->start, in->end, except_id);
	if (overlap < 0)
		return DOM_ERROR;
	if (overlap)
		return dom_invalid(d, "start",
		                   N_("This period overlaps another period of the customer."));
	return DOM_OK;
}

int
points_period_add_in_tx(struct dom *d, int64_t customer_id, const struct points_period_in *in,
                        int64_t *id_out)
{
	if (!admin(d))
		return DOM_FORBIDDEN;
	period_check(d, in);
	if (d->nerrors)
		return DOM_INVALID;
	struct db *db = db_thread();
	int st = no_overlap(d, db, customer_id, in, 0);
	if (st != DOM_OK)
		return st;
	int64_t id = points_period_create(db, customer_id, in->start, in->end, in->points);
	if (id <= 0 || dom_audit(d, db, "points.period_create", customer_id,
	                         arena_printf(d->a, "%s..%s %lld", in->start, in->end,
	                                      (long long)in->points)) != 0)
		return DOM_ERROR;
	if (id_out)
		*id_out = id;
	return DOM_OK;
}

int
points_period_add(struct dom *d, const char *customer_number, const struct points_period_in *in,
                  int64_t *id_out)
{
	if (!admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int64_t cid =
	    customer_number && *customer_number ? customers_id_by_number(db, customer_number) : 0;
	if (cid < 0)
		return DOM_ERROR;
	if (!cid)
		return DOM_NOT_FOUND;
	period_check(d, in);
	if (d->nerrors)
		return DOM_INVALID;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	return dom_finish(db, points_period_add_in_tx(d, cid, in, id_out));
}

int
points_period_find(struct dom *d, int64_t period_id, struct point_period *out)
{
	if (!admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int found = points_period_get(db, period_id, 0, d->a, out);
	return found < 0 ? DOM_ERROR : found ? DOM_OK : DOM_NOT_FOUND;
}

int
points_period_change(struct dom *d, int64_t period_id, const struct points_period_in *in)
{
	struct point_period p;
	int st = points_period_find(d, period_id, &p);
	if (st != DOM_OK)
		return st;
	period_check(d, in);
	if (d->nerrors)
		return DOM_INVALID;
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return DOM_ERROR;
	st = no_overlap(d, db, p.customer_id, in, p.id);
	if (st == DOM_OK) {
		int changed =
		    points_period_update(db, p.id, p.customer_id, in->start, in->end, in->points);
		st = changed < 0 ? DOM_ERROR : changed ? DOM_OK : DOM_NOT_FOUND;
	}
	if (st == DOM_OK && dom_audit(d, db, "points.period_update", p.customer_id,
	                              arena_printf(d->a, "%lld: %s..%s %lld", (long long)p.id,
	                                           in->start, in->end, (long long)in->points)) != 0)
		st = DOM_ERROR;
	return dom_finish(db, st);
}

/* --- corrections --- */

static void
correction_check(struct dom *d, int64_t points, const char *note)
{
	if (points == 0 || points < -POINTS_PERIOD_MAX || points > POINTS_PERIOD_MAX)
		dom_invalid(d, "points",
		            N_("Enter a whole number other than 0, negative to give points back."));
	if (text_blank(note))
		dom_invalid(d, "note", N_("Say why the points are corrected."));
	else if (text_chars(note) > POINTS_NOTE_MAX)
		dom_invalid(d, "note", N_("The reason is too long (500 characters at most)."));
}

int
points_correction_in_tx(struct dom *d, int64_t period_id, int64_t points, const char *note)
{
	struct point_period p;
	int st = points_period_find(d, period_id, &p);
	if (st != DOM_OK)
		return st;
	correction_check(d, points, note);
	if (d->nerrors)
		return DOM_INVALID;
	struct db *db = db_thread();
	const char *why = text_trim(d->a, note);
	struct ledger_entry e = {.period_id = p.id,
	                         .customer_id = p.customer_id,
	                         .actor_id = d->who.user_id,
	                         .kind = "correction",
	                         .points = points,
	                         .note = why};
	if (points_record(db, &e) != 0 ||
	    dom_audit(
	        d, db, "points.correction", p.customer_id,
	        arena_printf(d->a, "%lld: %+lld %s", (long long)p.id, (long long)points, why)) != 0)
		return DOM_ERROR;
	return DOM_OK;
}

int
points_correction(struct dom *d, int64_t period_id, int64_t points, const char *note)
{
	struct point_period p;
	int st = points_period_find(d, period_id, &p);
	if (st != DOM_OK)
		return st;
	correction_check(d, points, note);
	if (d->nerrors)
		return DOM_INVALID;
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return DOM_ERROR;
	return dom_finish(db, points_correction_in_tx(d, period_id, points, note));
}
