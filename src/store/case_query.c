/*
 * The case list's filters: parser and encoder of their URL form, and the
 * SQL builder; see case_query.h. Pure string work on the arena, so that it
 * links with nothing but src/http/parse.c and src/core/{arena,xalloc}.c.
 *
 * The SQL is written only with SQL(), which takes string literals, and
 * param_*(), which writes "?" and records the value: a value cannot reach
 * the statement's text, and the binds always match the "?" in number and
 * order.
 */
#include "store/case_query.h"
#include "core/arena.h"
#include "http/parse.h"
#include "store/cases.h"

#include <stdio.h>
#include <string.h>

const struct cq_field_info cq_fields[CQ_F__MAX] = {
    [CQ_F_NUMBER] = {"number", CQ_T_TEXT, CQ_FILTER | CQ_SORT},
    [CQ_F_STATE] = {"state", CQ_T_ENUM, CQ_FILTER | CQ_SORT},
    [CQ_F_CATEGORY] = {"category", CQ_T_ENUM, CQ_FILTER | CQ_SORT},
    [CQ_F_SUBJECT] = {"subject", CQ_T_TEXT, CQ_FILTER | CQ_SORT},
    [CQ_F_CUSTOMER] = {"customer", CQ_T_TEXT, CQ_STAFF_FILTER | CQ_SORT},
    [CQ_F_HOLDER] = {"holder", CQ_T_TEXT, CQ_SORT},
    [CQ_F_SERVICE] = {"service", CQ_T_TEXT, CQ_FILTER | CQ_SORT},
    [CQ_F_CONTACT] = {"contact", CQ_T_TEXT, CQ_FILTER | CQ_SORT},
    [CQ_F_ASSIGNEE] = {"assignee", CQ_T_TEXT, CQ_STAFF_FILTER | CQ_STAFF_SORT},
    [CQ_F_UPDATED] = {"updated", CQ_T_DATE, CQ_FILTER | CQ_SORT},
    [CQ_F_CREATED] = {"created", CQ_T_DATE, CQ_FILTER | CQ_SORT},
    [CQ_F_KEYWORD] = {"keyword", CQ_T_KEYWORD, CQ_FILTER},
};

const char *const cq_op_codes[CQ_OP__MAX] = {
    [CQ_OP_IS] = "is",         [CQ_OP_NOT] = "not",       [CQ_OP_HAS] = "has",
    [CQ_OP_STARTS] = "starts", [CQ_OP_BEFORE] = "before", [CQ_OP_AFTER] = "after",
    [CQ_OP_MATCH] = "match",
};

const char *const cq_quick_codes[4] = {"action", "report", "mine", "unassigned"};

/* The codes of enum case_state (cases.c owns them; this file links alone). */
static const char *const state_codes[] = {"new", "working", "awaiting", "resolved", "closed"};
_Static_assert(sizeof(state_codes) / sizeof(state_codes[0]) == CASE__MAX, "state codes");

/* ---- A string builder on the arena ---- */

struct sb {
	struct arena *a;
	char *p;
	size_t len, cap;
};

static void
sb_putn(struct sb *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = arena_alloc(b->a, cap);
		if (b->len)
			memcpy(p, b->p, b->len);
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void
sb_puts(struct sb *b, const char *s)
{
	sb_putn(b, s, strlen(s));
}

static char *
sb_str(struct sb *b)
{
	if (!b->p)
		sb_putn(b, "", 0);
	return b->p;
}

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

static int
code_lookup(const char *s, size_t n, const char *const *codes, size_t ncodes)
{
	for (size_t i = 0; i < ncodes; i++)
		if (codes[i] && strlen(codes[i]) == n && memcmp(codes[i], s, n) == 0)
			return (int)i;
	return -1;
}

static int
field_lookup(const char *s, size_t n)
{
	for (int i = 0; i < CQ_F__MAX; i++)
		if (strlen(cq_fields[i].code) == n && memcmp(cq_fields[i].code, s, n) == 0)
			return i;
	return -1;
}

int
cq_field_parse(const char *code)
{
	return code ? field_lookup(code, strlen(code)) : -1;
}

int
cq_op_parse(const char *code)
{
	return code ? code_lookup(code, strlen(code), cq_op_codes, CQ_OP__MAX) : -1;
}

size_t
cq_utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* C0 and C1 controls and DEL: never part of a condition. */
static bool
has_control(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < 0x20 || *p == 0x7f)
			return true;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return true;
	}
	return false;
}

