/*
 * A "from – to" filter of days, as the date inputs of a list send it
 * (YYYY-MM-DD), read in the viewer's time zone: [the start of from, the
 * start of the day after to). Used by the login history and the audit log.
 */
#ifndef MADOGUCHI_WEB_DATE_RANGE_H
#define MADOGUCHI_WEB_DATE_RANGE_H

#include <stdbool.h>
#include <stdint.h>

struct buf;
struct req;

#define DATE_RANGE_NO_END INT64_MAX

struct date_range {
	const char *from, *to;     /* as typed ("" when absent) */
	const char *e_from, *e_to; /* translated errors, NULL: none */
	int64_t t_from, t_to;      /* [t_from, t_to) in UTC */
};

/* Reads ?from=&to=; true when both are valid or absent. */
bool date_range_read(struct req *r, struct date_range *d);
/* Appends "from=…&to=…&" (what is set, percent-encoded) for links. */
void date_range_query(struct buf *q, const struct date_range *d);
/* The two date fields of a filter form, with their errors. */
void date_range_fields(struct req *r, const struct date_range *d);
/* Whether either date is given. */
bool date_range_given(const struct date_range *d);

#endif
