/*
 * The review of work requests by provider staff: the queue, the request
 * with the customer's point balance, and the two decisions. What a
 * decision does (the case, the points, the mails, the overage rule) is the
 * work operations' (work/work.h); these pages show and translate.
 */
#include "app.h"
#include "core/arena.h"
#include "http/request.h"
#include "views/case_labels.h"
#include "agent/console.h"
#include "views/work_request_file.h"
#include "views/work_request_view.h"
#include "points/points.h"
#include "store/db.h"
#include "store/work_requests.h"
#include "store/work_review.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"
#include "work/work.h"

#include <string.h>

#define QUEUE_PER_PAGE 20

static const char *const queue_states[] = {"submitted", "accepted", "rejected"};

/* Staff wait on submitted requests; decided ones read as the customer sees them. */
static const char *
state_label(struct req *r, const char *state)
{
	if (strcmp(state, "submitted") == 0)
		return T(r, "Awaiting review");
	return work_request_state_label(r, state);
}

static const char *
item_name(struct req *r, const char *ja, const char *en)
{
	return r->lang == LANG_EN && *en ? en : ja;
}

/* --- the queue --- */

static void
queue_tabs(struct req *r, const char *current)
{
	struct buf *b = &r->out;
	html_lit(b, "<nav class=\"quick-filters\"");
	html_attr(b, "aria-label", T(r, "Requests by state"));
	html_lit(b, "><ul>");
	for (size_t i = 0; i < sizeof(queue_states) / sizeof(queue_states[0]); i++) {
		int64_t n = review_queue_count(db_thread(), queue_states[i]);
		html_lit(b, "<li><a class=\"chip\"");
		html_attr(b, "href",
		          arena_printf(r->a, "/console/requests?state=%s", queue_states[i]));
		if (strcmp(current, queue_states[i]) == 0)
			html_lit(b, " aria-current=\"page\"");
		html_lit(b, ">");
		html_textf(b, "%s (%lld)", state_label(r, queue_states[i]),
		           (long long)(n < 0 ? 0 : n));
		html_lit(b, "</a></li>");
	}
	html_lit(b, "</ul></nav>");
}

/* Whether the request alone would take its customer's current balance below zero. */
static bool
exceeds_balance(struct dom *d, const struct review_row *v)
{
	struct points_balance bal;
	return points_balance_of(d, db_thread(), v->customer_id, v->points, &bal) == 0 && bal.over;
}

static void
queue_row(struct req *r, struct dom *d, const struct review_row *v, bool decided)
{
	struct buf *b = &r->out;
	html_lit(b, "<tr><td><a");
	html_attr(b, "href", arena_printf(r->a, "/console/requests/%s", v->number));
	html_lit(b, ">");
	html_text(b, v->number);
	html_lit(b, "</a></td><td>");
	html_text(b, case_time(r, v->created_at));
	html_lit(b, "</td><td>");
	html_textf(b, "%s %s", v->customer_number, v->customer_name);
	html_lit(b, "</td><td>");
	html_text(b, item_name(r, v->item_name_ja, v->item_name_en));
	html_lit(b, "</td><td class=\"num\">");
	html_int(b, v->points);
	if (!decided && exceeds_balance(d, v)) {
		html_lit(b, " <span class=\"badge badge-warn\">");
		html_text(b, T(r, "Exceeds the balance"));
		html_lit(b, "</span>");
	}
	html_lit(b, "</td><td>");
	html_text(b, v->requester);
	html_lit(b, "</td>");
	if (decided) {
		html_lit(b, "<td>");
		if (*v->case_number) {
			html_lit(b, "<a");
			html_attr(b, "href",
			          arena_printf(r->a, "/console/cases/%s", v->case_number));
			html_lit(b, ">");
			html_text(b, v->case_number);
			html_lit(b, "</a>");
		}
		if (v->overage) {
			html_lit(b, " <span class=\"badge\">");
			html_text(b, T(r, "Overage"));
			html_lit(b, "</span>");
		}
		html_lit(b, "</td>");
	}
	html_lit(b, "</tr>");
}

/* The queue's tab; any other value shows the requests awaiting a decision. */
static const char *const state_choices[] = {"submitted", "accepted", "rejected", NULL};
static const struct field_decl state_decl[] = {
    {.name = "state", .kind = FIELD_CHOICE, .choices = state_choices},
};

