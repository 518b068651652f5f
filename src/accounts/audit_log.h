/*
 * Who may read which part of the audit trail. Provider admins read all of
 * it; a customer admin reads the events of their own company that concern
 * the company (sign-ins, its users, its cases raised, answered and closed,
 * its work requests and points), never the provider's internal ones (work
 * notes, assignments, catalog and knowledge edits). Everyone else reads
 * nothing here (their own sign-ins are the login history).
 */
#ifndef MADOGUCHI_ACCOUNTS_AUDIT_LOG_H
#define MADOGUCHI_ACCOUNTS_AUDIT_LOG_H

#include <stdint.h>

#include "store/audit_log.h"

struct dom;

struct audit_log_in {
	const char *customer_number; /* provider admins only; NULL or "": every customer */
	const char *actor_login;     /* NULL or "": anyone */
	const char *kind;            /* NULL or "": every kind; "case." a family; or one kind */
	int64_t from, to;            /* [from, to), Unix time */
};

/*
 * The filter the actor may run for in: DOM_OK with *out set; DOM_INVALID
 * with errors on "customer", "actor" or "kind"; DOM_FORBIDDEN.
 */
int audit_log_scope(struct dom *d, const struct audit_log_in *in, struct audit_filter *out);
/* Whether the actor reads the whole trail (and sees the details of events). */
int audit_log_reads_all(const struct dom *d);

#endif
