/*
 * A new service in the console (provider admins): its code, its name in
 * both languages, whether its work requests are paid in points, and the
 * address of its own portal. Contracts then name it. The rules are
 * customers/customers.h: service_create.
 */
#include "agent/console.h"
#include "core/arena.h"
#include "customers/customers.h"
#include "http/request.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

static const struct field_decl service_fields[] = {
    {.name = "code", .kind = FIELD_LINE, .max_chars = SERVICE_CODE_MAX},
    {.name = "name_ja", .kind = FIELD_LINE, .max_chars = SERVICE_NAME_MAX},
    {.name = "name_en", .kind = FIELD_LINE, .max_chars = SERVICE_NAME_MAX},
    {.name = "portal", .kind = FIELD_LINE, .max_chars = SERVICE_PORTAL_MAX},
    {.name = "has_points", .kind = FIELD_BOOL},
};

static const char *
err(struct req *r, const struct dom *d, const char *field)
{
	return d ? web_error(r, d, field) : NULL;
}

static int
render(struct req *r, int status, const struct service_in *f, const struct dom *d)
{
	struct page p = {.title = T(r, "New service"), .menu = "console-customers"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/console/services", T(r, "Links to the services' portals"));
	if (d)
		form_alert(r, ALERT_ERROR,
		           T(r, "Check the fields marked below. Nothing was saved."), false);
	form_required_legend(r);
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/console/services/new\">");
	form_csrf(r);
	form_field(r, &(struct field){.name = "code",
	                              .label = T(r, "Code"),
	                              .value = f->code,
	                              .error = err(r, d, "code"),
	                              .hint = T(r, "A stable key of lower-case letters, digits and "
	                                           "hyphens, e.g. cspm."),
	                              .autocomplete = "off",
	                              .maxlength = SERVICE_CODE_MAX,
	                              .required = true,
	                              .autofocus = !d});
	form_field(r, &(struct field){.name = "name_ja",
	                              .label = T(r, "Name (Japanese)"),
	                              .value = f->name_ja,
	                              .error = err(r, d, "name_ja"),
	                              .autocomplete = "off",
	                              .maxlength = SERVICE_NAME_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "name_en",
	                              .label = T(r, "Name (English)"),
	                              .value = f->name_en,
	                              .error = err(r, d, "name_en"),
	                              .autocomplete = "off",
	                              .maxlength = SERVICE_NAME_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "portal",
	                              .label = T(r, "Address of the service's portal"),
	                              .type = "url",
	                              .value = f->portal_url,
	                              .error = err(r, d, "portal"),
	                              .hint = T(r, "Optional; starts with https://."),
	                              .autocomplete = "off",
	                              .maxlength = SERVICE_PORTAL_MAX});
	form_checkbox(r, "has_points", T(r, "Work requests are paid in points"), f->has_points);
	form_submit(r, T(r, "Create"));
	layout_end(r);
	return status;
}

/* GET /console/services/new */
int
page_console_service_new_form(struct req *r)
{
	struct service_in f = {.code = "", .name_ja = "", .name_en = "", .portal_url = ""};
	return render(r, 200, &f, NULL);
}

/* POST /console/services/new */
int
page_console_service_create(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(service_fields)];
	fields_read(r, FROM_FORM, service_fields, FIELDS_N(service_fields), &d, v);
	struct service_in in = {.code = v[0].text,
	                        .name_ja = v[1].text,
	                        .name_en = v[2].text,
	                        .portal_url = v[3].text,
	                        .has_points = v[4].num != 0};
	int64_t id = 0;
	/* The operation adds its errors to those of the fields: every error at once. */
	int st = service_create(&d, &in, &id);
	if (st == DOM_INVALID)
		return render(r, 422, &in, &d);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, "/console/services?saved=1");
}
