/*
 * Work requests (作業依頼, guide 4.7): the catalog of the customer's services
 * (each item's numbered name, description and point cost), the item's form
 * (its own fields, checked one by one on the server, errors next to them and
 * everything typed kept, nothing stored until all is right), attachments of
 * up to 2 GB as in the inquiry, 送信 → the request with its number and a
 * closable confirmation, and a mail with its content. The customer's
 * requests are listed with their state (受付中, 受理, 不受理), each one with
 * its answers, files, the rejection reason or the case it raised.
 */
#include "app.h"
#include "core/arena.h"
#include "http/download.h"
#include "http/request.h"
#include "views/attachment_list.h"
#include "views/case_labels.h"
#include "pages/pages.h"
#include "views/work_request_file.h"
#include "views/work_request_view.h"
#include "store/db.h"
#include "store/work_requests.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "http/parse.h"
#include "web/layout.h"
#include "web/listing.h"
#include "work/work.h"

#include <string.h>

#define PER_PAGE   20
#define RADIOS_MAX 4 /* more choices than this: a select */

static const char *
lang_pick(struct req *r, const char *ja, const char *en)
{
	return r->lang == LANG_EN ? en : ja;
}

static const char *
item_label(struct req *r, const struct work_item *it)
{
	return work_item_label(r->a, it->position, lang_pick(r, it->name_ja, it->name_en));
}

static void
breadcrumb(struct req *r, const char *href, const char *label)
{
	html_lit(&r->out, "<p class=\"breadcrumb\"><a");
	html_attr(&r->out, "href", href);
	html_lit(&r->out, ">");
	html_text(&r->out, label);
	html_lit(&r->out, "</a></p>");
}

/* --- the catalog --- */

static void
catalog_item(struct req *r, const struct work_item *it)
{
	struct buf *b = &r->out;
	html_lit(b, "<li class=\"kb-hit\"><h3 class=\"kb-hit-title\"><a");
	html_attr(b, "href", arena_printf(r->a, "/requests/items/%lld", (long long)it->id));
	html_lit(b, ">");
	html_text(b, item_label(r, it));
	html_lit(b, "</a></h3>");
	const char *desc = lang_pick(r, it->description_ja, it->description_en);
	if (*desc) {
		html_lit(b, "<p class=\"prewrap\">");
		html_text(b, desc);
		html_lit(b, "</p>");
	}
	html_lit(b, "<p class=\"muted\">");
	html_textf(b, T(r, "Points: %d"), it->points);
	html_lit(b, "</p></li>");
}

/* GET /requests */
int
page_requests(struct req *r)
{
	struct work_item *it;
	int n = work_catalog(db_thread(), r->user->customer_id, r->a, &it);
	if (n < 0)
		return 500;
	struct page p = {.title = T(r, "Work requests"), .menu = "requests"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, NULL, NULL);
	html_lit(b, "<p>");
	html_text(b, T(r, "Choose the work you want to request. We check each request and "
	                  "accept it or not; an accepted request becomes a case."));
	html_lit(b, "</p><p><a class=\"btn btn-secondary\" href=\"/requests/mine\">");
	html_text(b, T(r, "Your requests"));
	html_lit(b, "</a></p>");
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "No work items are offered for your services."));
		html_lit(b, "</p>");
	}
	for (int i = 0; i < n; i++) {
		if (i == 0 || it[i].service_id != it[i - 1].service_id) {
			if (i > 0)
				html_lit(b, "</ul></section>");
			html_lit(b, "<section class=\"card\"><h2>");
			html_text(b, lang_pick(r, it[i].service_ja, it[i].service_en));
			html_lit(b, "</h2><ul class=\"kb-hits\">");
		}
		catalog_item(r, &it[i]);
	}
	if (n > 0)
		html_lit(b, "</ul></section>");
	layout_end(r);
	return 200;
}

/* --- the item's form --- */

static const char *
field_name(struct req *r, const struct work_field *f)
{
	return arena_printf(r->a, "f%lld", (long long)f->id);
}

/*
 * The answers' declared inputs, one per question of the item (f<id>),
 * built for the request from the item's fields. Only the wire is bounded
 * here: each answer is judged by work_request_submit against its question
 * (required, length in characters, choice, date), whose messages the form
 * shows.
 */
