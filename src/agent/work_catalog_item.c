/*
 * A work item in the console (provider admins): the form of a new item and
 * of an existing one (service, name and description in both languages,
 * point cost), its move, retirement and restoration, and the item page
 * with its form fields. Bad input is answered next to its field with what
 * was typed, and changes nothing. The rules are work/catalog.h's.
 */
#include "agent/console.h"
#include "agent/work_catalog.h"
#include "core/arena.h"
#include "http/parse.h"
#include "http/request.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"
#include "work/catalog.h"

#include <string.h>

static const char *
err(struct req *r, const struct dom *d, const char *field)
{
	return d ? web_error(r, d, field) : NULL;
}

static void
item_fields(struct req *r, const struct iform *f, const struct dom *d,
            const struct cadm_service *svcs, int ns)
{
	const char **vals = arena_alloc(r->a, (size_t)(ns + 1) * sizeof(char *));
	const char **labs = arena_alloc(r->a, (size_t)(ns + 1) * sizeof(char *));
	for (int i = 0; i < ns; i++) {
		vals[i] = arena_printf(r->a, "%lld", (long long)svcs[i].id);
		labs[i] = catalog_pick(r, svcs[i].name_ja, svcs[i].name_en);
	}
	form_select_error(r, "service", T(r, "Service"), vals, labs, ns, f->service,
	                  err(r, d, "service"));
	form_field(r, &(struct field){.name = "name_ja",
	                              .label = T(r, "Name (Japanese)"),
	                              .value = f->name_ja,
	                              .error = err(r, d, "name_ja"),
	                              .hint = T(r, "Without the number: it follows the order."),
	                              .autocomplete = "off",
	                              .maxlength = CATALOG_NAME_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "name_en",
	                              .label = T(r, "Name (English)"),
	                              .value = f->name_en,
	                              .error = err(r, d, "name_en"),
	                              .autocomplete = "off",
	                              .maxlength = CATALOG_NAME_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "description_ja",
	                              .label = T(r, "Description (Japanese)"),
	                              .type = "textarea",
	                              .value = f->desc_ja,
	                              .error = err(r, d, "description_ja"),
	                              .maxlength = CATALOG_DESC_MAX});
	form_field(r, &(struct field){.name = "description_en",
	                              .label = T(r, "Description (English)"),
	                              .type = "textarea",
	                              .value = f->desc_en,
	                              .error = err(r, d, "description_en"),
	                              .maxlength = CATALOG_DESC_MAX});
	form_field(r, &(struct field){.name = "points",
	                              .label = T(r, "Points"),
	                              .type = "number",
	                              .value = f->points,
	                              .error = err(r, d, "points"),
	                              .hint = T(r, "The points one request of this item costs."),
	                              .autocomplete = "off",
	                              .required = true});
}

static const struct field_decl points_decl[] = {
    {.name = "points",
     .kind = FIELD_INT,
     .required = true,
     .min = 0,
     .max = CATALOG_POINTS_MAX,
     .msgid = N_("Enter a whole number from 0 to 100000.")},
};

/* The item's texts, judged by the catalog's rules (work/catalog.h) with their messages. */
enum { I_SERVICE, I_NAME_JA, I_NAME_EN, I_DESC_JA, I_DESC_EN };
static const struct field_decl text_decl[] = {
    [I_SERVICE] = {.name = "service", .kind = FIELD_LINE},
    [I_NAME_JA] = {.name = "name_ja", .kind = FIELD_LINE},
    [I_NAME_EN] = {.name = "name_en", .kind = FIELD_LINE},
    [I_DESC_JA] = {.name = "description_ja", .kind = FIELD_TEXT},
    [I_DESC_EN] = {.name = "description_en", .kind = FIELD_TEXT},
};

