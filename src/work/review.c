/*
 * The provider's decision on a work request. Accepting is one transaction:
 * the request must still be 'submitted' (read again under the write lock),
 * a 作業依頼 case is raised (subject = the item's name, the answers as its
 * description, the files handed over), the points are charged to the
 * period covering today, and the requester is mailed. Because the balance
 * is read inside the write transaction, reviewers working at once are
 * serialized and each sees the figure the other left.
 *
 * The cases are raised with the cases store (case_create) as the console
 * did before the cases operations existed.
 */
#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/text.h"
#include "domain/domain.h"
#include "mail/case_mails.h"
#include "mail/request_mails.h"
#include "points/points.h"
#include "store/cases.h"
#include "store/db.h"
#include "store/work_review.h"
#include "webhooks/queue.h"
#include "work/work.h"

#include <string.h>

static struct recipient
requester_of(const struct work_request *w)
{
	struct recipient to = {.name = w->requester_name, .email = w->requester_email};
	if (lang_parse(w->requester_lang, &to.lang) != 0)
		to.lang = LANG_JA;
	return to;
}

/* The raised case's description, in the requester's language: the answers as given. */
static const char *
case_description(struct dom *d, struct db *db, const struct work_request *w, enum lang lang)
{
	struct work_answer *ans;
	int n = work_request_answers(db, w->id, d->a, &ans);
	if (n < 0)
		return NULL;
	struct buf b = {0};
	buf_printf(&b, i18n_tr(lang, "Work request %s (%d points)"), w->number, w->points);
	buf_puts(&b, "\n");
	for (int i = 0; i < n; i++) {
		const char *label =
		    lang == LANG_EN && *ans[i].label_en ? ans[i].label_en : ans[i].label_ja;
		const char *v = ans[i].value;
		if (strcmp(ans[i].kind, "checkbox") == 0)
			v = strcmp(v, "1") == 0 ? i18n_tr(lang, "Yes") : i18n_tr(lang, "No");
		buf_printf(&b, "\n%s:\n%s\n", label, *v ? v : "—");
	}
	const char *s = arena_strdup(d->a, b.p ? b.p : "");
	buf_free(&b);
	return s;
}

static int
raise_case(struct dom *d, struct db *db, const struct work_request *w, const char *category,
           const char *subject, const char *description, struct case_row *out)
{
	struct new_case nc = {.customer_id = w->customer_id,
	                      .service_id = w->service_id,
	                      .contact_id = w->requester_id,
	                      .author_id = d->who.user_id,
	                      .category = category,
	                      .subject = subject,
	                      .description = description};
	char num[16];
	if (case_create(db, &nc, num) <= 0 || case_get(db, num, 0, d->a, out) != 1)
		return -1;
	struct webhook_change ch = {
	    .event = WEBHOOK_CASE_CREATED, .number = out->number, .previous_state = -1};
	return webhooks_queue(d, db, &ch);
}

static int
raise_overage_case(struct dom *d, struct db *db, const struct work_request *w,
                   const struct points_balance *bal, enum lang lang, struct case_row *out)
{
	struct buf b = {0};
	if (bal->has_period)
		buf_printf(
		    &b,
		    i18n_tr(lang, "Work request %s needs %d points; %lld of the %lld points "
		                  "of the period %s – %s remained. Remaining after it: %lld."),
		    w->number, w->points, (long long)(bal->period.points - bal->period.consumed),
		    (long long)bal->period.points, bal->period.start_date, bal->period.end_date,
		    (long long)bal->after);
	else
		buf_printf(&b,
		           i18n_tr(lang, "Work request %s needs %d points; no point period covers "
		                         "its acceptance date."),
		           w->number, w->points);
	const char *subject = arena_printf(d->a, i18n_tr(lang, "Credit overage: %s"), w->number);
	const char *desc = arena_strdup(d->a, b.p ? b.p : "");
	buf_free(&b);
	return raise_case(d, db, w, "overage", subject, desc, out);
}

