/* Day filters of lists; see date_range.h. */
#include "web/date_range.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/buf.h"
#include "core/tz.h"
#include "http/request.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"

/* True for "YYYY-MM-DD" exactly (what a date input sends). */
static bool
date_shaped(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

/* The start of the day after date in zone; -1 if invalid. */
static int64_t
day_after_start(struct req *r, const char *zone, const char *date)
{
	struct tm tm = {0};
	if (sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += 1;
	time_t t = timegm(&tm); /* normalises the 32nd to the 1st of next month */
	struct tm next;
	if (t == (time_t)-1 || !gmtime_r(&t, &next))
		return -1;
	return tz_day_start(zone, arena_printf(r->a, "%04d-%02d-%02d", next.tm_year + 1900,
	                                       next.tm_mon + 1, next.tm_mday));
}

bool
date_range_read(struct req *r, struct date_range *d)
{
	const char *zone = r->user->time_zone;
	memset(d, 0, sizeof(*d));
	static const struct field_decl range_decl[] = {
	    {.name = "from", .kind = FIELD_LINE, .max_chars = 10},
	    {.name = "to", .kind = FIELD_LINE, .max_chars = 10},
	};
	struct field_value v[2]; /* the days' shape is checked below, with its message */
	fields_read(r, FROM_QUERY, range_decl, 2, NULL, v);
	d->from = v[0].text;
	d->to = v[1].text;
	d->t_to = DATE_RANGE_NO_END;
	const char *bad = T(r, "Enter a date as YYYY-MM-DD.");
	if (*d->from && (!date_shaped(d->from) || (d->t_from = tz_day_start(zone, d->from)) < 0))
		d->e_from = bad, d->t_from = 0;
	if (*d->to && (!date_shaped(d->to) || (d->t_to = day_after_start(r, zone, d->to)) < 0))
		d->e_to = bad, d->t_to = DATE_RANGE_NO_END;
	if (!d->e_from && !d->e_to && *d->from && *d->to && d->t_from >= d->t_to)
		d->e_to = T(r, "The end date must not be before the start date.");
	return !d->e_from && !d->e_to;
}

void
date_range_query(struct buf *q, const struct date_range *d)
{
	if (*d->from) {
		buf_puts(q, "from=");
		html_url_component(q, d->from);
		buf_puts(q, "&");
	}
	if (*d->to) {
		buf_puts(q, "to=");
		html_url_component(q, d->to);
		buf_puts(q, "&");
	}
}

void
date_range_fields(struct req *r, const struct date_range *d)
{
	form_field(r, &(struct field){.name = "from",
	                              .label = T(r, "From"),
	                              .type = "date",
	                              .value = d->from,
	                              .error = d->e_from,
	                              .maxlength = 10});
	form_field(r, &(struct field){.name = "to",
	                              .label = T(r, "To"),
	                              .type = "date",
	                              .value = d->to,
	                              .error = d->e_to,
	                              .maxlength = 10});
}

bool
date_range_given(const struct date_range *d)
{
	return *d->from || *d->to;
}
