/*
 * What inbound mail needs of the database: the log of every message
 * handled (one row per Message-ID, so a second delivery is recognised), the
 * case a reply token names, the contact a sender address belongs to, and
 * the "via e-mail" mark on the activity a reply wrote.
 */
#ifndef MADOGUCHI_STORE_INBOUND_MAIL_H
#define MADOGUCHI_STORE_INBOUND_MAIL_H

#include <stdint.h>

struct arena;
struct db;

struct inbound_row {
	const char *msg_key; /* Message-ID, or "sha256:<hex>" */
	const char *from_addr, *subject;
	const char *outcome;      /* "accepted", "refused", "ignored" */
	const char *reason;       /* a short code: "closed", "stranger", "auto-reply", … */
	int64_t case_id, user_id; /* 0 when unknown */
};

/*
 * Records a handled message. Returns 1, 0 when a message with the same key
 * was recorded before (a duplicate delivery), or -1.
 */
int inbound_record(struct db *db, const struct inbound_row *r);
/* The number and customer of case id: 1, 0 (no such case) or -1. */
int inbound_case(struct db *db, int64_t case_id, struct arena *a, const char **number,
                 int64_t *customer_id);
/*
 * The enabled contact of the customer (0: of any customer) with that
 * address, letter case ignored: its id, 0, or -1.
 */
int64_t inbound_contact(struct db *db, int64_t customer_id, const char *email);
/* The newest activity id of the case (0 for none), or -1. */
int64_t activity_last_id(struct db *db, int64_t case_id);
/* Marks the case's activity after after_id as having come by via ("mail"). 0 or -1. */
int activity_mark_via(struct db *db, int64_t case_id, int64_t after_id, const char *via);

#endif
