/*
 * Service configuration (サービス設定情報): the customer's contracts, and the
 * page of one contract with お客様情報 and サービス利用情報. Every query is
 * scoped to the signed-in user's customer; another customer's contract is
 * answered exactly like one that does not exist (404).
 */
#include "core/arena.h"
#include "http/request.h"
#include "pages/pages.h"
#include "store/customers.h"
#include "store/db.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"
#include "views/service_levels.h"

static const char *
service_name(const struct req *r, const struct contract *c)
{
	return r->lang == LANG_EN ? c->service_en : c->service_ja;
}

static void
kv_row(struct req *r, const char *label, const char *value)
{
	listing_kv(r, T(r, label), value);
}

int
page_services(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct contract *cs;
	int n = contracts_of_customer(db, r->user->customer_id, r->a, &cs);
	if (n < 0)
		return 500;
	struct page p = {.title = T(r, "Service configuration"), .menu = "services"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "There are no contracts."));
		html_lit(b, "</p>");
	} else {
		html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
		html_attr(b, "aria-label", p.title);
		html_lit(b, "><table class=\"table\"><thead><tr>");
		listing_th(r, N_("Service name"));
		listing_th(r, N_("Type"));
		listing_th(r, N_("Plan"));
		listing_th(r, N_("Contract start date"));
		listing_th(r, N_("Next renewal date"));
		html_lit(b, "</tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			html_lit(b, "<tr><td><a");
			html_attr(b, "href",
			          arena_printf(r->a, "/services/%lld", (long long)cs[i].id));
			html_lit(b, ">");
			html_text(b, service_name(r, &cs[i]));
			html_lit(b, "</a></td><td>");
			html_text(b, cs[i].kind);
			html_lit(b, "</td><td>");
			html_text(b, cs[i].plan);
			html_lit(b, "</td><td>");
			html_text(b, cs[i].start_date);
			html_lit(b, "</td><td>");
			html_text(b, *cs[i].renewal_date ? cs[i].renewal_date : "—");
			html_lit(b, "</td></tr>");
		}
		html_lit(b, "</tbody></table></div>");
	}
	layout_end(r);
	return 200;
}

int
page_service_view(struct req *r)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return 404;
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct contract c;
	int found = contract_of_customer(db, id, r->user->customer_id, r->a, &c);
	if (found < 0)
		return 500;
	if (found == 0)
		return 404;
	struct page p = {.title = service_name(r, &c), .menu = "services"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<p class=\"breadcrumb\"><a href=\"/services\">");
	html_text(b, T(r, "Service configuration"));
	html_lit(b, "</a></p><h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1><section class=\"card\"><h2>");
	html_text(b, T(r, "Customer information"));
	html_lit(b, "</h2><dl class=\"kv\">");
	kv_row(r, N_("Customer number"), r->user->customer_number);
	kv_row(r, N_("Contract holder"), r->user->customer_name);
	kv_row(r, N_("Service name"), service_name(r, &c));
	kv_row(r, N_("Contract start date"), c.start_date);
	kv_row(r, N_("Next renewal date"), c.renewal_date);
	html_lit(b, "</dl></section><section class=\"card\"><h2>");
	html_text(b, T(r, "Service usage"));
	html_lit(b, "</h2><dl class=\"kv\">");
	kv_row(r, N_("Type"), c.kind);
	kv_row(r, N_("Plan"), c.plan);
	html_lit(b, "</dl></section><section class=\"card\"><h2>");
	html_text(b, T(r, "Service levels"));
	html_lit(b, "</h2><dl class=\"kv\">");
	sla_target_rows(r, c.response_target_min, c.resolution_target_min);
	html_lit(b, "</dl><p class=\"muted\">");
	html_text(b, T(r, "Counted around the clock from the opening of a case; paused while "
	                  "we wait for your answer."));
	html_lit(b, "</p></section><p class=\"note\">");
	html_text(b, T(r, "To change your contract, please apply through your sales "
	                  "representative."));
	html_lit(b, "</p>");
	layout_end(r);
	return 200;
}
