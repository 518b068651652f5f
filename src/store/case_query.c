/*
 * The case list's filter model: which fields take which operators and
 * values, for customers and for staff; see case_query.h. The SQL builder
 * is case_query_sql.c.
 */
#include "store/case_query.h"
#include "core/text.h"
#include "store/cases.h"

#include <string.h>

const struct cq_field_info cq_fields[CQ_F__MAX] = {
    [CQ_F_NUMBER] = {CQ_T_TEXT, CQ_FILTER | CQ_SORT},
    [CQ_F_STATE] = {CQ_T_ENUM, CQ_FILTER | CQ_SORT},
    [CQ_F_CATEGORY] = {CQ_T_ENUM, CQ_FILTER | CQ_SORT},
    [CQ_F_SUBJECT] = {CQ_T_TEXT, CQ_FILTER | CQ_SORT},
    [CQ_F_CUSTOMER] = {CQ_T_TEXT, CQ_STAFF_FILTER | CQ_SORT},
    [CQ_F_HOLDER] = {CQ_T_TEXT, CQ_SORT},
    [CQ_F_SERVICE] = {CQ_T_TEXT, CQ_FILTER | CQ_SORT},
    [CQ_F_CONTACT] = {CQ_T_TEXT, CQ_FILTER | CQ_SORT},
    [CQ_F_ASSIGNEE] = {CQ_T_TEXT, CQ_STAFF_FILTER | CQ_STAFF_SORT},
    [CQ_F_UPDATED] = {CQ_T_DATE, CQ_FILTER | CQ_SORT},
    [CQ_F_CREATED] = {CQ_T_DATE, CQ_FILTER | CQ_SORT},
    [CQ_F_KEYWORD] = {CQ_T_KEYWORD, CQ_FILTER},
};

/* The codes of enum case_state (cases.c owns them; this file links alone). */
static const char *const state_codes[] = {"new", "working", "awaiting", "resolved", "closed"};
_Static_assert(sizeof(state_codes) / sizeof(state_codes[0]) == CASE__MAX, "state codes");

/* ---- Fields, operators, values ---- */

bool
cq_filterable(enum cq_field f, bool staff)
{
	if ((unsigned)f >= CQ_F__MAX)
		return false;
	return (cq_fields[f].flags & CQ_FILTER) ||
	       (staff && (cq_fields[f].flags & CQ_STAFF_FILTER));
}

bool
cq_sortable(enum cq_field f, bool staff)
{
	if ((unsigned)f >= CQ_F__MAX)
		return false;
	return (cq_fields[f].flags & CQ_SORT) || (staff && (cq_fields[f].flags & CQ_STAFF_SORT));
}

bool
cq_op_allowed(enum cq_field f, enum cq_op op, bool staff)
{
	if (!cq_filterable(f, staff) || (unsigned)op >= CQ_OP__MAX)
		return false;
	switch (cq_fields[f].type) {
	case CQ_T_TEXT:
		return op == CQ_OP_IS || op == CQ_OP_NOT || op == CQ_OP_HAS || op == CQ_OP_STARTS;
	case CQ_T_ENUM:
		return op == CQ_OP_IS || op == CQ_OP_NOT;
	case CQ_T_DATE:
		return op == CQ_OP_IS || op == CQ_OP_BEFORE || op == CQ_OP_AFTER;
	case CQ_T_KEYWORD:
		return op == CQ_OP_MATCH;
	}
	return false;
}

bool
cq_date_parse(const char *s, int *y, int *m, int *d)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	*y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (*y < 1970 || *y > 9998 || *m < 1 || *m > 12 || *d < 1)
		return false;
	bool leap = (*y % 4 == 0 && *y % 100 != 0) || *y % 400 == 0;
	int max = mdays[*m - 1] + (*m == 2 && leap);
	return *d <= max;
}

bool
cq_date_ok(const char *s)
{
	int y, m, d;
	return cq_date_parse(s, &y, &m, &d);
}

bool
cq_value_ok(enum cq_field f, const char *v)
{
	if ((unsigned)f >= CQ_F__MAX || !v)
		return false;
	size_t n = strlen(v);
	if (n == 0 || n > CQ_VALUE_MAX || text_has_control(v, false))
		return false;
	switch (f) {
	case CQ_F_STATE:
		for (int i = 0; i < CASE__MAX; i++)
			if (strcmp(v, state_codes[i]) == 0)
				return true;
		return false;
	case CQ_F_CATEGORY:
		return n <= 32 && strspn(v, "abcdefghijklmnopqrstuvwxyz_") == n;
	case CQ_F_CREATED:
	case CQ_F_UPDATED:
		return cq_date_ok(v);
	default:
		return true;
	}
}

void
case_query_init(struct case_query *q)
{
	memset(q, 0, sizeof(*q));
	q->page = 1;
}

void
case_query_normalize_sort(struct case_query *q)
{
	if (q->nsort == 1 && q->sort[0].field == CQ_F_UPDATED && q->sort[0].desc)
		q->nsort = 0;
}

bool
case_query_equal(const struct case_query *x0, const struct case_query *y0)
{
	struct case_query x1 = *x0, y1 = *y0;
	case_query_normalize_sort(&x1);
	case_query_normalize_sort(&y1);
	const struct case_query *x = &x1, *y = &y1;
	if (x->ncond != y->ncond || x->nsort != y->nsort || x->quick != y->quick)
		return false;
	for (int i = 0; i < x->ncond; i++) {
		const struct cq_cond *a = &x->cond[i], *b = &y->cond[i];
		if (a->field != b->field || a->op != b->op || (i && a->or_prev != b->or_prev) ||
		    strcmp(a->value, b->value) != 0)
			return false;
	}
	for (int i = 0; i < x->nsort; i++)
		if (x->sort[i].field != y->sort[i].field || x->sort[i].desc != y->sort[i].desc)
			return false;
	return true;
}
