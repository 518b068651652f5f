/* Demo point periods; see demo_points.h. */
#include "cli/demo_points.h"
#include "core/arena.h"
#include "domain/domain.h"
#include "points/points.h"
#include "store/customers.h"
#include "store/db.h"

#include <stdio.h>
#include <string.h>

struct demo_period {
	const char *customer;
	int64_t points, previous_points, previous_correction;
};

static const struct demo_period demo_periods[] = {
    {"N200000001", 50, 50, 12},
    {"N200000003", 30, 0, 0},
};

static int
days_in(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return days[m - 1] + (m == 2 && leap);
}

/* The month that holds today, `back` months earlier, as first and last day. */
static void
month(int back, char start[16], char end[16])
{
	char today[11];
	points_today(today);
	int y = 0, m = 0;
	sscanf(today, "%4d-%2d", &y, &m);
	m -= back;
	while (m < 1) {
		m += 12;
		y--;
	}
	snprintf(start, 16, "%04d-%02d-01", y % 10000, m % 100);
	snprintf(end, 16, "%04d-%02d-%02d", y % 10000, m % 100, days_in(y, m) % 100);
}

/* Through the points operations, as a provider admin would, with their checks and audit. */
static int
add_periods(struct dom *d, struct db *db, const struct demo_period *dp)
{
	int64_t cid = customers_id_by_number(db, dp->customer);
	if (cid <= 0)
		return -1;
	char start[16], end[16];
	month(0, start, end);
	struct points_period_in in = {.start = start, .end = end, .points = dp->points};
	if (points_period_add_in_tx(d, cid, &in, NULL) != DOM_OK)
		return -1;
	if (!dp->previous_points)
		return 0;
	month(1, start, end);
	in.points = dp->previous_points;
	int64_t prev;
	if (points_period_add_in_tx(d, cid, &in, &prev) != DOM_OK)
		return -1;
	return points_correction_in_tx(d, prev, dp->previous_correction,
	                               "2 件の作業依頼(旧ポータルで受付)") == DOM_OK
	           ? 0
	           : -1;
}

int
demo_points(struct db *db)
{
	struct dom d = {.a = arena_new(), .who = {.staff = true, .admin = true, .login = "demo"}};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < sizeof(demo_periods) / sizeof(demo_periods[0]); i++)
		rc = add_periods(&d, db, &demo_periods[i]);
	arena_free(d.a);
	return rc;
}