#define ANSWER_WIRE_MAX (64 * 1024)
static const char **
answers_read(struct req *r, const struct work_field *f, int nf)
{
	struct field_decl *decl = arena_zalloc(r->a, ((size_t)nf + 1) * sizeof(*decl));
	struct field_value *v = arena_zalloc(r->a, ((size_t)nf + 1) * sizeof(*v));
	const char **out = arena_zalloc(r->a, ((size_t)nf + 1) * sizeof(*out));
	for (int i = 0; i < nf; i++)
		decl[i] = (struct field_decl){
		    .name = field_name(r, &f[i]), .kind = FIELD_TEXT, .max_chars = ANSWER_WIRE_MAX};
	fields_read(r, FROM_FORM, decl, (size_t)nf, NULL, v);
	for (int i = 0; i < nf; i++)
		out[i] = v[i].text;
	return out;
}

/* The choices of a field in the user's language. */
static int
field_choices(struct req *r, const struct work_field *f, const char ***out)
{
	return work_choices(r->a, lang_pick(r, f->choices_ja, f->choices_en), out);
}

static void
required_mark(struct req *r, bool required)
{
	if (required)
		html_lit(&r->out, " <span class=\"required\" aria-hidden=\"true\">*</span>");
}

/* aria-invalid and aria-describedby of a control with an error. */
static void
invalid_attrs(struct req *r, const char *err_id, const char *error)
{
	if (!error)
		return;
	html_lit(&r->out, " aria-invalid=\"true\"");
	html_attr(&r->out, "aria-describedby", err_id);
}

static void
radios(struct req *r, const struct work_field *f, const char *name, const char *label,
       const char *const *choices, int nc, const char *v, const char *error)
{
	struct buf *b = &r->out;
	const char *err_id = arena_printf(r->a, "%s-error", name);
	html_lit(b, "<fieldset class=\"field\" role=\"radiogroup\"");
	if (f->required)
		html_lit(b, " aria-required=\"true\"");
	invalid_attrs(r, err_id, error);
	html_lit(b, "><legend>");
	html_text(b, label);
	required_mark(r, f->required);
	html_lit(b, "</legend>");
	for (int i = 0; i < nc; i++) {
		const char *val = arena_printf(r->a, "%d", i + 1);
		const char *id = arena_printf(r->a, "%s-%d", name, i + 1);
		html_lit(b, "<div class=\"field-check\"><input type=\"radio\"");
		html_attr(b, "id", id);
		html_attr(b, "name", name);
		html_attr(b, "value", val);
		if (strcmp(v, val) == 0)
			html_lit(b, " checked");
		if (f->required)
			html_lit(b, " required");
		html_lit(b, "><label");
		html_attr(b, "for", id);
		html_lit(b, ">");
		html_text(b, choices[i]);
		html_lit(b, "</label></div>");
	}
	form_error(r, err_id, error);
	html_lit(b, "</fieldset>");
}

static void
select_field(struct req *r, const struct work_field *f, const char *name, const char *label,
             const char *const *choices, int nc, const char *v, const char *error)
{
	struct buf *b = &r->out;
	const char *err_id = arena_printf(r->a, "%s-error", name);
	html_lit(b, "<div class=\"field\"><label");
	html_attr(b, "for", name);
	html_lit(b, ">");
	html_text(b, label);
	required_mark(r, f->required);
	html_lit(b, "</label><select");
	html_attr(b, "id", name);
	html_attr(b, "name", name);
	if (f->required)
		html_lit(b, " required aria-required=\"true\"");
	invalid_attrs(r, err_id, error);
	html_lit(b, "><option value=\"\">");
	html_text(b, T(r, "Choose…"));
	html_lit(b, "</option>");
	for (int i = 0; i < nc; i++) {
		const char *val = arena_printf(r->a, "%d", i + 1);
		html_lit(b, "<option");
		html_attr(b, "value", val);
		if (strcmp(v, val) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, choices[i]);
		html_lit(b, "</option>");
	}
	html_lit(b, "</select>");
	form_error(r, err_id, error);
	html_lit(b, "</div>");
}

