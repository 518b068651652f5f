/*
 * Guards against guessing, keyed by the user ID as typed (lower-cased), so
 * that a user ID that does not exist locks and blocks exactly like one that
 * does: the answers never tell which IDs exist.
 */
#ifndef MADOGUCHI_STORE_GUARDS_H
#define MADOGUCHI_STORE_GUARDS_H

#include <stdint.h>

struct db;

struct guard {
	int64_t failures, locked_until;
	int64_t reset_failures, reset_blocked_until, reset_done_at;
};

/* Fills g (zeros when the ID has no row). Returns 0 or -1. */
int guard_get(struct db *db, const char *login, struct guard *g);
/*
 * Counts a wrong password; at `limit` consecutive ones the ID is locked until
 * `until`. Returns 1 when this failure locked it, 0 if not, -1 on error.
 */
int guard_login_failed(struct db *db, const char *login, int64_t limit, int64_t until);
int guard_login_ok(struct db *db, const char *login);
/* Clears a lockout (an admin enabled the login, or a reset completed). */
int guard_unlock(struct db *db, const char *login);
/* Counts a failed reset verification; blocks reset like guard_login_failed. */
int guard_reset_failed(struct db *db, const char *login, int64_t limit, int64_t until);
int guard_reset_ok(struct db *db, const char *login);
/* A completed reset: unlocks, clears counters, starts the 24-hour pause. */
int guard_reset_done(struct db *db, const char *login, int64_t now);
/* Failed sign-ins from ip since `since` (the per-address throttle). */
int64_t guard_ip_failures(struct db *db, const char *ip, int64_t since);

#endif