/* "YYYY-MM-DD", a real day from 1970 to 9998 (its next day is one too); y, m, d set. */
static bool
date_parse(const char *s, int *y, int *m, int *d)
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
cq_value_ok(enum cq_field f, const char *v)
{
	if ((unsigned)f >= CQ_F__MAX || !v)
		return false;
	size_t n = strlen(v);
	if (n == 0 || n > CQ_VALUE_MAX || !utf8_valid((const unsigned char *)v, n) ||
	    has_control(v))
		return false;
	int y, m, d;
	switch (f) {
	case CQ_F_STATE:
		return code_lookup(v, n, state_codes, CASE__MAX) >= 0;
	case CQ_F_CATEGORY:
		return n <= 32 && strspn(v, "abcdefghijklmnopqrstuvwxyz_") == n;
	case CQ_F_CREATED:
	case CQ_F_UPDATED:
		return date_parse(v, &y, &m, &d);
	default:
		return true;
	}
}

/* ---- Parsing ---- */

void
case_query_init(struct case_query *q)
{
	memset(q, 0, sizeof(*q));
	q->page = 1;
}

/*
 * Reads a value up to an unescaped ";" or "," (or the end) into the arena;
 * *end is left on the separator. NULL when a "\\" ends the text.
 */
static char *
read_value(const char *s, const char **end, struct arena *a)
{
	size_t n = 0;
	const char *p = s;
	for (; *p && *p != ';' && *p != ','; p++, n++)
		if (*p == '\\' && !*++p)
			return NULL;
	char *out = arena_alloc(a, n + 1);
	n = 0;
	for (const char *c = s; c < p; c++) {
		if (*c == '\\')
			c++;
		out[n++] = *c;
	}
	out[n] = '\0';
	*end = p;
	return out;
}

int
cq_parse_filter(struct case_query *q, const char *s, bool staff, struct arena *a)
{
	struct cq_cond conds[CQ_MAX_CONDS];
	int n = 0;
	if (s && *s) {
		const char *p = s;
		bool or_prev = false;
		for (;;) {
			if (n == CQ_MAX_CONDS)
				return -1;
			const char *c1 = strchr(p, ':');
			if (!c1)
				return -1;
			const char *c2 = strchr(c1 + 1, ':');
			if (!c2)
				return -1;
			int f = field_lookup(p, (size_t)(c1 - p));
			int op =
			    code_lookup(c1 + 1, (size_t)(c2 - c1 - 1), cq_op_codes, CQ_OP__MAX);
			if (f < 0 || op < 0 || !cq_op_allowed(f, op, staff))
				return -1;
			const char *end;
			char *v = read_value(c2 + 1, &end, a);
			if (!v || !cq_value_ok(f, v))
				return -1;
			conds[n] = (struct cq_cond){f, op, or_prev && n > 0, v};
			n++;
			if (!*end)
				break;
			or_prev = *end == ',';
			p = end + 1;
		}
	}
	memcpy(q->cond, conds, (size_t)n * sizeof(conds[0]));
	q->ncond = n;
	return 0;
}

/* The default order (updated_at descending) is kept as "no sort key". */
static void
sort_normalize(struct case_query *q)
{
	if (q->nsort == 1 && q->sort[0].field == CQ_F_UPDATED && q->sort[0].desc)
		q->nsort = 0;
}

int
cq_parse_sort(struct case_query *q, const char *s, bool staff)
{
	struct cq_sort keys[CQ_MAX_SORT];
	int n = 0;
	if (s && *s) {
		const char *p = s;
		for (;;) {
			size_t len = strcspn(p, ",");
			bool desc = len > 0 && *p == '-';
			int f = field_lookup(p + desc, len - desc);
			if (f < 0 || !cq_sortable(f, staff) || n == CQ_MAX_SORT)
				return -1;
			for (int i = 0; i < n; i++)
				if (keys[i].field == (enum cq_field)f)
					return -1;
			keys[n++] = (struct cq_sort){f, desc};
			if (!p[len])
				break;
			p += len + 1;
		}
	}
	memcpy(q->sort, keys, (size_t)n * sizeof(keys[0]));
	q->nsort = n;
	sort_normalize(q);
	return 0;
}

int
cq_parse_quick(struct case_query *q, const char *s, bool staff)
{
	unsigned bits = 0;
	if (s && *s) {
		const char *p = s;
		for (;;) {
			size_t len = strcspn(p, ",");
			int i = code_lookup(p, len, cq_quick_codes, 4);
			if (i < 0 || (!staff && i >= 2))
				return -1;
			bits |= 1u << i;
			if (!p[len])
				break;
			p += len + 1;
		}
	}
	q->quick = bits;
	return 0;
}

