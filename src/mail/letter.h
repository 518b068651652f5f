/*
 * The frame every mail of the portal shares: "Dear <name>," in the
 * recipient's language, the text, the provider's signature and the note that
 * the message was sent automatically. Queued in the caller's transaction
 * (outbox.h), so that a mail goes out exactly when its change is committed.
 */
#ifndef MADOGUCHI_MAIL_LETTER_H
#define MADOGUCHI_MAIL_LETTER_H

#include "core/buf.h"
#include "core/i18n.h"

#include <stdint.h>

struct app;
struct db;

struct recipient {
	const char *name, *email;
	enum lang lang;
	int64_t user_id;      /* 0 when not a user (an address typed in a form) */
	const char *reply_to; /* set by a mail one may answer (case mails); NULL: none */
};

/* Queues the mail; takes (and frees) body. 0 or -1. */
int mail_letter(struct db *db, const struct app *app, const struct recipient *to,
                const char *subject, struct buf *body);

#endif
