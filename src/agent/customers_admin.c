/*
 * Service configuration maintenance in the console (provider admins): the
 * customers (created with their number and name, names edited), their
 * contracts (service, 種別, プラン, ご契約開始日, 次回契約更新日) — what the
 * customer's サービス設定情報 pages show — and the address of each service's
 * own portal (linked from home). Every change is audited; bad input is
 * answered next to its field with what was typed, and changes nothing.
 */
#include "core/arena.h"
#include "http/request.h"
#include "agent/console.h"
#include "customers/customers.h"
#include "store/customer_admin.h"
#include "store/customers.h"
#include "store/db.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "http/parse.h"
#include "web/layout.h"
#include "web/listing.h"
#include "views/service_levels.h"

#include <string.h>

/* --- customers --- */

static int
render_new_customer(struct req *r, int status, const char *number, const char *name,
                    const char *e_number, const char *e_name)
{
	struct page p = {.title = T(r, "New customer"), .menu = "console-customers"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/console/customers", T(r, "Customers and contracts"));
	if (status >= 400)
		form_alert(r, ALERT_ERROR,
		           T(r, "Check the fields marked below. Nothing was saved."), false);
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/console/customers/new\">");
	form_csrf(r);
	form_required_legend(r);
	form_field(r, &(struct field){.name = "number",
	                              .label = T(r, "Customer number"),
	                              .value = number,
	                              .error = e_number,
	                              .hint = T(r, "One capital letter and 9 digits, e.g. "
	                                           "N200000001."),
	                              .autocomplete = "off",
	                              .maxlength = 10,
	                              .required = true,
	                              .autofocus = true});
	form_field(r, &(struct field){.name = "name",
	                              .label = T(r, "Contract holder"),
	                              .value = name,
	                              .error = e_name,
	                              .autocomplete = "off",
	                              .maxlength = CUSTOMER_NAME_MAX,
	                              .required = true});
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Create"));
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return status;
}

/* GET /console/customers/new */
int
page_console_cadm_customer_new_form(struct req *r)
{
	return render_new_customer(r, 200, "", "", NULL, NULL);
}

/*
 * The forms' fields, trimmed; their rules and messages are the customer
 * operations' (customers/customers.h), so they are read without errors of
 * their own.
 */
static const struct field_decl customer_decl[] = {
    {.name = "number", .kind = FIELD_LINE},
    {.name = "name", .kind = FIELD_LINE},
};
enum { K_SERVICE, K_KIND, K_PLAN, K_START, K_RENEWAL, K__MAX };
static const struct field_decl contract_decl[K__MAX] = {
    [K_SERVICE] = {.name = "service", .kind = FIELD_LINE},
    [K_KIND] = {.name = "kind", .kind = FIELD_LINE},
    [K_PLAN] = {.name = "plan", .kind = FIELD_LINE},
    [K_START] = {.name = "start_date", .kind = FIELD_LINE},
    [K_RENEWAL] = {.name = "renewal_date", .kind = FIELD_LINE},
};
static const struct field_decl saved_decl[] = {{.name = "saved", .kind = FIELD_BOOL}};

/* POST /console/customers/new */
int
page_console_cadm_customer_create(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(customer_decl)];
	fields_read(r, FROM_FORM, customer_decl, FIELDS_N(customer_decl), NULL, v);
	const char *number = v[0].text, *name = v[1].text;
	int64_t id = 0;
	int st = customer_create(&d, number, name, &id);
	if (st == DOM_INVALID)
		return render_new_customer(r, 422, number, name, web_error(r, &d, "number"),
		                           web_error(r, &d, "name"));
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r,
	                    arena_printf(r->a, "/console/customers/%lld?saved=1", (long long)id));
}

/* What a contract form holds. */
struct kform {
	const char *service, *kind, *plan, *start, *renewal;
	const char *e_service, *e_kind, *e_plan, *e_start, *e_renewal;
	int64_t service_id;
};

static void
contract_fields(struct req *r, const struct kform *f, const struct cadm_service *svcs, int ns)
{
	const char **vals = arena_alloc(r->a, (size_t)(ns + 1) * sizeof(char *));
	const char **labs = arena_alloc(r->a, (size_t)(ns + 1) * sizeof(char *));
	for (int i = 0; i < ns; i++) {
		vals[i] = arena_printf(r->a, "%lld", (long long)svcs[i].id);
		labs[i] = r->lang == LANG_EN ? svcs[i].name_en : svcs[i].name_ja;
	}
	form_select_error(r, "service", T(r, "Service name"), vals, labs, ns, f->service,
	                  f->e_service);
	form_field(r, &(struct field){.name = "kind",
	                              .label = T(r, "Type"),
	                              .value = f->kind,
	                              .error = f->e_kind,
	                              .autocomplete = "off",
	                              .maxlength = CONTRACT_TEXT_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "plan",
	                              .label = T(r, "Plan"),
	                              .value = f->plan,
	                              .error = f->e_plan,
	                              .autocomplete = "off",
	                              .maxlength = CONTRACT_TEXT_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "start_date",
	                              .label = T(r, "Contract start date"),
	                              .value = f->start,
	                              .error = f->e_start,
	                              .type = "date",
	                              .required = true});
	form_field(r, &(struct field){.name = "renewal_date",
	                              .label = T(r, "Next renewal date"),
	                              .value = f->renewal,
	                              .error = f->e_renewal,
	                              .type = "date"});
}

