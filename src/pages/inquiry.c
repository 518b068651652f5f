/*
 * Inquiry (お問い合わせ, guide 4.6): service, category (those a customer may
 * pick), subject, description and attachments; 送信 creates a case in 新規,
 * mails the customer contact (the sender), and opens the case page.
 */
#include "cases/cases.h"
#include "core/arena.h"
#include "http/request.h"
#include "pages/pages.h"
#include "store/customers.h"
#include "store/db.h"
#include "views/case_form.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <stdio.h>
#include <string.h>

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

/* The values read: the service, then the fields of a new case (views/case_form.h). */
enum { INQ_SERVICE, INQ_CASE, INQ__MAX = INQ_CASE + CASE_FORM__MAX };
static const struct field_decl service_decl[] = {
    {.name = "service", .kind = FIELD_ID, .msgid = N_("Choose one of your services.")},
};

/* v: what was sent (a form that came back), or NULL. */
static int
render(struct req *r, int status, const struct field_value *v, const struct dom *err)
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
	form_select_error(r, "service", T(r, "Service"), vals, labels, ns,
	                  v ? v[INQ_SERVICE].text : NULL,
	                  err ? web_error(r, err, "service") : NULL);
	case_form_fields(r, false, v ? v + INQ_CASE : NULL, err);
	form_files_error_and_submit(r, T(r, "Send"), err ? web_error(r, err, "files") : NULL);
	layout_end(r);
	return status;
}

int
page_inquiry_form(struct req *r)
{
	return render(r, 200, NULL, NULL);
}

int
page_inquiry_submit(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[INQ__MAX];
	fields_read(r, FROM_FORM, service_decl, FIELDS_N(service_decl), &d, v + INQ_SERVICE);
	fields_read(r, FROM_FORM, case_form_decl, CASE_FORM__MAX, &d, v + INQ_CASE);
	/* A refused field is in d: case_open then checks the rest and changes nothing. */
	struct case_open_in in = {.service_id = v[INQ_SERVICE].num,
	                          .category = v[INQ_CASE + CASE_FORM_CATEGORY].text,
	                          .subject = v[INQ_CASE + CASE_FORM_SUBJECT].text,
	                          .description = v[INQ_CASE + CASE_FORM_DESCRIPTION].text,
	                          .files = {r->files, r->nfiles}};
	struct case_row c;
	int st = case_open(&d, &in, &c);
	if (st == DOM_INVALID)
		return render(r, 422, v, &d);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "/cases/%s", c.number));
}
