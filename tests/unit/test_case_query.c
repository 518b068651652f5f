/*
 * Unit tests of the case list's filter model and SQL builder
 * (src/store/case_query*.c) and of its URL form (src/views/case_query_url.c): the URL form parses
 * and encodes back to itself; unknown fields, operators and values are refused; every value is
 * bound (none reaches the SQL text, one bind per "?"); a customer's statements always start with
 * the customer id; and, on a migrated database, the statements return only the customer's rows and
 * EXPLAIN QUERY PLAN shows that the default list, the state and category filters, the console's
 * queue and its filters are served by an index of cases, never a scan of
 * the table, and that a customer's list sorted by any column is read in
 * the order of an index, without sorting the customer's cases.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/text.h"
#include "http/parse.h"
#include "cases/rules.h"
#include "store/case_query.h"
#include "store/cases.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/users.h"
#include "views/case_query_url.h"

/* ---- Helpers ---- */

static int64_t
utc_day_start(const char *date, void *ctx)
{
	(void)ctx;
	int y, m, d;
	if (sscanf(date, "%d-%d-%d", &y, &m, &d) != 3)
		return -1;
	/* Days from civil (Howard Hinnant). */
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (era * 146097 + doe - 719468) * 86400;
}

static struct cq_scope
customer_scope(int64_t customer_id, char token[10])
{
	case_scope_token(customer_id, token);
	return (struct cq_scope){.customer_id = customer_id,
	                         .fts_scope = token,
	                         .category_order = ",service,alert,monthly_report,",
	                         .day_start = utc_day_start};
}

static struct cq_scope
staff_scope(int64_t user_id)
{
	return (struct cq_scope){.staff = true, .user_id = user_id, .day_start = utc_day_start};
}

static int
count_char(const char *s, char c)
{
	int n = 0;
	for (; *s; s++)
		n += *s == c;
	return n;
}

static void
parse_url_query(struct arena *a, const char *qs, struct case_query *q, bool staff, int want_rc)
{
	struct params p;
	assert_int_equal(parse_urlencoded(a, qs, strlen(qs), &p), 0);
	assert_int_equal(case_query_parse(q, &p, staff, a, NULL), want_rc);
}

/* ---- The URL form ---- */

static void
test_parse_and_encode(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct case_query q;
	parse_url_query(a,
	                "f=keyword:match:%E3%83%86%E3%82%B9%E3%83%88;state:is:new,state:is:working&"
	                "s=number,-updated&q=action&p=3",
	                &q, false, 0);
	assert_int_equal(q.ncond, 3);
	assert_int_equal(q.cond[0].field, CQ_F_KEYWORD);
	assert_int_equal(q.cond[0].op, CQ_OP_MATCH);
	assert_string_equal(q.cond[0].value, "テスト");
	assert_false(q.cond[1].or_prev);
	assert_true(q.cond[2].or_prev);
	assert_string_equal(q.cond[2].value, "working");
	assert_int_equal(q.nsort, 2);
	assert_int_equal(q.sort[0].field, CQ_F_NUMBER);
	assert_false(q.sort[0].desc);
	assert_true(q.sort[1].desc);
	assert_int_equal(q.quick, CQ_Q_ACTION);
	assert_int_equal(q.page, 3);
	assert_string_equal(case_query_url(&q, "/cases", true, a),
	                    "/cases?f=keyword:match:%E3%83%86%E3%82%B9%E3%83%88;state:is:new,"
	                    "state:is:working&s=number,-updated&q=action&p=3");

	/* Separators and the escape character inside a value survive a round trip. */
	struct case_query e;
	case_query_init(&e);
	e.cond[0] = (struct cq_cond){CQ_F_SUBJECT, CQ_OP_HAS, false, "a;b,c\\d +&=%"};
	e.ncond = 1;
	char *f = cq_encode_filter(&e, a);
	assert_string_equal(f, "subject:has:a\\;b\\,c\\\\d +&=%");
	struct case_query back;
	case_query_init(&back);
	assert_int_equal(cq_parse_filter(&back, f, false, a, NULL), 0);
	assert_true(case_query_equal(&e, &back));
	const char *url = case_query_url(&e, "/cases", false, a);
	assert_null(strchr(url + 7, '+'));
	parse_url_query(a, strchr(url, '?') + 1, &back, false, 0);
	assert_true(case_query_equal(&e, &back));

	/* The default sort and an empty query leave no parameter. */
	case_query_init(&q);
	assert_int_equal(cq_parse_sort(&q, "-updated", false, NULL), 0);
	assert_int_equal(q.nsort, 0);
	assert_string_equal(case_query_url(&q, "/cases", true, a), "/cases");
	assert_string_equal(case_query_string(&q, a), "");
	arena_free(a);
}

static void
test_parse_refuses(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	static const char *const bad[] = {
	    "bogus:is:x",            /* unknown field */
	    "subject:like:x",        /* unknown operator */
	    "subject:before:x",      /* operator of another type */
	    "state:has:new",         /* state: is / is not only */
	    "keyword:is:test",       /* keyword: match only */
	    "state:is:open",         /* not a state */
	    "category:is:Alarm",     /* not a category code */
	    "created:is:2026-02-30", /* not a day */
	    "updated:after:26-1-1",
	    "subject:is:",      /* empty value */
	    "subject:is:x;",    /* dangling separator */
	    "subject:is:x\\",   /* dangling escape */
	    "subject",          /* no operator */
	    "holder:is:x",      /* sorting only */
	    "subject:is:a\x01", /* control character */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct case_query q;
		case_query_init(&q);
		if (cq_parse_filter(&q, bad[i], false, a, NULL) != -1)
			fail_msg("accepted %s", bad[i]);
		assert_int_equal(q.ncond, 0);
	}
	struct case_query q;
	case_query_init(&q);
	assert_int_equal(cq_parse_filter(&q, "customer:is:N200000001", true, a, NULL), 0);
	assert_int_equal(cq_parse_sort(&q, "assignee", false, NULL), CQ_URL_FORBIDDEN);
	assert_int_equal(cq_parse_sort(&q, "number,number", false, NULL), -1);
	assert_int_equal(cq_parse_sort(&q, "keyword", false, NULL), -1);
	assert_int_equal(cq_parse_sort(&q, "assignee", true, NULL), 0);
	assert_int_equal(cq_parse_quick(&q, "mine", false, NULL), CQ_URL_FORBIDDEN);
	assert_int_equal(cq_parse_quick(&q, "report,action", false, NULL), 0);
	assert_int_equal(q.quick, CQ_Q_ACTION | CQ_Q_REPORT);
	char many[2048] = "";
	for (int i = 0; i <= CQ_MAX_CONDS; i++)
		strcat(many, i ? ";subject:has:x" : "subject:has:x");
	assert_int_equal(cq_parse_filter(&q, many, false, a, NULL), -1);
	/* A parameter given twice is refused as a whole. */
	parse_url_query(a, "s=number&s=subject", &q, false, -1);
	parse_url_query(a, "p=0", &q, false, -1);
	assert_int_equal(q.page, 1);
	arena_free(a);
}

