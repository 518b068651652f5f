/*
 * The audit trail: who did what, when, from where. Sign-in events are the
 * first; every later write joins it. Events are written in the transaction of
 * the change they describe whenever there is one.
 */
#ifndef MADOGUCHI_STORE_AUDIT_H
#define MADOGUCHI_STORE_AUDIT_H

#include <stdint.h>

struct arena;
struct db;

struct audit_event {
	const char *event;   /* "login.success", "login.failure", "logout", ... */
	int64_t actor_id;    /* 0: unknown */
	int64_t customer_id; /* 0: none (staff, or unknown user ID) */
	const char *login;   /* user ID as typed or known */
	const char *ip;
	const char *user_agent;
	const char *detail;
};

int audit_add(struct db *db, const struct audit_event *ev);

/* A line of the login history. */
struct history_row {
	int64_t at;
	const char *event, *login, *name, *ip, *user_agent;
};

/*
 * The sign-in and account events of one customer in [from, to), newest
 * first; only those of user_id when it is not 0. Count, and one page.
 */
int64_t audit_history_count(struct db *db, int64_t customer_id, int64_t user_id, int64_t from,
                            int64_t to);
int audit_history_page(struct db *db, int64_t customer_id, int64_t user_id, int64_t from,
                       int64_t to, int64_t limit, int64_t offset, struct arena *a,
                       struct history_row **out);
/*
 * Streams the same rows to fn, page by page, so that an export of any size
 * runs in constant memory. Returns 0, or -1 (on error or when fn returns -1).
 */
int audit_history_each(struct db *db, int64_t customer_id, int64_t user_id, int64_t from,
                       int64_t to, int (*fn)(void *ctx, const struct history_row *row), void *ctx);

#endif
