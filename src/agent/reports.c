/*
 * Monthly reports in the console (staff): for a month, every customer's
 * cases opened and closed and whether the report went out, each linking to
 * the customer's full report (the same view as the customer's page) and
 * its PDF.
 */
#include "agent/console.h"
#include "core/arena.h"
#include "http/parse.h"
#include "http/request.h"
#include "views/report_view.h"
#include "web/actor.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"

#define PER_PAGE 50

static void
overview_table(struct req *r, const struct report_line *l, int n, const char *month)
{
	struct buf *b = &r->out;
	const char *caption = T(r, "Customers");
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", caption);
	html_lit(b, "><table class=\"table\"><thead><tr>");
	listing_th(r, N_("Customer number"));
	listing_th(r, N_("Contract holder"));
	listing_th(r, N_("Cases opened"));
	listing_th(r, N_("Cases closed"));
	listing_th(r, N_("Delivered as"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<tr><td><a");
		html_attr(b, "href",
		          arena_printf(r->a, "/console/customers/%lld/reports?month=%s",
		                       (long long)l[i].customer_id, month));
		html_lit(b, ">");
		html_text(b, l[i].number);
		html_lit(b, "</a></td><td>");
		html_text(b, l[i].name);
		html_lit(b, "</td><td class=\"num\">");
		html_int(b, l[i].opened);
		html_lit(b, "</td><td class=\"num\">");
		html_int(b, l[i].closed);
		html_lit(b, "</td><td>");
		if (*l[i].delivered_case) {
			html_lit(b, "<a");
			html_attr(b, "href",
			          arena_printf(r->a, "/console/cases/%s", l[i].delivered_case));
			html_lit(b, ">");
			html_text(b, l[i].delivered_case);
			html_lit(b, "</a>");
		} else {
			html_text(b, "—");
		}
		html_lit(b, "</td></tr>");
	}
	html_lit(b, "</tbody></table></div>");
}

/* GET /console/reports?month=YYYY-MM&page=N */
int
page_console_reports(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int y, m, n = 0, status = 200;
	int64_t page = listing_page(r);
	struct report_line *lines = NULL;
	const char *error = NULL;
	if (report_chosen_month(r, &y, &m) != 0) {
		error = T(r, "Choose a month up to the current one.");
		status = 422;
	} else {
		int st = monthly_report_overview(&d, y, m, PER_PAGE + 1,
		                                 (int)((page - 1) * PER_PAGE), &lines, &n);
		if (st == DOM_INVALID)
			error = web_error(r, &d, "month");
		status = web_status(st);
		if (status != 200 && status != 422)
			return status;
	}
	const char *month = status == 200 ? arena_printf(r->a, "%04d-%02d", y, m) : "";
	struct page pg = {.title = T(r, "Monthly reports"), .menu = "console-reports"};
	layout_begin(r, &pg);
	layout_heading(r, pg.title, NULL, NULL);
	report_month_form(r, "/console/reports", month, error);
	if (status == 200) {
		overview_table(r, lines, n > PER_PAGE ? PER_PAGE : n, month);
		/* The pager needs a total: "one more" stands for the rest. */
		listing_pager(r, arena_printf(r->a, "/console/reports?month=%s&", month), page,
		              PER_PAGE, (page - 1) * PER_PAGE + n);
	}
	layout_end(r);
	return status;
}

/* The report of the path's customer for the month asked; status and, on 200, *rep. */
static int
build(struct req *r, struct monthly_report *rep, const char **error)
{
	struct dom d;
	web_dom(r, &d);
	int64_t id;
	int y, m;
	*error = NULL;
	if (parse_id(r->pp[0], &id) != 0)
		return 404;
	if (report_chosen_month(r, &y, &m) != 0) {
		*error = T(r, "Choose a month up to the current one.");
		return 422;
	}
	int st = monthly_report_build(&d, id, y, m, rep);
	if (st == DOM_INVALID)
		*error = web_error(r, &d, "month");
	return web_status(st);
}

/* GET /console/customers/:id/reports?month=YYYY-MM */
int
page_console_customer_report(struct req *r)
{
	struct monthly_report rep;
	const char *error;
	int status = build(r, &rep, &error);
	if (status != 200 && status != 422)
		return status;
	/* A refused month leaves no customer read: the title is then the page's alone. */
	const char *title = status == 200 ? arena_printf(r->a, "%s — %s %s", T(r, "Monthly report"),
	                                                 rep.customer_number, rep.customer_name)
	                                  : T(r, "Monthly report");
	struct page pg = {.title = title, .menu = "console-reports"};
	layout_begin(r, &pg);
	layout_heading(r, title, "/console/reports", T(r, "Monthly reports"));
	const char *base = arena_printf(r->a, "/console/customers/%s/reports", r->pp[0]);
	report_month_form(r, base, status == 200 ? rep.key : "", error);
	if (status == 200)
		report_view(r, &rep, arena_printf(r->a, "%s/pdf?month=%s", base, rep.key),
		            "/console/cases/");
	layout_end(r);
	return status;
}

/* GET /console/customers/:id/reports/pdf?month=YYYY-MM (on the worker pool) */
int
page_console_customer_report_pdf(struct req *r)
{
	struct monthly_report rep;
	const char *error;
	int status = build(r, &rep, &error);
	return status == 200 ? report_send_pdf(r, &rep) : status;
}
