/*
 * Work requests (作業依頼, SPEC §5): the catalog of work items per service
 * with their form fields, and the requests customers make from it.
 *
 * Items and fields are never deleted, only retired. An item's stored name
 * has no number: its "N. " prefix is derived from its position within the
 * service (work_item_label), so reordering renumbers and retiring leaves a
 * gap. A request keeps its own copy of the item's numbered name, its cost
 * and every question with its answer, so that editing the catalog never
 * changes what a past request said.
 *
 * Functions a customer's request reaches take the customer id and answer
 * "not found" for another customer's rows; 0 means provider staff.
 */
#ifndef MADOGUCHI_STORE_WORK_REQUESTS_H
#define MADOGUCHI_STORE_WORK_REQUESTS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/cases.h"

struct arena;
struct db;
struct file_ref;

/* The kinds of form field, as stored in work_item_fields.kind. */
enum work_field_kind { WF_TEXT, WF_TEXTAREA, WF_CHOICE, WF_DATE, WF_CHECKBOX, WF__MAX };

/* "text", "textarea", …; and back (-1 when unknown). */
const char *work_field_kind_code(enum work_field_kind k);
int work_field_kind_parse(const char *code);

struct work_item {
	int64_t id, service_id;
	int position, points;
	bool retired;
	const char *name_ja, *name_en, *description_ja, *description_en;
	const char *service_ja, *service_en;
};

/* What the console edits of an item. */
struct work_item_input {
	int64_t service_id;
	const char *name_ja, *name_en, *description_ja, *description_en;
	int points;
};

struct work_field {
	int64_t id, item_id;
	int position;
	enum work_field_kind kind;
	const char *label_ja, *label_en;
	const char *choices_ja, *choices_en; /* one choice per line */
	bool required, retired;
};

struct work_field_input {
	enum work_field_kind kind;
	const char *label_ja, *label_en, *choices_ja, *choices_en;
	bool required;
};

struct work_request {
	int64_t id, customer_id, service_id, item_id, requester_id, case_id, reviewer_id,
	    reviewed_at, created_at;
	int points;
	bool overage;
	const char *number, *state /* "submitted"|"accepted"|"rejected" */, *item_name_ja,
	    *item_name_en, *reason, *case_number /* "" if none */, *customer_number, *customer_name,
	    *requester_name, *requester_email, *requester_lang, *reviewer_name;
};

/* One question of a request with its answer ('1'/'0' for a checkbox). */
struct work_answer {
	const char *kind, *label_ja, *label_en, *value;
};

struct new_work_request {
	int64_t customer_id, service_id, item_id, requester_id;
	const char *item_name_ja, *item_name_en; /* numbered, as the customer saw them */
	int points;
	const struct work_answer *answers;
	int nanswers;
};

/*
 * The choices of a choice field's text (one per line; blank lines and the
 * spaces around each choice dropped), in the arena. Returns their count.
 */
int work_choices(struct arena *a, const char *text, const char ***out);
/* "N. name": the name an item shows under its position. In the arena. */
const char *work_item_label(struct arena *a, int position, const char *name);

/* --- the catalog (console) --- */

/* Every item, retired too, by service and position. Count or -1. */
int work_items_all(struct db *db, struct arena *a, struct work_item **out);
/* One item, retired or not: 1 found, 0 not, -1 error. */
int work_item_get(struct db *db, int64_t id, struct arena *a, struct work_item *out);
/* Appends an item to its service's list; the id, or -1. */
int64_t work_item_create(struct db *db, const struct work_item_input *in);
int work_item_update(struct db *db, int64_t id, const struct work_item_input *in);
/*
 * Swaps the item with its neighbour above (up) or below within its
 * service, in the caller's transaction: 1 moved, 0 already at that end, -1.
 */
int work_item_move(struct db *db, int64_t id, bool up);
int work_item_set_retired(struct db *db, int64_t id, bool retired);

/* The fields of an item in order; retired ones only when asked. Count or -1. */
int work_fields_of(struct db *db, int64_t item_id, bool with_retired, struct arena *a,
                   struct work_field **out);
/* One field of the item: 1 found, 0 not, -1 error. */
int work_field_get(struct db *db, int64_t item_id, int64_t field_id, struct arena *a,
                   struct work_field *out);
int64_t work_field_create(struct db *db, int64_t item_id, const struct work_field_input *in);
int work_field_update(struct db *db, int64_t item_id, int64_t field_id,
                      const struct work_field_input *in);
/* As work_item_move, within the item. */
int work_field_move(struct db *db, int64_t item_id, int64_t field_id, bool up);
int work_field_set_retired(struct db *db, int64_t item_id, int64_t field_id, bool retired);

/* --- the catalog a customer sees --- */

/* The offered items of the customer's contracted services, by service and position. */
int work_catalog(struct db *db, int64_t customer_id, struct arena *a, struct work_item **out);
/* One offered item of a contracted service: 1 found, 0 not (or not for them), -1. */
int work_item_for_customer(struct db *db, int64_t item_id, int64_t customer_id, struct arena *a,
                           struct work_item *out);

/* --- requests --- */

/*
 * Stores a request in 'submitted' with the next number (WR + 7 digits) and
 * its answers, inside the caller's transaction. Returns the id (number
 * written to number_out), or -1.
 */
int64_t work_request_create(struct db *db, const struct new_work_request *nw, char number_out[16]);
/*
 * Records a stored file as an attachment of the request (no case yet). The
 * id; 0 when the customer has no such request; -1 on error.
 */
int64_t work_request_attach(struct db *db, int64_t request_id, int64_t customer_id,
                            const struct file_ref *f, int64_t uploader_id);
/* The customer's requests: count (-1 on error) and one page, newest first. */
int64_t work_requests_count(struct db *db, int64_t customer_id);
int work_requests_page(struct db *db, int64_t customer_id, int64_t limit, int64_t offset,
                       struct arena *a, struct work_request **out);
/* By number; customer_id 0 for staff. 1 found, 0 not, -1 error. */
int work_request_get(struct db *db, const char *number, int64_t customer_id, struct arena *a,
                     struct work_request *out);
/* The questions and answers in the order asked. Count or -1. */
int work_request_answers(struct db *db, int64_t request_id, struct arena *a,
                         struct work_answer **out);
/* The request's files (case_number ""). Count or -1. */
int work_request_attachments(struct db *db, int64_t request_id, struct arena *a,
                             struct attachment_row **out);
/* One file of a request; customer_id 0 for staff. 1, 0 or -1. */
int work_request_attachment_get(struct db *db, const char *number, int64_t attachment_id,
                                int64_t customer_id, struct arena *a, struct attachment_row *out);

#endif
