/*
 * The calendar: civil dates (proleptic Gregorian) without time zones, for
 * date fields, contract and point periods and demo data. Times a user sees
 * go through core/tz.h, which knows their zone.
 */
#ifndef MADOGUCHI_CORE_DATE_H
#define MADOGUCHI_CORE_DATE_H

#include <stdbool.h>
#include <stdint.h>

bool date_leap(int y);
/* Days of month m (1–12) of year y; 0 for a month that does not exist. */
int date_days_in_month(int y, int m);
/* Whether y-m-d names a real day of 1970–9999. */
bool date_valid(int y, int m, int d);
/* Reads exactly "YYYY-MM-DD" naming a real day of 1970–9999; 0, or -1 (outputs untouched). */
int date_parse(const char *s, int *y, int *m, int *d);
/* Days since 1970-01-01 of a civil date, and back. */
int64_t date_to_days(int y, int m, int d);
void date_from_days(int64_t days, int *y, int *m, int *d);

#endif
