/*
 * Time zones: every time a user sees is shown in their own zone (profile,
 * default Asia/Tokyo). The conversion uses ICU's calendar rather than the
 * C library, whose localtime() follows one process-wide TZ and cannot serve
 * users of different zones from the same threads.
 */
#ifndef MADOGUCHI_CORE_TZ_H
#define MADOGUCHI_CORE_TZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/buf.h"

#define TZ_DEFAULT "Asia/Tokyo"

/* The zones offered in forms, most used by the portal's customers first. */
extern const char *const tz_choices[];
extern const size_t tz_choices_count;

/* True when zone is a time zone ICU knows (e.g. "Europe/Paris"). */
bool tz_valid(const char *zone);
/* The broken-down local time of t in zone (tm_gmtoff set); -1 on error. */
int tz_local(const char *zone, int64_t t, struct tm *out);
/* "YYYY-MM-DD HH:MM:SS" of t in zone ("" for t <= 0). */
void tz_format(struct buf *b, const char *zone, int64_t t);
/* The UTC time of a local date "YYYY-MM-DD" at 00:00 in zone; -1 if invalid. */
int64_t tz_day_start(const char *zone, const char *date);
/*
 * The UTC time of the first day of month m of year y at 00:00 in zone; m
 * may run past the year either way (0 is the December before, 13 the
 * January after), so callers step through months without carrying years.
 * -1 if invalid.
 */
int64_t tz_month_start(const char *zone, int y, int m);
/* Releases the calling thread's cached calendar. */
void tz_thread_done(void);

#endif