/* Reads the item form: the values as typed into f, the operation's input into in. */
static void
read_item(struct req *r, struct dom *d, struct iform *f, struct work_item_input *in)
{
	struct field_value v[FIELDS_N(text_decl)], pts;
	fields_read(r, FROM_FORM, text_decl, FIELDS_N(text_decl), NULL, v);
	f->service = v[I_SERVICE].text;
	f->name_ja = v[I_NAME_JA].text;
	f->name_en = v[I_NAME_EN].text;
	f->desc_ja = v[I_DESC_JA].text;
	f->desc_en = v[I_DESC_EN].text;
	memset(in, 0, sizeof(*in));
	if (parse_id(f->service, &in->service_id) != 0)
		in->service_id = 0;
	in->name_ja = f->name_ja;
	in->name_en = f->name_en;
	in->description_ja = f->desc_ja;
	in->description_en = f->desc_en;
	in->points = fields_read(r, FROM_FORM, points_decl, 1, d, &pts) ? -1 : (int)pts.num;
	f->points = pts.text;
}

static int
render_new_item(struct req *r, int status, const struct iform *f, const struct dom *d)
{
	struct cadm_service *svcs;
	int ns = cadm_services(db_thread(), r->a, &svcs);
	if (ns < 0)
		return 500;
	struct page p = {.title = T(r, "New work item"), .menu = "console-catalog"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/console/catalog", T(r, "Work catalog"));
	catalog_saved_or_error(r, status);
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/console/catalog/new\">");
	form_csrf(r);
	form_required_legend(r);
	item_fields(r, f, d, svcs, ns);
	form_submit(r, T(r, "Create"));
	layout_end(r);
	return status;
}

/* GET /console/catalog/new */
int
page_console_catalog_new_form(struct req *r)
{
	struct iform f = {.service = "",
	                  .name_ja = "",
	                  .name_en = "",
	                  .desc_ja = "",
	                  .desc_en = "",
	                  .points = "0"};
	return render_new_item(r, 200, &f, NULL);
}

/* POST /console/catalog/new */
int
page_console_catalog_create(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct iform f;
	struct work_item_input in;
	read_item(r, &d, &f, &in);
	int64_t id = 0;
	int st = catalog_item_create(&d, &in, &id);
	if (st == DOM_INVALID)
		return render_new_item(r, 422, &f, &d);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "/console/catalog/%lld?saved=1", (long long)id));
}

/* --- the item page --- */

static void
fields_table(struct req *r, const struct work_item *it, const struct work_field *wf, int n)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, T(r, "Form fields"));
	html_lit(b, "</h2>");
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "This item asks no questions yet."));
		html_lit(b, "</p></section>");
		return;
	}
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", T(r, "Form fields"));
	html_lit(b, "><table class=\"table\"><thead><tr>");
	listing_th(r, N_("Question"));
	listing_th(r, N_("Kind"));
	listing_th(r, N_("Required"));
	listing_th(r, N_("State"));
	listing_th(r, N_("Order"));
	listing_th(r, N_("Actions"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const char *base = arena_printf(r->a, "/console/catalog/%lld/fields/%lld",
		                                (long long)it->id, (long long)wf[i].id);
		html_lit(b, "<tr><td><a");
		html_attr(b, "href", base);
		html_lit(b, ">");
		html_text(b, catalog_pick(r, wf[i].label_ja, wf[i].label_en));
		html_lit(b, "</a></td><td>");
		html_text(b, T(r, catalog_kind_labels[wf[i].kind]));
		html_lit(b, "</td><td>");
		html_text(b, wf[i].required ? T(r, "Yes") : T(r, "No"));
		html_lit(b, "</td><td>");
		html_text(b, catalog_state_text(r, wf[i].retired));
		html_lit(b, "</td>");
		catalog_row_actions(r, base, i == 0, i == n - 1, wf[i].retired);
		html_lit(b, "</tr>");
	}
	html_lit(b, "</tbody></table></div></section>");
}

