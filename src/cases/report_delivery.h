/*
 * Delivery of the monthly report on the 1st (a provider setting, off by
 * default): from the 1st of a month in the provider's zone, the periodic
 * job raises for every customer with a contract begun by the end of the
 * previous month one case of the category 月次レポート送付, with that
 * month's report attached as a PDF, visible to the customer and mailed
 * to its contact like any new case. A row per customer and month
 * (report_deliveries) is claimed in the case's own transaction: however
 * often the job runs, on however many instances, a month goes out once.
 * A portal stopped on the 1st catches up on its next run; turning the
 * setting on during a month sends nothing before the next 1st.
 */
#ifndef MADOGUCHI_CASES_REPORT_DELIVERY_H
#define MADOGUCHI_CASES_REPORT_DELIVERY_H

#include <stdint.h>

struct db;
struct dom;

/* Since when delivery has been on (UTC seconds); "0" or unset: off. */
#define REPORT_DELIVERY_SETTING "reports.delivery_since"
#define REPORT_DELIVERY_BATCH   100 /* customers a run delivers to; the next run goes on */

/* Since when the provider has delivery on; 0 when off. */
int64_t report_delivery_since(struct db *db);

/* One run of the job (the system only): *delivered cases raised. DOM_OK or DOM_ERROR. */
int monthly_reports_deliver(struct dom *d, int *delivered);

#endif
