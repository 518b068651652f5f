/*
 * Mails about work requests (作業依頼) to the requester, in the requester's
 * language, queued in the caller's transaction: the request as sent (item,
 * every question and answer, the files), and the provider's decision
 * (accepted with the case it raised, or rejected with the reason).
 */
#ifndef MADOGUCHI_MAIL_REQUEST_MAILS_H
#define MADOGUCHI_MAIL_REQUEST_MAILS_H

#include "mail/account_mails.h"
#include "store/work_requests.h"

/* The request's full content; its files are read from the database. 0 or -1. */
int mail_request_submitted(struct db *db, const struct app *app, const struct recipient *to,
                           const struct work_request *req, const struct work_answer *answers,
                           int n);
int mail_request_accepted(struct db *db, const struct app *app, const struct recipient *to,
                          const struct work_request *req, const char *case_number);
int mail_request_rejected(struct db *db, const struct app *app, const struct recipient *to,
                          const struct work_request *req, const char *reason);

#endif
