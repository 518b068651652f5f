/*
 * The mail outbox. A page that sends mail adds it here inside its own
 * transaction, so the mail exists if and only if the change that causes it
 * was committed; the background sender (sender.h) delivers it afterwards and
 * retries until it succeeds. Nothing in the request path talks to a mail
 * server.
 *
 *     db_begin(db);
 *     ... the change ...
 *     if (outbox_add(db, &(struct mail){...}) != 0) -> db_rollback, fail
 *     db_commit(db);
 *     mail_sender_kick();
 */
#ifndef MADOGUCHI_MAIL_OUTBOX_H
#define MADOGUCHI_MAIL_OUTBOX_H

#include <stdint.h>

#include "core/i18n.h"

struct arena;
struct db;

struct mail {
	const char *to_addr;  /* bare address: user@example.com */
	const char *to_name;  /* display name, may be NULL or "" */
	enum lang lang;       /* language of subject and body (Content-Language) */
	const char *subject;  /* one line, UTF-8 */
	const char *body;     /* plain text, UTF-8, lines end in LF */
	const char *reply_to; /* bare address for Reply-To; NULL or "" for none */
};

/* Largest body accepted, in bytes: a notification, never a file. */
#define OUTBOX_BODY_MAX (1024 * 1024)

/*
 * Queues m for delivery. Runs a single INSERT on db and neither begins nor
 * commits: called inside the caller's transaction, the mail is committed or
 * rolled back with the caller's change. Returns 0, or -1 (logged, nothing
 * inserted) if the address is not valid, a header value holds CR or LF, the
 * text is not UTF-8, the body is larger than OUTBOX_BODY_MAX, or on a
 * database error.
 */
int outbox_add(struct db *db, const struct mail *m);

/* The rest serves the sender and tests. Times are Unix seconds. */

/* How long a claim keeps other senders away; longer than any one delivery. */
#define OUTBOX_CLAIM_SECONDS 60
/* Back-off after the first failure, doubling up to the maximum. */
#define OUTBOX_BACKOFF_FIRST 30
#define OUTBOX_BACKOFF_MAX   3600

/* One row of the outbox; strings in the caller's arena. */
struct outbox_item {
	int64_t id, created_at;
	const char *to_addr, *to_name;
	enum lang lang;
	const char *subject, *body;
	int64_t attempts, next_attempt_at;
	int64_t claimed_until, sent_at; /* 0 when NULL */
	const char *last_error;         /* "" when NULL */
	const char *reply_to;           /* "" for none */
};

/*
 * Ids of up to max unsent mails due at now and not claimed, oldest due first,
 * into ids. Returns how many, or -1. A listed mail still has to be claimed:
 * another sender may take it first.
 */
int outbox_due(struct db *db, int64_t now, int64_t *ids, int max);

/*
 * Claims mail id until now + OUTBOX_CLAIM_SECONDS, if it is unsent, due and
 * not claimed by anyone (a single conditional UPDATE, so of several senders
 * sharing the database exactly one wins). Returns 1 when claimed, 0 when
 * another sender has it or it is not due or already sent, -1 on error.
 */
int outbox_claim(struct db *db, int64_t id, int64_t now);

/* Reads mail id. Returns 0, or -1 if it does not exist or on error. */
int outbox_get(struct db *db, int64_t id, struct arena *a, struct outbox_item *it);

/* Records the delivery of a claimed mail and releases the claim. 0 or -1. */
int outbox_mark_sent(struct db *db, int64_t id, int64_t now);

/*
 * Records a failed attempt of a claimed mail that had attempts attempts
 * before this one: stores error, schedules the next attempt at now +
 * outbox_backoff(attempts + 1) and releases the claim. 0 or -1.
 */
int outbox_mark_failed(struct db *db, int64_t id, int64_t attempts, const char *error, int64_t now);

/*
 * Seconds to wait after the n-th consecutive failure (n >= 1): 30, 60, 120,
 * ... up to OUTBOX_BACKOFF_MAX, then that forever. Mail is never given up.
 */
int64_t outbox_backoff(int64_t n);

/* Number of unsent mails, or -1. */
int64_t outbox_pending(struct db *db);

#endif