int
case_query_parse(struct case_query *q, const struct params *p, bool staff, struct arena *a)
{
	case_query_init(q);
	int rc = 0;
	static const char *const names[] = {"f", "s", "q", "p"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (params_count(p, names[i]) > 1)
			rc = -1;
	if (rc)
		return rc;
	if (cq_parse_filter(q, params_get(p, "f"), staff, a) != 0)
		rc = -1;
	if (cq_parse_sort(q, params_get(p, "s"), staff) != 0)
		rc = -1;
	if (cq_parse_quick(q, params_get(p, "q"), staff) != 0)
		rc = -1;
	const char *ps = params_get(p, "p");
	int64_t page;
	if (ps) {
		if (parse_id(ps, &page) == 0 && page <= CQ_MAX_PAGE)
			q->page = page;
		else
			rc = -1;
	}
	return rc;
}

/* ---- Encoding ---- */

char *
cq_encode_filter(const struct case_query *q, struct arena *a)
{
	struct sb b = {.a = a};
	for (int i = 0; i < q->ncond; i++) {
		const struct cq_cond *c = &q->cond[i];
		if (i > 0)
			sb_putn(&b, c->or_prev ? "," : ";", 1);
		sb_puts(&b, cq_fields[c->field].code);
		sb_putn(&b, ":", 1);
		sb_puts(&b, cq_op_codes[c->op]);
		sb_putn(&b, ":", 1);
		for (const char *v = c->value; *v; v++) {
			if (*v == ';' || *v == ',' || *v == '\\')
				sb_putn(&b, "\\", 1);
			sb_putn(&b, v, 1);
		}
	}
	return sb_str(&b);
}

char *
cq_encode_sort(const struct case_query *q, struct arena *a)
{
	struct sb b = {.a = a};
	if (q->nsort == 1 && q->sort[0].field == CQ_F_UPDATED && q->sort[0].desc)
		return sb_str(&b); /* the default */
	for (int i = 0; i < q->nsort; i++) {
		if (i > 0)
			sb_putn(&b, ",", 1);
		if (q->sort[i].desc)
			sb_putn(&b, "-", 1);
		sb_puts(&b, cq_fields[q->sort[i].field].code);
	}
	return sb_str(&b);
}

char *
cq_encode_quick(const struct case_query *q, struct arena *a)
{
	struct sb b = {.a = a};
	for (int i = 0; i < 4; i++)
		if (q->quick & (1u << i)) {
			if (b.len)
				sb_putn(&b, ",", 1);
			sb_puts(&b, cq_quick_codes[i]);
		}
	return sb_str(&b);
}

/* Percent-encodes for a query argument; ":" ";" "," stay readable. */
static void
url_arg(struct sb *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
		    strchr("-._~:;,", c)) {
			sb_putn(b, (const char *)&c, 1);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			sb_putn(b, e, 3);
		}
	}
}

static void
query_args(struct sb *b, const struct case_query *q, bool with_page, struct arena *a)
{
	const char *parts[3][2] = {{"f", cq_encode_filter(q, a)},
	                           {"s", cq_encode_sort(q, a)},
	                           {"q", cq_encode_quick(q, a)}};
	for (int i = 0; i < 3; i++) {
		if (!*parts[i][1])
			continue;
		if (b->len)
			sb_putn(b, "&", 1);
		sb_puts(b, parts[i][0]);
		sb_putn(b, "=", 1);
		url_arg(b, parts[i][1]);
	}
	if (with_page && q->page > 1) {
		char n[32];
		snprintf(n, sizeof(n), "p=%lld", (long long)q->page);
		if (b->len)
			sb_putn(b, "&", 1);
		sb_puts(b, n);
	}
}

char *
case_query_string(const struct case_query *q, struct arena *a)
{
	struct sb b = {.a = a};
	query_args(&b, q, false, a);
	return sb_str(&b);
}

char *
case_query_url(const struct case_query *q, const char *base, bool with_page, struct arena *a)
{
	struct sb args = {.a = a};
	query_args(&args, q, with_page, a);
	struct sb b = {.a = a};
	sb_puts(&b, base);
	if (args.len) {
		sb_putn(&b, "?", 1);
		sb_putn(&b, args.p, args.len);
	}
	return sb_str(&b);
}

