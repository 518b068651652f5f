/*
 * Home (ホーム): a tile per feature the user may use, each with its one-line
 * description, then the links to the portals of the customer's services.
 */
#include "http/request.h"
#include "pages/pages.h"
#include "store/customers.h"
#include "store/db.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/menu.h"

#include <string.h>

static void
write_tile(struct req *r, const char *href, const char *label, const char *desc)
{
	struct buf *b = &r->out;
	html_lit(b, "<a class=\"tile\"");
	html_attr_url(b, "href", href);
	html_lit(b, "><span class=\"tile-title\">");
	html_text(b, T(r, label));
	html_lit(b, "</span><span class=\"tile-desc\">");
	html_text(b, T(r, desc));
	html_lit(b, "</span></a>");
}

/* Whether an item of group was shown before index i (its group tile is then out). */
static bool
group_seen(struct req *r, const char *group, size_t i)
{
	for (size_t k = 0; k < i; k++)
		if (menu_items[k].group && strcmp(menu_items[k].group, group) == 0 &&
		    menu_shown(&menu_items[k], r))
			return true;
	return false;
}

/*
 * The tiles of group's items, or, for home (group NULL), the top-level
 * items and one tile per group that has a page of its own.
 */
static void
write_tiles(struct req *r, const char *group)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"tiles\"");
	html_attr(b, "aria-label", T(r, "Menu"));
	html_lit(b, ">");
	for (size_t i = 0; i < menu_count; i++) {
		const struct menu_item *m = &menu_items[i];
		if (!menu_shown(m, r))
			continue;
		const struct menu_group *g = group ? NULL : menu_group_of(m->group);
		if (group) {
			if (m->group && strcmp(m->group, group) == 0)
				write_tile(r, m->href, m->label, m->desc);
		} else if (g) {
			if (!group_seen(r, m->group, i))
				write_tile(r, g->href, g->label, g->desc);
		} else {
			write_tile(r, m->href, m->label, m->desc);
		}
	}
	html_lit(b, "</section>");
}

/* Links to the portals of the services the customer subscribes to. */
static int
write_service_links(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return -1;
	struct contract *cs;
	int n = contracts_of_customer(db, r->user->customer_id, r->a, &cs);
	if (n < 0)
		return -1;
	int with_portal = 0;
	for (int i = 0; i < n; i++)
		with_portal += *cs[i].portal_url != '\0';
	if (!with_portal)
		return 0;
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"service-links card\"><h2>");
	html_text(b, T(r, "Portals of your services"));
	html_lit(b, "</h2><ul>");
	for (int i = 0; i < n; i++) {
		if (!*cs[i].portal_url)
			continue;
		html_lit(b, "<li><a rel=\"noopener\"");
		html_attr_url(b, "href", cs[i].portal_url);
		html_lit(b, ">");
		html_text(b, r->lang == LANG_EN ? cs[i].service_en : cs[i].service_ja);
		html_lit(b, "</a></li>");
	}
	html_lit(b, "</ul></section>");
	return 0;
}

int
page_home(struct req *r)
{
	struct page p = {.title = T(r, "Home"), .menu = NULL};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (announcements_home(r) != 0) /* knowledge: banners and current announcements */
		return 500;
	write_tiles(r, NULL);
	if (r->user->customer_id && write_service_links(r) != 0)
		return 500;
	layout_end(r);
	return 200;
}

/* アカウント管理: the tiles of the account management menu (guide 4.11). */
int
page_account_menu(struct req *r)
{
	const struct menu_group *g = &menu_groups[0];
	struct page p = {.title = T(r, g->label), .menu = NULL};
	layout_begin(r, &p);
	layout_heading(r, p.title, "/", T(r, "Home"));
	write_tiles(r, g->label);
	layout_end(r);
	return 200;
}
