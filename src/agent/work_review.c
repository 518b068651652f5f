/*
 * The review of work requests by provider staff: the queue, the request
 * with the customer's point balance, and the two decisions.
 *
 * Accepting is one transaction: the request must still be 'submitted', a
 * case is raised (category 作業依頼, subject = the item's name, the answers
 * as its description, the files handed over), the points are written to the
 * ledger of the period covering today, and the requester is mailed. A
 * request that would take the balance below zero (or that finds no period)
 * is accepted only when the reviewer says it is an overage; a ご利用クレジット数
 * 超過 case is then raised as well. The balance is read inside the write
 * transaction, so reviewers working at once are serialized and each sees
 * the figure the other left.
 */
#include "app.h"
#include "core/arena.h"
#include "core/log.h"
#include "files/filestore.h"
#include "http/download.h"
#include "http/parse.h"
#include "http/request.h"
#include "mail/case_mails.h"
#include "mail/request_mails.h"
#include "mail/sender.h"
#include "views/case_labels.h"
#include "agent/console.h"
#include "views/work_request_view.h"
#include "store/audit.h"
#include "store/cases.h"
#include "store/db.h"
#include "store/points.h"
#include "store/work_requests.h"
#include "store/work_review.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"

#include <string.h>

#define QUEUE_PER_PAGE 20
#define REASON_MAX     2000

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
exceeds_balance(struct req *r, const struct review_row *v)
{
	char today[11];
	points_today(today);
	struct point_period p;
	int found = points_period_at(db_thread(), v->customer_id, today, r->a, &p);
	return v->points > 0 && (found != 1 || p.points - p.consumed < v->points);
}

static void
queue_row(struct req *r, const struct review_row *v, bool decided)
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
	if (!decided && exceeds_balance(r, v)) {
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

/* GET /console/requests[?state=…&page=N] */
int
page_console_requests(struct req *r)
{
	const char *state = req_query(r, "state");
	if (!state || (strcmp(state, "accepted") != 0 && strcmp(state, "rejected") != 0))
		state = "submitted";
	int64_t page = 1;
	const char *ps = req_query(r, "page");
	if (ps && (parse_id(ps, &page) != 0 || page < 1))
		page = 1;
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
		for (int i = 0; i < n; i++)
			queue_row(r, &rows[i], decided);
		html_lit(b, "</tbody></table></div>");
		listing_pager(r, arena_printf(r->a, "/console/requests?state=%s&", state), page,
		              QUEUE_PER_PAGE, total);
	}
	layout_end(r);
	return 200;
}

/* --- the balance a decision meets --- */

struct balance {
	bool has_period;
	struct point_period period;
	int64_t after; /* remaining after the request */
	bool over;     /* needs the reviewer's overage confirmation */
};

static int
balance_for(struct db *db, struct req *r, const struct work_request *w, struct balance *out)
{
	char today[11];
	points_today(today);
	memset(out, 0, sizeof(*out));
	int found = points_period_at(db, w->customer_id, today, r->a, &out->period);
	if (found < 0)
		return -1;
	out->has_period = found == 1;
	if (out->has_period)
		out->after = out->period.points - out->period.consumed - w->points;
	out->over = w->points > 0 && (!out->has_period || out->after < 0);
	return 0;
}

static void
balance_panel(struct req *r, const struct work_request *w, const struct balance *bal)
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
			html_text(b, files[i].filename);
			html_lit(b, "</a></li>");
		}
		html_lit(b, "</ul>");
	}
	html_lit(b, "</section>");
	return 0;
}

struct decide_errors {
	const char *overage, *reason;
};

static void
decision_forms(struct req *r, const struct work_request *w, const struct balance *bal,
               const struct decide_errors *err)
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
		if (err && err->overage)
			html_lit(b, " aria-invalid=\"true\" aria-describedby=\"overage-error\"");
		html_lit(b, "><label for=\"overage\">");
		html_text(b, T(r, "Accept as an overage and raise a credit overage case"));
		html_lit(b, "</label>");
		form_error(r, "overage-error", err ? err->overage : NULL);
		html_lit(b, "</div>");
	}
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Accept"));
	html_lit(b, "</button></div></form><form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "%s/reject", base));
	html_lit(b, "><h2>");
	html_text(b, T(r, "Reject"));
	html_lit(b, "</h2>");
	form_csrf(r);
	form_field(r, &(struct field){.name = "reason",
	                              .label = T(r, "Reason for rejection"),
	                              .type = "textarea",
	                              .value = req_form(r, "reason"),
	                              .error = err ? err->reason : NULL,
	                              .hint = T(r, "The customer reads it in the mail."),
	                              .maxlength = REASON_MAX,
	                              .required = true});
	html_lit(b, "<div class=\"actions\"><button class=\"btn\" type=\"submit\">");
	html_text(b, T(r, "Reject"));
	html_lit(b, "</button></div></form></div>");
}

