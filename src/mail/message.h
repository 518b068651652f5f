/*
 * RFC 5322 messages: the bytes a transport hands to an SMTP server or writes
 * to a file. Every mail is a single text/plain UTF-8 part in base64, so that
 * Japanese text, long lines and lines starting with "." or "From " cross any
 * relay unchanged. Header values come from the database and from users, so
 * everything here refuses CR and LF rather than trusting them.
 */
#ifndef MADOGUCHI_MAIL_MESSAGE_H
#define MADOGUCHI_MAIL_MESSAGE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/i18n.h"

struct app;
struct arena;
struct buf;
struct db;

/* Longest line of a header we write (RFC 5322's SHOULD), CRLF excluded. */
#define MAIL_LINE_MAX 78

/* Everything one message is made of; all strings UTF-8. */
struct mail_msg {
	int64_t id;            /* outbox id, part of the Message-ID */
	int64_t date;          /* Unix time of the Date: header */
	const char *from_name; /* "" for none */
	const char *from_addr;
	const char *to_name; /* "" for none */
	const char *to_addr;
	enum lang lang;
	const char *subject;
	const char *body;     /* lines end in LF or CRLF */
	const char *reply_to; /* a Reply-To address; NULL or "" for none */
};

/*
 * True when addr is usable as an envelope and header address: one "@" with
 * something on both sides, printable ASCII only, none of the characters that
 * would end or split an address in a header or an SMTP command, at most 254
 * bytes. Deliberately minimal: the receiving server has the final word.
 */
bool mail_addr_valid(const char *addr);

/* True when s may be a header value: well-formed UTF-8 without CR or LF. */
bool mail_header_value_ok(const char *s);

/*
 * Splits a sender written "Name <addr>", "\"Name\" <addr>" or "addr" into
 * its name ("" if none) and address, both in the arena. Returns 0, or -1 if
 * s is not one of these forms or the address or name is not acceptable.
 */
int mail_parse_from(const char *s, struct arena *a, const char **name, const char **addr);

/*
 * The sender of outgoing mail, in the form mail_parse_from reads: --mail-from
 * if given, else the setting "mail.from", else "<provider name>
 * <noreply@localhost>". db may be NULL (the setting is then skipped).
 */
const char *mail_from_resolve(const struct app *app, struct db *db, struct arena *a);

/*
 * Appends the complete message (headers, blank line, base64 body; CRLF line
 * ends) to out. Returns 0, or -1 without a usable message if a header value
 * holds CR or LF, is not UTF-8, or an address is not valid.
 */
int mail_message_build(const struct mail_msg *m, struct buf *out);

#endif
