/*
 * Decoder and encoder of the case list's filter in its URL form; see
 * case_query_url.h. Decoding is where input is checked: codes, syntax,
 * valid UTF-8, and which fields and quick filters the user's side may use.
 */
#include "views/case_query_url.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/text.h"
#include "http/parse.h"

#include <string.h>

const char *const cq_field_codes[CQ_F__MAX] = {
    [CQ_F_NUMBER] = "number",   [CQ_F_STATE] = "state",       [CQ_F_CATEGORY] = "category",
    [CQ_F_SUBJECT] = "subject", [CQ_F_CUSTOMER] = "customer", [CQ_F_HOLDER] = "holder",
    [CQ_F_SERVICE] = "service", [CQ_F_CONTACT] = "contact",   [CQ_F_ASSIGNEE] = "assignee",
    [CQ_F_UPDATED] = "updated", [CQ_F_CREATED] = "created",   [CQ_F_KEYWORD] = "keyword",
};

const char *const cq_op_codes[CQ_OP__MAX] = {
    [CQ_OP_IS] = "is",         [CQ_OP_NOT] = "not",       [CQ_OP_HAS] = "has",
    [CQ_OP_STARTS] = "starts", [CQ_OP_BEFORE] = "before", [CQ_OP_AFTER] = "after",
    [CQ_OP_MATCH] = "match",
};

const char *const cq_quick_codes[CQ_NQUICK] = {"action", "report", "mine", "unassigned",
                                               "breached"};

/* The quick filters of staff alone. */
#define STAFF_QUICK (CQ_Q_MINE | CQ_Q_UNASSIGNED | CQ_Q_BREACHED)

/* ---- Codes ---- */

static int
code_lookup(const char *s, size_t n, const char *const *codes, size_t ncodes)
{
	for (size_t i = 0; i < ncodes; i++)
		if (codes[i] && strlen(codes[i]) == n && memcmp(codes[i], s, n) == 0)
			return (int)i;
	return -1;
}

int
cq_field_parse(const char *code)
{
	return code ? code_lookup(code, strlen(code), cq_field_codes, CQ_F__MAX) : -1;
}

int
cq_op_parse(const char *code)
{
	return code ? code_lookup(code, strlen(code), cq_op_codes, CQ_OP__MAX) : -1;
}

/* Records what was refused; returns CQ_URL_FORBIDDEN. */
static int
refuse(struct cq_refused *why, int field, int quick)
{
	if (why)
		*why = (struct cq_refused){.field = field, .quick = quick};
	return CQ_URL_FORBIDDEN;
}

