/* ICU calendars, one cached per thread for the zone used last. */
#include "core/tz.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/ucal.h>
#include <unicode/ustring.h>

const char *const tz_choices[] = {
    "Asia/Tokyo",
    "Asia/Seoul",
    "Asia/Shanghai",
    "Asia/Taipei",
    "Asia/Hong_Kong",
    "Asia/Singapore",
    "Asia/Bangkok",
    "Asia/Jakarta",
    "Asia/Manila",
    "Asia/Kolkata",
    "Asia/Dubai",
    "Australia/Sydney",
    "Pacific/Auckland",
    "Europe/London",
    "Europe/Paris",
    "Europe/Berlin",
    "Europe/Moscow",
    "Africa/Cairo",
    "America/New_York",
    "America/Chicago",
    "America/Denver",
    "America/Los_Angeles",
    "America/Sao_Paulo",
    "Pacific/Honolulu",
    "UTC",
};
const size_t tz_choices_count = sizeof(tz_choices) / sizeof(tz_choices[0]);

static _Thread_local UCalendar *cal;
static _Thread_local char cal_zone[64];
/* Closes a thread's calendar when the thread ends (worker threads come and go). */
static pthread_key_t cal_key;
static pthread_once_t cal_once = PTHREAD_ONCE_INIT;

static void
cal_destroy(void *p)
{
	ucal_close(p);
}

static void
cal_key_create(void)
{
	pthread_key_create(&cal_key, cal_destroy);
}

static UCalendar *
calendar_for(const char *zone)
{
	if (!zone || !*zone || strlen(zone) >= sizeof(cal_zone))
		zone = TZ_DEFAULT;
	if (cal && strcmp(cal_zone, zone) == 0)
		return cal;
	UChar uz[64];
	u_uastrcpy(uz, zone);
	UErrorCode st = U_ZERO_ERROR;
	UCalendar *c = ucal_open(uz, -1, "en_US_POSIX", UCAL_GREGORIAN, &st);
	if (U_FAILURE(st))
		return NULL;
	if (cal)
		ucal_close(cal);
	cal = c;
	strcpy(cal_zone, zone);
	pthread_once(&cal_once, cal_key_create);
	pthread_setspecific(cal_key, cal);
	return cal;
}

void
tz_thread_done(void)
{
	if (cal) {
		pthread_setspecific(cal_key, NULL);
		ucal_close(cal);
	}
	cal = NULL;
	cal_zone[0] = '\0';
}

bool
tz_valid(const char *zone)
{
	if (!zone || !*zone || strlen(zone) >= 64)
		return false;
	UChar uz[64], canon[128];
	u_uastrcpy(uz, zone);
	UErrorCode st = U_ZERO_ERROR;
	UBool system = 0;
	ucal_getCanonicalTimeZoneID(uz, -1, canon, 128, &system, &st);
	return U_SUCCESS(st) && system;
}

int
tz_local(const char *zone, int64_t t, struct tm *out)
{
	UCalendar *c = calendar_for(zone);
	if (!c)
		return -1;
	UErrorCode st = U_ZERO_ERROR;
	ucal_setMillis(c, (UDate)t * 1000.0, &st);
	memset(out, 0, sizeof(*out));
	out->tm_year = ucal_get(c, UCAL_YEAR, &st) - 1900;
	out->tm_mon = ucal_get(c, UCAL_MONTH, &st);
	out->tm_mday = ucal_get(c, UCAL_DATE, &st);
	out->tm_hour = ucal_get(c, UCAL_HOUR_OF_DAY, &st);
	out->tm_min = ucal_get(c, UCAL_MINUTE, &st);
	out->tm_sec = ucal_get(c, UCAL_SECOND, &st);
	out->tm_wday = ucal_get(c, UCAL_DAY_OF_WEEK, &st) - 1;
	out->tm_gmtoff =
	    (ucal_get(c, UCAL_ZONE_OFFSET, &st) + ucal_get(c, UCAL_DST_OFFSET, &st)) / 1000;
	return U_SUCCESS(st) ? 0 : -1;
}

void
tz_format(struct buf *b, const char *zone, int64_t t)
{
	struct tm tm;
	if (t <= 0 || tz_local(zone, t, &tm) != 0)
		return;
	buf_printf(b, "%04d-%02d-%02d %02d:%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
	           tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int64_t
tz_day_start(const char *zone, const char *date)
{
	int y, m, d;
	char tail;
	if (!date || sscanf(date, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3 || y < 1970 ||
	    y > 9999 || m < 1 || m > 12 || d < 1 || d > 31)
		return -1;
	UCalendar *c = calendar_for(zone);
	if (!c)
		return -1;
	UErrorCode st = U_ZERO_ERROR;
	ucal_clear(c);
	ucal_setDateTime(c, y, m - 1, d, 0, 0, 0, &st);
	UDate ms = ucal_getMillis(c, &st);
	if (U_FAILURE(st) || ucal_get(c, UCAL_DATE, &st) != d)
		return -1;
	return (int64_t)(ms / 1000.0);
}

int64_t
tz_month_start(const char *zone, int y, int m)
{
	y += (m - 1 >= 0 ? (m - 1) / 12 : -((12 - m) / 12));
	m = ((m - 1) % 12 + 12) % 12 + 1;
	char day[16];
	snprintf(day, sizeof(day), "%04d-%02d-01", y, m);
	return tz_day_start(zone, day);
}
