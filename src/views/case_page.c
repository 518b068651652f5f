/*
 * The case page (guide 4.8.1), shared by customers (/cases/…) and staff
 * (/console/cases/…): a message that depends on the state, the fields,
 * attachments, the activity stream and a comment box; the customer's
 * actions ケースをクローズ (with a confirmation) in the open states but
 * resolved, ソリューションを承認 / ソリューションを却下 in resolved. Closed
 * cases are read-only and point to a new inquiry. Staff see internal notes,
 * the assignee, the visibility choice of the comment box and the console's
 * state and assignee form.
 */
#include "views/case_page.h"
#include "app.h"
#include "cases/auto_close.h"
#include "cases/cases.h"
#include "core/text.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/tz.h"
#include "http/request.h"
#include "store/db.h"
#include "views/attachment_list.h"
#include "views/case_labels.h"
#include "views/service_levels.h"
#include "web/actor.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

const char *
case_path(struct req *r, const struct case_row *c)
{
	return arena_printf(r->a, "%s/cases/%s", r->user->is_staff ? "/console" : "", c->number);
}

static void
state_message(struct req *r, const struct case_row *c)
{
	const char *msg = NULL;
	int64_t close_at;
	switch (c->state) {
	case CASE_NEW:
		msg = T(r, "We have received your inquiry. Please wait for our answer.");
		break;
	case CASE_WORKING:
		msg = T(r, "We are working on this case.");
		break;
	case CASE_AWAITING:
		msg = T(r, "We are waiting for your answer. Please reply with a comment.");
		break;
	case CASE_RESOLVED:
		msg = T(r, "This case has been resolved. Please check the solution and accept or "
		           "reject it.");
		if ((close_at = case_auto_close_at(db_thread(), c)) != 0) {
			struct buf when = {0};
			tz_format(&when, r->user->time_zone, close_at);
			msg = arena_printf(
			    r->a, "%s %s", msg,
			    arena_printf(r->a,
			                 T(r, "Without an answer it closes by itself on "
			                      "%s."),
			                 when.p ? when.p : ""));
			buf_free(&when);
		}
		break;
	case CASE_CLOSED:
		msg = T(r, "This case is closed and cannot be changed. For a new question, please "
		           "send a new inquiry.");
		break;
	case CASE__MAX:
		break;
	}
	if (msg && !r->user->is_staff)
		form_alert(r,
		           c->state == CASE_AWAITING || c->state == CASE_RESOLVED ? ALERT_INFO
		                                                                  : ALERT_SUCCESS,
		           msg, true);
}

static void
kv(struct req *r, const char *label, const char *value)
{
	html_lit(&r->out, "<dt>");
	html_text(&r->out, label);
	html_lit(&r->out, "</dt><dd>");
	html_text(&r->out, value && *value ? value : "—");
	html_lit(&r->out, "</dd>");
}

static void
fields(struct req *r, const struct case_row *c)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><dl class=\"kv\">");
	kv(r, T(r, "State"), case_state_label(r, c->state));
	kv(r, T(r, "Category"), case_category_label(r, c->category));
	kv(r, T(r, "Customer number"), c->customer_number);
	kv(r, T(r, "Contract holder"), c->customer_name);
	kv(r, T(r, "Service name"), case_service_name(r, c));
	kv(r, T(r, "Customer contact"), c->contact_name);
	if (r->user->is_staff)
		kv(r, T(r, "Assignee"), c->assignee_name);
	kv(r, T(r, "Created"), case_time(r, c->created_at));
	kv(r, T(r, "Updated"), case_time(r, c->updated_at));
	if (r->user->is_staff)
		sla_case_rows(r, c, clock_now());
	html_lit(b, "</dl><h2>");
	html_text(b, T(r, "Description"));
	html_lit(b, "</h2><div class=\"prewrap\">");
	html_text(b, c->description);
	html_lit(b, "</div></section>");
}

static int
attachments(struct req *r, const struct case_row *c)
{
	struct db *db = db_thread();
	struct attachment_row *f;
	int n = case_attachments(db, c->id, r->user->is_staff, r->a, &f);
	if (n < 0)
		return -1;
	attachment_list(r, case_path(r, c), f, n);
	return 0;
}