static int
changed(struct dom *d)
{
	return dom_fail(d, DOM_CONFLICT,
	                N_("This request was decided meanwhile; here is its current state."));
}

/* Everything of an acceptance, inside the transaction. */
static int
accept_in_tx(struct dom *d, struct db *db, const struct work_request *w, bool overage_ok)
{
	struct points_balance bal;
	if (points_balance_of(d, db, w->customer_id, w->points, &bal) != 0)
		return DOM_ERROR;
	if (bal.over && !overage_ok)
		return dom_invalid(d, "overage",
		                   N_("Confirm that this request is accepted as an overage."));
	struct recipient to = requester_of(w);
	const char *subject =
	    to.lang == LANG_EN && *w->item_name_en ? w->item_name_en : w->item_name_ja;
	const char *desc = case_description(d, db, w, to.lang);
	struct case_row c;
	if (!desc || raise_case(d, db, w, "work", subject, desc, &c) != 0 ||
	    review_carry_files(db, w->id, w->customer_id, c.id, d->who.user_id) != 0 ||
	    points_charge(d, db, &bal, w->customer_id, w->points, w->id, c.id) != 0)
		return DOM_ERROR;
	struct review_decision rd = {.request_id = w->id,
	                             .reviewer_id = d->who.user_id,
	                             .case_id = c.id,
	                             .state = "accepted",
	                             .overage = bal.over};
	int decided = review_decide(db, &rd);
	if (decided <= 0)
		return decided == 0 ? changed(d) : DOM_ERROR;
	if (bal.over) {
		struct case_row oc;
		if (raise_overage_case(d, db, w, &bal, to.lang, &oc) != 0 ||
		    mail_case_created(db, d->app, &to, &oc) != 0)
			return DOM_ERROR;
	}
	if (dom_audit(d, db, bal.over ? "work_request.accept_overage" : "work_request.accept",
	              w->customer_id, w->number) != 0 ||
	    mail_request_accepted(db, d->app, &to, w, c.number) != 0)
		return DOM_ERROR;
	return DOM_OK;
}

int
work_request_accept(struct dom *d, const struct work_accept_in *in, struct work_request *out)
{
	int st = work_request_find(d, in->number, out);
	if (st != DOM_OK)
		return st;
	if (!d->who.staff)
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return DOM_ERROR;
	/* Read again under the write lock: another reviewer may have decided. */
	st = work_request_find(d, in->number, out);
	if (st == DOM_OK)
		st = strcmp(out->state, "submitted") != 0 ? changed(d)
		                                          : accept_in_tx(d, db, out, in->overage);
	return dom_finish(db, st);
}

int
work_request_reject(struct dom *d, const char *number, const char *reason, struct work_request *out)
{
	int st = work_request_find(d, number, out);
	if (st != DOM_OK)
		return st;
	if (!d->who.staff)
		return DOM_FORBIDDEN;
	if (strcmp(out->state, "submitted") != 0)
		return changed(d);
	if (text_blank(reason))
		return dom_invalid(d, "reason",
		                   N_("Tell the customer why the request is rejected."));
	if (text_chars(reason) > WORK_REASON_MAX)
		return dom_invalid(d, "reason",
		                   N_("The reason is too long (2000 characters at most)."));
	if (d->nerrors) /* the channel refused the reason (control characters) */
		return DOM_INVALID;
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return DOM_ERROR;
	struct review_decision rd = {.request_id = out->id,
	                             .reviewer_id = d->who.user_id,
	                             .state = "rejected",
	                             .reason = reason};
	struct recipient to = requester_of(out);
	int decided = review_decide(db, &rd);
	if (decided < 0)
		st = DOM_ERROR;
	else if (decided == 0)
		st = changed(d);
	else if (dom_audit(d, db, "work_request.reject", out->customer_id, out->number) != 0 ||
	         mail_request_rejected(db, d->app, &to, out, reason) != 0)
		st = DOM_ERROR;
	return dom_finish(db, st);
}