/* What only staff may ask for is told apart from a malformed filter, with what it was. */
static void
test_parse_forbidden(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct case_query q;
	struct cq_refused why;
	case_query_init(&q);
	assert_int_equal(cq_parse_filter(&q, "customer:is:N200000001", false, a, &why),
	                 CQ_URL_FORBIDDEN);
	assert_int_equal(why.field, CQ_F_CUSTOMER);
	assert_int_equal(why.quick, -1);
	assert_int_equal(q.ncond, 0);
	assert_int_equal(cq_parse_filter(&q, "state:is:new;assignee:has:x", false, a, &why),
	                 CQ_URL_FORBIDDEN);
	assert_int_equal(why.field, CQ_F_ASSIGNEE);
	/* A staff field with an operator it never takes is malformed, for anyone. */
	assert_int_equal(cq_parse_filter(&q, "assignee:before:x", false, a, &why),
	                 CQ_URL_MALFORMED);
	assert_int_equal(cq_parse_filter(&q, "holder:is:x", false, a, &why), CQ_URL_MALFORMED);
	assert_int_equal(cq_parse_sort(&q, "number,-assignee", false, &why), CQ_URL_FORBIDDEN);
	assert_int_equal(why.field, CQ_F_ASSIGNEE);
	assert_int_equal(cq_parse_quick(&q, "action,unassigned", false, &why), CQ_URL_FORBIDDEN);
	assert_int_equal(why.field, -1);
	assert_int_equal(why.quick, 3);
	assert_int_equal(q.quick, 0);

	/* The whole URL: forbidden wins over malformed, and names the first refusal. */
	struct params p;
	const char *qs = "f=subject:like:x&s=assignee&q=mine";
	assert_int_equal(parse_urlencoded(a, qs, strlen(qs), &p), 0);
	assert_int_equal(case_query_parse(&q, &p, false, a, &why), CQ_URL_FORBIDDEN);
	assert_int_equal(why.field, CQ_F_ASSIGNEE);
	assert_int_equal(case_query_parse(&q, &p, true, a, &why), CQ_URL_MALFORMED);
	qs = "f=customer:is:N1;assignee:has:x&s=assignee&q=mine,unassigned";
	assert_int_equal(parse_urlencoded(a, qs, strlen(qs), &p), 0);
	assert_int_equal(case_query_parse(&q, &p, true, a, &why), CQ_URL_OK);
	assert_int_equal(q.ncond, 2);
	assert_int_equal(case_query_parse(&q, &p, false, a, &why), CQ_URL_FORBIDDEN);
	assert_int_equal(why.field, CQ_F_CUSTOMER);
	arena_free(a);
}

/* ---- The SQL ---- */

static void
test_sql_refuses_unknown(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char tok[10];
	struct cq_scope sc = customer_scope(7, tok);
	struct cq_sql s;
	struct case_query q;
	case_query_init(&q);
	q.ncond = 1;
	q.cond[0] = (struct cq_cond){(enum cq_field)99, CQ_OP_IS, false, "x"};
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_COUNT, 0, 0, a, &s), -1);
	q.cond[0] = (struct cq_cond){CQ_F_SUBJECT, (enum cq_op)42, false, "x"};
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_PAGE, 20, 0, a, &s), -1);
	q.cond[0] = (struct cq_cond){CQ_F_STATE, CQ_OP_HAS, false, "new"};
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_COUNT, 0, 0, a, &s), -1);
	q.cond[0] = (struct cq_cond){CQ_F_STATE, CQ_OP_IS, false, "'; DROP TABLE cases; --"};
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_COUNT, 0, 0, a, &s), -1);
	q.cond[0] = (struct cq_cond){CQ_F_CUSTOMER, CQ_OP_IS, false, "N1"};
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_COUNT, 0, 0, a, &s), -1);
	q.ncond = 0;
	q.nsort = 1;
	q.sort[0] = (struct cq_sort){CQ_F_KEYWORD, false};
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_PAGE, 20, 0, a, &s), -1);
	q.sort[0] = (struct cq_sort){(enum cq_field) - 1, false};
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_PAGE, 20, 0, a, &s), -1);
	q.nsort = 0;
	q.quick = CQ_Q_MINE;
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_COUNT, 0, 0, a, &s), -1);
	q.quick = 0x100;
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_COUNT, 0, 0, a, &s), -1);
	/* A date the viewer's zone cannot resolve. */
	q.quick = 0;
	q.ncond = 1;
	q.cond[0] = (struct cq_cond){CQ_F_CREATED, CQ_OP_IS, false, "2026-01-01"};
	sc.day_start = NULL;
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_COUNT, 0, 0, a, &s), -1);
	/* Staff may not search every customer's comments with 2 characters. */
	struct cq_scope st = staff_scope(1);
	q.cond[0] = (struct cq_cond){CQ_F_KEYWORD, CQ_OP_MATCH, false, "ab"};
	assert_int_equal(case_query_sql(&q, &st, CQ_SQL_COUNT, 0, 0, a, &s), -1);
	q.cond[0].value = "abc";
	assert_int_equal(case_query_sql(&q, &st, CQ_SQL_COUNT, 0, 0, a, &s), 0);
	arena_free(a);
}