int
catalog_render_item(struct req *r, int status, const struct work_item *it, const struct iform *f,
                    const struct dom *fd, const struct fform *ff, const struct dom *ffd)
{
	struct db *db = db_thread();
	struct cadm_service *svcs;
	struct work_field *wf;
	int ns = cadm_services(db, r->a, &svcs);
	int nf = work_fields_of(db, it->id, true, r->a, &wf);
	if (ns < 0 || nf < 0)
		return 500;
	struct page p = {
	    .title = work_item_label(r->a, it->position, catalog_pick(r, it->name_ja, it->name_en)),
	    .menu = "console-catalog"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/console/catalog", T(r, "Work catalog"));
	catalog_saved_or_error(r, status);
	if (it->retired)
		form_alert(r, ALERT_INFO, T(r, "This item is retired: customers do not see it."),
		           false);
	const char *base = arena_printf(r->a, "/console/catalog/%lld", (long long)it->id);
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", base);
	html_lit(b, "><h2>");
	html_text(b, T(r, "Work item"));
	html_lit(b, "</h2>");
	form_csrf(r);
	form_required_legend(r);
	item_fields(r, f, fd, svcs, ns);
	form_submit(r, T(r, "Save"));
	fields_table(r, it, wf, nf);
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "%s/fields", base));
	html_lit(b, "><h2>");
	html_text(b, T(r, "Add a field"));
	html_lit(b, "</h2>");
	form_csrf(r);
	catalog_field_inputs(r, ff, ffd);
	form_submit(r, T(r, "Add"));
	layout_end(r);
	return status;
}

struct iform
catalog_iform_of(struct req *r, const struct work_item *it)
{
	return (struct iform){.service = arena_printf(r->a, "%lld", (long long)it->service_id),
	                      .name_ja = it->name_ja,
	                      .name_en = it->name_en,
	                      .desc_ja = it->description_ja,
	                      .desc_en = it->description_en,
	                      .points = arena_printf(r->a, "%d", it->points)};
}

/* The item of the URL for d's actor: DOM_OK, or why not. */
static int
item_of_path(struct req *r, struct dom *d, struct work_item *it)
{
	int64_t id;
	if (catalog_path_id(r, 0, &id) != 0)
		return DOM_NOT_FOUND;
	return catalog_item_find(d, id, it);
}

/* GET /console/catalog/:id */
int
page_console_catalog_item(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct work_item it;
	int st = item_of_path(r, &d, &it);
	if (st != DOM_OK)
		return web_status(st);
	struct iform f = catalog_iform_of(r, &it);
	return catalog_render_item(r, 200, &it, &f, NULL, &catalog_empty_field, NULL);
}

/* POST /console/catalog/:id */
int
page_console_catalog_item_save(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct work_item it;
	int st = item_of_path(r, &d, &it);
	if (st != DOM_OK)
		return web_status(st);
	struct iform f;
	struct work_item_input in;
	read_item(r, &d, &f, &in);
	st = catalog_item_save(&d, it.id, &in);
	if (st == DOM_INVALID)
		return catalog_render_item(r, 422, &it, &f, &d, &catalog_empty_field, NULL);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r,
	                    arena_printf(r->a, "/console/catalog/%lld?saved=1", (long long)it.id));
}

/* POST /console/catalog/:id/move (dir=up|down) */
int
page_console_catalog_item_move(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct work_item it;
	bool up;
	int st = item_of_path(r, &d, &it);
	if (st != DOM_OK)
		return web_status(st);
	if (catalog_dir_up(r, &up) != 0)
		return 400;
	st = catalog_item_move(&d, it.id, up);
	return st != DOM_OK ? web_status(st) : req_redirect(r, "/console/catalog?saved=1");
}

static int
item_set_retired(struct req *r, bool retired)
{
	struct dom d;
	web_dom(r, &d);
	int64_t id;
	if (catalog_path_id(r, 0, &id) != 0)
		return 404;
	int st = catalog_item_retire(&d, id, retired);
	return st != DOM_OK ? web_status(st) : req_redirect(r, "/console/catalog?saved=1");
}

/* POST /console/catalog/:id/retire */
int
page_console_catalog_item_retire(struct req *r)
{
	return item_set_retired(r, true);
}

/* POST /console/catalog/:id/restore */
int
page_console_catalog_item_restore(struct req *r)
{
	return item_set_retired(r, false);
}
