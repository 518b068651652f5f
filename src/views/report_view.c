/* The monthly report's page parts and its PDF download; see report_view.h. */
#include "views/report_view.h"
#include "app.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/tz.h"
#include "http/request.h"
#include "views/case_labels.h"
#include "views/export_send.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/listing.h"

static const struct field_decl month_decl[] = {
    {.name = "month", .kind = FIELD_LINE, .max_chars = 7}};

int
report_chosen_month(struct req *r, int *y, int *m)
{
	struct field_value v;
	if (fields_read(r, FROM_QUERY, month_decl, 1, NULL, &v) != 0)
		return -1;
	if (v.present)
		return report_month_parse(v.text, y, m);
	if (report_month_of(clock_now(), y, m) != 0)
		return -1;
	if (--*m < 1) {
		*m = 12;
		--*y;
	}
	return 0;
}

void
report_month_form(struct req *r, const char *action, const char *month, const char *error)
{
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"card form\" method=\"get\"");
	html_attr(b, "action", action);
	html_lit(b, ">");
	form_field(r, &(struct field){.name = "month",
	                              .label = T(r, "Month"),
	                              .type = "month",
	                              .value = month,
	                              .error = error,
	                              .hint = T(r, "Year and month, e.g. 2026-11."),
	                              .maxlength = 7});
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\">");
	html_text(b, T(r, "Show"));
	html_lit(b, "</button></div></form>");
}

static void
figures(struct req *r, const struct monthly_report *rep, const char *pdf_href)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, T(r, "Summary"));
	html_lit(b, "</h2><dl class=\"kv\">");
	struct report_figure f[REPORT_FIGURES];
	monthly_report_figures(rep, r->lang, r->a, f);
	for (int i = 0; i < REPORT_FIGURES; i++)
		listing_kv(r, f[i].label, f[i].value);
	html_lit(b, "</dl><p class=\"actions\"><a class=\"btn btn-secondary\" download");
	html_attr(b, "href", pdf_href);
	html_lit(b, ">");
	html_text(b, T(r, "Download the PDF"));
	html_lit(b, "</a></p></section>");
}

static void
cases_table(struct req *r, const struct monthly_report *rep, const char *case_base)
{
	struct buf *b = &r->out;
	const char *caption = T(r, "Cases of the month");
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, caption);
	html_lit(b, "</h2>");
	if (rep->ncases == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "No case was opened or closed in this month."));
		html_lit(b, "</p></section>");
		return;
	}
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", caption);
	html_lit(b, "><table class=\"table\"><thead><tr>");
	listing_th(r, N_("Number"));
	listing_th(r, N_("Subject"));
	listing_th(r, N_("Category"));
	listing_th(r, N_("State"));
	listing_th(r, N_("Opened"));
	listing_th(r, N_("Closed on"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < rep->ncases; i++) {
		const struct report_case *c = &rep->cases[i];
		html_lit(b, "<tr><td><a");
		html_attr(b, "href", arena_printf(r->a, "%s%s", case_base, c->number));
		html_lit(b, ">");
		html_text(b, c->number);
		html_lit(b, "</a></td><td>");
		html_text(b, c->subject);
		html_lit(b, "</td><td>");
		html_text(b, case_category_label(r, c->category));
		html_lit(b, "</td><td>");
		html_text(b, case_state_label(r, (enum case_state)c->state));
		html_lit(b, "</td><td>");
		html_text(b, report_date(c->created_at, r->a));
		html_lit(b, "</td><td>");
		html_text(b, report_date(c->closed_at, r->a));
		html_lit(b, "</td></tr>");
	}
	html_lit(b, "</tbody></table></div>");
	if (rep->cases_cut) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "Only the first 500 cases are listed."));
		html_lit(b, "</p>");
	}
	html_lit(b, "</section>");
}

void
report_view(struct req *r, const struct monthly_report *rep, const char *pdf_href,
            const char *case_base)
{
	struct buf *b = &r->out;
	html_lit(b, "<p class=\"muted\">");
	html_text(b, arena_printf(r->a, T(r, "Period: %s to %s (%s)"), report_date(rep->from, r->a),
	                          report_date(rep->to - 1, r->a), TZ_DEFAULT));
	if (*rep->delivered_case) {
		html_lit(b, " · ");
		html_text(b, T(r, "Delivered as"));
		html_lit(b, " <a");
		html_attr(b, "href", arena_printf(r->a, "%s%s", case_base, rep->delivered_case));
		html_lit(b, ">");
		html_text(b, rep->delivered_case);
		html_lit(b, "</a>");
	}
	html_lit(b, "</p>");
	figures(r, rep, pdf_href);
	cases_table(r, rep, case_base);
}

static int
write_pdf(struct req *r, const char *path, void *ctx)
{
	return monthly_report_pdf(ctx, r->lang, r->app->provider_short, path);
}

int
report_send_pdf(struct req *r, const struct monthly_report *rep)
{
	const char *stem = monthly_report_file_stem(rep, r->a);
	const char *local =
	    arena_printf(r->a, "%s-%s-%s", T(r, "Monthly report"), rep->customer_number, rep->key);
	return export_send(r, EXPORT_PDF, stem, local, write_pdf, (void *)rep);
}
