/*
 * Service-level targets in the console (provider admins): the first
 * response and resolution targets of a service, and a contract's own
 * targets that override its service's. The rules are
 * cases/service_levels.h (sla_service_set, sla_contract_set); bad input is
 * answered next to its field with what was typed, and changes nothing.
 */
#include "agent/console.h"
#include "cases/service_levels.h"
#include "core/arena.h"
#include "http/request.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "views/service_levels.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

/* The two targets as typed; their rules and messages are the operation's. */
enum { L_RESPONSE, L_RESOLUTION, L__MAX };
static const struct field_decl levels_decl[L__MAX] = {
    [L_RESPONSE] = {.name = "response_target", .kind = FIELD_LINE, .max_chars = 8},
    [L_RESOLUTION] = {.name = "resolution_target", .kind = FIELD_LINE, .max_chars = 8},
};

struct lform {
	const char *title, *back, *back_label, *action, *note;
	const char *response, *resolution; /* as the fields show them */
	const struct dom *d;               /* the refusal, or NULL */
};

static const char *
err(struct req *r, const struct lform *f, const char *field)
{
	return f->d ? web_error(r, f->d, field) : NULL;
}

static int
render(struct req *r, int status, const struct lform *f)
{
	struct page p = {.title = f->title, .menu = "console-customers"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, f->back, f->back_label);
	if (f->d)
		form_alert(r, ALERT_ERROR,
		           T(r, "Check the fields marked below. Nothing was saved."), false);
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", f->action);
	html_lit(b, "><p class=\"muted\">");
	html_text(b, f->note);
	html_lit(b, "</p>");
	form_csrf(r);
	const char *hint = T(r, "Hours, or hours and minutes: 4, 0:30, 72. Counted around the "
	                        "clock; paused while the case waits for the customer.");
	form_field(r, &(struct field){.name = "response_target",
	                              .label = T(r, "First response target"),
	                              .value = f->response,
	                              .error = err(r, f, "response_target"),
	                              .hint = hint,
	                              .autocomplete = "off",
	                              .maxlength = 8,
	                              .autofocus = true});
	form_field(r, &(struct field){.name = "resolution_target",
	                              .label = T(r, "Resolution target"),
	                              .value = f->resolution,
	                              .error = err(r, f, "resolution_target"),
	                              .hint = hint,
	                              .autocomplete = "off",
	                              .maxlength = 8});
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Save"));
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return status;
}

/* The service of the URL: 1 found, 0 not, -1 error. */
static int
service_of_path(struct req *r, struct cadm_service *out)
{
	int64_t id = req_path_id(r, 0);
	return id ? cadm_service_get(db_thread(), id, r->a, out) : 0;
}

static struct lform
service_form(struct req *r, const struct cadm_service *s)
{
	return (struct lform){
	    .title = arena_printf(r->a, "%s: %s", T(r, "Service levels"),
	                          r->lang == LANG_EN ? s->name_en : s->name_ja),
	    .back = "/console/services",
	    .back_label = T(r, "Links to the services' portals"),
	    .action = arena_printf(r->a, "/console/services/%lld/levels", (long long)s->id),
	    .note =
	        T(r, "The targets of every contract for this service, unless a contract has "
	             "its own. Empty: no target. Cases keep the targets they were opened with."),
	    .response = sla_target_field(r, s->response_target_min),
	    .resolution = sla_target_field(r, s->resolution_target_min)};
}

/* GET /console/services/:id/levels */
int
page_console_service_levels(struct req *r)
{
	struct cadm_service s;
	int found = service_of_path(r, &s);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct lform f = service_form(r, &s);
	return render(r, 200, &f);
}

typedef int (*levels_set)(struct dom *d, int64_t id, const char *response, const char *resolution);

/*
 * A POST of either form: set saves the targets of id; a refusal shows form f
 * again with what was typed and the errors, success goes to done.
 */
static int
levels_save(struct req *r, struct lform *f, levels_set set, int64_t id, const char *done)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[L__MAX];
	fields_read(r, FROM_FORM, levels_decl, L__MAX, NULL, v);
	int st = set(&d, id, v[L_RESPONSE].text, v[L_RESOLUTION].text);
	if (st == DOM_INVALID) {
		f->response = v[L_RESPONSE].text;
		f->resolution = v[L_RESOLUTION].text;
		f->d = &d;
		return render(r, 422, f);
	}
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, done);
}

/* POST /console/services/:id/levels */
int
page_console_service_levels_save(struct req *r)
{
	struct cadm_service s;
	int found = service_of_path(r, &s);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct lform f = service_form(r, &s);
	return levels_save(r, &f, sla_service_set, s.id, "/console/services?saved=1");
}

static int
contract_of_path(struct req *r, struct cadm_contract *k)
{
	int64_t id = req_path_id(r, 0);
	return id ? cadm_contract_get(db_thread(), id, r->a, k) : 0;
}

static struct lform
contract_form(struct req *r, const struct cadm_contract *k)
{
	return (struct lform){
	    .title = arena_printf(r->a, "%s: %s %s", T(r, "Service levels"), k->customer_number,
	                          r->lang == LANG_EN ? k->service_en : k->service_ja),
	    .back = arena_printf(r->a, "/console/contracts/%lld", (long long)k->id),
	    .back_label = k->customer_name,
	    .action = arena_printf(r->a, "/console/contracts/%lld/levels", (long long)k->id),
	    .note = T(r, "This contract's own targets. Empty: the service's targets apply."),
	    .response = sla_target_field(r, k->response_target_min),
	    .resolution = sla_target_field(r, k->resolution_target_min)};
}

/* GET /console/contracts/:id/levels */
int
page_console_contract_levels(struct req *r)
{
	struct cadm_contract k;
	int found = contract_of_path(r, &k);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct lform f = contract_form(r, &k);
	return render(r, 200, &f);
}

/* POST /console/contracts/:id/levels */
int
page_console_contract_levels_save(struct req *r)
{
	struct cadm_contract k;
	int found = contract_of_path(r, &k);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct lform f = contract_form(r, &k);
	return levels_save(
	    r, &f, sla_contract_set, k.id,
	    arena_printf(r->a, "/console/customers/%lld?saved=1", (long long)k.customer_id));
}
