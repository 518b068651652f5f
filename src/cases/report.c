/* The monthly report's figures; see report.h. */
#include "cases/report.h"
#include "cases/service_levels.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/tz.h"
#include "domain/domain.h"
#include "store/db.h"
#include "store/reports.h"

#include <stdio.h>
#include <string.h>

int
report_month_parse(const char *s, int *year, int *month)
{
	int y, m;
	char tail;
	if (!s || strlen(s) != 7 || s[4] != '-' || sscanf(s, "%4d-%2d%c", &y, &m, &tail) != 2 ||
	    y < 2000 || y > 9999 || m < 1 || m > 12)
		return -1;
	*year = y;
	*month = m;
	return 0;
}

int
report_month_of(int64_t t, int *year, int *month)
{
	struct tm tm;
	if (tz_local(TZ_DEFAULT, t, &tm) != 0)
		return -1;
	*year = tm.tm_year + 1900;
	*month = tm.tm_mon + 1;
	return 0;
}

/* Whether the actor may read the customer's reports. */
static bool
may_read(const struct dom *d, int64_t customer_id)
{
	if (d->who.staff || d->who.user_id == 0)
		return d->who.customer_id == 0;
	return d->who.customer_id == customer_id;
}

/* The month's bounds, refusing months after the current one. */
static int
bounds(struct dom *d, int year, int month, int64_t *from, int64_t *to)
{
	int cy, cm;
	if (year < 2000 || year > 9999 || month < 1 || month > 12 ||
	    report_month_of(clock_now(), &cy, &cm) != 0 || year * 12 + month > cy * 12 + cm)
		return dom_invalid(d, "month", N_("Choose a month up to the current one."));
	*from = tz_month_start(TZ_DEFAULT, year, month);
	*to = tz_month_start(TZ_DEFAULT, year, month + 1);
	return *from < 0 || *to < 0 ? DOM_ERROR : DOM_OK;
}

/* The figures of out's month, its bounds set. */
static int
figures(struct dom *d, struct db *db, struct monthly_report *out)
{
	int64_t cid = out->customer_id;
	if (report_case_counts(db, cid, out->from, out->to, &out->opened, &out->closed) != 0)
		return DOM_ERROR;
	struct sla_figures sla;
	if (sla_customer_figures(d, cid, out->from, out->to, &sla) != DOM_OK)
		return DOM_ERROR;
	out->responded = sla.responded;
	out->median_first_response = sla.median_first_response;
	out->response_met = sla.response_met;
	out->response_missed = sla.response_missed;
	out->resolution_met = sla.resolution_met;
	out->resolution_missed = sla.resolution_missed;
	if (report_rating(db, cid, out->from, out->to, &out->rating) != 0 ||
	    report_points_used(db, cid, out->from, out->to, &out->points_used) != 0)
		return DOM_ERROR;
	out->ncases =
	    report_cases(db, cid, out->from, out->to, REPORT_CASES_MAX + 1, d->a, &out->cases);
	if (out->ncases < 0)
		return DOM_ERROR;
	out->cases_cut = out->ncases > REPORT_CASES_MAX;
	if (out->cases_cut)
		out->ncases = REPORT_CASES_MAX;
	out->delivered_case = report_delivered(db, cid, out->key, d->a);
	return out->delivered_case ? DOM_OK : DOM_ERROR;
}

int
monthly_report_build(struct dom *d, int64_t customer_id, int year, int month,
                     struct monthly_report *out)
{
	memset(out, 0, sizeof(*out));
	out->median_first_response = -1;
	if (!may_read(d, customer_id))
		return DOM_NOT_FOUND;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int found =
	    report_customer(db, customer_id, d->a, &out->customer_number, &out->customer_name);
	if (found <= 0)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	int st = bounds(d, year, month, &out->from, &out->to);
	if (st != DOM_OK)
		return st;
	out->customer_id = customer_id;
	out->year = year;
	out->month = month;
	out->key = arena_printf(d->a, "%04d-%02d", year, month);
	return figures(d, db, out);
}

int
monthly_report_overview(struct dom *d, int year, int month, int limit, int offset,
                        struct report_line **out, int *n)
{
	*out = NULL;
	*n = 0;
	if (!d->who.staff)
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int64_t from, to;
	int st = bounds(d, year, month, &from, &to);
	if (st != DOM_OK)
		return st;
	*n = report_overview(db, arena_printf(d->a, "%04d-%02d", year, month), from, to, limit,
	                     offset, d->a, out);
	return *n < 0 ? DOM_ERROR : DOM_OK;
}

const char *
monthly_report_file_stem(const struct monthly_report *rep, struct arena *a)
{
	return arena_printf(a, "monthly-report-%s-%s", rep->customer_number, rep->key);
}
