/*
 * libFuzzer target: the case list's filter URL (views/case_query_url.c) and
 * the SQL built from it (store/case_query_sql.c). The
 * input is a query string (the first byte chooses a customer's or the
 * console's view); whatever parses must encode to a query string that
 * parses back to the same filter, and build SQL whose "?" match its binds,
 * that starts with the customer's id for a customer and never holds a
 * value. The raw input is also fed to each parameter's parser directly.
 *
 * Build: the Makefile's fuzz rule, which links src/store/case_query*.c and
 * src/views/case_query_url.c.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "http/parse.h"
#include "store/case_query.h"
#include "views/case_query_url.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static int64_t
fixed_day(const char *date, void *ctx)
{
	(void)ctx;
	/* Any increasing function of the date will do here. */
	int64_t y = atoi(date), m = atoi(date + 5), d = atoi(date + 8);
	return ((y * 12 + m) * 31 + d) * 86400;
}

static void
check_sql(const struct case_query *q, bool staff, struct arena *a)
{
	static const char token[] = "\xee\x80\x80\xee\x80\x80\xee\x80\x87";
	struct cq_scope sc = {.customer_id = staff ? 0 : 7,
	                      .staff = staff,
	                      .user_id = 3,
	                      .fts_scope = staff ? NULL : token,
	                      .category_order = ",service,alert,",
	                      .day_start = fixed_day};
	for (int kind = CQ_SQL_COUNT; kind <= CQ_SQL_PAGE; kind++) {
		struct cq_sql s;
		if (case_query_sql(q, &sc, (enum cq_sql_kind)kind, 20, 40, a, &s) != 0)
			continue;
		int marks = 0;
		for (const char *p = s.sql; *p; p++)
			marks += *p == '?';
		check(marks == s.nbinds);
		if (!staff) {
			check(s.nbinds >= 1 && s.binds[0].type == CQ_BIND_INT && s.binds[0].i == 7);
			check(strstr(s.sql, "k.customer_id = ?") != NULL);
		}
		/* The SQL text is ASCII: a value with other characters cannot be in it. */
		for (int i = 0; i < q->ncond; i++) {
			const char *v = q->cond[i].value;
			bool ascii = true;
			for (const char *c = v; *c; c++)
				ascii &= (unsigned char)*c < 0x80;
			check(ascii || strstr(s.sql, v) == NULL);
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct arena *a = arena_new();
	bool staff = data[0] & 1;
	const char *s = (const char *)data + 1;
	size_t n = size - 1;

	struct params p;
	if (parse_urlencoded(a, s, n, &p) == 0) {
		struct case_query q;
		int rc = case_query_parse(&q, &p, staff, a, NULL);
		check(q.ncond >= 0 && q.ncond <= CQ_MAX_CONDS);
		check(q.nsort >= 0 && q.nsort <= CQ_MAX_SORT);
		check(q.page >= 1 && q.page <= CQ_MAX_PAGE);
		for (int i = 0; i < q.ncond; i++) {
			check(cq_op_allowed(q.cond[i].field, q.cond[i].op, staff));
			check(cq_value_ok(q.cond[i].field, q.cond[i].value));
		}
		/* Forbidden only to a customer, and only for what staff may ask for. */
		check(rc == CQ_URL_OK || rc == CQ_URL_MALFORMED ||
		      (rc == CQ_URL_FORBIDDEN && !staff));
		/* The encoding parses back to the same filter. */
		const char *url = case_query_url(&q, "/cases", true, a);
		const char *qs = strchr(url, '?');
		struct params p2;
		struct case_query q2;
		check(parse_urlencoded(a, qs ? qs + 1 : "", qs ? strlen(qs + 1) : 0, &p2) == 0);
		check(case_query_parse(&q2, &p2, staff, a, NULL) == CQ_URL_OK);
		check(case_query_equal(&q, &q2));
		check(q.page == q2.page);
		check(strcmp(case_query_url(&q2, "/cases", true, a), url) == 0);
		check_sql(&q, staff, a);
	}

	/* The raw bytes as each parameter's text. */
	char *raw = arena_alloc(a, n + 1);
	memcpy(raw, s, n);
	raw[n] = '\0';
	struct case_query r;
	case_query_init(&r);
	if (cq_parse_filter(&r, raw, staff, a, NULL) == CQ_URL_OK) {
		char *f = cq_encode_filter(&r, a);
		struct case_query r2;
		case_query_init(&r2);
		check(cq_parse_filter(&r2, f, staff, a, NULL) == CQ_URL_OK);
		check(case_query_equal(&r, &r2));
		check_sql(&r, staff, a);
	}
	if (cq_parse_sort(&r, raw, staff, NULL) == CQ_URL_OK)
		check(cq_parse_sort(&r, cq_encode_sort(&r, a), staff, NULL) == CQ_URL_OK);
	if (cq_parse_quick(&r, raw, staff, NULL) == CQ_URL_OK)
		check(cq_parse_quick(&r, cq_encode_quick(&r, a), staff, NULL) == CQ_URL_OK);
	arena_free(a);
	return 0;
}
