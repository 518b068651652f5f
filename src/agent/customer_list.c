/*
 * The customers as a paged table, 50 a page: the console's home for every
 * member of staff, and — with the links to each customer and the buttons to
 * add one — the page where provider admins manage them.
 */
#include "agent/console.h"
#include "core/arena.h"
#include "http/request.h"
#include "store/customers.h"
#include "store/db.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"

#define PER_PAGE 50

static void
actions(struct req *r)
{
	struct buf *b = &r->out;
	static const struct field_decl saved_decl[] = {{.name = "saved", .kind = FIELD_BOOL}};
	if (fields_first_flag(r, saved_decl, 1) == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The changes have been saved."), true);
	html_lit(b, "<p class=\"actions\"><a class=\"btn btn-primary\" "
	            "href=\"/console/customers/new\">");
	html_text(b, T(r, "New customer"));
	html_lit(b, "</a> <a class=\"btn btn-secondary\" href=\"/console/services\">");
	html_text(b, T(r, "Links to the services' portals"));
	html_lit(b, "</a></p>");
}

static void
row(struct req *r, const struct customer_row *c, bool manage)
{
	struct buf *b = &r->out;
	html_lit(b, "<tr><td>");
	html_text(b, c->number);
	html_lit(b, "</td><td>");
	if (manage) {
		html_lit(b, "<a");
		html_attr(b, "href",
		          arena_printf(r->a, "/console/customers/%lld", (long long)c->id));
		html_lit(b, ">");
	}
	html_text(b, c->name);
	if (manage)
		html_lit(b, "</a>");
	html_lit(b, "</td><td>");
	html_int(b, c->contracts);
	html_lit(b, "</td><td>");
	html_int(b, c->users);
	html_lit(b, "</td></tr>");
}

static int
customer_list(struct req *r, bool manage)
{
	int64_t page = listing_page(r);
	struct db *db = db_thread();
	if (!db)
		return 500;
	int64_t total = customers_count(db);
	struct customer_row *rows;
	int n = customers_page(db, PER_PAGE, (page - 1) * PER_PAGE, r->a, &rows);
	if (total < 0 || n < 0)
		return 500;
	struct page p = {.title = manage ? T(r, "Customers and contracts") : T(r, "Customers"),
	                 .menu = manage ? "console-customers" : "console"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, NULL, NULL);
	if (manage)
		actions(r);
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", p.title);
	html_lit(b, "><table class=\"table\"><thead><tr>");
	listing_th(r, N_("Customer number"));
	listing_th(r, N_("Contract holder"));
	listing_th(r, N_("Contracts"));
	listing_th(r, N_("Users"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++)
		row(r, &rows[i], manage);
	html_lit(b, "</tbody></table></div>");
	listing_pager(r, manage ? "/console/customers?" : "/console?", page, PER_PAGE, total);
	layout_end(r);
	return 200;
}

/* GET /console: every member of staff starts here. */
int
page_console_customers(struct req *r)
{
	return customer_list(r, false);
}

/* GET /console/customers: provider admins manage the customers from here. */
int
page_console_cadm_customers(struct req *r)
{
	return customer_list(r, true);
}
