/*
 * Mails about cases to the customer's contact, in the contact's language:
 * a new case, a comment from the provider, a state that asks for the
 * customer (awaiting, resolved). Internal work notes never go out.
 */
#ifndef MADOGUCHI_MAIL_CASE_MAILS_H
#define MADOGUCHI_MAIL_CASE_MAILS_H

#include "mail/account_mails.h"
#include "store/cases.h"

int mail_case_created(struct db *db, const struct app *app, const struct recipient *to,
                      const struct case_row *c);
int mail_case_comment(struct db *db, const struct app *app, const struct recipient *to,
                      const struct case_row *c, const char *author, const char *body);
int mail_case_state(struct db *db, const struct app *app, const struct recipient *to,
                    const struct case_row *c, enum case_state state);

/* A resolved case will close by itself at when (a date and time in the contact's zone). */
int mail_case_closing(struct db *db, const struct app *app, const struct recipient *to,
                      const struct case_row *c, const char *when);
/* After the case closed: how satisfied, with a link for each rating from 5 down to 1. */
int mail_case_rating(struct db *db, const struct app *app, const struct recipient *to,
                     const struct case_row *c, const char *token);

#endif
