/*
 * Satisfaction results in the console (staff): the last twelve months
 * (asked, answered, average), and for the chosen month (?month=YYYY-MM,
 * this month by default) the lines per customer and per agent and the
 * comments. The numbers come from cases/rating.h: rating_report.
 */
#include "agent/console.h"
#include "cases/rating.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/tz.h"
#include "http/request.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

/* "4.3" or "—" when nobody answered. */
static const char *
average(struct req *r, const struct rating_sum *s)
{
	if (!s->answered)
		return "—";
	double avg = (double)s->score_total / (double)s->answered;
	return arena_printf(r->a, "%.1f", avg);
}

static const char *
count(struct req *r, int64_t n)
{
	return arena_printf(r->a, "%lld", (long long)n);
}

static void
sums_table(struct req *r, const char *caption, const char *first_column,
           const struct rating_sum *rows, int n, bool with_key)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, caption);
	html_lit(b, "</h2>");
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "No case closed in this period."));
		html_lit(b, "</p></section>");
		return;
	}
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", caption);
	html_lit(b, "><table class=\"table ratings\"><thead><tr>");
	listing_th(r, first_column);
	listing_th(r, N_("Asked"));
	listing_th(r, N_("Answered"));
	listing_th(r, N_("Average (1–5)"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<tr><td>");
		if (with_key && *rows[i].key) {
			html_text(b, rows[i].key);
			html_lit(b, " ");
		}
		html_text(b, *rows[i].label ? rows[i].label : with_key ? "" : T(r, "Unassigned"));
		html_lit(b, "</td><td>");
		html_text(b, count(r, rows[i].asked));
		html_lit(b, "</td><td>");
		html_text(b, count(r, rows[i].answered));
		html_lit(b, "</td><td>");
		html_text(b, average(r, &rows[i]));
		html_lit(b, "</td></tr>");
	}
	html_lit(b, "</tbody></table></div></section>");
}

static void
comments(struct req *r, const struct rating_report *rep)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, T(r, "Comments"));
	html_lit(b, "</h2>");
	if (rep->ncomments == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "No comments in this period."));
		html_lit(b, "</p>");
	}
	for (int i = 0; i < rep->ncomments; i++) {
		const struct rating_comment *c = &rep->comments[i];
		html_lit(b, "<blockquote class=\"rating-comment\"><p>");
		html_text(b, c->comment);
		html_lit(b, "</p><footer><a");
		html_attr(b, "href", arena_printf(r->a, "/console/cases/%s", c->case_number));
		html_lit(b, ">");
		html_text(b, c->case_number);
		html_lit(b, "</a> ");
		html_text(b, c->customer_name);
		html_text(b, arena_printf(r->a, " · %d / 5", c->score));
		html_lit(b, "</footer></blockquote>");
	}
	html_lit(b, "</section>");
}

static const struct field_decl month_decl[] = {
    {.name = "month", .kind = FIELD_LINE, .max_chars = 7}};

/* The month asked for, or this month in the provider's zone. */
static void
chosen_month(struct req *r, int *y, int *m)
{
	struct field_value v;
	const char *q = fields_read(r, FROM_QUERY, month_decl, 1, NULL, &v) == 0 ? v.text : "";
	int yy, mm;
	char tail;
	if (sscanf(q, "%4d-%2d%c", &yy, &mm, &tail) == 2 && yy >= 2000 && yy <= 9999 && mm >= 1 &&
	    mm <= 12) {
		*y = yy;
		*m = mm;
		return;
	}
	struct tm now;
	if (tz_local(TZ_DEFAULT, clock_now(), &now) != 0) {
		*y = 2000;
		*m = 1;
		return;
	}
	*y = now.tm_year + 1900;
	*m = now.tm_mon + 1;
}

/* GET /console/ratings */
int
page_console_ratings(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int y, m;
	chosen_month(r, &y, &m);
	struct rating_report rep;
	int st = rating_report(&d, y, m, &rep);
	if (st != DOM_OK)
		return web_status(st);
	struct page p = {.title = T(r, "Satisfaction"), .menu = "console-ratings"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1><form class=\"card form\" method=\"get\" action=\"/console/ratings\">");
	const char *month = arena_printf(r->a, "%04d-%02d", y, m);
	form_field(r, &(struct field){.name = "month",
	                              .label = T(r, "Month"),
	                              .type = "month",
	                              .value = month,
	                              .maxlength = 7});
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\">");
	html_text(b, T(r, "Show"));
	html_lit(b, "</button></div></form>");
	struct rating_sum trend[RATING_MONTHS];
	for (int i = 0; i < RATING_MONTHS; i++) { /* newest first */
		trend[i] = rep.trend[RATING_MONTHS - 1 - i];
		trend[i].label = trend[i].key;
		trend[i].key = "";
	}
	sums_table(r, T(r, "The last 12 months"), N_("Month"), trend, RATING_MONTHS, false);
	sums_table(r, arena_printf(r->a, "%s — %s", month, T(r, "By customer")), N_("Customer"),
	           rep.customers, rep.ncustomers, true);
	sums_table(r, arena_printf(r->a, "%s — %s", month, T(r, "By agent")), N_("Agent"),
	           rep.agents, rep.nagents, false);
	comments(r, &rep);
	layout_end(r);
	return 200;
}
