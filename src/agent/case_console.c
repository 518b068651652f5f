/*
 * The provider's side of a case: the case page with internal notes and the
 * state and assignee form (views/case_page.c), its comments (public, mailed
 * to the contact, or internal work notes), and raising a case for a
 * customer (monthly report delivery, alarm, credit overage…). The rules are
 * the case operations' (cases/cases.h).
 */
#include "agent/console.h"
#include "cases/cases.h"
#include "core/arena.h"
#include "http/parse.h"
#include "http/request.h"
#include "store/db.h"
#include "views/case_labels.h"
#include "views/case_page.h"
#include "web/actor.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

int
page_console_case_view(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct case_row c;
	int st = case_find(&d, r->pp[0], &c);
	return st == DOM_OK ? case_render(r, &c, 200, NULL) : web_status(st);
}

/* POST /console/cases/:number/comments: a public comment (mailed) or an internal work note. */
int
page_console_case_comment(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct case_row c;
	const char *vis = req_form(r, "visibility");
	struct case_comment_in in = {.number = r->pp[0],
	                             .body = req_form(r, "body"),
	                             .internal = vis && strcmp(vis, "internal") == 0,
	                             .files = {r->files, r->nfiles}};
	int st = case_comment(&d, &in, &c);
	if (st != DOM_OK)
		return case_render_refusal(r, &c, st, &d);
	return req_redirect(r, case_path(r, &c));
}

/* POST /console/cases/:number/update: state and assignee, each only if changed. */
int
page_console_case_update(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct case_row c;
	struct case_update_in in = {.number = r->pp[0], .state = -1, .assignee_id = 0};
	const char *as = req_form(r, "assignee");
	in.state = case_state_parse(req_form(r, "state"));
	bool bad =
	    in.state < 0 || (as && strcmp(as, "0") != 0 && parse_id(as, &in.assignee_id) != 0);
	if (bad) {
		in.state = CASE__MAX; /* refused by the operation, with the page's message */
		in.assignee_id = -1;
	}
	int st = case_update(&d, &in, &c);
	if (st != DOM_OK)
		return case_render_refusal(r, &c, st, &d);
	return req_redirect(r, case_path(r, &c));
}

/* GET /console/cases/:number/files/:id: any customer's, internal files included. */
int
page_console_case_file(struct req *r)
{
	int64_t id;
	if (parse_id(r->pp[1], &id) != 0)
		return 404;
	struct attachment_row f;
	int found = case_attachment_get(db_thread(), r->pp[0], id, 0, r->a, &f);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	return case_send_attachment(r, &f);
}

static int
raise_form(struct req *r, int status, const struct dom *err)
{
	struct page p = {.title = T(r, "Raise a case for a customer"), .menu = "queue"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (err)
		form_alert(r, ALERT_ERROR, T(r, "Please correct the fields marked below."), false);
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/console/cases/new\" "
	            "enctype=\"multipart/form-data\" data-upload>");
	form_csrf(r);
	form_required_legend(r);
	form_field(r, &(struct field){.name = "customer",
	                              .label = T(r, "Customer number"),
	                              .value = req_form(r, "customer"),
	                              .error = err ? web_error(r, err, "customer") : NULL,
	                              .maxlength = 20,
	                              .required = true});
	const char **cv = arena_alloc(r->a, (size_t)case_categories_count * sizeof(char *));
	const char **cl = arena_alloc(r->a, (size_t)case_categories_count * sizeof(char *));
	for (int i = 0; i < case_categories_count; i++) {
		cv[i] = case_categories[i].code;
		cl[i] = T(r, case_categories[i].label);
	}
	form_select_error(r, "category", T(r, "Category"), cv, cl, case_categories_count,
	                  req_form(r, "category"), err ? web_error(r, err, "category") : NULL);
	form_field(r, &(struct field){.name = "subject",
	                              .label = T(r, "Subject"),
	                              .value = req_form(r, "subject"),
	                              .error = err ? web_error(r, err, "subject") : NULL,
	                              .maxlength = CASE_SUBJECT_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "description",
	                              .label = T(r, "Description"),
	                              .type = "textarea",
	                              .value = req_form(r, "description"),
	                              .error = err ? web_error(r, err, "description") : NULL,
	                              .required = true});
	html_lit(b, "<div class=\"field\"><label for=\"files\">");
	html_text(b, T(r, "Add attachments (up to 2 GB each)"));
	html_lit(b, "</label><input id=\"files\" name=\"files\" type=\"file\" multiple></div>"
	            "<progress class=\"upload-progress\" max=\"100\" value=\"0\" hidden></progress>"
	            "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Send"));
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return status;
}

int
page_console_case_new_form(struct req *r)
{
	return raise_form(r, 200, NULL);
}

int
page_console_case_new(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct case_row c;
	struct case_open_in in = {.customer_number = req_form(r, "customer"),
	                          .category = req_form(r, "category"),
	                          .subject = req_form(r, "subject"),
	                          .description = req_form(r, "description"),
	                          .files = {r->files, r->nfiles}};
	int st = case_open(&d, &in, &c);
	if (st == DOM_INVALID)
		return raise_form(r, 422, &d);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "/console/cases/%s", c.number));
}