/* Reads a contract form into f and the operation's input. */
static void
read_contract(struct req *r, struct kform *f, struct contract_in *in)
{
	memset(f, 0, sizeof(*f));
	struct field_value v[K__MAX];
	fields_read(r, FROM_FORM, contract_decl, K__MAX, NULL, v);
	f->service = v[K_SERVICE].text;
	f->kind = v[K_KIND].text;
	f->plan = v[K_PLAN].text;
	f->start = v[K_START].text;
	f->renewal = v[K_RENEWAL].text;
	*in = (struct contract_in){
	    .kind = f->kind, .plan = f->plan, .start_date = f->start, .renewal_date = f->renewal};
	if (parse_id(f->service, &in->service_id) != 0)
		in->service_id = 0;
}

/* The operation's field errors, next to the fields. */
static void
contract_errors(struct req *r, const struct dom *d, struct kform *f)
{
	f->e_service = web_error(r, d, "service");
	f->e_kind = web_error(r, d, "kind");
	f->e_plan = web_error(r, d, "plan");
	f->e_start = web_error(r, d, "start_date");
	f->e_renewal = web_error(r, d, "renewal_date");
}

static int
render_customer(struct req *r, int status, const struct cadm_customer *c, const char *name,
                const char *e_name, const struct kform *kf)
{
	struct db *db = db_thread();
	struct cadm_contract *ks;
	struct cadm_service *svcs;
	int nk = cadm_contracts(db, c->id, r->a, &ks);
	int ns = cadm_services(db, r->a, &svcs);
	if (nk < 0 || ns < 0)
		return 500;
	struct page p = {.title = arena_printf(r->a, "%s %s", c->number, c->name),
	                 .menu = "console-customers"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/console/customers", T(r, "Customers and contracts"));
	if (status >= 400)
		form_alert(r, ALERT_ERROR,
		           T(r, "Check the fields marked below. Nothing was saved."), false);
	else if (fields_first_flag(r, saved_decl, 1) == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The changes have been saved."), true);
	const char *base = arena_printf(r->a, "/console/customers/%lld", (long long)c->id);
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", base);
	html_lit(b, "><h2>");
	html_text(b, T(r, "Customer information"));
	html_lit(b, "</h2>");
	form_csrf(r);
	html_lit(b, "<dl class=\"kv\"><dt>");
	html_text(b, T(r, "Customer number"));
	html_lit(b, "</dt><dd>");
	html_text(b, c->number);
	html_lit(b, "</dd></dl>");
	form_field(r, &(struct field){.name = "name",
	                              .label = T(r, "Contract holder"),
	                              .value = name,
	                              .error = e_name,
	                              .autocomplete = "off",
	                              .maxlength = CUSTOMER_NAME_MAX,
	                              .required = true});
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Save"));
	html_lit(b, "</button></div></form><p class=\"card\"><a");
	html_attr(b, "href", arena_printf(r->a, "%s/contacts", base));
	html_lit(b, ">");
	html_text(b, T(r, "The customer's contacts: users and invitations"));
	html_lit(b, "</a></p><section class=\"card\"><h2>");
	html_text(b, T(r, "Contract list"));
	html_lit(b, "</h2>");
	if (nk == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "There are no contracts."));
		html_lit(b, "</p>");
	} else {
		html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
		html_attr(b, "aria-label", T(r, "Contract list"));
		html_lit(b, "><table class=\"table\"><thead><tr>");
		listing_th(r, N_("Service name"));
		listing_th(r, N_("Type"));
		listing_th(r, N_("Plan"));
		listing_th(r, N_("Contract start date"));
		listing_th(r, N_("Next renewal date"));
		html_lit(b, "</tr></thead><tbody>");
		for (int i = 0; i < nk; i++) {
			html_lit(b, "<tr><td><a");
			html_attr(
			    b, "href",
			    arena_printf(r->a, "/console/contracts/%lld", (long long)ks[i].id));
			html_lit(b, ">");
			html_text(b, r->lang == LANG_EN ? ks[i].service_en : ks[i].service_ja);
			html_lit(b, "</a></td><td>");
			html_text(b, ks[i].kind);
			html_lit(b, "</td><td>");
			html_text(b, ks[i].plan);
			html_lit(b, "</td><td>");
			html_text(b, ks[i].start_date);
			html_lit(b, "</td><td>");
			html_text(b, *ks[i].renewal_date ? ks[i].renewal_date : "—");
			html_lit(b, "</td></tr>");
		}
		html_lit(b, "</tbody></table></div>");
	}
	html_lit(b, "</section><form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "%s/contracts", base));
	html_lit(b, "><h2>");
	html_text(b, T(r, "New contract"));
	html_lit(b, "</h2>");
	form_csrf(r);
	contract_fields(r, kf, svcs, ns);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Add"));
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return status;
}

static int
customer_of_path(struct req *r, struct db *db, struct cadm_customer *c)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return 0;
	return cadm_customer_get(db, id, r->a, c);
}