/* GET /console/requests[?state=…&page=N] */
int
page_console_requests(struct req *r)
{
	struct field_value sv;
	fields_read(r, FROM_QUERY, state_decl, 1, NULL, &sv);
	const char *state = state_choices[sv.choice < 0 ? 0 : sv.choice];
	int64_t page = listing_page(r);
	struct db *db = db_thread();
	int64_t total = review_queue_count(db, state);
	struct review_row *rows;
	int n = total < 0 ? -1
	                  : review_queue_page(db, state, QUEUE_PER_PAGE,
	                                      (page - 1) * QUEUE_PER_PAGE, r->a, &rows);
	if (n < 0)
		return 500;
	bool decided = strcmp(state, "submitted") != 0;
	struct page p = {.title = T(r, "Work request review"), .menu = "console-requests"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, NULL, NULL);
	queue_tabs(r, state);
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "There are no requests in this state."));
		html_lit(b, "</p>");
	} else {
		html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
		html_attr(b, "aria-label", p.title);
		html_lit(b, "><table class=\"table\"><thead><tr>");
		listing_th(r, N_("Request number"));
		listing_th(r, N_("Received at"));
		listing_th(r, N_("Customer"));
		listing_th(r, N_("Work item"));
		listing_th(r, N_("Points"));
		listing_th(r, N_("Requested by"));
		if (decided)
			listing_th(r, N_("Case"));
		html_lit(b, "</tr></thead><tbody>");
		struct dom d;
		web_dom(r, &d);
		for (int i = 0; i < n; i++)
			queue_row(r, &d, &rows[i], decided);
		html_lit(b, "</tbody></table></div>");
		listing_pager(r, arena_printf(r->a, "/console/requests?state=%s&", state), page,
		              QUEUE_PER_PAGE, total);
	}
	layout_end(r);
	return 200;
}

/* --- the balance a decision meets --- */

static void
balance_panel(struct req *r, const struct work_request *w, const struct points_balance *bal)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\" aria-labelledby=\"balance-title\"><h2 "
	            "id=\"balance-title\">");
	html_text(b, T(r, "Points of the customer"));
	html_lit(b, "</h2>");
	if (bal->has_period) {
		const struct point_period *p = &bal->period;
		html_lit(b, "<dl class=\"kv\"><dt>");
		html_text(b, T(r, "Period"));
		html_lit(b, "</dt><dd>");
		html_textf(b, "%s – %s", p->start_date, p->end_date);
		html_lit(b, "</dd><dt>");
		html_text(b, T(r, "Contracted work request points"));
		html_lit(b, "</dt><dd>");
		html_int(b, p->points);
		html_lit(b, "</dd><dt>");
		html_text(b, T(r, "Consumed"));
		html_lit(b, "</dt><dd>");
		html_int(b, p->consumed);
		html_lit(b, "</dd><dt>");
		html_text(b, T(r, "Remaining"));
		html_lit(b, "</dt><dd>");
		html_int(b, p->points - p->consumed);
		html_lit(b, "</dd>");
		if (strcmp(w->state, "submitted") == 0) {
			html_lit(b, "<dt>");
			html_text(b, T(r, "Remaining after this request"));
			html_lit(b, "</dt><dd>");
			html_int(b, bal->after);
			html_lit(b, "</dd>");
		}
		html_lit(b, "</dl>");
	}
	if (strcmp(w->state, "submitted") == 0 && bal->over)
		form_alert(r, ALERT_ERROR,
		           bal->has_period
		               ? T(r, "This request exceeds the customer's remaining points.")
		               : T(r, "No point period of this customer covers today."),
		           false);
	else if (!bal->has_period)
		html_textf(b, "%s", T(r, "No point period of this customer covers today."));
	html_lit(b, "</section>");
}

/* --- the request page --- */

static const char *
answer_value(struct req *r, const struct work_answer *a)
{
	if (strcmp(a->kind, "checkbox") == 0)
		return strcmp(a->value, "1") == 0 ? T(r, "Yes") : T(r, "No");
	return *a->value ? a->value : "—";
}

