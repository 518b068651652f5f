/*
 * The audit log as a list: every event of the trail, filtered by customer,
 * actor, kind and time, newest first, a page at a time or streamed for an
 * export. Who may see which events is decided above (accounts/audit_log.h);
 * here a filter is only applied.
 */
#ifndef MADOGUCHI_STORE_AUDIT_LOG_H
#define MADOGUCHI_STORE_AUDIT_LOG_H

#include <stdint.h>

struct arena;
struct db;

#define AUDIT_KINDS_MAX 16

struct audit_filter {
	int64_t customer_id; /* 0: every customer and none */
	int64_t actor_id;    /* 0: anyone */
	/* Kinds kept: exact ("case.created") or a family ending in a dot
	 * ("case."); none: every kind. */
	const char *kinds[AUDIT_KINDS_MAX];
	int nkinds;
	int64_t from, to; /* [from, to), Unix time */
};

struct audit_row {
	int64_t at;
	const char *event, *login, *actor_name;
	const char *customer_number, *customer_name; /* "" for none */
	const char *ip, *detail;
};

int64_t audit_log_count(struct db *db, const struct audit_filter *f);
/* One page; the number of rows, or -1. */
int audit_log_page(struct db *db, const struct audit_filter *f, int64_t limit, int64_t offset,
                   struct arena *a, struct audit_row **out);
/* Every row to fn, one at a time (flat memory). 0, or -1 (error, or fn said -1). */
int audit_log_each(struct db *db, const struct audit_filter *f,
                   int (*fn)(void *ctx, const struct audit_row *row), void *ctx);

#endif