static void
checkbox_field(struct req *r, const struct work_field *f, const char *name, const char *label,
               const char *value, const char *error)
{
	struct buf *b = &r->out;
	const char *err_id = arena_printf(r->a, "%s-error", name);
	html_lit(b, "<div class=\"field field-check\"><input type=\"checkbox\" value=\"1\"");
	html_attr(b, "id", name);
	html_attr(b, "name", name);
	if (strcmp(value, "1") == 0)
		html_lit(b, " checked");
	if (f->required)
		html_lit(b, " required aria-required=\"true\"");
	invalid_attrs(r, err_id, error);
	html_lit(b, "><label");
	html_attr(b, "for", name);
	html_lit(b, ">");
	html_text(b, label);
	required_mark(r, f->required);
	html_lit(b, "</label>");
	form_error(r, err_id, error);
	html_lit(b, "</div>");
}

static void
render_field(struct req *r, const struct work_field *f, const char *value, const char *error)
{
	const char *name = field_name(r, f);
	const char *label = lang_pick(r, f->label_ja, f->label_en);
	const char **choices;
	int nc;
	switch (f->kind) {
	case WF_CHOICE:
		nc = field_choices(r, f, &choices);
		if (nc <= RADIOS_MAX)
			radios(r, f, name, label, choices, nc, value, error);
		else
			select_field(r, f, name, label, choices, nc, value, error);
		return;
	case WF_CHECKBOX:
		checkbox_field(r, f, name, label, value, error);
		return;
	case WF_TEXT:
	case WF_TEXTAREA:
	case WF_DATE:
	case WF__MAX:
		break;
	}
	bool area = f->kind == WF_TEXTAREA;
	/* A browser empties a date input holding no real date: show what was typed. */
	bool date = f->kind == WF_DATE && !(error && *value);
	form_field(r, &(struct field){.name = name,
	                              .label = label,
	                              .value = value,
	                              .error = error,
	                              .type = area   ? "textarea"
	                                      : date ? "date"
	                                             : "text",
	                              .hint = f->kind == WF_DATE ? T(r, "YYYY-MM-DD") : NULL,
	                              .maxlength = area                 ? WORK_AREA_MAX
	                                           : f->kind == WF_DATE ? 10
	                                                                : WORK_TEXT_MAX,
	                              .required = f->required});
}

static void
item_summary(struct req *r, const struct work_item *it)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><dl class=\"kv\"><dt>");
	html_text(b, T(r, "Service"));
	html_lit(b, "</dt><dd>");
	html_text(b, lang_pick(r, it->service_ja, it->service_en));
	html_lit(b, "</dd><dt>");
	html_text(b, T(r, "Points"));
	html_lit(b, "</dt><dd>");
	html_int(b, it->points);
	html_lit(b, "</dd></dl>");
	const char *desc = lang_pick(r, it->description_ja, it->description_en);
	if (*desc) {
		html_lit(b, "<div class=\"prewrap\">");
		html_text(b, desc);
		html_lit(b, "</div>");
	}
	html_lit(b, "</section>");
}

/* values, errors: one per field (NULL: none), or NULL for a fresh form. */
static int
render_item(struct req *r, int status, const struct work_item *it, const struct work_field *f,
            int nf, const char *const *values, const char *const *errors)
{
	struct page p = {.title = item_label(r, it), .menu = "requests"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/requests", T(r, "Work requests"));
	if (errors) {
		form_alert(r, ALERT_ERROR, T(r, "Please correct the fields marked below."), false);
		if (r->nfiles > 0)
			form_alert(
			    r, ALERT_INFO,
			    T(r, "The files you chose were not kept. Please choose them again."),
			    false);
	}
	item_summary(r, it);
	html_lit(b, "<form class=\"card form\" method=\"post\" enctype=\"multipart/form-data\" "
	            "data-upload");
	html_attr(b, "action", arena_printf(r->a, "/requests/items/%lld", (long long)it->id));
	html_lit(b, ">");
	form_csrf(r);
	form_required_legend(r);
	for (int i = 0; i < nf; i++)
		render_field(r, &f[i], values ? values[i] : "", errors ? errors[i] : NULL);
	form_files_and_submit(r, T(r, "Send"));
	layout_end(r);
	return status;
}

/*
 * The context of the customer's operations: answers and mails in the
 * language the page is shown in.
 */
static void
customer_dom(struct req *r, struct dom *d)
{
	web_dom(r, d);
	d->who.lang = r->lang;
}

/* The item of the URL if the customer may order it, with its fields: DOM_OK or why not. */
static int
load_item(struct req *r, struct dom *d, struct work_item *it, struct work_field **f, int *nf)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return DOM_NOT_FOUND;
	return work_item_offered(d, id, it, f, nf);
}