static void
test_sql_scope(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char tok[10];
	struct cq_scope sc = customer_scope(4242, tok);
	struct case_query q;
	case_query_init(&q);
	struct cq_sql s;
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_COUNT, 0, 0, a, &s), 0);
	assert_string_equal(s.sql, "SELECT COUNT(*) FROM cases k WHERE k.customer_id = ?");
	assert_int_equal(s.nbinds, 1);
	assert_int_equal(s.binds[0].type, CQ_BIND_INT);
	assert_int_equal(s.binds[0].i, 4242);
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_PAGE, 20, 40, a, &s), 0);
	/* The ids of the page: by the customer, and again around the shown rows. */
	assert_non_null(strstr(s.sql, "FROM cases k WHERE k.customer_id = ? ORDER BY"));
	assert_non_null(strstr(s.sql, ") p JOIN cases k ON k.id = p.id"));
	assert_non_null(strstr(s.sql, " WHERE k.customer_id = ? ORDER BY"));
	assert_int_equal(s.binds[0].i, 4242);
	assert_int_equal(s.binds[s.nbinds - 1].i, 4242);

	/* Neither one customer nor staff, or both: refused. */
	struct cq_scope none = {.fts_scope = tok};
	assert_int_equal(case_query_sql(&q, &none, CQ_SQL_COUNT, 0, 0, a, &s), -1);
	none.customer_id = -3;
	assert_int_equal(case_query_sql(&q, &none, CQ_SQL_COUNT, 0, 0, a, &s), -1);
	struct cq_scope both = {.customer_id = 5, .staff = true, .fts_scope = tok};
	assert_int_equal(case_query_sql(&q, &both, CQ_SQL_PAGE, 20, 0, a, &s), -1);
	struct cq_scope notoken = {.customer_id = 5};
	assert_int_equal(case_query_sql(&q, &notoken, CQ_SQL_COUNT, 0, 0, a, &s), -1);

	/* The keyword goes through the scope token; staff's through each customer's. */
	q.ncond = 1;
	q.cond[0] = (struct cq_cond){CQ_F_KEYWORD, CQ_OP_MATCH, false, "say \"hi\""};
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_COUNT, 0, 0, a, &s), 0);
	assert_non_null(strstr(s.sql, "case_search MATCH fts_scoped_query(?, ?)"));
	assert_string_equal(s.binds[1].s, tok);
	assert_string_equal(s.binds[2].s, "say \"hi\"");
	struct cq_scope st = staff_scope(9);
	assert_int_equal(case_query_sql(&q, &st, CQ_SQL_COUNT, 0, 0, a, &s), 0);
	assert_null(strstr(s.sql, "customer_id = ?"));
	assert_non_null(strstr(s.sql, "FROM customers u, case_search s WHERE s.case_search MATCH "
	                              "fts_scoped_query(fts_scope_token(u.id), ?)"));
	assert_string_equal(s.binds[0].s, "say \"hi\"");
	assert_int_equal(s.binds[s.nbinds - 1].i, CQ_STAFF_COUNT_CAP + 1);
	/* Staff on one customer: that customer's scope, looked up by its number. */
	assert_int_equal(cq_parse_filter(&q, "customer:is:N1;keyword:match:abc", true, a, NULL), 0);
	assert_int_equal(case_query_sql(&q, &st, CQ_SQL_COUNT, 0, 0, a, &s), 0);
	assert_non_null(
	    strstr(s.sql, "k.customer_id = (SELECT id FROM customers WHERE number = ?)"));
	assert_non_null(strstr(s.sql, "MATCH fts_scoped_query(fts_scope_token(COALESCE((SELECT id "
	                              "FROM customers WHERE number = ?), 0)), ?)"));
	assert_string_equal(s.binds[1].s, "N1");
	assert_string_equal(s.binds[2].s, "abc");
	/* ... not when the customer is one choice of an OR group. */
	assert_int_equal(
	    cq_parse_filter(&q, "customer:is:N1,state:is:new;keyword:match:abc", true, a, NULL), 0);
	assert_int_equal(case_query_sql(&q, &st, CQ_SQL_COUNT, 0, 0, a, &s), 0);
	assert_non_null(strstr(s.sql, "fts_scoped_query(fts_scope_token(u.id), ?)"));
	/* Staff: 3 characters at least; a customer: any keyword, through the index. */
	assert_int_equal(cq_parse_filter(&q, "customer:is:N1;keyword:match:ab", true, a, NULL), 0);
	assert_int_equal(case_query_sql(&q, &st, CQ_SQL_COUNT, 0, 0, a, &s), -1);
	case_query_init(&q);
	q.ncond = 1;
	q.cond[0] = (struct cq_cond){CQ_F_KEYWORD, CQ_OP_MATCH, false, "ab"};
	assert_int_equal(case_query_sql(&q, &sc, CQ_SQL_COUNT, 0, 0, a, &s), 0);
	assert_non_null(strstr(s.sql, "case_search MATCH fts_scoped_query(?, ?)"));
	assert_null(strstr(s.sql, "LIKE"));
	assert_string_equal(s.binds[2].s, "ab");
	arena_free(a);
}

