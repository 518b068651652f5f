/* What the accounts operations share among themselves (not a channel's API). */
#ifndef MADOGUCHI_ACCOUNTS_INTERNAL_H
#define MADOGUCHI_ACCOUNTS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

struct db;
struct dom;

/*
 * Records a sign-in or account event done as user_id (a visitor signing
 * in is not yet the actor of d) with d's address and browser, in the
 * caller's transaction when there is one. 0 or -1 (logged).
 */
int account_audit(struct dom *d, struct db *db, const char *event, const char *login,
                  int64_t user_id, int64_t customer_id);

/* Clears the user's authenticator app and forgets their trusted browsers. 0 or -1. */
int account_mfa_clear(struct db *db, int64_t user_id);

#endif