/* GET /requests/items/:id */
int
page_request_item_form(struct req *r)
{
	struct dom d;
	customer_dom(r, &d);
	struct work_item it;
	struct work_field *f;
	int nf;
	int st = load_item(r, &d, &it, &f, &nf);
	if (st != DOM_OK)
		return web_status(st);
	return render_item(r, 200, &it, f, nf, NULL, NULL);
}

/* POST /requests/items/:id */
int
page_request_item_submit(struct req *r)
{
	struct dom d;
	customer_dom(r, &d);
	struct work_item it;
	struct work_field *f;
	int nf;
	int st = load_item(r, &d, &it, &f, &nf);
	if (st != DOM_OK)
		return web_status(st);
	const char **answers = answers_read(r, f, nf);
	struct work_value *v = arena_zalloc(r->a, ((size_t)nf + 1) * sizeof(*v));
	for (int i = 0; i < nf; i++)
		v[i] = (struct work_value){.field_id = f[i].id, .value = answers[i]};
	struct work_submit_in in = {
	    .item_id = it.id, .values = v, .nvalues = nf, .files = {.v = r->files, .n = r->nfiles}};
	struct work_request w;
	st = work_request_submit(&d, &in, &w);
	if (st == DOM_INVALID) {
		const char **errors = arena_zalloc(r->a, ((size_t)nf + 1) * sizeof(*errors));
		for (int i = 0; i < nf; i++)
			errors[i] = web_error(r, &d, work_answer_name(&d, &f[i]));
		return render_item(r, 422, &it, f, nf, answers, errors);
	}
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "/requests/%s?sent=1", w.number));
}

/* --- the customer's requests --- */

/* GET /requests/mine?page= */
int
page_requests_mine(struct req *r)
{
	int64_t page = listing_page(r);
	struct db *db = db_thread();
	if (!db)
		return 500;
	int64_t total = work_requests_count(db, r->user->customer_id);
	struct work_request *w;
	int n =
	    work_requests_page(db, r->user->customer_id, PER_PAGE, (page - 1) * PER_PAGE, r->a, &w);
	if (total < 0 || n < 0)
		return 500;
	struct page p = {.title = T(r, "Your requests"), .menu = "requests"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/requests", T(r, "Work requests"));
	if (total == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "There are no work requests."));
		html_lit(b, "</p>");
	} else {
		html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
		html_attr(b, "aria-label", p.title);
		html_lit(b, "><table class=\"table\"><thead><tr>");
		listing_th(r, N_("Request number"));
		listing_th(r, N_("Work item"));
		listing_th(r, N_("Points"));
		listing_th(r, N_("State"));
		listing_th(r, N_("Requested"));
		listing_th(r, N_("Case"));
		html_lit(b, "</tr></thead><tbody>");
	}
	for (int i = 0; i < n; i++) {
		html_lit(b, "<tr><td><a");
		html_attr(b, "href", arena_printf(r->a, "/requests/%s", w[i].number));
		html_lit(b, ">");
		html_text(b, w[i].number);
		html_lit(b, "</a></td><td>");
		html_text(b, lang_pick(r, w[i].item_name_ja, w[i].item_name_en));
		html_lit(b, "</td><td>");
		html_int(b, w[i].points);
		html_lit(b, "</td><td>");
		html_text(b, work_request_state_label(r, w[i].state));
		html_lit(b, "</td><td>");
		html_text(b, case_time(r, w[i].created_at));
		html_lit(b, "</td><td>");
		if (*w[i].case_number) {
			html_lit(b, "<a");
			html_attr(b, "href", arena_printf(r->a, "/cases/%s", w[i].case_number));
			html_lit(b, ">");
			html_text(b, w[i].case_number);
			html_lit(b, "</a>");
		} else {
			html_lit(b, "—");
		}
		html_lit(b, "</td></tr>");
	}
	if (total > 0) {
		html_lit(b, "</tbody></table></div>");
		listing_pager(r, "/requests/mine?", page, PER_PAGE, total);
	}
	layout_end(r);
	return 200;
}

/* --- one request --- */

/*
 * The confirmation after sending. Its × is a link to the page without the
 * message, so that it closes without script too; with script, app.js
 * removes the message in place (data-dismiss).
 */
