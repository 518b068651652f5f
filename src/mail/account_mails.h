/*
 * The mails about a user's own account: sign-in codes, password reset and
 * invitation links, reset confirmations, e-mail address confirmations. Each
 * is written in the recipient's language and queued in the caller's
 * transaction (outbox.h).
 */
#ifndef MADOGUCHI_MAIL_ACCOUNT_MAILS_H
#define MADOGUCHI_MAIL_ACCOUNT_MAILS_H

#include "mail/letter.h"

int mail_sign_in_code(struct db *db, const struct app *app, const struct recipient *to,
                      const char *code);
/* invite: the welcome mail of a new user, leading into the same flow. */
int mail_reset_link(struct db *db, const struct app *app, const struct recipient *to,
                    const char *login, const char *token, int invite);
int mail_reset_done(struct db *db, const struct app *app, const struct recipient *to);
int mail_email_confirm(struct db *db, const struct app *app, const struct recipient *to,
                       const char *token);
int mail_email_changed(struct db *db, const struct app *app, const struct recipient *old_to,
                       const char *new_email);

#endif