/* ---- Decoding ---- */

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
cq_parse_filter(struct case_query *q, const char *s, bool staff, struct arena *a,
                struct cq_refused *why)
{
	struct cq_cond conds[CQ_MAX_CONDS];
	int n = 0;
	if (s && *s) {
		const char *p = s;
		bool or_prev = false;
		for (;;) {
			if (n == CQ_MAX_CONDS)
				return CQ_URL_MALFORMED;
			const char *c1 = strchr(p, ':');
			if (!c1)
				return CQ_URL_MALFORMED;
			const char *c2 = strchr(c1 + 1, ':');
			if (!c2)
				return CQ_URL_MALFORMED;
			int f = code_lookup(p, (size_t)(c1 - p), cq_field_codes, CQ_F__MAX);
			int op =
			    code_lookup(c1 + 1, (size_t)(c2 - c1 - 1), cq_op_codes, CQ_OP__MAX);
			if (f < 0 || op < 0)
				return CQ_URL_MALFORMED;
			if (!cq_op_allowed(f, op, staff))
				return cq_op_allowed(f, op, true) ? refuse(why, f, -1)
				                                  : CQ_URL_MALFORMED;
			const char *end;
			char *v = read_value(c2 + 1, &end, a);
			if (!v || !utf8_valid((const unsigned char *)v, strlen(v)) ||
			    !cq_value_ok(f, v))
				return CQ_URL_MALFORMED;
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
	return CQ_URL_OK;
}

int
cq_parse_sort(struct case_query *q, const char *s, bool staff, struct cq_refused *why)
{
	struct cq_sort keys[CQ_MAX_SORT];
	int n = 0;
	if (s && *s) {
		const char *p = s;
		for (;;) {
			size_t len = strcspn(p, ",");
			bool desc = len > 0 && *p == '-';
			int f = code_lookup(p + desc, len - desc, cq_field_codes, CQ_F__MAX);
			if (f < 0 || n == CQ_MAX_SORT)
				return CQ_URL_MALFORMED;
			if (!cq_sortable(f, staff))
				return cq_sortable(f, true) ? refuse(why, f, -1) : CQ_URL_MALFORMED;
			for (int i = 0; i < n; i++)
				if (keys[i].field == (enum cq_field)f)
					return CQ_URL_MALFORMED;
			keys[n++] = (struct cq_sort){f, desc};
			if (!p[len])
				break;
			p += len + 1;
		}
	}
	memcpy(q->sort, keys, (size_t)n * sizeof(keys[0]));
	q->nsort = n;
	case_query_normalize_sort(q);
	return CQ_URL_OK;
}

int
cq_parse_quick(struct case_query *q, const char *s, bool staff, struct cq_refused *why)
{
	unsigned bits = 0;
	if (s && *s) {
		const char *p = s;
		for (;;) {
			size_t len = strcspn(p, ",");
			int i = code_lookup(p, len, cq_quick_codes, CQ_NQUICK);
			if (i < 0)
				return CQ_URL_MALFORMED;
			if (!staff && (STAFF_QUICK & (1u << i)))
				return refuse(why, -1, i);
			bits |= 1u << i;
			if (!p[len])
				break;
			p += len + 1;
		}
	}
	q->quick = bits;
	return CQ_URL_OK;
}

/* The worse of two results: forbidden, then malformed, then OK. */
static int
worse(int x, int y)
{
	return x < y ? x : y;
}

int
case_query_parse(struct case_query *q, const struct params *p, bool staff, struct arena *a,
                 struct cq_refused *why)
{
	case_query_init(q);
	static const char *const names[] = {"f", "s", "q", "p"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (params_count(p, names[i]) > 1)
			return CQ_URL_MALFORMED;
	struct cq_refused w = {-1, -1}, tmp;
	int rc = CQ_URL_OK, r;
	if ((r = cq_parse_filter(q, params_get(p, "f"), staff, a, &tmp)) == CQ_URL_FORBIDDEN)
		w = tmp;
	rc = worse(rc, r);
	if ((r = cq_parse_sort(q, params_get(p, "s"), staff, &tmp)) == CQ_URL_FORBIDDEN &&
	    rc != CQ_URL_FORBIDDEN)
		w = tmp;
	rc = worse(rc, r);
	if ((r = cq_parse_quick(q, params_get(p, "q"), staff, &tmp)) == CQ_URL_FORBIDDEN &&
	    rc != CQ_URL_FORBIDDEN)
		w = tmp;
	rc = worse(rc, r);
	const char *ps = params_get(p, "p");
	int64_t page;
	if (ps) {
		if (parse_id(ps, &page) == 0 && page <= CQ_MAX_PAGE)
			q->page = page;
		else
			rc = worse(rc, CQ_URL_MALFORMED);
	}
	if (why)
		*why = w;
	return rc;
}

/* ---- Encoding ---- */

/* The text of b in the arena (b freed). */
static char *
buf_to_arena(struct buf *b, struct arena *a)
{
	char *s = arena_strndup(a, b->p ? b->p : "", b->len);
	buf_free(b);
	return s;
}

char *
cq_encode_filter(const struct case_query *q, struct arena *a)
{
	struct buf b = {0};
	for (int i = 0; i < q->ncond; i++) {
		const struct cq_cond *c = &q->cond[i];
		if (i > 0)
			buf_putc(&b, c->or_prev ? ',' : ';');
		buf_puts(&b, cq_field_codes[c->field]);
		buf_putc(&b, ':');
		buf_puts(&b, cq_op_codes[c->op]);
		buf_putc(&b, ':');
		for (const char *v = c->value; *v; v++) {
			if (*v == ';' || *v == ',' || *v == '\\')
				buf_putc(&b, '\\');
			buf_putc(&b, *v);
		}
	}
	return buf_to_arena(&b, a);
}

char *
cq_encode_sort(const struct case_query *q, struct arena *a)
{
	struct buf b = {0};
	if (q->nsort == 1 && q->sort[0].field == CQ_F_UPDATED && q->sort[0].desc)
		return buf_to_arena(&b, a); /* the default */
	for (int i = 0; i < q->nsort; i++) {
		if (i > 0)
			buf_putc(&b, ',');
		if (q->sort[i].desc)
			buf_putc(&b, '-');
		buf_puts(&b, cq_field_codes[q->sort[i].field]);
	}
	return buf_to_arena(&b, a);
}

char *
cq_encode_quick(const struct case_query *q, struct arena *a)
{
	struct buf b = {0};
	for (int i = 0; i < CQ_NQUICK; i++)
		if (q->quick & (1u << i)) {
			if (b.len)
				buf_putc(&b, ',');
			buf_puts(&b, cq_quick_codes[i]);
		}
	return buf_to_arena(&b, a);
}

/* The parameters of q, percent-encoded; ":" ";" "," stay readable. */
static void
query_args(struct buf *b, const struct case_query *q, bool with_page, struct arena *a)
{
	const char *parts[3][2] = {{"f", cq_encode_filter(q, a)},
	                           {"s", cq_encode_sort(q, a)},
	                           {"q", cq_encode_quick(q, a)}};
	for (int i = 0; i < 3; i++) {
		if (!*parts[i][1])
			continue;
		if (b->len)
			buf_putc(b, '&');
		buf_puts(b, parts[i][0]);
		buf_putc(b, '=');
		text_pct_encode_keep(b, parts[i][1], ":;,");
	}
	if (with_page && q->page > 1) {
		if (b->len)
			buf_putc(b, '&');
		buf_printf(b, "p=%lld", (long long)q->page);
	}
}

char *
case_query_string(const struct case_query *q, struct arena *a)
{
	struct buf b = {0};
	query_args(&b, q, false, a);
	return buf_to_arena(&b, a);
}

char *
case_query_url(const struct case_query *q, const char *base, bool with_page, struct arena *a)
{
	struct buf args = {0};
	query_args(&args, q, with_page, a);
	struct buf b = {0};
	buf_puts(&b, base);
	if (args.len) {
		buf_putc(&b, '?');
		buf_append(&b, args.p, args.len);
	}
	buf_free(&args);
	return buf_to_arena(&b, a);
}
