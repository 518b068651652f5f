/* What the contact operations share among themselves (not a channel's API). */
#ifndef MADOGUCHI_ACCOUNTS_CONTACTS_INTERNAL_H
#define MADOGUCHI_ACCOUNTS_CONTACTS_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "accounts/contacts.h"

struct db;

/* Whether the actor is a customer admin, acting for their own company. */
bool contacts_may_manage(const struct dom *d);
/*
 * The actor's permission, then the contact id within the actor's customer
 * and its lock. DOM_OK, DOM_FORBIDDEN, DOM_NOT_FOUND or DOM_ERROR.
 */
int contacts_load(struct dom *d, struct db *db, int64_t id, struct contact *out);
/* The audit event of an operation on the user (in the transaction). 0 or -1. */
int contacts_audit(struct dom *d, struct db *db, const char *event, int64_t target_id,
                   const char *target_login, const char *more);

/* The same, recorded for customer_id (a provider admin acting for a customer). */
int contacts_audit_for(struct dom *d, struct db *db, int64_t customer_id, const char *event,
                       int64_t target_id, const char *target_login, const char *more);

/*
 * The steps of an admin's action on a user's login once the actor's right to
 * that user is checked, the same for a customer's contacts and for staff:
 * each runs its own transaction and writes its audit event. customer_id:
 * the user's customer, 0 for staff. Disabling ends every session and is
 * refused for one's own login (DOM_CONFLICT); enabling also lifts a lockout;
 * removing the app forgets the browsers trusted with it.
 */
int login_disable(struct dom *d, struct db *db, const struct user *u, int64_t customer_id);
int login_enable(struct dom *d, struct db *db, const struct user *u, int64_t customer_id);
int login_remove_app(struct dom *d, struct db *db, const struct user *u, int64_t customer_id);

#endif