/* Every value of a query full of conditions is bound, none is in the text. */
static void
test_sql_binds_every_value(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	static const struct cq_cond conds[] = {
	    {CQ_F_NUMBER, CQ_OP_IS, false, "VALUE01"},
	    {CQ_F_NUMBER, CQ_OP_NOT, true, "VALUE02"},
	    {CQ_F_STATE, CQ_OP_IS, false, "resolved"},
	    {CQ_F_STATE, CQ_OP_NOT, true, "closed"},
	    {CQ_F_CATEGORY, CQ_OP_IS, false, "monthly_report"},
	    {CQ_F_SUBJECT, CQ_OP_HAS, false, "VALUE03%_"},
	    {CQ_F_SUBJECT, CQ_OP_STARTS, true, "VALUE04"},
	    {CQ_F_SERVICE, CQ_OP_NOT, false, "VALUE05"},
	    {CQ_F_SERVICE, CQ_OP_HAS, true, "VALUE06"},
	    {CQ_F_CONTACT, CQ_OP_IS, false, "VALUE07"},
	    {CQ_F_CONTACT, CQ_OP_NOT, true, "VALUE08"},
	    {CQ_F_CREATED, CQ_OP_IS, false, "2026-01-31"},
	    {CQ_F_UPDATED, CQ_OP_BEFORE, false, "2026-02-28"},
	    {CQ_F_UPDATED, CQ_OP_AFTER, true, "2026-12-31"},
	    {CQ_F_KEYWORD, CQ_OP_MATCH, false, "VALUE09"},
	    {CQ_F_KEYWORD, CQ_OP_MATCH, true, "V'"},
	    {CQ_F_CUSTOMER, CQ_OP_STARTS, false, "VALUE10"},
	    {CQ_F_ASSIGNEE, CQ_OP_NOT, false, "VALUE11"},
	};
	struct case_query q;
	case_query_init(&q);
	q.ncond = (int)(sizeof(conds) / sizeof(conds[0]));
	memcpy(q.cond, conds, sizeof(conds));
	q.quick = CQ_Q_ACTION | CQ_Q_REPORT;
	q.nsort = 3;
	q.sort[0] = (struct cq_sort){CQ_F_CATEGORY, true};
	q.sort[1] = (struct cq_sort){CQ_F_SERVICE, false};
	q.sort[2] = (struct cq_sort){CQ_F_CONTACT, false};
	char tok[10];
	struct cq_scope scopes[2] = {customer_scope(12, tok), staff_scope(3)};
	for (int k = 0; k < 2; k++) {
		q.ncond = k == 0 ? 16 : (int)(sizeof(conds) / sizeof(conds[0]));
		if (k == 1) {
			q.quick |= CQ_Q_MINE;
			q.cond[15].value = "V'x"; /* staff: 3 characters at least */
		}
		for (int kind = CQ_SQL_COUNT; kind <= CQ_SQL_PAGE; kind++) {
			struct cq_sql s;
			assert_int_equal(
			    case_query_sql(&q, &scopes[k], (enum cq_sql_kind)kind, 20, 0, a, &s),
			    0);
			assert_int_equal(count_char(s.sql, '?'), s.nbinds);
			assert_null(strstr(s.sql, "VALUE"));
			assert_null(strstr(s.sql, "2026"));
			assert_null(strstr(s.sql, "resolved"));
			assert_null(strstr(s.sql, "monthly_report"));
			assert_null(strstr(s.sql, "V'"));
			/* Each value (or its pattern) is among the binds. */
			for (int i = 0; i < q.ncond; i++) {
				const char *v = q.cond[i].value;
				bool found = conds[i].field == CQ_F_CREATED ||
				             conds[i].field == CQ_F_UPDATED;
				for (int j = 0; j < s.nbinds && !found; j++)
					found = s.binds[j].type == CQ_BIND_TEXT &&
					        strstr(s.binds[j].s, strncmp(v, "VALUE03", 7) == 0
					                                 ? "VALUE03\\%\\_"
					                                 : v);
				if (!found)
					fail_msg("value %s is not bound", v);
			}
			if (k == 0) {
				assert_int_equal(s.binds[0].type, CQ_BIND_INT);
				assert_int_equal(s.binds[0].i, 12);
			}
		}
	}
	/* Dates: the UTC bounds of the day, bound as integers. */
	struct case_query d;
	case_query_init(&d);
	d.ncond = 1;
	d.cond[0] = (struct cq_cond){CQ_F_CREATED, CQ_OP_IS, false, "2026-12-31"};
	struct cq_sql s;
	assert_int_equal(case_query_sql(&d, &scopes[0], CQ_SQL_COUNT, 0, 0, a, &s), 0);
	assert_int_equal(s.nbinds, 3);
	assert_int_equal(s.binds[2].i - s.binds[1].i, 86400);
	assert_int_equal(s.binds[2].i, utc_day_start("2027-01-01", NULL));
	arena_free(a);
}

/* ---- On a database ---- */

static char tmpdir[64];
static char dbpath[128];

static int
group_setup(void **state)
{
	(void)state;
	unsetenv("MADOGUCHI_TEST_CLOCK_FILE");
	strcpy(tmpdir, "/tmp/madoguchi-test-case-query-XXXXXX");
	if (!mkdtemp(tmpdir))
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/t.db", tmpdir);
	db_configure(dbpath);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	db_thread_close();
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		char p[160];
		snprintf(p, sizeof(p), "%s%s", dbpath, suffix[i]);
		unlink(p);
	}
	return rmdir(tmpdir);
}

static int64_t cust_a, cust_b, user_a;

/* Two customers with cases, comments and one monthly report, once. */
static struct db *
seeded(void)
{
	struct db *db = db_thread();
	assert_non_null(db);
	if (cust_a)
		return db;
	assert_true(migrate_run(db) >= 0);
	cust_a = customers_insert(db, "N100000001", "甲社");
	cust_b = customers_insert(db, "N100000002", "乙社");
	assert_true(cust_a > 0 && cust_b > 0);
	struct new_user nu = {.login = "a@example.cs",
	                      .name = "甲 太郎",
	                      .email = "a@example.com",
	                      .customer_id = cust_a};
	user_a = users_insert(db, &nu);
	assert_true(user_a > 0);
	struct arena *ar = arena_new();
	static const struct {
		int who;
		const char *category, *subject, *comment;
	} cases[] = {
	    {0, "service", "VPN が切れる", "ファイアウォール設定を確認しました"},
	    {0, "monthly_report", "月次レポート 2026年10月", NULL},
	    {0, "alert", "アラートの件", "ok"},
	    {1, "alert", "乙社のファイアウォール", "ファイアウォール設定の件"},
	    {1, "fault", "乙社の障害 ok", NULL},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct new_case nc = {.customer_id = cases[i].who ? cust_b : cust_a,
		                      .contact_id = cases[i].who ? 0 : user_a,
		                      .category = cases[i].category,
		                      .subject = cases[i].subject,
		                      .description = "説明"};
		char number[16];
		int64_t id = case_create(db, &nc, number);
		assert_true(id > 0);
		struct case_row c;
		assert_int_equal(case_get(db, number, 0, ar, &c), 1);
		if (cases[i].comment)
			assert_true(case_add_comment(db, &c, 0, cases[i].comment, false) > 0);
	}
	arena_free(ar);
	return db;
}

