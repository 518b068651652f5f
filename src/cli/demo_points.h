/* The points part of `madoguchi demo` (cli/demo_points.c). */
#ifndef MADOGUCHI_CLI_DEMO_POINTS_H
#define MADOGUCHI_CLI_DEMO_POINTS_H

struct db;

/*
 * Point periods of the demo customers whose contracts have points: the
 * current month, and the previous one with a correction in its ledger. In
 * the caller's transaction, after the customers exist. Returns 0 or -1.
 */
int demo_points(struct db *db);

#endif