static void
request_details(struct req *r, const struct work_request *w)
{
	struct buf *b = &r->out;
	html_lit(b, "<dl class=\"kv card\">");
	listing_kv(r, T(r, "Request number"), w->number);
	listing_kv(r, T(r, "State"), state_label(r, w->state));
	listing_kv(r, T(r, "Customer"),
	           arena_printf(r->a, "%s %s", w->customer_number, w->customer_name));
	listing_kv(r, T(r, "Requested by"),
	           arena_printf(r->a, "%s <%s>", w->requester_name, w->requester_email));
	listing_kv(r, T(r, "Received at"), case_time(r, w->created_at));
	listing_kv(r, T(r, "Work item"), item_name(r, w->item_name_ja, w->item_name_en));
	html_lit(b, "<dt>");
	html_text(b, T(r, "Points"));
	html_lit(b, "</dt><dd");
	html_attr(b, "data-points", arena_printf(r->a, "%d", w->points));
	html_lit(b, ">");
	html_int(b, w->points);
	html_lit(b, "</dd>");
	if (strcmp(w->state, "submitted") != 0) {
		listing_kv(r, T(r, "Reviewed by"), w->reviewer_name);
		listing_kv(r, T(r, "Reviewed at"), case_time(r, w->reviewed_at));
	}
	if (*w->case_number) {
		html_lit(b, "<dt>");
		html_text(b, T(r, "Case"));
		html_lit(b, "</dt><dd><a");
		html_attr(b, "href", arena_printf(r->a, "/console/cases/%s", w->case_number));
		html_lit(b, ">");
		html_text(b, w->case_number);
		html_lit(b, "</a>");
		if (w->overage) {
			html_lit(b, " <span class=\"badge\">");
			html_text(b, T(r, "Overage"));
			html_lit(b, "</span>");
		}
		html_lit(b, "</dd>");
	}
	if (*w->reason)
		listing_kv(r, T(r, "Reason for rejection"), w->reason);
	html_lit(b, "</dl>");
}

static int
request_answers(struct req *r, const struct work_request *w)
{
	struct work_answer *ans;
	struct attachment_row *files;
	int na = work_request_answers(db_thread(), w->id, r->a, &ans);
	int nf = work_request_attachments(db_thread(), w->id, r->a, &files);
	if (na < 0 || nf < 0)
		return -1;
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, T(r, "Request details"));
	html_lit(b, "</h2><dl class=\"kv\">");
	for (int i = 0; i < na; i++)
		listing_kv(
		    r, r->lang == LANG_EN && *ans[i].label_en ? ans[i].label_en : ans[i].label_ja,
		    answer_value(r, &ans[i]));
	html_lit(b, "</dl>");
	if (nf > 0) {
		html_lit(b, "<h3>");
		html_text(b, T(r, "Attachments"));
		html_lit(b, "</h3><ul class=\"attachments\">");
		for (int i = 0; i < nf; i++) {
			html_lit(b, "<li><a");
			html_attr(b, "href",
			          arena_printf(r->a, "/console/requests/%s/files/%lld", w->number,
			                       (long long)files[i].id));
			html_lit(b, ">");
			html_file_name(b, files[i].filename);
			html_lit(b, "</a></li>");
		}
		html_lit(b, "</ul>");
	}
	html_lit(b, "</section>");
	return 0;
}

static void
decision_forms(struct req *r, const struct work_request *w, const struct points_balance *bal,
               const struct dom *err, const char *reason)
{
	struct buf *b = &r->out;
	const char *base = arena_printf(r->a, "/console/requests/%s", w->number);
	html_lit(b, "<div class=\"review-actions\"><form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "%s/accept", base));
	html_lit(b, "><h2>");
	html_text(b, T(r, "Accept"));
	html_lit(b, "</h2><p>");
	html_text(b, T(r, "A work request case is raised for the customer and the points are "
	                  "consumed."));
	html_lit(b, "</p>");
	form_csrf(r);
	if (bal->over) {
		html_lit(b, "<div class=\"field field-check\"><input type=\"checkbox\" value=\"1\" "
		            "id=\"overage\" name=\"overage\"");
		const char *e_overage = err ? web_error(r, err, "overage") : NULL;
		if (e_overage)
			html_lit(b, " aria-invalid=\"true\" aria-describedby=\"overage-error\"");
		html_lit(b, "><label for=\"overage\">");
		html_text(b, T(r, "Accept as an overage and raise a credit overage case"));
		html_lit(b, "</label>");
		form_error(r, "overage-error", e_overage);
		html_lit(b, "</div>");
	}
	form_submit(r, T(r, "Accept"));
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "%s/reject", base));
	html_lit(b, "><h2>");
	html_text(b, T(r, "Reject"));
	html_lit(b, "</h2>");
	form_csrf(r);
	form_field(r, &(struct field){.name = "reason",
	                              .label = T(r, "Reason for rejection"),
	                              .type = "textarea",
	                              .value = reason,
	                              .error = err ? web_error(r, err, "reason") : NULL,
	                              .hint = T(r, "The customer reads it in the mail."),
	                              .maxlength = WORK_REASON_MAX,
	                              .required = true});
	html_lit(b, "<div class=\"actions\"><button class=\"btn\" type=\"submit\">");
	html_text(b, T(r, "Reject"));
	html_lit(b, "</button></div></form></div>");
}

