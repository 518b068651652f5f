/*
 * The monthly report in words: its figures, durations and dates as the
 * page and the PDF both print them, so that the two never disagree.
 */
#include "cases/report.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/tz.h"

#include <string.h>

const char *
report_duration(enum lang lang, int64_t s, struct arena *a)
{
	if (s < 0)
		return "—";
	long long min = (long long)(s / 60), h = min / 60, days = h / 24;
	if (days > 0)
		return arena_printf(a, i18n_tr(lang, "%lld d %lld h"), days, h % 24);
	if (h > 0)
		return arena_printf(a, i18n_tr(lang, "%lld h %lld min"), h, min % 60);
	return arena_printf(a, i18n_tr(lang, "%lld min"), min);
}

const char *
report_date(int64_t t, struct arena *a)
{
	if (t <= 0)
		return "";
	struct buf b = {0};
	tz_format(&b, TZ_DEFAULT, t);
	const char *s = arena_strndup(a, b.p ? b.p : "", 10);
	buf_free(&b);
	return s;
}

const char *
monthly_report_month_label(const struct monthly_report *rep, enum lang lang, struct arena *a)
{
	return arena_printf(a, i18n_tr(lang, "%d-%02d"), rep->year, rep->month);
}

static const char *
satisfaction(const struct monthly_report *rep, enum lang lang, struct arena *a)
{
	const struct rating_sum *r = &rep->rating;
	if (!r->answered)
		return arena_printf(a, i18n_tr(lang, "No answer (%lld asked)"),
		                    (long long)r->asked);
	double avg = (double)r->score_total / (double)r->answered;
	return arena_printf(a, i18n_tr(lang, "%.1f / 5 (%lld answered of %lld asked)"), avg,
	                    (long long)r->answered, (long long)r->asked);
}

void
monthly_report_figures(const struct monthly_report *rep, enum lang lang, struct arena *a,
                       struct report_figure out[REPORT_FIGURES])
{
	const char *median =
	    rep->responded
	        ? arena_printf(a, i18n_tr(lang, "%s (%d cases answered)"),
	                       report_duration(lang, rep->median_first_response, a), rep->responded)
	        : i18n_tr(lang, "No case answered");
	int response = rep->response_met + rep->response_missed;
	int resolution = rep->resolution_met + rep->resolution_missed;
	const char *targets =
	    response + resolution
	        ? arena_printf(
	              a, i18n_tr(lang, "First response: %d of %d met; resolution: %d of %d met"),
	              rep->response_met, response, rep->resolution_met, resolution)
	        : i18n_tr(lang, "No case with a target");
	out[0] = (struct report_figure){i18n_tr(lang, "Cases opened"),
	                                arena_printf(a, "%lld", (long long)rep->opened)};
	out[1] = (struct report_figure){i18n_tr(lang, "Cases closed"),
	                                arena_printf(a, "%lld", (long long)rep->closed)};
	out[2] = (struct report_figure){i18n_tr(lang, "Median first response"), median};
	out[3] = (struct report_figure){i18n_tr(lang, "Service-level targets met"), targets};
	out[4] = (struct report_figure){i18n_tr(lang, "Satisfaction"), satisfaction(rep, lang, a)};
	out[5] = (struct report_figure){i18n_tr(lang, "Points used"),
	                                arena_printf(a, "%lld", (long long)rep->points_used)};
}
