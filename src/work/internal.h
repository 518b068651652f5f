/* What the work operations share among themselves (not a channel's API). */
#ifndef MADOGUCHI_WORK_INTERNAL_H
#define MADOGUCHI_WORK_INTERNAL_H

#include <stdint.h>

struct db;
struct dom;

/* The audit event of a work operation (in the transaction). 0 or -1. */
int work_audit(struct dom *d, struct db *db, const char *event, int64_t customer_id,
               const char *detail);
/*
 * Ends an operation's transaction: commits when st is DOM_OK (then wakes
 * the mail sender), else rolls back. Returns st, or DOM_ERROR when the
 * commit fails.
 */
int work_commit(struct db *db, int st);

#endif