bool
case_query_equal(const struct case_query *x0, const struct case_query *y0)
{
	struct case_query x1 = *x0, y1 = *y0;
	sort_normalize(&x1);
	sort_normalize(&y1);
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

/* ---- SQL ---- */

struct build {
	struct sb sql;
	struct cq_bind *binds;
	int n, cap;
	struct arena *a;
	const struct cq_scope *sc;
	/* Staff: the number of the one customer all rows must belong to, or NULL. */
	const char *one_customer;
	bool bad;
};

/* Only string literals become SQL text. */
#define SQL(b, s) sb_putn(&(b)->sql, "" s "", sizeof(s) - 1)

static void
bind_add(struct build *b, struct cq_bind v)
{
	if (b->n == b->cap) {
		int cap = b->cap ? b->cap * 2 : 16;
		struct cq_bind *p = arena_alloc(b->a, (size_t)cap * sizeof(*p));
		if (b->n)
			memcpy(p, b->binds, (size_t)b->n * sizeof(*p));
		b->binds = p;
		b->cap = cap;
	}
	b->binds[b->n++] = v;
}

static void
param_int(struct build *b, int64_t v)
{
	SQL(b, "?");
	bind_add(b, (struct cq_bind){.type = CQ_BIND_INT, .i = v});
}

static void
param_text(struct build *b, const char *s)
{
	SQL(b, "?");
	bind_add(b, (struct cq_bind){.type = CQ_BIND_TEXT, .s = s});
}

/* A LIKE pattern of v: "%v%" (anywhere) or "v%", with \ % _ escaped by "\". */
static const char *
like_pattern(struct arena *a, const char *v, bool anywhere)
{
	struct sb p = {.a = a};
	if (anywhere)
		sb_putn(&p, "%", 1);
	for (; *v; v++) {
		if (*v == '%' || *v == '_' || *v == '\\')
			sb_putn(&p, "\\", 1);
		sb_putn(&p, v, 1);
	}
	sb_putn(&p, "%", 1);
	return sb_str(&p);
}

/* " = ?", " <> ?", " LIKE ? ESCAPE '\'" after a text column. */
static void
text_op(struct build *b, enum cq_op op, const char *v)
{
	switch (op) {
	case CQ_OP_IS:
		SQL(b, " = ");
		param_text(b, v);
		break;
	case CQ_OP_NOT:
		SQL(b, " <> ");
		param_text(b, v);
		break;
	case CQ_OP_HAS:
	case CQ_OP_STARTS:
		SQL(b, " LIKE ");
		param_text(b, like_pattern(b->a, v, op == CQ_OP_HAS));
		SQL(b, " ESCAPE '\\'");
		break;
	default:
		b->bad = true;
	}
}

/* For a "not" on a related table: the positive test, negated around it. */
static enum cq_op
positive(enum cq_op op)
{
	return op == CQ_OP_NOT ? CQ_OP_IS : op;
}

/* The day after y-m-d as "YYYY-MM-DD" in the arena. */
static const char *
next_day(struct arena *a, int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (++d > mdays[m - 1] + (m == 2 && leap)) {
		d = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

/* The UTC start of a date, and of the day after it. */
static bool
day_bounds(struct build *b, const char *date, int64_t *from, int64_t *to)
{
	int y, m, d;
	if (!b->sc->day_start || !date_parse(date, &y, &m, &d))
		return false;
	*from = b->sc->day_start(date, b->sc->ctx);
	*to = b->sc->day_start(next_day(b->a, y, m, d), b->sc->ctx);
	return *from >= 0 && *to > *from;
}

/*
 * The scope token of a keyword's search: the customer's own, or, for
 * staff filtering on one customer, that customer's (0, nobody's, when
 * there is no such number).
 */
static void
keyword_scope(struct build *b)
{
	const struct cq_scope *sc = b->sc;
	if (!sc->staff) {
		param_text(b, sc->fts_scope);
	} else {
		SQL(b, "fts_scope_token(COALESCE((SELECT id FROM customers WHERE number = ");
		param_text(b, b->one_customer);
		SQL(b, "), 0))");
	}
}

/*
 * case_search's rowid is case id * 65536 + n (migration 0008). A search
 * reads one customer's postings of the keyword's trigrams, or of the
 * trigrams that begin with a keyword of one or two characters
 * (store/fts_scoped.h). Staff searching every customer run it once per
 * customer: a few index lookups each.
 */
static void
keyword_cond(struct build *b, const char *kw)
{
	const struct cq_scope *sc = b->sc;
	if (!*kw || (sc->staff && cq_utf8_chars(kw) < CQ_STAFF_KEYWORD_MIN)) {
		b->bad = true;
		return;
	}
	if (sc->staff && !b->one_customer) {
		SQL(b, "k.id IN (SELECT s.rowid >> 16 FROM customers u, case_search s "
		       "WHERE s.case_search MATCH fts_scoped_query(fts_scope_token(u.id), ");
		param_text(b, kw);
		SQL(b, "))");
		return;
	}
	SQL(b, "k.id IN (SELECT rowid >> 16 FROM case_search "
	       "WHERE case_search MATCH fts_scoped_query(");
	keyword_scope(b);
	SQL(b, ", ");
	param_text(b, kw);
	SQL(b, "))");
}

static void
date_cond(struct build *b, enum cq_field f, enum cq_op op, const char *v)
{
	int64_t from, to;
	if (!day_bounds(b, v, &from, &to)) {
		b->bad = true;
		return;
	}
	if (op == CQ_OP_IS) {
		if (f == CQ_F_CREATED)
			SQL(b, "(k.created_at >= ");
		else
			SQL(b, "(k.updated_at >= ");
		param_int(b, from);
		if (f == CQ_F_CREATED)
			SQL(b, " AND k.created_at < ");
		else
			SQL(b, " AND k.updated_at < ");
		param_int(b, to);
		SQL(b, ")");
		return;
	}
	if (f == CQ_F_CREATED)
		SQL(b, "k.created_at");
	else
		SQL(b, "k.updated_at");
	if (op == CQ_OP_BEFORE) {
		SQL(b, " < ");
		param_int(b, from);
	} else {
		SQL(b, " >= ");
		param_int(b, to);
	}
}

static void
cond_sql(struct build *b, const struct cq_cond *c)
{
	const struct cq_scope *sc = b->sc;
	if (!cq_op_allowed(c->field, c->op, sc->staff) || !cq_value_ok(c->field, c->value)) {
		b->bad = true;
		return;
	}
	bool neg = c->op == CQ_OP_NOT;
	switch (c->field) {
	case CQ_F_NUMBER:
		SQL(b, "k.number");
		text_op(b, c->op, c->value);
		break;
	case CQ_F_STATE:
		SQL(b, "k.state");
		text_op(b, c->op, c->value);
		break;
	case CQ_F_CATEGORY:
		SQL(b, "k.category");
		text_op(b, c->op, c->value);
		break;
	case CQ_F_SUBJECT:
		SQL(b, "k.subject");
		text_op(b, c->op, c->value);
		break;
	case CQ_F_CUSTOMER:
		if (c->op == CQ_OP_IS) {
			/* One customer: an equality the (customer_id, …) indexes serve in order. */
			SQL(b, "k.customer_id = (SELECT id FROM customers WHERE number = ");
			param_text(b, c->value);
			SQL(b, ")");
			break;
		}
		if (neg)
			SQL(b, "k.customer_id NOT IN (SELECT id FROM customers WHERE number");
		else
			SQL(b, "k.customer_id IN (SELECT id FROM customers WHERE number");
		text_op(b, positive(c->op), c->value);
		SQL(b, ")");
		break;
	case CQ_F_SERVICE:
		if (neg)
			SQL(b,
			    "(k.service_id IS NULL OR k.service_id NOT IN (SELECT id FROM services "
			    "WHERE name_ja");
		else
			SQL(b, "k.service_id IN (SELECT id FROM services WHERE name_ja");
		text_op(b, positive(c->op), c->value);
		SQL(b, " OR name_en");
		text_op(b, positive(c->op), c->value);
		if (neg)
			SQL(b, ")");
		SQL(b, ")");
		break;
	case CQ_F_CONTACT:
		if (neg)
			SQL(b, "(k.contact_id IS NULL OR k.contact_id NOT IN (SELECT id FROM users "
			       "WHERE ");
		else
			SQL(b, "k.contact_id IN (SELECT id FROM users WHERE ");
		if (sc->staff) {
			SQL(b, "is_staff = 0");
		} else {
			SQL(b, "customer_id = ");
			param_int(b, sc->customer_id);
		}
		SQL(b, " AND name");
		text_op(b, positive(c->op), c->value);
		if (neg)
			SQL(b, ")");
		SQL(b, ")");
		break;
	case CQ_F_ASSIGNEE:
		if (neg)
			SQL(b,
			    "(k.assignee_id IS NULL OR k.assignee_id NOT IN (SELECT id FROM users "
			    "WHERE is_staff = 1 AND name");
		else
			SQL(b,
			    "k.assignee_id IN (SELECT id FROM users WHERE is_staff = 1 AND name");
		text_op(b, positive(c->op), c->value);
		if (neg)
			SQL(b, ")");
		SQL(b, ")");
		break;
	case CQ_F_CREATED:
	case CQ_F_UPDATED:
		date_cond(b, c->field, c->op, c->value);
		break;
	case CQ_F_KEYWORD:
		keyword_cond(b, c->value);
		break;
	case CQ_F_HOLDER:
	case CQ_F__MAX:
		b->bad = true;
		break;
	}
}

/* The WHERE clause (without the keyword): scope, quick filters, groups. */
static void
where_sql(struct build *b, const struct case_query *q)
{
	const struct cq_scope *sc = b->sc;
	if (sc->staff) {
		SQL(b, "1");
	} else {
		SQL(b, "k.customer_id = ");
		param_int(b, sc->customer_id);
	}
	if (q->quick & CQ_Q_ACTION) {
		SQL(b, " AND k.state IN (");
		param_text(b, "resolved");
		SQL(b, ", ");
		param_text(b, "awaiting");
		SQL(b, ")");
	}
	if (q->quick & CQ_Q_REPORT) {
		SQL(b, " AND k.category = ");
		param_text(b, "monthly_report");
	}
	if (q->quick & (CQ_Q_MINE | CQ_Q_UNASSIGNED)) {
		if (!sc->staff) {
			b->bad = true;
			return;
		}
		if (q->quick & CQ_Q_MINE) {
			SQL(b, " AND k.assignee_id = ");
			param_int(b, sc->user_id);
		}
		if (q->quick & CQ_Q_UNASSIGNED)
			SQL(b, " AND k.assignee_id IS NULL");
	}
	if (q->ncond < 0 || q->ncond > CQ_MAX_CONDS) {
		b->bad = true;
		return;
	}
	for (int i = 0; i < q->ncond; i++) {
		bool opens = i == 0 || !q->cond[i].or_prev;
		bool closes = i + 1 == q->ncond || !q->cond[i + 1].or_prev;
		if (opens)
			SQL(b, " AND (");
		else
			SQL(b, " OR ");
		cond_sql(b, &q->cond[i]);
		if (closes)
			SQL(b, ")");
	}
}

/*
 * The ORDER BY terms of one key, direction included. Service and contact
 * go by name, then by the id of the service or user, so that two of the
 * same name stay apart as the index of named_sort_page reads them.
 */
static void
sort_expr(struct build *b, enum cq_field f, bool desc)
{
	switch (f) {
	case CQ_F_NUMBER:
		SQL(b, "k.number");
		break;
	case CQ_F_STATE: /* in the order of the life of a case: cases_customer_state_order */
		SQL(b, "instr(',new,working,awaiting,resolved,closed,', ',' || k.state || ',')");
		break;
	case CQ_F_CATEGORY:
		if (b->sc->category_order &&
		    strcmp(b->sc->category_order, CQ_CATEGORY_ORDER) == 0) {
			/* The expression of cases_customer_category_order. */
			SQL(b, "instr('" CQ_CATEGORY_ORDER "', ',' || k.category || ',')");
		} else if (b->sc->category_order) {
			SQL(b, "instr(");
			param_text(b, b->sc->category_order);
			SQL(b, ", ',' || k.category || ',')");
		} else {
			SQL(b, "k.category");
		}
		break;
	case CQ_F_SUBJECT:
		SQL(b, "k.subject");
		break;
	case CQ_F_CUSTOMER:
		SQL(b, "cu.number");
		break;
	case CQ_F_HOLDER:
		SQL(b, "cu.name");
		break;
	case CQ_F_SERVICE:
		if (b->sc->lang_en)
			SQL(b, "s.name_en");
		else
			SQL(b, "s.name_ja");
		if (desc)
			SQL(b, " DESC");
		SQL(b, ", s.id");
		break;
	case CQ_F_CONTACT:
		SQL(b, "u.name");
		if (desc)
			SQL(b, " DESC");
		SQL(b, ", u.id");
		break;
	case CQ_F_ASSIGNEE:
		SQL(b, "a.name");
		break;
	case CQ_F_UPDATED:
		SQL(b, "k.updated_at");
		break;
	case CQ_F_CREATED:
		SQL(b, "k.created_at");
		break;
	case CQ_F_KEYWORD:
	case CQ_F__MAX:
		b->bad = true;
		break;
	}
	if (desc)
		SQL(b, " DESC");
}

/*
 * The sort keys that order anything: for a customer, its own number and
 * name (customer and holder) are the same on every row and are left out.
 * No key left: by update time, newest first. Returns the count, or -1 when
 * a key may not be sorted on in the scope.
 */
static int
sort_keys(const struct build *b, const struct case_query *q, struct cq_sort out[CQ_MAX_SORT])
{
	int n = 0;
	if (q->nsort < 0 || q->nsort > CQ_MAX_SORT)
		return -1;
	for (int i = 0; i < q->nsort; i++) {
		enum cq_field f = q->sort[i].field;
		if (!cq_sortable(f, b->sc->staff))
			return -1;
		if (!b->sc->staff && (f == CQ_F_CUSTOMER || f == CQ_F_HOLDER))
			continue;
		out[n++] = q->sort[i];
	}
	if (n == 0)
		out[n++] = (struct cq_sort){CQ_F_UPDATED, true};
	return n;
}

/*
 * The keys, then the case id in the direction of the last key: an order
 * without ties, so that pages never overlap, which for a single key is the
 * order of its index (every index ends with the case id), read without
 * sorting (migration 0008).
 */
static void
order_sql(struct build *b, const struct case_query *q)
{
	struct cq_sort keys[CQ_MAX_SORT];
	int n = sort_keys(b, q, keys);
	if (n < 0) {
		b->bad = true;
		return;
	}
	for (int i = 0; i < n; i++) {
		if (i)
			SQL(b, ", ");
		sort_expr(b, keys[i].field, keys[i].desc);
	}
	if (keys[n - 1].desc)
		SQL(b, ", k.id DESC");
	else
		SQL(b, ", k.id");
}

/* The joins the sort keys need (conditions use sub-selects instead). */
static void
sort_joins(struct build *b, const struct case_query *q)
{
	struct cq_sort keys[CQ_MAX_SORT];
	int n = sort_keys(b, q, keys);
	bool cu = false, s = false, u = false, a = false;
	for (int i = 0; i < n; i++) {
		enum cq_field f = keys[i].field;
		cu |= f == CQ_F_CUSTOMER || f == CQ_F_HOLDER;
		s |= f == CQ_F_SERVICE;
		u |= f == CQ_F_CONTACT;
		a |= f == CQ_F_ASSIGNEE;
	}
	if (cu)
		SQL(b, " JOIN customers cu ON cu.id = k.customer_id");
	if (s)
		SQL(b, " LEFT JOIN services s ON s.id = k.service_id");
	if (u)
		SQL(b, " LEFT JOIN users u ON u.id = k.contact_id");
	if (a)
		SQL(b, " LEFT JOIN users a ON a.id = k.assignee_id");
}

/* A customer's page sorted by the service or the contact alone: named_sort_page. */
static bool
named_sort(const struct build *b, const struct case_query *q, enum cq_sql_kind kind,
           struct cq_sort *key)
{
	struct cq_sort keys[CQ_MAX_SORT];
	if (b->sc->staff || kind != CQ_SQL_PAGE || sort_keys(b, q, keys) != 1)
		return false;
	*key = keys[0];
	return key->field == CQ_F_SERVICE || key->field == CQ_F_CONTACT;
}

/*
 * The ids of a page of a customer's list sorted by service or contact name,
 * read in order from indexes instead of sorting the customer's history:
 * the cases without one (cases_customer_service or _contact, IS NULL, by
 * id) and the services by name (services_name_*) or the customer's users
 * by name (users_customer), each followed by its cases by id. A compound
 * SELECT with ORDER BY merges its two ordered arms, and stops at the page.
 * NULL first ascending, last descending, as the LEFT JOIN of order_sql.
 * A case's contact is one of its customer's users (every writer of
 * cases.contact_id picks one).
 */
static void
named_sort_page(struct build *b, const struct case_query *q, struct cq_sort key, int64_t limit,
                int64_t offset)
{
	bool service = key.field == CQ_F_SERVICE;
	if (service)
		SQL(b, "SELECT id FROM (SELECT k.id AS id, k.service_id AS g, k.service_id AS gid "
		       "FROM cases k WHERE ");
	else
		SQL(b, "SELECT id FROM (SELECT k.id AS id, k.contact_id AS g, k.contact_id AS gid "
		       "FROM cases k WHERE ");
	where_sql(b, q);
	if (service && b->sc->lang_en)
		SQL(b, " AND k.service_id IS NULL UNION ALL SELECT k.id, s.name_en, s.id "
		       "FROM services s CROSS JOIN cases k WHERE ");
	else if (service)
		SQL(b, " AND k.service_id IS NULL UNION ALL SELECT k.id, s.name_ja, s.id "
		       "FROM services s CROSS JOIN cases k WHERE ");
	else
		SQL(b, " AND k.contact_id IS NULL UNION ALL SELECT k.id, u.name, u.id "
		       "FROM users u CROSS JOIN cases k WHERE ");
	where_sql(b, q);
	if (service) {
		SQL(b, " AND k.service_id = s.id");
	} else {
		SQL(b, " AND u.customer_id = ");
		param_int(b, b->sc->customer_id);
		SQL(b, " AND k.contact_id = u.id");
	}
	if (key.desc)
		SQL(b, " ORDER BY 2 DESC, 3 DESC, 1 DESC LIMIT ");
	else
		SQL(b, " ORDER BY 2, 3, 1 LIMIT ");
	param_int(b, limit);
	SQL(b, " OFFSET ");
	param_int(b, offset);
	SQL(b, ")");
}

/*
 * Staff: the number of a "customer is" condition that is a group of its
 * own, which every row must then match; NULL otherwise.
 */
static const char *
one_customer(const struct case_query *q)
{
	if (q->ncond < 0 || q->ncond > CQ_MAX_CONDS)
		return NULL;
	for (int i = 0; i < q->ncond; i++) {
		bool alone = (i == 0 || !q->cond[i].or_prev) &&
		             (i + 1 == q->ncond || !q->cond[i + 1].or_prev);
		if (alone && q->cond[i].field == CQ_F_CUSTOMER && q->cond[i].op == CQ_OP_IS)
			return q->cond[i].value;
	}
	return NULL;
}

bool
cq_reads_all_matches(const struct case_query *q)
{
	for (int i = 0; i < q->ncond; i++)
		if (q->cond[i].field == CQ_F_KEYWORD)
			return true;
	return false;
}

int
case_query_sql(const struct case_query *q, const struct cq_scope *sc, enum cq_sql_kind kind,
               int64_t limit, int64_t offset, struct arena *a, struct cq_sql *out)
{
	memset(out, 0, sizeof(*out));
	bool customer = !sc->staff && sc->customer_id > 0;
	bool staff = sc->staff && sc->customer_id == 0;
	if (customer == staff ||
	    (kind != CQ_SQL_COUNT && kind != CQ_SQL_PAGE && kind != CQ_SQL_PAGE_COUNTED) ||
	    q->nsort < 0 || q->nsort > CQ_MAX_SORT || (q->quick & ~(unsigned)CQ_Q__ALL))
		return -1;
	if (customer && !sc->fts_scope)
		return -1;
	if (kind != CQ_SQL_COUNT && (limit < 1 || limit > 1000 || offset < 0))
		return -1;
	struct build b = {
	    .sql = {.a = a}, .a = a, .sc = sc, .one_customer = staff ? one_customer(q) : NULL};
	if (kind == CQ_SQL_COUNT) {
		if (staff)
			SQL(&b, "SELECT COUNT(*) FROM (SELECT 1 FROM cases k WHERE ");
		else
			SQL(&b, "SELECT COUNT(*) FROM cases k WHERE ");
		where_sql(&b, q);
		if (staff) {
			SQL(&b, " LIMIT ");
			param_int(&b, CQ_STAFF_COUNT_CAP + 1);
			SQL(&b, ")");
		}
	} else {
		/*
		 * The page's ids first, with only the joins the order needs (an
		 * index gives the default order with no sort at all), then the
		 * columns shown for those rows alone.
		 */
		SQL(&b,
		    "SELECT k.id, k.number, k.state, k.category, k.subject, cu.number, cu.name, "
		    "s.name_ja, s.name_en, u.name, a.name, k.created_at, k.updated_at");
		struct cq_sort key;
		if (named_sort(&b, q, kind, &key)) {
			SQL(&b, " FROM (");
			named_sort_page(&b, q, key, limit, offset);
		} else {
			if (kind == CQ_SQL_PAGE_COUNTED)
				SQL(&b,
				    ", p.total FROM (SELECT k.id AS id, COUNT(*) OVER () AS total "
				    "FROM cases k");
			else
				SQL(&b, " FROM (SELECT k.id AS id FROM cases k");
			sort_joins(&b, q);
			SQL(&b, " WHERE ");
			where_sql(&b, q);
			SQL(&b, " ORDER BY ");
			order_sql(&b, q);
			SQL(&b, " LIMIT ");
			param_int(&b, limit);
			SQL(&b, " OFFSET ");
			param_int(&b, offset);
		}
		SQL(&b, ") p JOIN cases k ON k.id = p.id "
		        "JOIN customers cu ON cu.id = k.customer_id "
		        "LEFT JOIN services s ON s.id = k.service_id "
		        "LEFT JOIN users u ON u.id = k.contact_id "
		        "LEFT JOIN users a ON a.id = k.assignee_id");
		if (customer) {
			SQL(&b, " WHERE k.customer_id = ");
			param_int(&b, sc->customer_id);
		}
		SQL(&b, " ORDER BY ");
		order_sql(&b, q);
	}
	if (b.bad)
		return -1;
	out->sql = sb_str(&b.sql);
	out->binds = b.binds;
	out->nbinds = b.n;
	return 0;
}