static void
activity_entry(struct req *r, const struct activity_row *v)
{
	struct buf *b = &r->out;
	bool note = strcmp(v->kind, "note") == 0;
	html_lit(b, "<li");
	html_attr(b, "class", note ? "activity activity-note" : "activity");
	html_lit(b, "><p class=\"activity-head\"><span class=\"activity-author\">");
	html_text(b, *v->author ? v->author : T(r, "System"));
	html_lit(b, "</span> <time>");
	html_text(b, case_time(r, v->at));
	html_lit(b, "</time>");
	if (note) {
		html_lit(b, " <span class=\"badge\">");
		html_text(b, T(r, "Internal work note"));
		html_lit(b, "</span>");
	}
	if (strcmp(v->via, "mail") == 0) {
		html_lit(b, " <span class=\"badge badge-mail\">");
		html_text(b, T(r, "via e-mail"));
		html_lit(b, "</span>");
	}
	html_lit(b, "</p>");
	if (strcmp(v->kind, "comment") == 0 || note) {
		html_lit(b, "<div class=\"prewrap\">");
		html_text(b, v->body);
		html_lit(b, "</div>");
	} else if (strcmp(v->kind, "state") == 0) {
		int from = case_state_parse(v->old_state), to = case_state_parse(v->new_state);
		html_lit(b, "<p>");
		html_textf(b, T(r, "State: %s → %s"),
		           from < 0 ? "" : case_state_label(r, (enum case_state)from),
		           to < 0 ? "" : case_state_label(r, (enum case_state)to));
		html_lit(b, "</p>");
	} else if (strcmp(v->kind, "attachment") == 0) {
		html_lit(b, "<p>");
		const char *name = v->filename ? v->filename : "";
		html_textf(b, T(r, "Attached %s"),
		           text_file_name(r->a, name, strlen(name), TEXT_FILE_NAME_MAX));
		html_lit(b, "</p>");
	} else if (strcmp(v->kind, "created") == 0) {
		html_lit(b, "<p>");
		html_text(b, T(r, "Case created"));
		html_lit(b, "</p>");
	} else if (strcmp(v->kind, "assign") == 0) {
		html_lit(b, "<p>");
		html_text(b, T(r, "Assignee changed"));
		html_lit(b, "</p>");
	}
	html_lit(b, "</li>");
}

static int
activity(struct req *r, const struct case_row *c)
{
	struct activity_row *v;
	int n = case_activity(db_thread(), c->id, r->user->is_staff, r->a, &v);
	if (n < 0)
		return -1;
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, T(r, "Activity"));
	html_lit(b, "</h2><ol class=\"activity-stream\">");
	for (int i = n - 1; i >= 0; i--) /* newest first, like the reference portal */
		activity_entry(r, &v[i]);
	html_lit(b, "</ol></section>");
	return 0;
}

static const char *const visibility_choices[] = {"public", "internal", NULL};
const struct field_decl case_comment_decl[CASE_COMMENT__MAX] = {
    [CASE_COMMENT_BODY] = {.name = "body",
                           .kind = FIELD_TEXT,
                           .max_chars = CASE_COMMENT_MAX,
                           .msgid = N_("The comment is too long.")},
    [CASE_COMMENT_VISIBILITY] = {.name = "visibility",
                                 .kind = FIELD_CHOICE,
                                 .choices = visibility_choices,
                                 .msgid = N_("Choose a visibility from the list.")},
};

/* The comment box; staff choose public comment or internal note. */
static void
comment_box(struct req *r, const struct case_row *c)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, T(r, "Add a comment"));
	html_lit(b, "</h2><form method=\"post\" enctype=\"multipart/form-data\" data-upload");
	html_attr(b, "action", arena_printf(r->a, "%s/comments", case_path(r, c)));
	html_lit(b, ">");
	form_csrf(r);
	/* A refused comment comes back with what was written (the form's own
	 * fields are empty on a GET). */
	struct field_value sent[CASE_COMMENT__MAX];
	fields_read(r, FROM_FORM, case_comment_decl, CASE_COMMENT__MAX, NULL, sent);
	form_field(r, &(struct field){.name = "body",
	                              .label = T(r, "Comment"),
	                              .value = sent[CASE_COMMENT_BODY].text,
	                              .type = "textarea",
	                              .required = true});
	if (r->user->is_staff) {
		bool internal = sent[CASE_COMMENT_VISIBILITY].choice == 1;
		html_lit(b, "<fieldset class=\"field\"><legend>");
		html_text(b, T(r, "Visibility"));
		html_lit(b, "</legend><label><input type=\"radio\" name=\"visibility\" "
		            "value=\"public\"");
		if (!internal)
			html_lit(b, " checked");
		html_lit(b, "> ");
		html_text(b, T(r, "Public comment (mailed to the customer contact)"));
		html_lit(b, "</label><br><label><input type=\"radio\" name=\"visibility\" "
		            "value=\"internal\"");
		if (internal)
			html_lit(b, " checked");
		html_lit(b, "> ");
		html_text(b, T(r, "Internal work note (never shown to the customer)"));
		html_lit(b, "</label></fieldset>");
	}
	form_files_and_submit(r, T(r, "Send"));
	html_lit(b, "</section>");
}