static int64_t
run_count(struct db *db, const struct case_query *q, const struct cq_scope *sc, struct arena *a)
{
	struct cq_sql s;
	assert_int_equal(case_query_sql(q, sc, CQ_SQL_COUNT, 0, 0, a, &s), 0);
	struct dbq *st = db_prepare(db, s.sql);
	assert_non_null(st);
	for (int i = 0; i < s.nbinds; i++) {
		if (s.binds[i].type == CQ_BIND_INT)
			q_bind_int(st, i + 1, s.binds[i].i);
		else
			q_bind_text(st, i + 1, s.binds[i].s);
	}
	assert_int_equal(q_step(st), DB_ROW);
	int64_t n = q_int(st, 0);
	q_finalize(st);
	return n;
}

/* The numbers of a page, "," separated. */
static const char *
run_page(struct db *db, const struct case_query *q, const struct cq_scope *sc, struct arena *a)
{
	struct cq_sql s;
	assert_int_equal(case_query_sql(q, sc, CQ_SQL_PAGE, 20, 0, a, &s), 0);
	struct dbq *st = db_prepare(db, s.sql);
	assert_non_null(st);
	for (int i = 0; i < s.nbinds; i++) {
		if (s.binds[i].type == CQ_BIND_INT)
			q_bind_int(st, i + 1, s.binds[i].i);
		else
			q_bind_text(st, i + 1, s.binds[i].s);
	}
	char *out = arena_strdup(a, "");
	while (q_step(st) == DB_ROW)
		out = arena_printf(a, "%s%s%s", out, *out ? "," : "", q_text(st, 1, a));
	q_finalize(st);
	return out;
}

static void
test_db_results_are_scoped(void **state)
{
	(void)state;
	struct db *db = seeded();
	struct arena *a = arena_new();
	char ta[10], tb[10];
	struct cq_scope sa = customer_scope(cust_a, ta), sb = customer_scope(cust_b, tb);
	struct cq_scope st = staff_scope(1);
	struct case_query q;
	case_query_init(&q);
	assert_int_equal(run_count(db, &q, &sa, a), 3);
	assert_int_equal(run_count(db, &q, &sb, a), 2);
	assert_int_equal(run_count(db, &q, &st, a), 5);
	assert_string_equal(run_page(db, &q, &sa, a), "CS0000003,CS0000002,CS0000001");

	/* A keyword both customers' text holds: each sees its own case only. */
	assert_int_equal(cq_parse_filter(&q, "keyword:match:ウォール", false, a, NULL), 0);
	assert_string_equal(run_page(db, &q, &sa, a), "CS0000001");
	assert_string_equal(run_page(db, &q, &sb, a), "CS0000004");
	assert_int_equal(run_count(db, &q, &st, a), 2);
	/* Two characters: a prefix query, within the customer's postings too. */
	assert_int_equal(cq_parse_filter(&q, "keyword:match:ok", false, a, NULL), 0);
	assert_string_equal(run_page(db, &q, &sa, a), "CS0000003");
	assert_string_equal(run_page(db, &q, &sb, a), "CS0000005");
	/* Quick filters and OR groups. */
	case_query_init(&q);
	q.quick = CQ_Q_REPORT;
	assert_string_equal(run_page(db, &q, &sa, a), "CS0000002");
	assert_int_equal(
	    cq_parse_filter(&q, "category:is:alert,category:is:service", false, a, NULL), 0);
	q.quick = 0;
	assert_string_equal(run_page(db, &q, &sa, a), "CS0000003,CS0000001");
	assert_int_equal(cq_parse_sort(&q, "category", false, NULL), 0);
	assert_string_equal(run_page(db, &q, &sa, a), "CS0000001,CS0000003");
	assert_int_equal(cq_parse_filter(&q, "contact:is:甲 太郎;subject:has:VPN", false, a, NULL),
	                 0);
	assert_string_equal(run_page(db, &q, &sa, a), "CS0000001");
	assert_int_equal(run_count(db, &q, &sb, a), 0);
	arena_free(a);
}

/* The rows of case_search a MATCH finds, as "case id.n" ("," separated). */
static const char *
search_rows(struct db *db, const char *scope, const char *kw, struct arena *a)
{
	struct dbq *st =
	    db_prepare(db, "SELECT rowid >> 16, rowid & 65535 FROM case_search "
	                   "WHERE case_search MATCH fts_scoped_query(?, ?) ORDER BY rowid");
	assert_non_null(st);
	q_bind_text(st, 1, scope);
	q_bind_text(st, 2, kw);
	char *out = arena_strdup(a, "");
	int rc;
	while ((rc = q_step(st)) == DB_ROW)
		out = arena_printf(a, "%s%s%lld.%lld", out, *out ? "," : "",
		                   (long long)q_int(st, 0), (long long)q_int(st, 1));
	assert_int_equal(rc, DB_DONE);
	q_finalize(st);
	return out;
}

/*
 * In the index itself, before any condition on cases: a customer's scope
 * holds its own rows only, an internal note is in none, and the rowid
 * carries the case and the comment's number in it.
 */
static void
test_db_search_index_is_scoped(void **state)
{
	(void)state;
	struct db *db = seeded();
	struct arena *a = arena_new();
	char ta[10], tb[10];
	case_scope_token(cust_a, ta);
	case_scope_token(cust_b, tb);
	/* 甲社: case 1's comment; 乙社: case 4's subject and comment. */
	assert_string_equal(search_rows(db, ta, "ファイアウォール", a), "1.1");
	assert_string_equal(search_rows(db, tb, "ファイアウォール", a), "4.0,4.1");
	assert_string_equal(search_rows(db, NULL, "ファイアウォール", a), ""); /* scope 0 */
	assert_string_equal(search_rows(db, ta, "乙社のファイアウォール", a), "");
	assert_string_equal(search_rows(db, tb, "乙社のファイアウォール", a), "4.0");
	/* Case folds as the trigram tokenizer folds: "vpn" is "VPN". */
	assert_string_equal(search_rows(db, ta, "vpn が", a), "1.0");
	/*
	 * One or two characters: a prefix query over the scope's trigrams,
	 * the last two characters of a text included ("ok" ends both texts).
	 */
	assert_string_equal(search_rows(db, ta, "ok", a), "3.1");
	assert_string_equal(search_rows(db, tb, "OK", a), "5.0");
	assert_string_equal(search_rows(db, ta, "k", a), "3.1");
	assert_string_equal(search_rows(db, tb, "障害", a), "5.0");
	assert_string_equal(search_rows(db, ta, "障害", a), "");
	assert_string_equal(search_rows(db, tb, "社", a), "4.0,5.0");
	assert_string_equal(search_rows(db, NULL, "ok", a), "");
	assert_string_equal(search_rows(db, ta, "", a), "");
	/* A note is not indexed; the next public comment of the case is its 2nd. */
	struct case_row c;
	assert_int_equal(case_get(db, "CS0000001", cust_a, a, &c), 1);
	assert_true(case_add_comment(db, &c, 0, "社外秘メモ XQ-7", true) > 0);
	assert_true(case_add_comment(db, &c, 0, "公開コメント XQ-8", false) > 0);
	assert_string_equal(search_rows(db, ta, "XQ-7", a), "");
	assert_string_equal(search_rows(db, tb, "XQ-7", a), "");
	assert_string_equal(search_rows(db, ta, "XQ-8", a), "1.2");
	/* A row without a scope token is refused. */
	struct dbq *st = db_prepare(db, "INSERT INTO case_search (rowid, body) VALUES (99, 'x')");
	assert_non_null(st);
	assert_int_equal(q_step(st), DB_ERROR);
	q_finalize(st);
	arena_free(a);
}

