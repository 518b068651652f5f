/*
 * Inquiry (お問い合わせ, guide 4.6): service, category (those a customer may
 * pick), subject, description and attachments; 送信 creates a case in 新規,
 * mails the customer contact (the sender), and opens the case page.
 */
#include "app.h"
#include "core/arena.h"
#include "http/request.h"
#include "http/upload.h"
#include "mail/case_mails.h"
#include "mail/sender.h"
#include "views/case_labels.h"
#include "pages/case_view.h"
#include "pages/pages.h"
#include "store/audit.h"
#include "store/customers.h"
#include "store/db.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <stdio.h>
#include <string.h>

#define SUBJECT_MAX     160
#define DESCRIPTION_MAX (64 * 1024)

struct inquiry_errors {
	const char *service, *category, *subject, *description;
};

struct service_opt {
	int64_t id;
	const char *name;
};

static int
customer_services(struct req *r, struct service_opt **out)
{
	struct service_row *rows;
	int n = services_of_customer(db_thread(), r->user->customer_id, r->a, &rows);
	if (n < 0)
		return -1;
	struct service_opt *v = arena_alloc(r->a, ((size_t)n + 1) * sizeof(*v));
	for (int i = 0; i < n; i++) {
		v[i].id = rows[i].id;
		v[i].name = r->lang == LANG_EN ? rows[i].name_en : rows[i].name_ja;
	}
	*out = v;
	return n;
}

static int
render(struct req *r, int status, const struct inquiry_errors *err)
{
	struct service_opt *sv;
	int ns = customer_services(r, &sv);
	if (ns < 0)
		return 500;
	struct page p = {.title = T(r, "Inquiry"), .menu = "inquiry"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (err)
		form_alert(r, ALERT_ERROR, T(r, "Please correct the fields marked below."), false);
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/inquiry\" "
	            "enctype=\"multipart/form-data\" data-upload>");
	form_csrf(r);
	form_required_legend(r);
	const char **vals = arena_alloc(r->a, ((size_t)ns + 1) * sizeof(char *));
	const char **labels = arena_alloc(r->a, ((size_t)ns + 1) * sizeof(char *));
	for (int i = 0; i < ns; i++) {
		vals[i] = arena_printf(r->a, "%lld", (long long)sv[i].id);
		labels[i] = sv[i].name;
	}
	form_select(r, "service", T(r, "Service"), vals, labels, ns, req_form(r, "service"));
	if (err && err->service) {
		html_lit(b, "<p class=\"field-error\">");
		html_text(b, err->service);
		html_lit(b, "</p>");
	}
	const char **cv = arena_alloc(r->a, (size_t)case_categories_count * sizeof(char *));
	const char **cl = arena_alloc(r->a, (size_t)case_categories_count * sizeof(char *));
	int nc = 0;
	for (int i = 0; i < case_categories_count; i++)
		if (case_categories[i].customer_may_pick) {
			cv[nc] = case_categories[i].code;
			cl[nc++] = T(r, case_categories[i].label);
		}
	form_select(r, "category", T(r, "Category"), cv, cl, nc, req_form(r, "category"));
	if (err && err->category) {
		html_lit(b, "<p class=\"field-error\">");
		html_text(b, err->category);
		html_lit(b, "</p>");
	}
	form_field(r, &(struct field){.name = "subject",
	                              .label = T(r, "Subject"),
	                              .value = req_form(r, "subject"),
	                              .error = err ? err->subject : NULL,
	                              .maxlength = SUBJECT_MAX,
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
page_inquiry_form(struct req *r)
{
	return render(r, 200, NULL);
}

static const char *
check_line(struct req *r, const char *v, size_t max)
{
	if (!v || !*v)
		return T(r, "This field is required.");
	if (strlen(v) > max)
		return T(r, "This is too long.");
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20)
			return T(r, "Line breaks and control characters are not allowed.");
	return NULL;
}

int
page_inquiry_submit(struct req *r)
{
	struct inquiry_errors err = {0};
	struct service_opt *sv;
	int ns = customer_services(r, &sv);
	if (ns < 0)
		return 500;
	int64_t service_id = 0;
	const char *s = req_form(r, "service");
	for (int i = 0; s && i < ns; i++)
		if (strcmp(s, arena_printf(r->a, "%lld", (long long)sv[i].id)) == 0)
			service_id = sv[i].id;
	if (!service_id)
		err.service = T(r, "Choose one of your services.");
	const struct case_category *cat = case_category_find(req_form(r, "category"));
	if (!cat || !cat->customer_may_pick)
		err.category = T(r, "Choose a category from the list.");
	const char *subject = req_form(r, "subject");
	const char *description = req_form(r, "description");
	err.subject = check_line(r, subject, SUBJECT_MAX);
	if (!description || !*description)
		err.description = T(r, "This field is required.");
	else if (strlen(description) > DESCRIPTION_MAX)
		err.description = T(r, "This is too long.");
	if (err.service || err.category || err.subject || err.description)
		return render(r, 422, &err);

	struct db *db = db_thread();
	struct new_case nc = {.customer_id = r->user->customer_id,
	                      .service_id = service_id,
	                      .contact_id = r->user->id,
	                      .author_id = r->user->id,
	                      .category = cat->code,
	                      .subject = subject,
	                      .description = description};
	char number[16];
	if (db_begin(db) != 0)
		return 500;
	struct case_row c;
	int64_t id = case_create(db, &nc, number);
	int ok = id > 0 && case_get(db, number, r->user->customer_id, r->a, &c) == 1 &&
	         case_attach_uploads(r, &c, false) == 0;
	struct recipient to = {.name = r->user->name, .email = r->user->email, .lang = r->lang};
	if (ok)
		ok = mail_case_created(db, r->app, &to, &c) == 0;
	if (!ok || db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	mail_sender_kick();
	return req_redirect(r, arena_printf(r->a, "/cases/%s", number));
}
