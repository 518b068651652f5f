/*
 * Work requests (作業依頼, SPEC §5), the operations every channel calls: the
 * customer pages, the console, the demo data, and next the JSON API. Each
 * takes the context of who acts (domain/domain.h): a customer orders from
 * the catalog of its own contracted services and sees only its own
 * requests (another customer's is DOM_NOT_FOUND); provider staff decide.
 * Each checks the rules, runs its own transaction, writes the audit event
 * and queues the mails before it answers DOM_OK.
 *
 * Points are not taken when a request is sent: its cost is charged to the
 * period covering the day it is accepted (points/points.h). A request that
 * would take the balance below zero, or that finds no period, is accepted
 * only when the reviewer confirms an overage, which raises a ご利用クレジット数
 * 超過 case as well.
 */
#ifndef MADOGUCHI_WORK_WORK_H
#define MADOGUCHI_WORK_WORK_H

#include <stdbool.h>
#include <stdint.h>

#include "store/work_requests.h"

struct dom;
struct incoming_file;

#define WORK_TEXT_MAX   200  /* characters of a one-line answer */
#define WORK_AREA_MAX   8000 /* characters of a several-line answer */
#define WORK_REASON_MAX 2000 /* characters of a rejection's reason */

/* Files that arrived with the input, kept by the operation that records them. */
struct work_files {
	struct incoming_file *v;
	int n;
};

/*
 * An offered item the customer actor may order, with its current fields
 * (f in d->a). DOM_OK, DOM_NOT_FOUND (retired, another service, staff) or
 * DOM_ERROR.
 */
int work_item_offered(struct dom *d, int64_t item_id, struct work_item *it, struct work_field **f,
                      int *nf);

/* The name under which an answer to field f travels: "f<id>" (in d->a). */
const char *work_answer_name(struct dom *d, const struct work_field *f);

/* One answer as typed: text, a date, "1" for a ticked box, a choice's number from 1. */
struct work_value {
	int64_t field_id;
	const char *value; /* NULL or "": not answered */
};

struct work_submit_in {
	int64_t item_id;
	const struct work_value *values; /* answers not given count as empty */
	int nvalues;
	struct work_files files;
};

/*
 * A customer orders the item: every answer is checked against its field
 * (errors under work_answer_name), then the request is stored in 受付中
 * with a copy of the item's name, cost and questions, its files kept, the
 * requester mailed its content. out: the stored request.
 */
int work_request_submit(struct dom *d, const struct work_submit_in *in, struct work_request *out);

/* A request by number (WR + 7 digits) as the actor may see it: DOM_OK, DOM_NOT_FOUND, DOM_ERROR. */
int work_request_find(struct dom *d, const char *number, struct work_request *out);

struct work_accept_in {
	const char *number;
	bool overage; /* the reviewer confirms accepting beyond the balance */
};

/*
 * Staff accept a request still in 受付中: a 作業依頼 case is raised with the
 * answers as its description and the request's files, the points are
 * charged, the requester is mailed. DOM_CONFLICT when it was decided
 * meanwhile; DOM_INVALID (field "overage") when it exceeds the balance and
 * the overage is not confirmed. out: the request as it was before.
 */
int work_request_accept(struct dom *d, const struct work_accept_in *in, struct work_request *out);

/*
 * Staff reject a request still in 受付中 with a reason (field "reason") the
 * requester is mailed. DOM_CONFLICT when it was decided meanwhile.
 */
int work_request_reject(struct dom *d, const char *number, const char *reason,
                        struct work_request *out);

#endif