/* A keyword's page counts all its matches in the same statement. */
static void
test_db_page_counted(void **state)
{
	(void)state;
	struct db *db = seeded();
	struct arena *a = arena_new();
	char ta[10];
	struct cq_scope sa = customer_scope(cust_a, ta), st = staff_scope(1);
	static const char *const filters[] = {"keyword:match:ウォール", "keyword:match:説明",
	                                      "keyword:match:ok", "keyword:match:nothing-here"};
	for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		struct case_query q;
		case_query_init(&q);
		assert_int_equal(cq_parse_filter(&q, filters[i], false, a, NULL), 0);
		assert_true(cq_reads_all_matches(&q));
		const struct cq_scope *scopes[] = {&sa, &st};
		for (int k = 0; k < 2; k++) {
			if (k == 1 && text_chars(q.cond[0].value) < CQ_STAFF_KEYWORD_MIN)
				continue; /* staff: 3 characters at least */
			struct cq_sql s;
			assert_int_equal(
			    case_query_sql(&q, scopes[k], CQ_SQL_PAGE_COUNTED, 2, 0, a, &s), 0);
			assert_int_equal(count_char(s.sql, '?'), s.nbinds);
			if (k == 0)
				assert_int_equal(s.binds[0].i, cust_a);
			struct dbq *stq = db_prepare(db, s.sql);
			assert_non_null(stq);
			for (int j = 0; j < s.nbinds; j++) {
				if (s.binds[j].type == CQ_BIND_INT)
					q_bind_int(stq, j + 1, s.binds[j].i);
				else
					q_bind_text(stq, j + 1, s.binds[j].s);
			}
			int64_t total = 0, rows = 0;
			while (q_step(stq) == DB_ROW) {
				total = q_int(stq, 13 + CASE_CLOCK_NCOLUMNS);
				rows++;
			}
			q_finalize(stq);
			int64_t want = run_count(db, &q, scopes[k], a);
			assert_true(rows <= 2);
			assert_int_equal(rows ? total : 0, want);
		}
	}
	struct case_query none;
	case_query_init(&none);
	assert_false(cq_reads_all_matches(&none));
	arena_free(a);
}

/*
 * case_query_fetch: the rows of a page and the count of every match, with
 * and without a keyword, the last page read when the one asked for is past
 * the end, and a customer's rows only.
 */
static void
test_db_fetch(void **state)
{
	(void)state;
	struct db *db = seeded();
	struct arena *a = arena_new();
	char ta[10];
	struct cq_scope sa = customer_scope(cust_a, ta), st = staff_scope(1);
	static const char *const filters[] = {"", "keyword:match:説明", "keyword:match:接続の",
	                                      "state:is:new"};
	for (size_t i = 0; i < sizeof(filters) / sizeof(filters[0]); i++) {
		const struct cq_scope *scopes[] = {&sa, &st};
		for (int k = 0; k < 2; k++) {
			struct case_query q;
			case_query_init(&q);
			assert_int_equal(cq_parse_filter(&q, filters[i], false, a, NULL), 0);
			if (k == 1 && q.ncond && q.cond[0].field == CQ_F_KEYWORD &&
			    text_chars(q.cond[0].value) < CQ_STAFF_KEYWORD_MIN)
				continue; /* staff: 3 characters at least */
			int64_t want = run_count(db, &q, scopes[k], a);
			struct cq_page pg;
			assert_int_equal(case_query_fetch(db, &q, scopes[k], 2, a, &pg), 0);
			assert_int_equal(pg.total, want);
			assert_false(pg.more);
			assert_int_equal(pg.page, 1);
			assert_int_equal(pg.nrows, want < 2 ? want : 2);
			for (int j = 0; j < pg.nrows && k == 0; j++)
				assert_true(pg.rows[j].number[0] == 'C');
			/* Far past the end: the last page. */
			q.page = 500;
			assert_int_equal(case_query_fetch(db, &q, scopes[k], 2, a, &pg), 0);
			int64_t last = want ? (want + 1) / 2 : 1;
			assert_int_equal(pg.page, last);
			assert_int_equal(pg.total, want);
			assert_int_equal(pg.nrows, want ? want - (last - 1) * 2 : 0);
		}
	}
	struct case_query q;
	case_query_init(&q);
	struct cq_page pg;
	assert_int_equal(case_query_fetch(db, &q, &sa, 0, a, &pg), -1);
	assert_int_equal(cq_parse_filter(&q, "assignee:has:x", true, a, NULL), 0);
	assert_false(case_query_runnable(&q, &sa, a));
	assert_int_equal(case_query_fetch(db, &q, &sa, 2, a, &pg), -1);
	assert_true(case_query_runnable(&q, &st, a));
	arena_free(a);
}

