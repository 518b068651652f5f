/*
 * An inbound message (RFC 5322, MIME) read with GMime into what a reply by
 * e-mail needs: sender, recipients, Message-ID, whether it is an automatic
 * message, the reply's own text (text/plain preferred, else the HTML
 * part's text; quoted history and signature stripped, mail/quote.h) and
 * its attachments, streamed into the file store as incoming files with the
 * portal's limits (files/filestore.h), so that the case operation keeps or
 * drops them like a form's uploads.
 */
#ifndef MADOGUCHI_MAIL_INBOUND_H
#define MADOGUCHI_MAIL_INBOUND_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct incoming_file;

enum inbound_refusal {
	INBOUND_FILES_OK = 0,
	INBOUND_FILE_TOO_LARGE, /* refused_name names it */
	INBOUND_FILES_TOO_MANY,
};

struct inbound_msg {
	const char *message_id;            /* without <>; "" when missing */
	const char *key;                   /* message_id, or "sha256:<hex of the bytes>" */
	const char *from_addr, *from_name; /* from_addr "" when there is no usable From */
	const char *subject;
	const char **rcpts; /* Delivered-To, X-Original-To, To and Cc addresses, in that order */
	int nrcpts;
	/* Why it is an automatic message (Auto-Submitted, Precedence, …); NULL: a person's. */
	const char *auto_reason;
	const char *text; /* the reply's own text, maybe "" */
	struct incoming_file *files;
	int nfiles;
	enum inbound_refusal refused; /* files left out, as a form's upload would */
	const char *refused_name;
};

/* Starts GMime once per process. */
void inbound_init(void);
/*
 * Parses len bytes. Attachments go to the file store of data_dir as sealed,
 * not yet kept files (drop them with inbound_discard when not kept).
 * Returns 0; 1 when the bytes are not a message (no header at all);
 * -1 when the disk refused an attachment.
 */
int inbound_parse(const char *raw, size_t len, const char *data_dir, struct arena *a,
                  struct inbound_msg *m);
/* Throws away the files nobody kept. */
void inbound_discard(struct inbound_msg *m);
/*
 * Whether m is one of our own mails coming back (a loop): sent from
 * our_from or the inbound address, or with a Message-ID of the form our
 * sender writes (mail/message.c) for our_from's domain.
 */
bool inbound_is_ours(const struct inbound_msg *m, const char *our_from, const char *inbound);

#endif
