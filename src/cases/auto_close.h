/*
 * Resolved cases close by themselves (解決済み (クローズ待ち) → クローズ)
 * after the provider's number of days without an answer from the customer;
 * the contact is told a day before, and the case page shows when it will
 * happen. 0 days: never. The job runs as the system, from the server's
 * housekeeping and from `madoguchi jobs`; each case closes in its own
 * transaction, so a customer's answer at the same moment wins or loses
 * cleanly.
 */
#ifndef MADOGUCHI_CASES_AUTO_CLOSE_H
#define MADOGUCHI_CASES_AUTO_CLOSE_H

#include <stdint.h>

#include "store/cases.h"

struct db;
struct dom;

#define AUTO_CLOSE_SETTING      "cases.auto_close_days"
#define AUTO_CLOSE_DEFAULT_DAYS 7
#define AUTO_CLOSE_MAX_DAYS     90
#define AUTO_CLOSE_BATCH        100 /* cases a run looks at, per step */

/* The provider's number of days (0: off). */
int case_auto_close_days(struct db *db);
/* When c will close by itself: 0 when it is not resolved or the rule is off. */
int64_t case_auto_close_at(struct db *db, const struct case_row *c);

struct auto_close_run {
	int warned, closed;
};

/* One run of the job (the system only): closes what is due, then warns. */
int cases_auto_close(struct dom *d, struct auto_close_run *out);

#endif
