/*
 * The monthly report as the customer's page and the console both show it:
 * the month chooser, the summary's figures, the month's cases and the link
 * to its PDF; and the PDF's download through the one file sender.
 */
#ifndef MADOGUCHI_VIEWS_REPORT_VIEW_H
#define MADOGUCHI_VIEWS_REPORT_VIEW_H

#include "cases/report.h"

struct req;

/*
 * The month of ?month= (YYYY-MM) in *y, *m; the previous month when the
 * query has none. 0, or -1 when it is malformed.
 */
int report_chosen_month(struct req *r, int *y, int *m);
/* The chooser: a GET form to action, month preselected ("YYYY-MM"). */
void report_month_form(struct req *r, const char *action, const char *month, const char *error);
/* The report; pdf_href downloads it, case numbers link to case_base + number. */
void report_view(struct req *r, const struct monthly_report *rep, const char *pdf_href,
                 const char *case_base);
/* Answers with the report's PDF in the reader's language. */
int report_send_pdf(struct req *r, const struct monthly_report *rep);

#endif
