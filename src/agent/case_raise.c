/*
 * Raising a case for a customer (a monthly report delivery, an alarm, a
 * credit overage…) from the console, in two steps that work without
 * scripts: first the customer, searched by number or name; then the form
 * with that customer's services (its contracts) and contacts to choose
 * from, the category (any, those only the provider raises included), the
 * subject, the description and files. The rules are case_open's.
 */
#include "agent/console.h"
#include "cases/cases.h"
#include "core/arena.h"
#include "http/request.h"
#include "store/cases.h"
#include "store/customer_admin.h"
#include "store/customers.h"
#include "store/db.h"
#include "views/case_form.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

#define FOUND_MAX 20 /* customers listed for a search */

static void
heading(struct req *r, struct page *p)
{
	layout_begin(r, p);
	layout_heading(r, p->title, "/console/cases", T(r, "Case queue"));
}

/* Step 1's query: the search term (what is too long is still searched, as typed). */
static const struct field_decl search_decl[] = {
    {.name = "q", .kind = FIELD_LINE, .max_chars = 100},
};

/* Step 1: the search box and the customers it finds, each a link to step 2. */
static int
choose_customer(struct req *r, int status)
{
	struct db *db = db_thread();
	struct field_value q;
	fields_read(r, FROM_QUERY, search_decl, FIELDS_N(search_decl), NULL, &q);
	const char *term = q.text;
	struct customer_row *found;
	int n = customers_find(db, term, FOUND_MAX, r->a, &found);
	if (n < 0)
		return 500;
	struct page p = {.title = T(r, "Raise a case for a customer"), .menu = "queue"};
	heading(r, &p);
	struct buf *b = &r->out;
	if (status >= 400)
		form_alert(r, ALERT_ERROR, T(r, "No customer has this number."), false);
	html_lit(b, "<form class=\"card form\" method=\"get\" action=\"/console/cases/new\" "
	            "role=\"search\">");
	form_field(r, &(struct field){.name = "q",
	                              .label = T(r, "Customer number or name"),
	                              .value = term,
	                              .type = "search",
	                              .autocomplete = "off",
	                              .maxlength = 100,
	                              .autofocus = true});
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\">");
	html_text(b, T(r, "Search"));
	html_lit(b, "</button></div></form><section class=\"card\"><h2>");
	html_text(b, T(r, "Choose the customer"));
	html_lit(b, "</h2>");
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "No customer matches."));
		html_lit(b, "</p>");
	} else {
		html_lit(b, "<ul class=\"choice-list\">");
		for (int i = 0; i < n; i++) {
			html_lit(b, "<li><a");
			html_attr(
			    b, "href",
			    arena_printf(r->a, "/console/cases/new?customer=%s", found[i].number));
			html_lit(b, "><span class=\"case-number\">");
			html_text(b, found[i].number);
			html_lit(b, "</span> ");
			html_text(b, found[i].name);
			html_lit(b, "</a></li>");
		}
		html_lit(b, "</ul>");
	}
	html_lit(b, "</section>");
	layout_end(r);
	return status;
}

/* The values and labels of a select, in the arena. */
struct options {
	const char **values, **labels;
	int n;
};

static void
options_alloc(struct req *r, struct options *o, int n)
{
	o->values = arena_alloc(r->a, ((size_t)n + 1) * sizeof(char *));
	o->labels = arena_alloc(r->a, ((size_t)n + 1) * sizeof(char *));
	o->n = 0;
}

static void
options_add(struct req *r, struct options *o, int64_t id, const char *label)
{
	o->values[o->n] = arena_printf(r->a, "%lld", (long long)id);
	o->labels[o->n++] = label;
}

/* The customer's services and contacts as select options; -1 on error. */
static int
customer_options(struct req *r, int64_t customer_id, struct options *sv, struct options *ct)
{
	struct db *db = db_thread();
	struct service_row *rows;
	struct person *people;
	int ns = services_of_customer(db, customer_id, r->a, &rows);
	int np = customer_people(db, customer_id, r->a, &people);
	if (ns < 0 || np < 0)
		return -1;
	options_alloc(r, sv, ns);
	for (int i = 0; i < ns; i++)
		options_add(r, sv, rows[i].id,
		            r->lang == LANG_EN ? rows[i].name_en : rows[i].name_ja);
	options_alloc(r, ct, np);
	for (int i = 0; i < np; i++)
		options_add(r, ct, people[i].id,
		            arena_printf(r->a, "%s <%s>", people[i].name, people[i].email));
	return 0;
}

/*
 * The values read: the customer, its service and contact, then the fields
 * of a new case (views/case_form.h). The form's GET takes them from the
 * query (a link that prefills the form), its POST from the form.
 */