/* The detail lines of EXPLAIN QUERY PLAN, "\n" separated. */
static const char *
plan_of(struct db *db, const struct case_query *q, const struct cq_scope *sc, enum cq_sql_kind kind,
        struct arena *a)
{
	struct cq_sql s;
	assert_int_equal(case_query_sql(q, sc, kind, 20, 0, a, &s), 0);
	struct dbq *st = db_prepare(db, arena_printf(a, "EXPLAIN QUERY PLAN %s", s.sql));
	assert_non_null(st);
	for (int i = 0; i < s.nbinds; i++) {
		if (s.binds[i].type == CQ_BIND_INT)
			q_bind_int(st, i + 1, s.binds[i].i);
		else
			q_bind_text(st, i + 1, s.binds[i].s);
	}
	char *out = arena_strdup(a, "");
	while (q_step(st) == DB_ROW)
		out = arena_printf(a, "%s%s\n", out, q_text(st, 3, a));
	q_finalize(st);
	return out;
}

/* No line reads the cases table "k" in full: "SCAN k" without an index. */
static void
assert_indexed(const char *plan, const char *label, const char *want_index)
{
	for (const char *l = plan; *l;) {
		const char *nl = strchr(l, '\n');
		size_t n = nl ? (size_t)(nl - l) : strlen(l);
		if ((n == 6 && strncmp(l, "SCAN k", 6) == 0) ||
		    (n > 6 && strncmp(l, "SCAN k ", 7) == 0 && !memmem(l, n, "INDEX", 5)))
			fail_msg("%s scans cases:\n%s", label, plan);
		l += n + (nl != NULL);
	}
	if (want_index && !strstr(plan, want_index))
		fail_msg("%s does not use %s:\n%s", label, want_index, plan);
}

static void
test_db_query_plans_use_indexes(void **state)
{
	(void)state;
	struct db *db = seeded();
	struct arena *a = arena_new();
	char tok[10];
	struct cq_scope sc = customer_scope(cust_a, tok);
	struct cq_scope st = staff_scope(1);
	static const struct {
		const char *label, *f, *s;
		unsigned quick;
		const char *index;
	} cases[] = {
	    {"default list", "", "", 0, "cases_customer_updated"},
	    {"state filter", "state:is:new", "", 0, "cases_customer_"},
	    {"state OR filter", "state:is:new,state:is:working", "", 0, "cases_customer_"},
	    {"category filter", "category:is:alert", "", 0, "cases_customer_"},
	    {"action needed", "", "", CQ_Q_ACTION, "cases_customer_"},
	    {"monthly report", "", "", CQ_Q_REPORT, "cases_customer_"},
	    {"keyword", "keyword:match:ファイアウォール", "", 0, NULL},
	    {"short keyword", "keyword:match:ok", "", 0, NULL},
	    {"subject sort", "", "subject", 0, "cases_customer_"},
	    {"service sort", "", "-service", 0, "cases_customer_"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct case_query q;
		case_query_init(&q);
		assert_int_equal(cq_parse_filter(&q, cases[i].f, false, a, NULL), 0);
		assert_int_equal(cq_parse_sort(&q, cases[i].s, false, NULL), 0);
		q.quick = cases[i].quick;
		assert_indexed(plan_of(db, &q, &sc, CQ_SQL_PAGE, a), cases[i].label,
		               cases[i].index);
		assert_indexed(plan_of(db, &q, &sc, CQ_SQL_COUNT, a), cases[i].label,
		               cases[i].index ? "cases_customer_" : NULL);
	}
	/* The default page needs no sort: the index gives the order. */
	struct case_query q;
	case_query_init(&q);
	const char *plan = plan_of(db, &q, &sc, CQ_SQL_PAGE, a);
	const char *inner = strstr(plan, "cases_customer_updated");
	assert_non_null(inner);
	/* The only temporary B-tree is the outer re-sort of the page's 20 rows. */
	int sorts = 0;
	for (const char *p = plan; (p = strstr(p, "USE TEMP B-TREE")); p++)
		sorts++;
	assert_true(sorts <= 1);

	/* The console's queue and its filters. */
	static const struct {
		const char *label, *f;
		unsigned quick;
		const char *index;
	} staff[] = {
	    {"queue", "", 0, "cases_updated"},
	    {"queue by state", "state:is:working", 0, "cases_state_updated"},
	    {"queue mine", "", CQ_Q_MINE, "cases_assignee_updated"},
	    {"queue unassigned", "", CQ_Q_UNASSIGNED, "cases_assignee_updated"},
	    {"queue mine by state", "state:is:working", CQ_Q_MINE, "cases_assignee_state"},
	    {"queue by customer", "customer:is:N100000001", 0, "cases_customer_updated"},
	    {"queue by category", "category:is:alert", 0, "cases_category_updated"},
	};
	for (size_t i = 0; i < sizeof(staff) / sizeof(staff[0]); i++) {
		case_query_init(&q);
		assert_int_equal(cq_parse_filter(&q, staff[i].f, true, a, NULL), 0);
		q.quick = staff[i].quick;
		assert_indexed(plan_of(db, &q, &st, CQ_SQL_PAGE, a), staff[i].label,
		               staff[i].index);
		assert_indexed(plan_of(db, &q, &st, CQ_SQL_COUNT, a), staff[i].label, NULL);
	}
	arena_free(a);
}

/*
 * The rows of EXPLAIN QUERY PLAN that sort (USE TEMP B-TREE) inside the
 * page's sub-select, which would read every matching case: the outer
 * re-sort of the page's own rows (at the top level) is not counted.
 */
static int
inner_sorts(struct db *db, const struct case_query *q, const struct cq_scope *sc, struct arena *a,
            const char **plan)
{
	struct cq_sql s;
	assert_int_equal(case_query_sql(q, sc, CQ_SQL_PAGE, 20, 0, a, &s), 0);
	struct dbq *st = db_prepare(db, arena_printf(a, "EXPLAIN QUERY PLAN %s", s.sql));
	assert_non_null(st);
	for (int i = 0; i < s.nbinds; i++) {
		if (s.binds[i].type == CQ_BIND_INT)
			q_bind_int(st, i + 1, s.binds[i].i);
		else
			q_bind_text(st, i + 1, s.binds[i].s);
	}
	int n = 0;
	*plan = arena_strdup(a, "");
	while (q_step(st) == DB_ROW) {
		const char *detail = q_text(st, 3, a);
		*plan = arena_printf(a, "%s%lld %lld %s\n", *plan, (long long)q_int(st, 0),
		                     (long long)q_int(st, 1), detail);
		n += q_int(st, 1) != 0 && strstr(detail, "USE TEMP B-TREE") != NULL;
	}
	q_finalize(st);
	return n;
}

/* Every column of a customer's list sorts, both ways, in the order of an index. */
static void
test_db_sorts_use_indexes(void **state)
{
	(void)state;
	struct db *db = seeded();
	struct arena *a = arena_new();
	char tok[10];
	struct cq_scope sc = customer_scope(cust_a, tok);
	sc.category_order = CQ_CATEGORY_ORDER;
	static const char *const keys[] = {"number", "state",   "category", "subject", "customer",
	                                   "holder", "service", "contact",  "created", "updated"};
	for (int en = 0; en < 2; en++) {
		sc.lang_en = en;
		for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
			for (int desc = 0; desc < 2; desc++) {
				const char *key = arena_printf(a, "%s%s", desc ? "-" : "", keys[i]);
				struct case_query q;
				case_query_init(&q);
				assert_int_equal(cq_parse_sort(&q, key, false, NULL), 0);
				const char *plan;
				if (inner_sorts(db, &q, &sc, a, &plan) != 0)
					fail_msg(
					    "sort %s reads the customer's cases to sort them:\n%s",
					    key, plan);
				assert_indexed(plan, key, NULL);
				/* With a filter, still in the order of the index. */
				assert_int_equal(
				    cq_parse_filter(&q, "state:is:new", false, a, NULL), 0);
				if (inner_sorts(db, &q, &sc, a, &plan) != 0)
					fail_msg("sort %s with a filter sorts:\n%s", key, plan);
			}
		}
	}
	/* The console's queue across every customer (migration 0011). */
	struct cq_scope st = staff_scope(1);
	st.category_order = CQ_CATEGORY_ORDER;
	static const char *const staff_keys[] = {"number",  "state",   "category",
	                                         "subject", "created", "updated"};
	for (size_t i = 0; i < sizeof(staff_keys) / sizeof(staff_keys[0]); i++) {
		for (int desc = 0; desc < 2; desc++) {
			const char *key = arena_printf(a, "%s%s", desc ? "-" : "", staff_keys[i]);
			struct case_query q;
			case_query_init(&q);
			assert_int_equal(cq_parse_sort(&q, key, true, NULL), 0);
			const char *plan;
			if (inner_sorts(db, &q, &st, a, &plan) != 0)
				fail_msg("queue sort %s sorts every case:\n%s", key, plan);
		}
	}
	arena_free(a);
}

