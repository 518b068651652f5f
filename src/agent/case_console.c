/*
 * The provider's side of a case: assignment and state changes atop the case
 * page, and raising a case for a customer (monthly report delivery, alarm,
 * credit overage…). Public comments and internal notes go through the case
 * page's comment box (src/pages/case_view.c), whose visibility choice staff
 * see.
 */
#include "app.h"
#include "core/arena.h"
#include "http/request.h"
#include "mail/case_mails.h"
#include "mail/sender.h"
#include "views/case_labels.h"
#include "pages/case_view.h"
#include "agent/console.h"
#include "store/audit.h"
#include "store/customers.h"
#include "store/db.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

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

void
case_console_actions(struct req *r, const struct case_row *c)
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
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Update"));
	html_lit(b, "</button></div></form>");
}

/* POST /console/cases/:number/update: state and assignee, each only if changed. */
int
page_console_case_update(struct req *r)
{
	struct case_row c;
	int found = case_load(r, &c);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	int to = case_state_parse(req_form(r, "state"));
	int64_t assignee = 0;
	const char *as = req_form(r, "assignee");
	if (to < 0 || (as && strcmp(as, "0") != 0 && parse_id(as, &assignee) != 0))
		return case_render(r, &c, 422,
		                   T(r, "Choose a state and an assignee from the "
		                        "lists."));
	if (c.state == CASE_CLOSED)
		return case_render(r, &c, 409, T(r, "This case is closed and cannot be changed."));
	if (assignee) {
		struct person *staff;
		int n = staff_list(db_thread(), r->a, &staff), ok = 0;
		for (int i = 0; i < n; i++)
			ok |= staff[i].id == assignee;
		if (!ok)
			return case_render(r, &c, 422,
			                   T(r, "Choose a state and an assignee from "
			                        "the lists."));
	}
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return 500;
	int ok = 1;
	if (assignee != c.assignee_id)
		ok = case_assign(db, &c, assignee, r->user->id) == 0;
	if (ok && to != (int)c.state) {
		ok = case_staff_may_move(c.state, (enum case_state)to) &&
		     case_set_state(db, &c, (enum case_state)to, r->user->id) == 1 &&
		     case_notify_contact(r, &c, NULL, to) == 0;
	}
	if (!ok || db_commit(db) != 0) {
		db_rollback(db);
		return case_render(r, &c, 409,
		                   T(r, "The case changed meanwhile; please check it "
		                        "again."));
	}
	mail_sender_kick();
	return req_redirect(r, case_path(r, &c));
}

struct raise_errors {
	const char *customer, *category, *subject, *description;
};

static int
raise_form(struct req *r, int status, const struct raise_errors *err)
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
	                              .error = err ? err->customer : NULL,
	                              .maxlength = 20,
	                              .required = true});
	const char **cv = arena_alloc(r->a, (size_t)case_categories_count * sizeof(char *));
	const char **cl = arena_alloc(r->a, (size_t)case_categories_count * sizeof(char *));
	for (int i = 0; i < case_categories_count; i++) {
		cv[i] = case_categories[i].code;
		cl[i] = T(r, case_categories[i].label);
	}
	form_select(r, "category", T(r, "Category"), cv, cl, case_categories_count,
	            req_form(r, "category"));
	form_field(r, &(struct field){.name = "subject",
	                              .label = T(r, "Subject"),
	                              .value = req_form(r, "subject"),
	                              .error = err ? err->subject : NULL,
	                              .maxlength = 160,
	                              .required = true});
	form_field(r, &(struct field){.name = "description",
	                              .label = T(r, "Description"),
	                              .type = "textarea",
	                              .value = req_form(r, "description"),
	                              .error = err ? err->description : NULL,
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
	struct raise_errors err = {0};
	struct db *db = db_thread();
	const char *number = req_form(r, "customer");
	int64_t customer_id = number && *number ? customers_id_by_number(db, number) : 0;
	if (customer_id < 0)
		return 500;
	if (!customer_id)
		err.customer = T(r, "No customer has this number.");
	const struct case_category *cat = case_category_find(req_form(r, "category"));
	if (!cat)
		err.category = T(r, "Choose a category from the list.");
	const char *subject = req_form(r, "subject"), *description = req_form(r, "description");
	if (!subject || !*subject || strlen(subject) > 160 || strpbrk(subject, "\r\n"))
		err.subject = T(r, "Enter a subject of one line (160 characters at most).");
	if (!description || !*description || strlen(description) > 64 * 1024)
		err.description = T(r, "This field is required.");
	if (err.customer || err.category || err.subject || err.description)
		return raise_form(r, 422, &err);
	/* The contact is the customer's first admin, who gets the mail. */
	struct person *people;
	int np = customer_people(db, customer_id, r->a, &people);
	struct service_row *sv;
	int ns = services_of_customer(db, customer_id, r->a, &sv);
	if (np < 0 || ns < 0)
		return 500;
	struct new_case nc = {.customer_id = customer_id,
	                      .service_id = ns > 0 ? sv[0].id : 0,
	                      .contact_id = np > 0 ? people[0].id : 0,
	                      .author_id = r->user->id,
	                      .category = cat->code,
	                      .subject = subject,
	                      .description = description};
	char num[16];
	struct case_row c;
	if (db_begin(db) != 0)
		return 500;
	int ok = case_create(db, &nc, num) > 0 && case_get(db, num, 0, r->a, &c) == 1 &&
	         case_attach_uploads(r, &c, false) == 0;
	if (ok && np > 0) {
		struct recipient to = {.name = people[0].name, .email = people[0].email};
		if (lang_parse(people[0].lang, &to.lang) != 0)
			to.lang = LANG_JA;
		ok = mail_case_created(db, r->app, &to, &c) == 0;
	}
	if (!ok || db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	mail_sender_kick();
	return req_redirect(r, arena_printf(r->a, "/console/cases/%s", num));
}
