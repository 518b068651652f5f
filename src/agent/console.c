/*
 * The provider console's customer list: every customer with its number,
 * name, and how many contracts and users it has, by page of 50.
 */
#include "core/arena.h"
#include "http/request.h"
#include "agent/console.h"
#include "store/customers.h"
#include "store/db.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"

#define PER_PAGE 50

int
page_console_customers(struct req *r)
{
	int64_t page = 1;
	const char *ps = req_query(r, "page");
	if (ps && (parse_id(ps, &page) != 0 || page > 1000000))
		page = 1;
	struct db *db = db_thread();
	if (!db)
		return 500;
	int64_t total = customers_count(db);
	struct customer_row *rows;
	int n = customers_page(db, PER_PAGE, (page - 1) * PER_PAGE, r->a, &rows);
	if (total < 0 || n < 0)
		return 500;
	struct page p = {.title = T(r, "Customers"), .menu = "console"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1><div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", p.title);
	html_lit(b, "><table class=\"table\"><thead><tr>");
	listing_th(r, N_("Customer number"));
	listing_th(r, N_("Contract holder"));
	listing_th(r, N_("Contracts"));
	listing_th(r, N_("Users"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<tr><td>");
		html_text(b, rows[i].number);
		html_lit(b, "</td><td>");
		html_text(b, rows[i].name);
		html_lit(b, "</td><td>");
		html_int(b, rows[i].contracts);
		html_lit(b, "</td><td>");
		html_int(b, rows[i].users);
		html_lit(b, "</td></tr>");
	}
	html_lit(b, "</tbody></table></div>");
	listing_pager(r, "/console?", page, PER_PAGE, total);
	layout_end(r);
	return 200;
}
