/*
 * The answer to a reply by e-mail that could not become a comment: one
 * polite note to the sender, in the recipient's language, saying why and
 * where to write instead. Queued in the caller's transaction (outbox.h).
 */
#ifndef MADOGUCHI_MAIL_REPLY_MAILS_H
#define MADOGUCHI_MAIL_REPLY_MAILS_H

#include "mail/letter.h"

/*
 * subject: the refused mail's subject; why: a msgid; number: the case it
 * was meant for, or NULL when none could be told.
 */
int mail_reply_refused(struct db *db, const struct app *app, const struct recipient *to,
                       const char *subject, const char *why, const char *number);

#endif