static int
request_render(struct req *r, const struct work_request *w, int status, const char *alert,
               const struct decide_errors *err)
{
	struct balance bal;
	if (balance_for(db_thread(), r, w, &bal) != 0)
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
		decision_forms(r, w, &bal, err);
	layout_end(r);
	return status;
}

static int
load(struct req *r, struct work_request *w)
{
	return work_request_get(db_thread(), r->pp[0], 0, r->a, w);
}

/* GET /console/requests/:number */
int
page_console_request(struct req *r)
{
	struct work_request w;
	int found = load(r, &w);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	const char *done = req_query(r, "done");
	const char *msg = NULL;
	if (done && strcmp(done, "accepted") == 0)
		msg = T(r, "The request was accepted and its case raised.");
	else if (done && strcmp(done, "rejected") == 0)
		msg = T(r, "The request was rejected; the customer is told by mail.");
	return request_render(r, &w, 200, msg, NULL);
}

/* --- the decisions --- */

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
case_description(struct req *r, const struct work_request *w, enum lang lang)
{
	struct work_answer *ans;
	int n = work_request_answers(db_thread(), w->id, r->a, &ans);
	if (n < 0)
		return NULL;
	struct buf d = {0};
	buf_printf(&d, i18n_tr(lang, "Work request %s (%d points)"), w->number, w->points);
	buf_puts(&d, "\n");
	for (int i = 0; i < n; i++) {
		const char *label =
		    lang == LANG_EN && *ans[i].label_en ? ans[i].label_en : ans[i].label_ja;
		const char *v = ans[i].value;
		if (strcmp(ans[i].kind, "checkbox") == 0)
			v = strcmp(v, "1") == 0 ? i18n_tr(lang, "Yes") : i18n_tr(lang, "No");
		buf_printf(&d, "\n%s:\n%s\n", label, *v ? v : "—");
	}
	const char *s = arena_strdup(r->a, d.p ? d.p : "");
	buf_free(&d);
	return s;
}

static int64_t
raise_case(struct req *r, const struct work_request *w, const char *category, const char *subject,
           const char *description, struct case_row *out)
{
	struct new_case nc = {.customer_id = w->customer_id,
	                      .service_id = w->service_id,
	                      .contact_id = w->requester_id,
	                      .author_id = r->user->id,
	                      .category = category,
	                      .subject = subject,
	                      .description = description};
	char num[16];
	struct db *db = db_thread();
	if (case_create(db, &nc, num) <= 0 || case_get(db, num, 0, r->a, out) != 1)
		return -1;
	return out->id;
}

static int
raise_overage_case(struct req *r, const struct work_request *w, const struct balance *bal,
                   enum lang lang, struct case_row *out)
{
	struct buf d = {0};
	if (bal->has_period)
		buf_printf(
		    &d,
		    i18n_tr(lang, "Work request %s needs %d points; %lld of the %lld points "
		                  "of the period %s – %s remained. Remaining after it: %lld."),
		    w->number, w->points, (long long)(bal->period.points - bal->period.consumed),
		    (long long)bal->period.points, bal->period.start_date, bal->period.end_date,
		    (long long)bal->after);
	else
		buf_printf(&d,
		           i18n_tr(lang, "Work request %s needs %d points; no point period covers "
		                         "its acceptance date."),
		           w->number, w->points);
	const char *subject = arena_printf(r->a, i18n_tr(lang, "Credit overage: %s"), w->number);
	const char *desc = arena_strdup(r->a, d.p ? d.p : "");
	buf_free(&d);
	return raise_case(r, w, "overage", subject, desc, out) > 0 ? 0 : -1;
}

static void
audit(struct req *r, const char *event, const struct work_request *w)
{
	audit_add(db_thread(), &(struct audit_event){.event = event,
	                                             .actor_id = r->user->id,
	                                             .customer_id = w->customer_id,
	                                             .login = r->user->login,
	                                             .ip = r->remote_ip,
	                                             .user_agent = r->user_agent,
	                                             .detail = w->number});
}

enum accept_outcome { ACCEPT_DONE, ACCEPT_CHANGED, ACCEPT_NEEDS_OVERAGE, ACCEPT_FAILED };

