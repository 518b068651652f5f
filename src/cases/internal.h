/* What the case operations share among themselves (not a channel's API). */
#ifndef MADOGUCHI_CASES_INTERNAL_H
#define MADOGUCHI_CASES_INTERNAL_H

#include <stdbool.h>

#include "cases/cases.h"

struct db;

/* Keeps the files in the store and records them on the case (in the transaction). 0 or -1. */
int cases_attach_files(struct dom *d, struct db *db, const struct case_row *c,
                       const struct case_files *files, bool internal);
/*
 * Mails the case's contact (in the transaction) about a provider comment
 * (comment != NULL) or a state that asks for the customer; nobody when the
 * contact is gone or disabled. 0 or -1.
 */
int cases_notify_contact(struct dom *d, struct db *db, const struct case_row *c,
                         const char *comment, int state_or_minus1);
/*
 * Asks the contact of a case that just closed how satisfied they are (in the
 * closing transaction; cases/rating.h). Once per case; nobody when the
 * contact is gone or disabled. 0 or -1.
 */
int cases_ask_rating(struct dom *d, struct db *db, const struct case_row *c);
/*
 * Queues the webhooks of a change of c other than a comment (in the
 * transaction; webhooks/queue.h); previous_state for case.state_changed,
 * else -1. 0 or -1.
 */
int cases_webhook(struct dom *d, struct db *db, int event, const struct case_row *c,
                  int previous_state);
/* The audit event of an operation on c (in the transaction). 0 or -1. */
int cases_audit(struct dom *d, struct db *db, const char *event, const struct case_row *c,
                const char *detail);

#endif