static void
sent_message(struct req *r, const struct work_request *w)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"alert alert-success\" role=\"status\"><a class=\"alert-close\" "
	            "data-dismiss=\".alert\"");
	html_attr(b, "href", arena_printf(r->a, "/requests/%s", w->number));
	html_attr(b, "aria-label", T(r, "Close"));
	html_lit(b, ">×</a><p>");
	html_textf(b,
	           T(r, "Your work request %s has been sent. We have mailed you its content; we "
	                "will let you know whether we accept it."),
	           w->number);
	html_lit(b, "</p></div>");
}

static void
request_fields(struct req *r, const struct work_request *w)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><dl class=\"kv\">");
	listing_kv(r, T(r, "State"), work_request_state_label(r, w->state));
	listing_kv(r, T(r, "Work item"), lang_pick(r, w->item_name_ja, w->item_name_en));
	listing_kv(r, T(r, "Points"), arena_printf(r->a, "%d", w->points));
	listing_kv(r, T(r, "Requested by"), w->requester_name);
	listing_kv(r, T(r, "Requested"), case_time(r, w->created_at));
	if (w->reviewed_at)
		listing_kv(r, T(r, "Reviewed"), case_time(r, w->reviewed_at));
	if (strcmp(w->state, "rejected") == 0)
		listing_kv(r, T(r, "Reason"), w->reason);
	if (*w->case_number) {
		html_lit(b, "<dt>");
		html_text(b, T(r, "Case"));
		html_lit(b, "</dt><dd><a");
		html_attr(b, "href", arena_printf(r->a, "/cases/%s", w->case_number));
		html_lit(b, ">");
		html_text(b, w->case_number);
		html_lit(b, "</a></dd>");
	}
	html_lit(b, "</dl></section>");
}

static int
request_answers(struct req *r, const struct work_request *w)
{
	struct work_answer *v;
	int n = work_request_answers(db_thread(), w->id, r->a, &v);
	if (n < 0)
		return -1;
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, T(r, "Request details"));
	html_lit(b, "</h2>");
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "This work item asks no questions."));
		html_lit(b, "</p>");
	} else {
		html_lit(b, "<dl class=\"kv answers\">");
		for (int i = 0; i < n; i++) {
			html_lit(b, "<dt>");
			html_text(b, lang_pick(r, v[i].label_ja, v[i].label_en));
			html_lit(b, "</dt><dd class=\"prewrap\">");
			if (strcmp(v[i].kind, "checkbox") == 0)
				html_text(b,
				          strcmp(v[i].value, "1") == 0 ? T(r, "Yes") : T(r, "No"));
			else
				html_text(b, *v[i].value ? v[i].value : "—");
			html_lit(b, "</dd>");
		}
		html_lit(b, "</dl>");
	}
	html_lit(b, "</section>");
	return 0;
}

static int
request_files(struct req *r, const struct work_request *w)
{
	struct attachment_row *f;
	int n = work_request_attachments(db_thread(), w->id, r->a, &f);
	if (n < 0)
		return -1;
	attachment_list(r, arena_printf(r->a, "/requests/%s", w->number), f, n);
	return 0;
}

/* GET /requests/:number */
int
page_request_view(struct req *r)
{
	struct dom d;
	customer_dom(r, &d);
	struct work_request w;
	int st = work_request_find(&d, r->pp[0], &w);
	if (st != DOM_OK)
		return web_status(st);
	struct page p = {.title = arena_printf(r->a, "%s %s", w.number,
	                                       lang_pick(r, w.item_name_ja, w.item_name_en)),
	                 .menu = "requests"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	breadcrumb(r, "/requests/mine", T(r, "Your requests"));
	html_lit(b, "<h1 class=\"page-title\"><span class=\"case-number\">");
	html_text(b, w.number);
	html_lit(b, "</span> ");
	html_text(b, lang_pick(r, w.item_name_ja, w.item_name_en));
	html_lit(b, "</h1>");
	static const struct field_decl sent_decl[] = {{.name = "sent", .kind = FIELD_BOOL}};
	if (fields_first_flag(r, sent_decl, 1) == 0)
		sent_message(r, &w);
	request_fields(r, &w);
	if (request_answers(r, &w) != 0 || request_files(r, &w) != 0)
		return 500;
	layout_end(r);
	return 200;
}

/* GET /requests/:number/files/:id: the files of the customer's own requests only. */
int
page_request_file(struct req *r)
{
	return work_request_send_file(r, r->user->customer_id);
}
