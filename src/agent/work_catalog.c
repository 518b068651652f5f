/*
 * The work catalog in the console (provider admins, SPEC §5): the list of
 * the work items of each service in their order — which is also the "N."
 * number customers see — and the row buttons the item and field pages
 * share. The item page is in work_catalog_item.c, the field pages in
 * work_catalog_field.c; the rules are the catalog operations'
 * (work/catalog.h).
 */
#include "agent/console.h"
#include "agent/work_catalog.h"
#include "core/arena.h"
#include "http/parse.h"
#include "http/request.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"

#include <string.h>

const char *
catalog_pick(struct req *r, const char *ja, const char *en)
{
	return r->lang == LANG_EN ? en : ja;
}

static const struct field_decl saved_decl[] = {{.name = "saved", .kind = FIELD_BOOL}};

void
catalog_saved_or_error(struct req *r, int status)
{
	if (status >= 400)
		form_alert(r, ALERT_ERROR,
		           T(r, "Check the fields marked below. Nothing was saved."), false);
	else if (fields_first_flag(r, saved_decl, 1) == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The changes have been saved."), true);
}

/* A small POST form with one button (move, retire, restore). */
static void
button_form(struct req *r, const char *action, const char *name, const char *value,
            const char *label, const char *aria_label, bool disabled)
{
	struct buf *b = &r->out;
	html_lit(b, "<form method=\"post\" class=\"inline-form\"");
	html_attr(b, "action", action);
	html_lit(b, ">");
	form_csrf(r);
	if (name)
		form_hidden(r, name, value);
	html_lit(b, "<button type=\"submit\" class=\"btn btn-secondary\"");
	if (aria_label)
		html_attr(b, "aria-label", aria_label);
	if (disabled)
		html_lit(b, " disabled");
	html_lit(b, ">");
	html_text(b, label);
	html_lit(b, "</button></form>");
}

void
catalog_row_actions(struct req *r, const char *base, bool first, bool last, bool retired)
{
	struct buf *b = &r->out;
	html_lit(b, "<td>");
	button_form(r, arena_printf(r->a, "%s/move", base), "dir", "up", "▲", T(r, "Move up"),
	            first);
	html_lit(b, " ");
	button_form(r, arena_printf(r->a, "%s/move", base), "dir", "down", "▼", T(r, "Move down"),
	            last);
	html_lit(b, "</td><td>");
	if (retired)
		button_form(r, arena_printf(r->a, "%s/restore", base), NULL, NULL, T(r, "Restore"),
		            NULL, false);
	else
		button_form(r, arena_printf(r->a, "%s/retire", base), NULL, NULL, T(r, "Retire"),
		            NULL, false);
	html_lit(b, "</td>");
}

const char *
catalog_state_text(struct req *r, bool retired)
{
	return retired ? T(r, "Retired") : T(r, "Offered");
}

static const char *const dir_choices[] = {"up", "down", NULL};
static const struct field_decl dir_decl[] = {
    {.name = "dir", .kind = FIELD_CHOICE, .required = true, .choices = dir_choices},
};

int
catalog_dir_up(struct req *r, bool *up)
{
	struct field_value v;
	if (fields_read(r, FROM_FORM, dir_decl, 1, NULL, &v) > 0)
		return -1;
	*up = v.choice == 0;
	return 0;
}

int
catalog_path_id(struct req *r, int i, int64_t *id)
{
	return parse_id(r->pp[i], id);
}

/* --- the catalog --- */

static void
service_items(struct req *r, const struct cadm_service *s, const struct work_item *it, int n)
{
	struct buf *b = &r->out;
	const char *name = catalog_pick(r, s->name_ja, s->name_en);
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, name);
	html_lit(b, "</h2>");
	int first = -1, last = -1;
	for (int i = 0; i < n; i++)
		if (it[i].service_id == s->id) {
			if (first < 0)
				first = i;
			last = i;
		}
	if (first < 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "No work items for this service yet."));
		html_lit(b, "</p></section>");
		return;
	}
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", name);
	html_lit(b, "><table class=\"table\"><thead><tr>");
	listing_th(r, N_("Work item"));
	listing_th(r, N_("Points"));
	listing_th(r, N_("State"));
	listing_th(r, N_("Order"));
	listing_th(r, N_("Actions"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = first; i <= last; i++) {
		if (it[i].service_id != s->id)
			continue;
		const char *base = arena_printf(r->a, "/console/catalog/%lld", (long long)it[i].id);
		html_lit(b, "<tr><td><a");
		html_attr(b, "href", base);
		html_lit(b, ">");
		html_text(b, work_item_label(r->a, it[i].position,
		                             catalog_pick(r, it[i].name_ja, it[i].name_en)));
		html_lit(b, "</a></td><td>");
		html_int(b, it[i].points);
		html_lit(b, "</td><td>");
		html_text(b, catalog_state_text(r, it[i].retired));
		html_lit(b, "</td>");
		catalog_row_actions(r, base, i == first, i == last, it[i].retired);
		html_lit(b, "</tr>");
	}
	html_lit(b, "</tbody></table></div></section>");
}

/* GET /console/catalog */
int
page_console_catalog(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct cadm_service *svcs;
	struct work_item *it;
	int ns = cadm_services(db, r->a, &svcs);
	int n = work_items_all(db, r->a, &it);
	if (ns < 0 || n < 0)
		return 500;
	struct page p = {.title = T(r, "Work catalog"), .menu = "console-catalog"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, NULL, NULL);
	catalog_saved_or_error(r, 200);
	html_lit(b, "<p class=\"muted\">");
	html_text(b, T(r, "Customers see the offered items of the services they have a contract "
	                  "for, numbered in this order. Retired items are hidden from them; past "
	                  "requests keep what they said."));
	html_lit(b, "</p><p class=\"actions\"><a class=\"btn btn-primary\" "
	            "href=\"/console/catalog/new\">");
	html_text(b, T(r, "New work item"));
	html_lit(b, "</a></p>");
	for (int i = 0; i < ns; i++)
		service_items(r, &svcs[i], it, n);
	layout_end(r);
	return 200;
}
