/*
 * Satisfaction after a case closes (SPEC: CSAT). Closing a case asks its
 * contact once: a mail with one link per rating (signed, single use, valid
 * RATING_LINK_SECONDS). Opening a link changes nothing — it shows a page to
 * confirm the rating and add a comment — so mail scanners that follow links
 * record nothing; only the page's form records it. Provider staff see the
 * results per month, customer and agent.
 *
 * Field errors name the input fields "score" and "comment".
 */
#ifndef MADOGUCHI_CASES_RATING_H
#define MADOGUCHI_CASES_RATING_H

#include <stdint.h>

#include "store/ratings.h"

struct dom;

#define RATING_LINK_SECONDS (30 * 86400)
#define RATING_COMMENT_MAX  2000 /* characters */
#define RATING_MONTHS       12   /* months in the report's trend */

/*
 * The rating a link names. DOM_OK (not answered yet), DOM_CONFLICT (answered
 * already: out holds the answer), DOM_NOT_FOUND (unknown, altered or expired).
 */
int rating_open(struct dom *d, const char *token, struct rating *out);
/* Records the answer (case.rated). DOM_OK, DOM_INVALID, DOM_CONFLICT or DOM_NOT_FOUND. */
int rating_submit(struct dom *d, const char *token, int score, const char *comment);

struct rating_report {
	int year, month; /* the month of the per-customer and per-agent lines */
	struct rating_sum trend[RATING_MONTHS]; /* oldest first; key "YYYY-MM" */
	struct rating_sum month_total;
	struct rating_sum *customers, *agents;
	int ncustomers, nagents;
	struct rating_comment *comments; /* of the month, newest first */
	int ncomments;
};

/* Provider staff: the report of a month (in the provider's time zone). */
int rating_report(struct dom *d, int year, int month, struct rating_report *out);

#endif
