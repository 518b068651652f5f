/*
 * Comments on a case, from either side, with their files. A staff member
 * may write an internal work note instead, which the customer never sees
 * and which mails nobody.
 */
#include "cases/internal.h"
#include "core/text.h"
#include "domain/domain.h"
#include "domain/upload.h"
#include "store/db.h"

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
	bool ok =
	    !has_body || case_add_comment(db, out, d->who.user_id, in->body, in->internal) > 0;
	ok = ok && cases_attach_files(d, db, out, &in->files, in->internal) == 0;
	/* The customer has answered: the case is the provider's again. */
	if (ok && !d->who.staff && out->state == CASE_AWAITING) {
		ok = case_set_state(db, out, CASE_WORKING, d->who.user_id) == 1;
		if (ok)
			out->state = CASE_WORKING;
	}
	if (ok && d->who.staff && !in->internal && has_body)
		ok = cases_notify_contact(d, db, out, in->body, -1) == 0;
	if (ok)
		ok = cases_audit(d, db, in->internal ? "case.note_added" : "case.commented", out,
		                 NULL) == 0;
	return dom_finish(db, (ok) ? DOM_OK : DOM_ERROR);
}