/* The order of the categories that sorts from an index is the list's own. */
static void
test_category_order_is_the_lists(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *order = arena_strdup(a, ",");
	for (int i = 0; i < case_categories_count; i++)
		order = arena_printf(a, "%s%s,", order, case_categories[i].code);
	assert_string_equal(order, CQ_CATEGORY_ORDER);
	arena_free(a);
}

static void
exec_sql(struct db *db, const char *sql)
{
	struct dbq *st = db_prepare(db, sql);
	assert_non_null(st);
	assert_int_equal(q_step(st), DB_DONE);
	q_finalize(st);
}

/*
 * Sorted by service or contact name (named_sort_page, from indexes): no
 * service first, then by name, not by id; the same rows as the sort of the
 * joined names.
 */
static void
test_db_named_sorts_agree(void **state)
{
	(void)state;
	struct db *db = seeded();
	struct arena *a = arena_new();
	char tok[10];
	struct cq_scope sc = customer_scope(cust_a, tok);
	exec_sql(db, "INSERT INTO services (id, code, name_ja, name_en) VALUES "
	             "(901, 'zz', 'ゼータ', 'Zeta'), (902, 'aa', 'アルファ', 'Alpha')");
	exec_sql(db, "UPDATE cases SET service_id = 901 WHERE number = 'CS0000001'");
	exec_sql(db, "UPDATE cases SET service_id = 902 WHERE number = 'CS0000003'");
	struct case_query by;
	case_query_init(&by);
	assert_int_equal(cq_parse_sort(&by, "service", false, NULL), 0);
	assert_string_equal(run_page(db, &by, &sc, a), "CS0000002,CS0000003,CS0000001");
	assert_int_equal(cq_parse_sort(&by, "-service", false, NULL), 0);
	assert_string_equal(run_page(db, &by, &sc, a), "CS0000001,CS0000003,CS0000002");
	assert_int_equal(cq_parse_sort(&by, "-contact", false, NULL), 0);
	assert_string_equal(run_page(db, &by, &sc, a), "CS0000003,CS0000002,CS0000001");
	static const char *const keys[] = {"service", "-service", "contact", "-contact"};
	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		struct case_query q;
		case_query_init(&q);
		assert_int_equal(cq_parse_sort(&q, keys[i], false, NULL), 0);
		const char *merged = run_page(db, &q, &sc, a);
		/* A second key turns the index-ordered page off: the joined sort. */
		assert_int_equal(cq_parse_sort(&q,
		                               arena_printf(a, "%s,%snumber", keys[i],
		                                            *keys[i] == '-' ? "-" : ""),
		                               false, NULL),
		                 0);
		const char *joined = run_page(db, &q, &sc, a);
		assert_string_equal(merged, joined);
		assert_int_equal((int)strlen(merged), 3 * 9 + 2);
	}
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_parse_and_encode),
	    cmocka_unit_test(test_parse_refuses),
	    cmocka_unit_test(test_parse_forbidden),
	    cmocka_unit_test(test_sql_refuses_unknown),
	    cmocka_unit_test(test_sql_scope),
	    cmocka_unit_test(test_sql_binds_every_value),
	    cmocka_unit_test(test_db_results_are_scoped),
	    cmocka_unit_test(test_db_page_counted),
	    cmocka_unit_test(test_db_fetch),
	    cmocka_unit_test(test_db_search_index_is_scoped),
	    cmocka_unit_test(test_db_query_plans_use_indexes),
	    cmocka_unit_test(test_db_sorts_use_indexes),
	    cmocka_unit_test(test_category_order_is_the_lists),
	    cmocka_unit_test(test_db_named_sorts_agree),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
