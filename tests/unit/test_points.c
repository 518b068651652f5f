/*
 * Unit tests of the points store (src/store/points.c) on a real SQLite
 * database in a temporary directory: periods and their overlaps, the period
 * covering a date, ledger lines moving the consumed figure, customer
 * scoping, and reviewers on several threads consuming from one period at
 * once without ever passing the contracted points or losing a line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include <cmocka.h>

#include <pthread.h>
#include <unistd.h>

#include "core/arena.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/points.h"
#include "tmpdir.h"

static char tmpdir[] = "/tmp/madoguchi-points-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static int64_t aoba, kamome;

static int
group_setup(void **state)
{
	(void)state;
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/madoguchi.db", tmpdir);
	db_configure(dbpath);
	db = db_thread();
	if (!db || migrate_run(db) < 0)
		return -1;
	aoba = customers_insert(db, "N200000001", "あおば商事株式会社");
	kamome = customers_insert(db, "N200000002", "かもめ物流株式会社");
	return aoba > 0 && kamome > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	db_thread_close();
	tmpdir_remove(tmpdir);
	return 0;
}

static int64_t
period(int64_t customer, const char *start, const char *end, int64_t points)
{
	assert_int_equal(db_begin(db), 0);
	int64_t id = points_period_create(db, customer, start, end, points);
	assert_true(id > 0);
	assert_int_equal(db_commit(db), 0);
	return id;
}

static void
test_periods_and_overlaps(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int64_t nov = period(aoba, "2026-11-01", "2026-11-30", 50);
	period(aoba, "2026-10-01", "2026-10-31", 40);
	/* Touching a day of another period is an overlap; the day after is not. */
	assert_int_equal(points_period_overlaps(db, aoba, "2026-11-30", "2026-12-31", 0), 1);
	assert_int_equal(points_period_overlaps(db, aoba, "2026-12-01", "2026-12-31", 0), 0);
	assert_int_equal(points_period_overlaps(db, aoba, "2026-09-01", "2027-01-01", 0), 1);
	/* A period does not overlap itself when it is edited. */
	assert_int_equal(points_period_overlaps(db, aoba, "2026-11-01", "2026-11-29", nov), 0);
	/* Another customer's periods do not count. */
	assert_int_equal(points_period_overlaps(db, kamome, "2026-11-01", "2026-11-30", 0), 0);

	struct point_period p;
	assert_int_equal(points_period_at(db, aoba, "2026-11-15", a, &p), 1);
	assert_int_equal(p.id, nov);
	assert_string_equal(p.customer_number, "N200000001");
	assert_int_equal(points_period_at(db, aoba, "2026-12-01", a, &p), 0);
	assert_int_equal(points_period_at(db, kamome, "2026-11-15", a, &p), 0);

	struct point_period *all;
	assert_int_equal(points_periods(db, aoba, a, &all), 2);
	assert_string_equal(all[0].start_date, "2026-11-01"); /* newest first */
	assert_int_equal(points_periods(db, kamome, a, &all), 0);

	/* Scoped reads: another customer's period is not found. */
	assert_int_equal(points_period_get(db, nov, kamome, a, &p), 0);
	assert_int_equal(points_period_get(db, nov, aoba, a, &p), 1);
	assert_int_equal(points_period_get(db, nov, 0, a, &p), 1);
	assert_int_equal(points_period_update(db, nov, kamome, "2026-11-01", "2026-11-30", 1), 0);
	arena_free(a);
}

static void
test_ledger_moves_consumed(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int64_t id = period(kamome, "2026-11-01", "2026-11-30", 20);
	assert_int_equal(db_begin(db), 0);
	struct ledger_entry e = {
	    .period_id = id, .customer_id = kamome, .kind = "consume", .points = 7};
	assert_int_equal(points_record(db, &e), 0);
	e.kind = "correction";
	e.points = -2;
	e.note = "一部取り消し";
	assert_int_equal(points_record(db, &e), 0);
	assert_int_equal(db_commit(db), 0);

	/* A rolled-back line leaves no trace in the figure either. */
	assert_int_equal(db_begin(db), 0);
	e.points = 100;
	assert_int_equal(points_record(db, &e), 0);
	assert_int_equal(db_rollback(db), 0);

	struct point_period p;
	assert_int_equal(points_period_get(db, id, kamome, a, &p), 1);
	assert_int_equal(p.consumed, 5);
	assert_int_equal(points_ledger_sum(db, id), 5);
	struct ledger_line *l;
	assert_int_equal(points_ledger(db, id, a, &l), 2);
	assert_string_equal(l[0].kind, "consume");
	assert_int_equal(l[1].points, -2);
	assert_string_equal(l[1].note, "一部取り消し");

	/* A line for a period that does not exist is refused. */
	assert_int_equal(db_begin(db), 0);
	e.period_id = 999999;
	assert_int_not_equal(points_record(db, &e), 0);
	assert_int_equal(db_rollback(db), 0);
	arena_free(a);
}

/* --- several reviewers at once --- */

#define THREADS 4
#define TRIES   25
#define COST    3

static int64_t race_period;
static int accepted[THREADS];

/* What a reviewer does: read the balance and consume, in one write transaction. */
static void *
reviewer(void *arg)
{
	int t = (int)(intptr_t)arg;
	struct db *mine = db_thread();
	struct arena *a = arena_new();
	for (int i = 0; mine && i < TRIES; i++) {
		if (db_begin(mine) != 0)
			continue;
		struct point_period p;
		bool room = points_period_get(mine, race_period, 0, a, &p) == 1 &&
		            p.points - p.consumed >= COST;
		struct ledger_entry e = {.period_id = race_period,
		                         .customer_id = p.customer_id,
		                         .kind = "consume",
		                         .points = COST};
		if (room && points_record(mine, &e) == 0 && db_commit(mine) == 0)
			accepted[t]++;
		else
			db_rollback(mine);
	}
	arena_free(a);
	db_thread_close();
	return NULL;
}

static void
test_concurrent_consumption(void **state)
{
	(void)state;
	race_period = period(aoba, "2027-01-01", "2027-01-31", 100);
	pthread_t th[THREADS];
	for (int t = 0; t < THREADS; t++)
		assert_int_equal(pthread_create(&th[t], NULL, reviewer, (void *)(intptr_t)t), 0);
	for (int t = 0; t < THREADS; t++)
		pthread_join(th[t], NULL);
	int total = 0;
	for (int t = 0; t < THREADS; t++)
		total += accepted[t];
	/* 100 points at 3 a request: 33 requests fit, never a 34th. */
	assert_int_equal(total, 100 / COST);
	struct arena *a = arena_new();
	struct point_period p;
	assert_int_equal(points_period_get(db, race_period, 0, a, &p), 1);
	assert_int_equal(p.consumed, total * COST);
	assert_int_equal(points_ledger_sum(db, race_period), p.consumed);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_periods_and_overlaps),
	    cmocka_unit_test(test_ledger_moves_consumed),
	    cmocka_unit_test(test_concurrent_consumption),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
