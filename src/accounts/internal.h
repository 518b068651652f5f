/* What the accounts operations share among themselves (not a channel's API). */
#ifndef MADOGUCHI_ACCOUNTS_INTERNAL_H
#define MADOGUCHI_ACCOUNTS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

struct db;
struct dom;

/*
 * Records a sign-in or account event with the actor's address and browser,
 * in the caller's transaction when there is one. 0 or -1 (logged).
 */
int account_audit(struct dom *d, struct db *db, const char *event, const char *login,
                  int64_t user_id, int64_t customer_id);
/* Commits, or rolls back; then wakes the mail sender. DOM_OK or DOM_ERROR. */
int account_commit(struct db *db, bool ok);

#endif
