/*
 * The monthly service report (月次レポート) of one customer: cases opened
 * and closed in the month, the median time to the provider's first
 * response and the service-level targets met (both from
 * cases/service_levels.h, which owns what a first response is),
 * satisfaction, points used and the month's cases. Months are calendar months in the provider's
 * zone. Built on demand from the cases, ratings and ledger — nothing is copied — for the console
 * (any customer), the customer's own people (their customer only: another's is DOM_NOT_FOUND) and
 * the delivery job.
 *
 * Field errors name "month".
 */
#ifndef MADOGUCHI_CASES_REPORT_H
#define MADOGUCHI_CASES_REPORT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/i18n.h"
#include "store/ratings.h"
#include "store/reports.h"

struct dom;

#define REPORT_CASES_MAX 500 /* cases listed; the counts are always whole */

struct monthly_report {
	int64_t customer_id;
	const char *customer_number, *customer_name;
	int year, month;
	const char *key;  /* "YYYY-MM" */
	int64_t from, to; /* the month's bounds, UTC seconds, [from, to) */
	int64_t opened, closed;
	/* cases/service_levels.h: the cases opened in the month, as of now */
	int responded;                 /* cases with a first response */
	int64_t median_first_response; /* seconds; -1 when none was answered */
	int response_met, response_missed, resolution_met, resolution_missed;
	struct rating_sum rating; /* asked and answered in the month */
	int64_t points_used;
	struct report_case *cases;
	int ncases;
	bool cases_cut;             /* more than REPORT_CASES_MAX */
	const char *delivered_case; /* its 月次レポート送付 case, "" when not sent */
};

/* "YYYY-MM" to year and month (2000 to 9999). 0, or -1 when malformed. */
int report_month_parse(const char *s, int *year, int *month);
/* The month of t in the provider's zone. 0 or -1. */
int report_month_of(int64_t t, int *year, int *month);

/*
 * The report of a customer's month: staff for any customer, a customer's
 * user for its own, the system (jobs). DOM_OK, DOM_NOT_FOUND (no such
 * customer, or another customer's), DOM_INVALID (a month out of range or
 * after the current one) or DOM_ERROR.
 */
int monthly_report_build(struct dom *d, int64_t customer_id, int year, int month,
                         struct monthly_report *out);

/*
 * Staff: every customer's line of the month (opened, closed, delivered),
 * a page of limit from offset, their count in *n. DOM_OK, DOM_FORBIDDEN,
 * DOM_INVALID or DOM_ERROR.
 */
int monthly_report_overview(struct dom *d, int year, int month, int limit, int offset,
                            struct report_line **out, int *n);

/* A figure of the summary, in a language: what the page and the PDF both show. */
struct report_figure {
	const char *label, *value;
};
#define REPORT_FIGURES 6
/* The summary's figures in lang, in the arena; REPORT_FIGURES of them. */
void monthly_report_figures(const struct monthly_report *rep, enum lang lang, struct arena *a,
                            struct report_figure out[REPORT_FIGURES]);
/* "2026年11月" / "2026-11": the month's title in lang. */
const char *monthly_report_month_label(const struct monthly_report *rep, enum lang lang,
                                       struct arena *a);
/* A duration for people: "2 h 15 min", "3 d 4 h", "—" when negative. */
const char *report_duration(enum lang lang, int64_t seconds, struct arena *a);
/* The date of t in the provider's zone, "YYYY-MM-DD"; "" for 0. */
const char *report_date(int64_t t, struct arena *a);

/*
 * Writes the report as a PDF at path, in lang; short_name names the
 * provider in the working state's label. 0, or -1 (logged; the caller
 * removes the file).
 */
int monthly_report_pdf(const struct monthly_report *rep, enum lang lang, const char *short_name,
                       const char *path);
/* The PDF's file name without extension: "monthly-report-N200000001-2026-11". */
const char *monthly_report_file_stem(const struct monthly_report *rep, struct arena *a);

#endif