enum {
	RAISE_CUSTOMER,
	RAISE_SERVICE,
	RAISE_CONTACT,
	RAISE_CASE,
	RAISE__MAX = RAISE_CASE + CASE_FORM__MAX
};
static const struct field_decl raise_decl[RAISE_CASE] = {
    [RAISE_CUSTOMER] = {.name = "customer",
                        .kind = FIELD_LINE,
                        .max_chars = 20,
                        .msgid = N_("No customer has this number.")},
    [RAISE_SERVICE] = {.name = "service",
                       .kind = FIELD_ID,
                       .msgid = N_("Choose one of your services.")},
    [RAISE_CONTACT] = {.name = "contact",
                       .kind = FIELD_ID,
                       .msgid = N_("Choose a contact of this customer.")},
};

/* Reads the raise form's fields from src into v[RAISE__MAX]; the number of errors (in d). */
static int
raise_read(struct req *r, enum field_source src, struct dom *d, struct field_value *v)
{
	return fields_read(r, src, raise_decl, RAISE_CASE, d, v) +
	       fields_read(r, src, case_form_decl, CASE_FORM__MAX, d, v + RAISE_CASE);
}

/* Step 2: the case's form for the customer of number. */
static int
raise_form(struct req *r, int status, const struct customer_row *cu, const struct field_value *v,
           const struct dom *err)
{
	struct options sv, ct;
	if (customer_options(r, cu->id, &sv, &ct) != 0)
		return 500;
	struct page p = {.title = T(r, "Raise a case for a customer"), .menu = "queue"};
	heading(r, &p);
	struct buf *b = &r->out;
	if (err)
		form_alert(r, ALERT_ERROR, T(r, "Please correct the fields marked below."), false);
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/console/cases/new\" "
	            "enctype=\"multipart/form-data\" data-upload>");
	form_csrf(r);
	form_hidden(r, "customer", cu->number);
	form_required_legend(r);
	html_lit(b, "<dl class=\"kv\"><dt>");
	html_text(b, T(r, "Customer"));
	html_lit(b, "</dt><dd><span class=\"case-number\">");
	html_text(b, cu->number);
	html_lit(b, "</span> ");
	html_text(b, cu->name);
	html_lit(b, " <a href=\"/console/cases/new\">");
	html_text(b, T(r, "Choose another customer"));
	html_lit(b, "</a></dd></dl>");
	form_select_error(r, "service", T(r, "Service"), sv.values, sv.labels, sv.n,
	                  v[RAISE_SERVICE].text, err ? web_error(r, err, "service") : NULL);
	form_select_error(r, "contact", T(r, "Customer contact"), ct.values, ct.labels, ct.n,
	                  v[RAISE_CONTACT].text, err ? web_error(r, err, "contact") : NULL);
	case_form_fields(r, true, v + RAISE_CASE, err);
	form_files_error_and_submit(r, T(r, "Send"), err ? web_error(r, err, "files") : NULL);
	layout_end(r);
	return status;
}

/* The customer of number, 1; 0 none; -1 error. */
static int
customer_of(struct req *r, const char *number, struct customer_row *out)
{
	struct db *db = db_thread();
	int64_t id = number && *number ? customers_id_by_number(db, number) : 0;
	struct cadm_customer c;
	int found = id > 0 ? cadm_customer_get(db, id, r->a, &c) : id < 0 ? -1 : 0;
	if (found == 1)
		*out = (struct customer_row){.id = c.id, .number = c.number, .name = c.name};
	return found;
}

/* GET /console/cases/new[?q=…|?customer=N…] */
int
page_console_case_new_form(struct req *r)
{
	struct field_value v[RAISE__MAX];
	raise_read(r, FROM_QUERY, NULL, v); /* a wrong prefill is only not selected */
	struct customer_row cu;
	const char *number = v[RAISE_CUSTOMER].text;
	int found = customer_of(r, number, &cu);
	if (found < 0)
		return 500;
	if (!found)
		return choose_customer(r, *number ? 404 : 200);
	return raise_form(r, 200, &cu, v, NULL);
}

/* POST /console/cases/new */
int
page_console_case_new(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct case_row c;
	struct field_value v[RAISE__MAX];
	raise_read(r, FROM_FORM, &d, v);
	/* A refused field is in d: case_open then checks the rest and changes nothing. */
	struct case_open_in in = {.customer_number = v[RAISE_CUSTOMER].text,
	                          .service_id = v[RAISE_SERVICE].num,
	                          .contact_id = v[RAISE_CONTACT].num,
	                          .category = v[RAISE_CASE + CASE_FORM_CATEGORY].text,
	                          .subject = v[RAISE_CASE + CASE_FORM_SUBJECT].text,
	                          .description = v[RAISE_CASE + CASE_FORM_DESCRIPTION].text,
	                          .files = {r->files, r->nfiles}};
	int st = case_open(&d, &in, &c);
	if (st == DOM_INVALID) {
		struct customer_row cu;
		int found = customer_of(r, in.customer_number, &cu);
		if (found < 0)
			return 500;
		return found ? raise_form(r, 422, &cu, v, &d) : choose_customer(r, 422);
	}
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "/console/cases/%s", c.number));
}
