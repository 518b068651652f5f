/*
 * 月次レポート: the customer's monthly service report for a chosen month
 * (the previous one by default), and its PDF. Always the signed-in user's
 * own customer: the customer is never read from the request.
 */
#include "core/arena.h"
#include "http/request.h"
#include "pages/pages.h"
#include "views/report_view.h"
#include "web/actor.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

/* The report of the user's customer for the month asked; status and, on 200, *rep. */
static int
build(struct req *r, struct monthly_report *rep, const char **error)
{
	struct dom d;
	web_dom(r, &d);
	int y, m;
	*error = NULL;
	if (report_chosen_month(r, &y, &m) != 0) {
		*error = T(r, "Choose a month up to the current one.");
		return 422;
	}
	int st = monthly_report_build(&d, d.who.customer_id, y, m, rep);
	if (st == DOM_INVALID)
		*error = web_error(r, &d, "month");
	return web_status(st);
}

/* GET /reports?month=YYYY-MM */
int
page_reports(struct req *r)
{
	struct monthly_report rep;
	const char *error;
	int status = build(r, &rep, &error);
	if (status != 200 && status != 422)
		return status;
	struct page pg = {.title = T(r, "Monthly report"), .menu = "reports"};
	layout_begin(r, &pg);
	layout_heading(r, pg.title, NULL, NULL);
	report_month_form(r, "/reports", status == 200 ? rep.key : "", error);
	if (status == 200)
		report_view(r, &rep, arena_printf(r->a, "/reports/pdf?month=%s", rep.key),
		            "/cases/");
	layout_end(r);
	return status;
}

/* GET /reports/pdf?month=YYYY-MM (on the worker pool) */
int
page_report_pdf(struct req *r)
{
	struct monthly_report rep;
	const char *error;
	int status = build(r, &rep, &error);
	return status == 200 ? report_send_pdf(r, &rep) : status;
}
