/*
 * The monthly report as a PDF (export/doc.h): the title with the month,
 * the customer, the summary's figures and the month's cases. The same
 * words as the page (report_text.c), in the reader's language.
 */
#include "cases/report.h"
#include "cases/rules.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/tz.h"
#include "export/doc.h"

static void
cases_table(struct doc *doc, const struct monthly_report *rep, enum lang lang,
            const char *short_name, struct arena *a)
{
	doc_heading(doc, i18n_tr(lang, "Cases of the month"));
	if (rep->ncases == 0) {
		doc_text(doc, i18n_tr(lang, "No case was opened or closed in this month."));
		return;
	}
	const char *titles[] = {i18n_tr(lang, "Number"),   i18n_tr(lang, "Subject"),
	                        i18n_tr(lang, "Category"), i18n_tr(lang, "State"),
	                        i18n_tr(lang, "Opened"),   i18n_tr(lang, "Closed on")};
	static const double widths[] = {11, 34, 15, 15, 11, 11};
	doc_table(doc, 6, titles, widths);
	for (int i = 0; i < rep->ncases; i++) {
		const struct report_case *c = &rep->cases[i];
		const struct case_category *cat = case_category_find(c->category);
		const char *cells[] = {c->number,
		                       c->subject,
		                       cat ? i18n_tr(lang, cat->label) : c->category,
		                       case_state_text(lang, c->state, short_name, a),
		                       report_date(c->created_at, a),
		                       report_date(c->closed_at, a)};
		doc_row(doc, cells);
	}
	if (rep->cases_cut)
		doc_text(doc, i18n_tr(lang, "Only the first 500 cases are listed."));
}

int
monthly_report_pdf(const struct monthly_report *rep, enum lang lang, const char *short_name,
                   const char *path)
{
	struct arena *a = arena_new();
	const char *title = arena_printf(a, "%s %s", i18n_tr(lang, "Monthly service report"),
	                                 monthly_report_month_label(rep, lang, a));
	struct doc *doc = doc_open(path, title);
	if (!doc) {
		arena_free(a);
		return -1;
	}
	doc_subtitle(doc, arena_printf(a, "%s %s", rep->customer_number, rep->customer_name));
	doc_subtitle(doc, arena_printf(a, i18n_tr(lang, "Period: %s to %s (%s)"),
	                               report_date(rep->from, a), report_date(rep->to - 1, a),
	                               TZ_DEFAULT));
	doc_subtitle(doc,
	             arena_printf(a, i18n_tr(lang, "Made on %s"), report_date(clock_now(), a)));
	doc_heading(doc, i18n_tr(lang, "Summary"));
	struct report_figure f[REPORT_FIGURES];
	monthly_report_figures(rep, lang, a, f);
	for (int i = 0; i < REPORT_FIGURES; i++)
		doc_pair(doc, f[i].label, f[i].value);
	cases_table(doc, rep, lang, short_name, a);
	int rc = doc_close(doc);
	arena_free(a);
	return rc;
}