static const struct kform empty_contract = {"", "", "", "", "", NULL, NULL, NULL, NULL, NULL, 0};

/* GET /console/customers/:id */
int
page_console_cadm_customer(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct cadm_customer c;
	int found = customer_of_path(r, db, &c);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	return render_customer(r, 200, &c, c.name, NULL, &empty_contract);
}

/* POST /console/customers/:id: the contract holder's name. */
int
page_console_cadm_customer_save(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct cadm_customer c;
	int found = customer_of_path(r, db, &c);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct dom d;
	web_dom(r, &d);
	struct field_value v;
	fields_read(r, FROM_FORM, customer_decl + 1, 1, NULL, &v);
	const char *name = v.text;
	int st = customer_rename(&d, c.id, name);
	if (st == DOM_INVALID)
		return render_customer(r, 422, &c, name, web_error(r, &d, "name"), &empty_contract);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r,
	                    arena_printf(r->a, "/console/customers/%lld?saved=1", (long long)c.id));
}

/* POST /console/customers/:id/contracts */
int
page_console_cadm_contract_create(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct cadm_customer c;
	int found = customer_of_path(r, db, &c);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct dom d;
	web_dom(r, &d);
	struct kform kf;
	struct contract_in in;
	read_contract(r, &kf, &in);
	int64_t id = 0;
	int st = contract_create(&d, c.id, &in, &id);
	if (st == DOM_INVALID) {
		contract_errors(r, &d, &kf);
		return render_customer(r, 422, &c, c.name, NULL, &kf);
	}
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r,
	                    arena_printf(r->a, "/console/customers/%lld?saved=1", (long long)c.id));
}

/* --- one contract --- */

/* The contract's own service levels, "the service's" where it has none, and their page. */
static void
contract_levels(struct req *r, const struct cadm_contract *k)
{
	struct buf *b = &r->out;
	const char *inherit = T(r, "The service's");
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, T(r, "Service levels"));
	html_lit(b, "</h2><dl class=\"kv\"><dt>");
	html_text(b, T(r, "First response target"));
	html_lit(b, "</dt><dd>");
	html_text(b, k->response_target_min ? sla_target_text(r, k->response_target_min) : inherit);
	html_lit(b, "</dd><dt>");
	html_text(b, T(r, "Resolution target"));
	html_lit(b, "</dt><dd>");
	html_text(b, k->resolution_target_min ? sla_target_text(r, k->resolution_target_min)
	                                      : inherit);
	html_lit(b, "</dd></dl><p><a");
	html_attr(b, "href",
	          arena_printf(r->a, "/console/contracts/%lld/levels", (long long)k->id));
	html_lit(b, ">");
	html_text(b, T(r, "Set the service levels"));
	html_lit(b, "</a></p></section>");
}

static int
render_contract(struct req *r, int status, const struct cadm_contract *k, const struct kform *kf)
{
	struct db *db = db_thread();
	struct cadm_service *svcs;
	int ns = cadm_services(db, r->a, &svcs);
	if (ns < 0)
		return 500;
	const char *svc = r->lang == LANG_EN ? k->service_en : k->service_ja;
	struct page p = {.title = arena_printf(r->a, "%s %s", k->customer_number, svc),
	                 .menu = "console-customers"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title,
	               arena_printf(r->a, "/console/customers/%lld", (long long)k->customer_id),
	               k->customer_name);
	if (status >= 400)
		form_alert(r, ALERT_ERROR,
		           T(r, "Check the fields marked below. Nothing was saved."), false);
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "/console/contracts/%lld", (long long)k->id));
	html_lit(b, ">");
	form_csrf(r);
	form_required_legend(r);
	contract_fields(r, kf, svcs, ns);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Save"));
	html_lit(b, "</button></div></form>");
	contract_levels(r, k);
	layout_end(r);
	return status;
}

