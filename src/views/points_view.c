/*
 * The tables of points shared by the customer's ポイント管理 page and the
 * console: the periods with their figures, and the ledger lines behind one
 * period's 消化数.
 */
#include "views/points_view.h"
#include "views/case_labels.h"
#include "core/arena.h"
#include "http/request.h"
#include "web/html.h"
#include "web/listing.h"

#include <string.h>

static void
table_begin(struct req *r, const char *label)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", label);
	html_lit(b, "><table class=\"table\"><thead><tr>");
}

static void
td_int(struct req *r, int64_t v)
{
	html_lit(&r->out, "<td class=\"num\">");
	html_int(&r->out, v);
	html_lit(&r->out, "</td>");
}

void
points_periods_table(struct req *r, const struct point_period *p, int n, int64_t selected,
                     const char *base)
{
	struct buf *b = &r->out;
	table_begin(r, T(r, "Point periods"));
	listing_th(r, N_("Customer number"));
	listing_th(r, N_("Start date"));
	listing_th(r, N_("End date"));
	listing_th(r, N_("Contracted work request points"));
	listing_th(r, N_("Consumed"));
	listing_th(r, N_("Remaining"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<tr");
		if (p[i].id == selected)
			html_lit(b, " class=\"selected\"");
		html_lit(b, "><td>");
		html_text(b, p[i].customer_number);
		html_lit(b, "</td><td><a");
		html_attr(b, "href", arena_printf(r->a, "%speriod=%lld", base, (long long)p[i].id));
		if (p[i].id == selected)
			html_lit(b, " aria-current=\"true\"");
		html_lit(b, ">");
		html_text(b, p[i].start_date);
		html_lit(b, "</a></td><td>");
		html_text(b, p[i].end_date);
		html_lit(b, "</td>");
		td_int(r, p[i].points);
		td_int(r, p[i].consumed);
		td_int(r, p[i].points - p[i].consumed);
		html_lit(b, "</tr>");
	}
	html_lit(b, "</tbody></table></div>");
}

static void
ledger_what(struct req *r, const struct ledger_line *l, const char *request_base,
            const char *case_base)
{
	struct buf *b = &r->out;
	if (*l->request_number) {
		html_text(b, r->lang == LANG_EN ? l->item_name_en : l->item_name_ja);
		html_lit(b, " (<a");
		html_attr(b, "href", arena_printf(r->a, "%s%s", request_base, l->request_number));
		html_lit(b, ">");
		html_text(b, l->request_number);
		html_lit(b, "</a>");
		if (*l->case_number) {
			html_lit(b, ", <a");
			html_attr(b, "href", arena_printf(r->a, "%s%s", case_base, l->case_number));
			html_lit(b, ">");
			html_text(b, l->case_number);
			html_lit(b, "</a>");
		}
		html_lit(b, ")");
	} else {
		html_text(b, T(r, "Correction"));
	}
	if (*l->note) {
		html_lit(b, "<br><span class=\"muted\">");
		html_text(b, l->note);
		html_lit(b, "</span>");
	}
}

void
points_ledger_table(struct req *r, const struct point_period *p, const struct ledger_line *l, int n,
                    const char *request_base, const char *case_base)
{
	struct buf *b = &r->out;
	html_lit(b, "<h2>");
	html_text(b, arena_printf(r->a, T(r, "Ledger of %s – %s"), p->start_date, p->end_date));
	html_lit(b, "</h2>");
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "No points have been used in this period."));
		html_lit(b, "</p>");
		return;
	}
	table_begin(r, T(r, "Ledger"));
	listing_th(r, N_("Date and time"));
	listing_th(r, N_("Details"));
	listing_th(r, N_("By"));
	listing_th(r, N_("Points"));
	listing_th(r, N_("Consumed after"));
	html_lit(b, "</tr></thead><tbody>");
	int64_t running = 0;
	for (int i = 0; i < n; i++) {
		running += l[i].points;
		html_lit(b, "<tr><td>");
		html_text(b, case_time(r, l[i].at));
		html_lit(b, "</td><td>");
		ledger_what(r, &l[i], request_base, case_base);
		html_lit(b, "</td><td>");
		html_text(b, l[i].actor);
		html_lit(b, "</td>");
		td_int(r, l[i].points);
		td_int(r, running);
		html_lit(b, "</tr>");
	}
	html_lit(b, "</tbody><tfoot><tr><th scope=\"row\" colspan=\"3\">");
	html_text(b, T(r, "Total"));
	html_lit(b, "</th>");
	td_int(r, running);
	html_lit(b, "<td></td></tr></tfoot></table></div>");
}