static void
action_button(struct req *r, const struct case_row *c, const char *action, const char *label,
              const char *confirm, const char *cls)
{
	struct buf *b = &r->out;
	html_lit(b, "<form method=\"post\" class=\"inline-form\"");
	html_attr(b, "action", arena_printf(r->a, "%s/%s", case_path(r, c), action));
	if (confirm)
		html_attr(b, "data-confirm", confirm);
	html_lit(b, ">");
	form_csrf(r);
	html_lit(b, "<button type=\"submit\"");
	html_attr(b, "class", cls);
	html_lit(b, ">");
	html_text(b, label);
	html_lit(b, "</button></form>");
}

static void
customer_actions(struct req *r, const struct case_row *c)
{
	struct buf *b = &r->out;
	if (c->state == CASE_CLOSED) {
		html_lit(b, "<p><a class=\"btn btn-secondary\" href=\"/inquiry\">");
		html_text(b, T(r, "New inquiry"));
		html_lit(b, "</a></p>");
		return;
	}
	html_lit(b, "<div class=\"case-actions\">");
	if (c->state == CASE_RESOLVED) {
		action_button(r, c, "accept", T(r, "Accept the solution"), NULL, "btn btn-primary");
		action_button(r, c, "reject", T(r, "Reject the solution"), NULL,
		              "btn btn-secondary");
	} else {
		action_button(r, c, "close", T(r, "Close the case"),
		              T(r, "Close this case? A closed case cannot be reopened."),
		              "btn btn-secondary");
	}
	html_lit(b, "</div>");
}

static void
state_select(struct req *r, const struct case_row *c)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"field\"><label for=\"state\">");
	html_text(b, T(r, "State"));
	html_lit(b, "</label><select id=\"state\" name=\"state\">");
	for (int s = 0; s < CASE__MAX; s++) {
		html_lit(b, "<option");
		html_attr(b, "value", case_state_code((enum case_state)s));
		if ((int)c->state == s)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, case_state_label(r, (enum case_state)s));
		html_lit(b, "</option>");
	}
	html_lit(b, "</select></div>");
}

static void
assignee_select(struct req *r, const struct case_row *c)
{
	struct person *staff;
	int n = staff_list(db_thread(), r->a, &staff);
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"field\"><label for=\"assignee\">");
	html_text(b, T(r, "Assignee"));
	html_lit(b, "</label><select id=\"assignee\" name=\"assignee\"><option value=\"0\">");
	html_text(b, T(r, "Unassigned"));
	html_lit(b, "</option>");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<option");
		html_attr(b, "value", arena_printf(r->a, "%lld", (long long)staff[i].id));
		if (staff[i].id == c->assignee_id)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, staff[i].name);
		html_lit(b, "</option>");
	}
	html_lit(b, "</select></div>");
}

/* The console's state and assignee form atop the page. */
static void
console_actions(struct req *r, const struct case_row *c)
{
	if (c->state == CASE_CLOSED)
		return;
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"card form case-console\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "%s/update", case_path(r, c)));
	html_lit(b, ">");
	form_csrf(r);
	state_select(r, c);
	assignee_select(r, c);
	form_submit(r, T(r, "Update"));
}

int
case_render(struct req *r, const struct case_row *c, int status, const char *error)
{
	struct page p = {.title = arena_printf(r->a, "%s %s", c->number, c->subject),
	                 .menu = r->user->is_staff ? "queue" : "cases"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<p class=\"breadcrumb\"><a");
	html_attr(b, "href", r->user->is_staff ? "/console/cases" : "/cases");
	html_lit(b, ">");
	html_text(b, r->user->is_staff ? T(r, "Case queue") : T(r, "Cases"));
	html_lit(b, "</a></p><h1 class=\"page-title\"><span class=\"case-number\">");
	html_text(b, c->number);
	html_lit(b, "</span> ");
	html_text(b, c->subject);
	html_lit(b, "</h1>");
	if (error)
		form_alert(r, ALERT_ERROR, error, false);
	state_message(r, c);
	if (r->user->is_staff)
		console_actions(r, c);
	else
		customer_actions(r, c);
	fields(r, c);
	if (attachments(r, c) != 0 || activity(r, c) != 0)
		return 500;
	if (c->state != CASE_CLOSED)
		comment_box(r, c);
	layout_end(r);
	return status;
}

int
case_render_refusal(struct req *r, const struct case_row *c, int dom_status, const struct dom *d)
{
	int status = web_status(dom_status);
	if (status == 404 || status == 500)
		return status;
	const char *msg = d->message ? d->message : d->nerrors ? d->errors[0].msgid : NULL;
	return case_render(r, c, status, msg ? T(r, msg) : NULL);
}

int
case_page_show(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct case_row c;
	int st = case_find(&d, r->pp[0], &c);
	return st == DOM_OK ? case_render(r, &c, 200, NULL) : web_status(st);
}

int
case_page_after(struct req *r, const struct case_row *c, int dom_status, const struct dom *d)
{
	if (dom_status != DOM_OK)
		return case_render_refusal(r, c, dom_status, d);
	return req_redirect(r, case_path(r, c));
}