static int
contract_of_path(struct req *r, struct db *db, struct cadm_contract *k)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return 0;
	return cadm_contract_get(db, id, r->a, k);
}

/* GET /console/contracts/:id */
int
page_console_cadm_contract(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct cadm_contract k;
	int found = contract_of_path(r, db, &k);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct kform kf = {.service = arena_printf(r->a, "%lld", (long long)k.service_id),
	                   .kind = k.kind,
	                   .plan = k.plan,
	                   .start = k.start_date,
	                   .renewal = k.renewal_date};
	return render_contract(r, 200, &k, &kf);
}

/* POST /console/contracts/:id */
int
page_console_cadm_contract_save(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct cadm_contract k;
	int found = contract_of_path(r, db, &k);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct dom d;
	web_dom(r, &d);
	struct kform kf;
	struct contract_in in;
	read_contract(r, &kf, &in);
	int st = contract_update(&d, k.id, &in);
	if (st == DOM_INVALID) {
		contract_errors(r, &d, &kf);
		return render_contract(r, 422, &k, &kf);
	}
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(
	    r, arena_printf(r->a, "/console/customers/%lld?saved=1", (long long)k.customer_id));
}

/* --- the services' portals --- */

static int
render_services(struct req *r, int status, int64_t err_id, const char *err_value, const char *error)
{
	struct db *db = db_thread();
	struct cadm_service *svcs;
	int ns = cadm_services(db, r->a, &svcs);
	if (ns < 0)
		return 500;
	struct page p = {.title = T(r, "Links to the services' portals"),
	                 .menu = "console-customers"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/console/customers", T(r, "Customers and contracts"));
	if (error)
		form_alert(r, ALERT_ERROR,
		           T(r, "Check the fields marked below. Nothing was saved."), false);
	else if (fields_first_flag(r, saved_decl, 1) == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The changes have been saved."), true);
	html_lit(b, "<p class=\"muted\">");
	html_text(b, T(r, "Home links each customer to the portals of the services it subscribes "
	                  "to. Leave the address empty for a service without a portal."));
	html_lit(b, "</p><p><a class=\"btn btn-primary\" href=\"/console/services/new\">");
	html_text(b, T(r, "New service"));
	html_lit(b, "</a></p>");
	for (int i = 0; i < ns; i++) {
		const char *name = r->lang == LANG_EN ? svcs[i].name_en : svcs[i].name_ja;
		bool bad = err_id == svcs[i].id;
		html_lit(b, "<form class=\"card form\" method=\"post\"");
		html_attr(b, "action",
		          arena_printf(r->a, "/console/services/%lld", (long long)svcs[i].id));
		html_lit(b, "><h2>");
		html_text(b, name);
		html_lit(b, "</h2>");
		form_csrf(r);
		form_field(r, &(struct field){
		                  .name = arena_printf(r->a, "portal-%lld", (long long)svcs[i].id),
		                  .label = T(r, "Portal address (https://…)"),
		                  .value = bad ? err_value : svcs[i].portal_url,
		                  .error = bad ? error : NULL,
		                  .type = "url",
		                  .autocomplete = "off",
		                  .maxlength = SERVICE_PORTAL_MAX});
		html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" "
		            "type=\"submit\">");
		html_text(b, T(r, "Save"));
		html_lit(b, "</button></div><dl class=\"kv\">");
		sla_target_rows(r, svcs[i].response_target_min, svcs[i].resolution_target_min);
		html_lit(b, "</dl><p><a");
		html_attr(
		    b, "href",
		    arena_printf(r->a, "/console/services/%lld/levels", (long long)svcs[i].id));
		html_lit(b, ">");
		html_text(b, T(r, "Set the service levels"));
		html_lit(b, "</a></p></form>");
	}
	layout_end(r);
	return status;
}

/* GET /console/services */
int
page_console_cadm_services(struct req *r)
{
	return render_services(r, 200, 0, NULL, NULL);
}

/* POST /console/services/:id */
int
page_console_cadm_service_save(struct req *r)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return 404;
	struct dom d;
	web_dom(r, &d);
	/* The field is named after the service, so that each form of the page has its own. */
	const struct field_decl portal_decl = {
	    .name = arena_printf(r->a, "portal-%lld", (long long)id), .kind = FIELD_LINE};
	struct field_value v;
	fields_read(r, FROM_FORM, &portal_decl, 1, NULL, &v);
	const char *url = v.text;
	int st = service_portal_set(&d, id, url);
	if (st == DOM_INVALID)
		return render_services(r, 422, id, url, web_error(r, &d, "portal"));
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, "/console/services?saved=1");
}