/* Everything of an acceptance, inside the caller's transaction. */
static enum accept_outcome
accept_in_tx(struct req *r, const struct work_request *w, bool overage_ok)
{
	struct db *db = db_thread();
	struct balance bal;
	if (balance_for(db, r, w, &bal) != 0)
		return ACCEPT_FAILED;
	if (bal.over && !overage_ok)
		return ACCEPT_NEEDS_OVERAGE;
	struct recipient to = requester_of(w);
	const char *subject =
	    to.lang == LANG_EN && *w->item_name_en ? w->item_name_en : w->item_name_ja;
	const char *desc = case_description(r, w, to.lang);
	struct case_row c;
	if (!desc || raise_case(r, w, "work", subject, desc, &c) < 0 ||
	    review_carry_files(db, w->id, w->customer_id, c.id, r->user->id) != 0)
		return ACCEPT_FAILED;
	if (bal.has_period && w->points > 0) {
		struct ledger_entry e = {.period_id = bal.period.id,
		                         .customer_id = w->customer_id,
		                         .actor_id = r->user->id,
		                         .kind = "consume",
		                         .points = w->points,
		                         .request_id = w->id,
		                         .case_id = c.id};
		if (points_record(db, &e) != 0)
			return ACCEPT_FAILED;
	}
	struct review_decision d = {.request_id = w->id,
	                            .reviewer_id = r->user->id,
	                            .case_id = c.id,
	                            .state = "accepted",
	                            .overage = bal.over};
	int decided = review_decide(db, &d);
	if (decided <= 0)
		return decided == 0 ? ACCEPT_CHANGED : ACCEPT_FAILED;
	if (bal.over) {
		struct case_row oc;
		if (raise_overage_case(r, w, &bal, to.lang, &oc) != 0 ||
		    mail_case_created(db, r->app, &to, &oc) != 0)
			return ACCEPT_FAILED;
	}
	audit(r, bal.over ? "work_request.accept_overage" : "work_request.accept", w);
	return mail_request_accepted(db, r->app, &to, w, c.number) == 0 ? ACCEPT_DONE
	                                                                : ACCEPT_FAILED;
}

static int
changed_meanwhile(struct req *r)
{
	struct work_request w;
	int found = load(r, &w);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	return request_render(
	    r, &w, 409, T(r, "This request was decided meanwhile; here is its current state."),
	    NULL);
}

/* POST /console/requests/:number/accept [overage=1] */
int
page_console_request_accept(struct req *r)
{
	struct work_request w;
	int found = load(r, &w);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	const char *ov = req_form(r, "overage");
	bool overage_ok = ov && strcmp(ov, "1") == 0;
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return 500;
	/* Read again under the write lock: another reviewer may have decided. */
	enum accept_outcome out = ACCEPT_FAILED;
	found = load(r, &w);
	if (found == 1)
		out = strcmp(w.state, "submitted") != 0 ? ACCEPT_CHANGED
		                                        : accept_in_tx(r, &w, overage_ok);
	if (out != ACCEPT_DONE || db_commit(db) != 0) {
		db_rollback(db);
		if (out == ACCEPT_CHANGED)
			return changed_meanwhile(r);
		if (out == ACCEPT_NEEDS_OVERAGE) {
			struct decide_errors err = {
			    .overage =
			        T(r, "Confirm that this request is accepted as an overage.")};
			return request_render(
			    r, &w, 422, T(r, "Please correct the fields marked below."), &err);
		}
		return found == 0 ? 404 : 500;
	}
	mail_sender_kick();
	return req_redirect(r, arena_printf(r->a, "/console/requests/%s?done=accepted", w.number));
}

/* POST /console/requests/:number/reject reason=… */
int
page_console_request_reject(struct req *r)
{
	struct work_request w;
	int found = load(r, &w);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	if (strcmp(w.state, "submitted") != 0)
		return changed_meanwhile(r);
	const char *reason = req_form(r, "reason");
	size_t len = reason ? strlen(reason) : 0;
	const char *trimmed = reason ? reason + strspn(reason, " \t\r\n") : "";
	if (!*trimmed || len > REASON_MAX) {
		struct decide_errors err = {
		    .reason = *trimmed ? T(r, "The reason is too long (2000 characters at most).")
		                       : T(r, "Tell the customer why the request is rejected.")};
		return request_render(r, &w, 422, T(r, "Please correct the fields marked below."),
		                      &err);
	}
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return 500;
	struct review_decision d = {
	    .request_id = w.id, .reviewer_id = r->user->id, .state = "rejected", .reason = reason};
	struct recipient to = requester_of(&w);
	int decided = review_decide(db, &d);
	int ok = decided == 1;
	if (ok) {
		audit(r, "work_request.reject", &w);
		ok = mail_request_rejected(db, r->app, &to, &w, reason) == 0;
	}
	if (!ok || db_commit(db) != 0) {
		db_rollback(db);
		return decided == 0 ? changed_meanwhile(r) : 500;
	}
	mail_sender_kick();
	return req_redirect(r, arena_printf(r->a, "/console/requests/%s?done=rejected", w.number));
}
