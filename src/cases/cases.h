/*
 * Cases (ケース), the operations every channel calls: the customer pages,
 * the console, the demo data, and next the JSON API and inbound mail. Each
 * takes the context of who acts (domain/domain.h), checks that the actor
 * may see the case (another customer's case is DOM_NOT_FOUND) and may do
 * this, applies the rules, runs its own transaction, writes the audit event
 * and queues the mails, and only then answers DOM_OK.
 *
 * Field errors name the input fields: "customer", "service", "contact",
 * "category", "subject", "description", "body", "state", "assignee".
 */
#ifndef MADOGUCHI_CASES_CASES_H
#define MADOGUCHI_CASES_CASES_H

#include <stdbool.h>
#include <stdint.h>

#include "cases/rules.h"
#include "store/cases.h"

struct dom;
struct incoming_file;

#define CASE_SUBJECT_MAX     160         /* characters (guide 4.6: 件名) */
#define CASE_DESCRIPTION_MAX (64 * 1024) /* characters */
#define CASE_COMMENT_MAX     (64 * 1024) /* characters */

/* Files that arrived with the input, kept by the operation that records them. */
struct case_files {
	struct incoming_file *v;
	int n;
	int64_t *ids; /* when set (n entries), receives the attachments' ids */
};

/*
 * The case of a number (CS + 7 digits) for the actor: customers only their
 * own customer's. DOM_OK, DOM_NOT_FOUND (also for a malformed number) or
 * DOM_ERROR.
 */
int case_find(struct dom *d, const char *number, struct case_row *out);

struct case_open_in {
	/* Staff: the customer's number. A customer actor opens for its own company. */
	const char *customer_number;
	/* One of the customer's services; 0 from staff: the customer's first one. */
	int64_t service_id;
	/*
	 * Staff: a user of the customer, 0: its first admin. A customer actor is
	 * the contact of its own inquiry.
	 */
	int64_t contact_id;
	const char *category; /* a customer may pick only some (case_categories) */
	const char *subject, *description;
	struct case_files files;
};

/* Opens a case in 新規 with its attachments and mails the contact. */
int case_open(struct dom *d, const struct case_open_in *in, struct case_row *out);

struct case_comment_in {
	const char *number;
	const char *body; /* may be empty when files come */
	bool internal;    /* a staff work note, never shown to the customer */
	struct case_files files;
};

/*
 * Adds a comment and its files (or the files alone: body empty). Files of
 * a refused type (domain/upload.h) are a "files" error. A customer's
 * comment on a case awaiting it returns the case to the provider; a
 * provider's public comment is mailed to the contact. Closed cases take
 * nothing (DOM_CONFLICT).
 */
int case_comment(struct dom *d, const struct case_comment_in *in, struct case_row *out);
/*
 * Whether the case (found for the actor) still takes comments and files:
 * DOM_OK, or DOM_CONFLICT with the message once it is closed. A channel that
 * must read a large input first asks before reading it; case_comment asks
 * again.
 */
int case_check_writable(struct dom *d, const struct case_row *c);

/* What a customer may do to its case (guide 4.8.1). */
enum case_action {
	CASE_ACT_CLOSE, /* ケースをクローズ: from 新規, 対応中 or お客様確認待ち */
	CASE_ACT_ACCEPT, /* ソリューションを承認: resolved → closed */
	CASE_ACT_REJECT, /* ソリューションを却下: resolved → working */
};

/* A customer's action; in another state DOM_CONFLICT with its message. */
int case_act(struct dom *d, const char *number, enum case_action act, struct case_row *out);

struct case_update_in {
	const char *number;
	int state;           /* enum case_state, or -1 to keep it */
	int64_t assignee_id; /* a member of staff, 0 unassigned, -1 to keep it */
};

/*
 * Staff: the state and the assignee, each only when it changes. A state
 * that asks for the customer (awaiting, resolved) is mailed to the contact.
 */
int case_update(struct dom *d, const struct case_update_in *in, struct case_row *out);

#endif
