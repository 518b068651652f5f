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

static void
write_tiles(struct req *r)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"tiles\"");
	html_attr(b, "aria-label", T(r, "Menu"));
	html_lit(b, ">");
	for (size_t i = 0; i < menu_count; i++) {
		const struct menu_item *m = &menu_items[i];
		if (!menu_shown(m, r))
			continue;
		html_lit(b, "<a class=\"tile\"");
		html_attr_url(b, "href", m->href);
		html_lit(b, "><span class=\"tile-title\">");
		html_text(b, T(r, m->label));
		html_lit(b, "</span><span class=\"tile-desc\">");
		html_text(b, T(r, m->desc));
		html_lit(b, "</span></a>");
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
	write_tiles(r);
	if (r->user->customer_id && write_service_links(r) != 0)
		return 500;
	layout_end(r);
	return 200;
}
