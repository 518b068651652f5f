/*
 * The tables of points shared by the customer's ポイント管理 page and the
 * console: the periods with their figures, and the ledger lines behind one
 * period's 消化数.
 */
#ifndef MADOGUCHI_VIEWS_POINTS_VIEW_H
#define MADOGUCHI_VIEWS_POINTS_VIEW_H

#include "store/points.h"

struct req;

/*
 * The periods; each start date links to base + "period=<id>" (base ends in
 * '?' or '&'), the selected one marked as current.
 */
void points_periods_table(struct req *r, const struct point_period *p, int n, int64_t selected,
                          const char *base);
/* The lines of one period; request numbers link to request_base + number. */
void points_ledger_table(struct req *r, const struct point_period *p, const struct ledger_line *l,
                         int n, const char *request_base, const char *case_base);

#endif