/* The request page; err: the refused decision's context (its field errors), or NULL; reason: the
 * reason sent with it. */
static int
request_render(struct req *r, const struct work_request *w, int status, const char *alert,
               const struct dom *err, const char *reason)
{
	struct dom d;
	web_dom(r, &d);
	struct points_balance bal;
	if (points_balance_of(&d, db_thread(), w->customer_id, w->points, &bal) != 0)
		return 500;
	struct page p = {.title = arena_printf(r->a, "%s %s", T(r, "Work request"), w->number),
	                 .menu = "console-requests"};
	layout_begin(r, &p);
	layout_heading(r, p.title, "/console/requests", T(r, "Work request review"));
	if (alert)
		form_alert(r, status >= 400 ? ALERT_ERROR : ALERT_SUCCESS, alert, status < 400);
	request_details(r, w);
	if (request_answers(r, w) != 0)
		return 500;
	balance_panel(r, w, &bal);
	if (strcmp(w->state, "submitted") == 0)
		decision_forms(r, w, &bal, err, reason);
	layout_end(r);
	return status;
}

static int
load(struct req *r, struct work_request *w)
{
	struct dom d;
	web_dom(r, &d);
	return work_request_find(&d, r->pp[0], w);
}

/* The notice after a decision (?done=accepted). */
static const char *const done_choices[] = {"accepted", "rejected", NULL};
static const struct field_decl done_decl[] = {
    {.name = "done", .kind = FIELD_CHOICE, .choices = done_choices},
};

/* GET /console/requests/:number */
int
page_console_request(struct req *r)
{
	struct work_request w;
	int st = load(r, &w);
	if (st != DOM_OK)
		return web_status(st);
	struct field_value done;
	fields_read(r, FROM_QUERY, done_decl, 1, NULL, &done);
	const char *msg = NULL;
	if (done.choice == 0)
		msg = T(r, "The request was accepted and its case raised.");
	else if (done.choice == 1)
		msg = T(r, "The request was rejected; the customer is told by mail.");
	return request_render(r, &w, 200, msg, NULL, NULL);
}

/* --- the decisions --- */

static int
changed_meanwhile(struct req *r, const struct dom *d)
{
	struct work_request w;
	int st = load(r, &w);
	if (st != DOM_OK)
		return web_status(st);
	return request_render(r, &w, 409, T(r, d->message), NULL, NULL);
}

/* The answer to a refused decision: the page with the fields marked, or the current state. */
static int
refused(struct req *r, const struct dom *d, int st, const struct work_request *w,
        const char *reason)
{
	if (st == DOM_CONFLICT)
		return changed_meanwhile(r, d);
	if (st == DOM_INVALID)
		return request_render(r, w, 422, T(r, "Please correct the fields marked below."), d,
		                      reason);
	return web_status(st);
}

/* The decisions' fields: the overage confirmation (1: accept beyond the balance), the reason. */
static const char *const overage_choices[] = {"1", NULL};
static const struct field_decl accept_decl[] = {
    {.name = "overage", .kind = FIELD_CHOICE, .choices = overage_choices},
};
static const struct field_decl reject_decl[] = {
    {.name = "reason",
     .kind = FIELD_TEXT,
     .required = true,
     .max_chars = WORK_REASON_MAX,
     .msgid = N_("The reason is too long (2000 characters at most)."),
     .missing = N_("Tell the customer why the request is rejected.")},
};

/* POST /console/requests/:number/accept [overage=1] */
int
page_console_request_accept(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value ov; /* any other value: no confirmation */
	fields_read(r, FROM_FORM, accept_decl, 1, NULL, &ov);
	struct work_accept_in in = {.number = r->pp[0], .overage = ov.choice == 0};
	struct work_request w;
	int st = work_request_accept(&d, &in, &w);
	if (st != DOM_OK)
		return refused(r, &d, st, &w, NULL);
	return req_redirect(r, arena_printf(r->a, "/console/requests/%s?done=accepted", w.number));
}

/* POST /console/requests/:number/reject reason=… */
int
page_console_request_reject(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value reason;
	fields_read(r, FROM_FORM, reject_decl, 1, &d, &reason);
	struct work_request w;
	int st = work_request_reject(&d, r->pp[0], reason.text, &w);
	if (st != DOM_OK)
		return refused(r, &d, st, &w, reason.text);
	return req_redirect(r, arena_printf(r->a, "/console/requests/%s?done=rejected", w.number));
}

/* GET /console/requests/:number/files/:id: a file of any customer's request. */
int
page_console_request_file(struct req *r)
{
	return work_request_send_file(r, 0);
}
