/*
 * Comments on a case, from either side, with their files. A staff member
 * may write an internal work note instead, which the customer never sees
 * and which mails nobody.
 */
#include "cases/internal.h"
#include "cases/service_levels.h"
#include "core/clock.h"
#include "core/text.h"
#include "domain/domain.h"
#include "domain/upload.h"
#include "store/db.h"
#include "webhooks/queue.h"

/*
 * comment.created for a comment with text (files alone: case.updated), and
 * case.state_changed when the customer's answer moved the case.
 */
static int
queue_webhooks(struct dom *d, struct db *db, const struct case_comment_in *in,
               const struct case_row *c, int64_t comment_id, enum case_state from)
{
	struct webhook_change ch = {.event = WEBHOOK_COMMENT_CREATED,
	                            .number = c->number,
	                            .previous_state = -1,
	                            .comment_id = comment_id,
	                            .body = in->body,
	                            .internal = in->internal};
	if (!comment_id)
		ch.event = WEBHOOK_CASE_UPDATED;
	if (webhooks_queue(d, db, &ch) != 0)
		return -1;
	return c->state == from ? 0
	                        : cases_webhook(d, db, WEBHOOK_CASE_STATE_CHANGED, c, (int)from);
}

int
case_check_writable(struct dom *d, const struct case_row *c)
{
	if (c->state == CASE_CLOSED)
		return dom_fail(d, DOM_CONFLICT, N_("This case is closed and cannot be changed."));
	return DOM_OK;
}

int
case_comment(struct dom *d, const struct case_comment_in *in, struct case_row *out)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (in->internal && !d->who.staff)
		return DOM_FORBIDDEN;
	int st = case_find(d, in->number, out);
	if (st != DOM_OK)
		return st;
	if ((st = case_check_writable(d, out)) != DOM_OK)
		return st;
	upload_files_check(d, "files", in->files.v, in->files.n);
	if (d->nerrors) /* the channel refused part of the input (files over the limit) */
		return DOM_INVALID;
	bool has_body = !text_blank(in->body);
	if (!has_body && in->files.n == 0)
		return dom_invalid(d, "body", N_("Write a comment or attach a file."));
	if (has_body && text_chars(in->body) > CASE_COMMENT_MAX)
		return dom_invalid(d, "body", N_("The comment is too long."));
	if (db_begin(db) != 0)
		return DOM_ERROR;
	enum case_state from = out->state;
	int64_t comment_id =
	    has_body ? case_add_comment(db, out, d->who.user_id, in->body, in->internal) : 0;
	bool ok = comment_id >= 0 && cases_attach_files(d, db, out, &in->files, in->internal) == 0;
	/* The customer has answered: the case is the provider's again. */
	if (ok && !d->who.staff && out->state == CASE_AWAITING) {
		ok = case_set_state(db, out, CASE_WORKING, sla_state_pauses(CASE_WORKING),
		                    d->who.user_id) == 1;
		if (ok)
			out->state = CASE_WORKING;
	}
	if (ok && d->who.staff && !in->internal && has_body)
		ok = cases_notify_contact(d, db, out, in->body, -1) == 0;
	/* What staff write to the customer is an answer: the first one stops that clock. */
	if (ok && d->who.staff && !in->internal && !out->first_response_at) {
		ok = case_mark_responded(db, out->id, clock_now()) == 0;
		out->first_response_at = clock_now();
	}
	if (ok)
		ok = cases_audit(d, db, in->internal ? "case.note_added" : "case.commented", out,
		                 NULL) == 0;
	if (ok)
		ok = queue_webhooks(d, db, in, out, comment_id, from) == 0;
	return dom_finish(db, (ok) ? DOM_OK : DOM_ERROR);
}
