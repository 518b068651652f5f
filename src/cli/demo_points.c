/* Demo point periods; see demo_points.h. */
#include "cli/demo_points.h"
#include "core/arena.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/points.h"

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

int
demo_points(struct db *db)
{
	for (size_t i = 0; i < sizeof(demo_periods) / sizeof(demo_periods[0]); i++) {
		const struct demo_period *d = &demo_periods[i];
		int64_t cid = customers_id_by_number(db, d->customer);
		if (cid <= 0)
			return -1;
		char start[16], end[16];
		month(0, start, end);
		if (points_period_create(db, cid, start, end, d->points) <= 0)
			return -1;
		if (!d->previous_points)
			continue;
		month(1, start, end);
		int64_t prev = points_period_create(db, cid, start, end, d->previous_points);
		struct ledger_entry e = {.period_id = prev,
		                         .customer_id = cid,
		                         .kind = "correction",
		                         .points = d->previous_correction,
		                         .note = "2 件の作業依頼(旧ポータルで受付)"};
		if (prev <= 0 || points_record(db, &e) != 0)
			return -1;
	}
	return 0;
}
