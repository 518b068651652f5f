/*
 * The case list's filter (ケース一覧, guide 4.8) as typed data: conditions
 * (field, operator, value) in groups, quick filters, sort keys and the
 * page; and the SQL builder that turns it into a statement of whitelisted
 * fragments with every value bound (store/case_query_sql.c).
 *
 * Groups: every group must hold (AND); within a group, one condition must
 * hold (OR, または): a condition with or_prev belongs to the group of the
 * one before it. No sort key: by update time, newest first; ties go by
 * case number in the direction of the last key.
 *
 * This module knows nothing of how a filter is written: its form in the
 * list's URL is views/case_query_url.h. The model (case_query.c) and the
 * builder are pure (no database, no clock, no time zone library) so that
 * they are fuzzed with the URL decoder (tests/fuzz/fuzz_case_filter.c);
 * case_query_run.c runs the statements on a connection.
 */
#ifndef MADOGUCHI_STORE_CASE_QUERY_H
#define MADOGUCHI_STORE_CASE_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct case_row;
struct db;

#define CQ_MAX_CONDS         20
#define CQ_MAX_SORT          4
#define CQ_VALUE_MAX         400 /* bytes of one value */
#define CQ_MAX_PAGE          100000
#define CQ_STAFF_COUNT_CAP   10000 /* the console counts up to this, then says "more" */
#define CQ_STAFF_KEYWORD_MIN 3     /* staff searching every customer: no prefix queries */
/*
 * The categories in the order of the list (src/pages/case_common.c), as
 * struct cq_scope's category_order gives them: this order sorts from the
 * index cases_customer_category_order (migration 0008), written on the
 * same expression; another one sorts the rows.
 */
#define CQ_CATEGORY_ORDER                                                                          \
	",service,product,alert,fault,report_question,other,work,monthly_report,alarm,health_"     \
	"check,"                                                                                   \
	"overage,"

enum cq_field {
	CQ_F_NUMBER,
	CQ_F_STATE,
	CQ_F_CATEGORY,
	CQ_F_SUBJECT,
	CQ_F_CUSTOMER, /* お客様番号 */
	CQ_F_HOLDER,   /* ご契約者名 (sorting only) */
	CQ_F_SERVICE,
	CQ_F_CONTACT, /* お客様担当者名 */
	CQ_F_ASSIGNEE,
	CQ_F_UPDATED,
	CQ_F_CREATED,
	CQ_F_KEYWORD,
	CQ_F__MAX
};

enum cq_type { CQ_T_TEXT, CQ_T_ENUM, CQ_T_DATE, CQ_T_KEYWORD };

enum cq_op {
	CQ_OP_IS,
	CQ_OP_NOT,
	CQ_OP_HAS,
	CQ_OP_STARTS,
	CQ_OP_BEFORE,
	CQ_OP_AFTER,
	CQ_OP_MATCH,
	CQ_OP__MAX
};

enum {
	CQ_FILTER = 1u << 0,       /* may be a condition */
	CQ_STAFF_FILTER = 1u << 1, /* may be a condition in the console */
	CQ_SORT = 1u << 2,         /* may be a sort key */
	CQ_STAFF_SORT = 1u << 3,   /* may be a sort key in the console */
};

struct cq_field_info {
	enum cq_type type;
	unsigned flags;
};

extern const struct cq_field_info cq_fields[CQ_F__MAX];

enum {
	CQ_Q_ACTION = 1u << 0, /* 解決済み or お客様確認待ち: アクションが必要 */
	CQ_Q_REPORT = 1u << 1, /* 月次レポート送付: 月次レポート */
	CQ_Q_MINE = 1u << 2,   /* staff: assigned to me */
	CQ_Q_UNASSIGNED = 1u << 3, /* staff: nobody assigned */
	CQ_Q_BREACHED = 1u << 4,   /* staff: open and past a service-level target */
	CQ_Q__ALL = 0x1F
};
#define CQ_NQUICK 5 /* quick filters, by bit position */

struct cq_cond {
	enum cq_field field;
	enum cq_op op;
	bool or_prev; /* in the same group as the condition before it */
	const char *value;
};

struct cq_sort {
	enum cq_field field;
	bool desc;
};

struct case_query {
	struct cq_cond cond[CQ_MAX_CONDS];
	int ncond;
	struct cq_sort sort[CQ_MAX_SORT]; /* none: by update time, newest first */
	int nsort;
	unsigned quick;
	int64_t page; /* from 1 */
};

/* Whether field may be a condition (a sort key) for customers or staff. */
bool cq_filterable(enum cq_field f, bool staff);
bool cq_sortable(enum cq_field f, bool staff);
/* Whether op applies to field (and field may be a condition at all). */
bool cq_op_allowed(enum cq_field f, enum cq_op op, bool staff);
/*
 * Whether value is acceptable for a condition on field: 1 to CQ_VALUE_MAX
 * bytes without control characters; a state code; a category code
 * (lower-case letters and "_"); a real calendar date "YYYY-MM-DD". Values
 * are UTF-8 text that whoever read them has checked (http/parse.c).
 */
bool cq_value_ok(enum cq_field f, const char *value);
/* Whether s is a real day "YYYY-MM-DD" from 1970 to 9998 (its next day is one too). */
bool cq_date_ok(const char *s);
/* The same, with its year, month and day. */
bool cq_date_parse(const char *s, int *y, int *m, int *d);

/* An empty query: no condition, default sort, page 1. */
void case_query_init(struct case_query *q);
/*
 * The default order (updated_at descending) is kept as "no sort key":
 * drops a lone key of that order.
 */
void case_query_normalize_sort(struct case_query *q);
/* True when both select the same rows in the same order (the page aside). */
bool case_query_equal(const struct case_query *x, const struct case_query *y);

/* ---- SQL ---- */

/* Who is asking: one customer, or provider staff across every customer. */
struct cq_scope {
	int64_t customer_id; /* > 0 for a customer; 0 for staff */
	bool staff;
	int64_t user_id;       /* "mine" */
	const char *fts_scope; /* case_scope_token(customer_id); NULL for staff */
	bool lang_en;          /* sort service names by their English name */
	/* ",code,code,…," of the categories in display order: sorts by it (NULL: by code). */
	const char *category_order;
	/* The UTC time of 00:00 of a date in the viewer's zone, or -1 (tz_day_start). */
	int64_t (*day_start)(const char *date, void *ctx);
	void *ctx;
	int64_t now; /* staff: the time CQ_Q_BREACHED judges at */
};

enum cq_bind_type { CQ_BIND_INT, CQ_BIND_TEXT };

struct cq_bind {
	enum cq_bind_type type;
	int64_t i;
	const char *s;
};

struct cq_sql {
	char *sql; /* in the arena */
	struct cq_bind *binds;
	int nbinds; /* one per "?" of sql, in order */
};

enum cq_sql_kind {
	/* One column: how many rows match (staff: up to CQ_STAFF_COUNT_CAP + 1). */
	CQ_SQL_COUNT,
	/*
	 * The rows of one page: id, number, state, category, subject, customer
	 * number, customer name, service (ja), service (en), contact name,
	 * assignee name, created_at, updated_at ("" or NULL where none), then
	 * the service-level clock (CASE_CLOCK_COLUMNS of store/cases.h).
	 */
	CQ_SQL_PAGE,
	/*
	 * As CQ_SQL_PAGE, with one more column: how many rows match in all
	 * (COUNT(*) OVER ()). For queries that read every match anyway (a
	 * keyword: see cq_reads_all_matches), the count then costs nothing
	 * more, where CQ_SQL_COUNT would search the text a second time.
	 */
	CQ_SQL_PAGE_COUNTED,
};

/* True when q holds a keyword: its page reads every match before sorting. */
bool cq_reads_all_matches(const struct case_query *q);

/*
 * Builds the statement of q for the scope: for a customer it always starts
 * with "k.customer_id = ?" bound to scope->customer_id, and a keyword goes
 * through case_search (MATCH fts_scoped_query(scope token, keyword), see
 * store/fts_scoped.h), which reads that customer's postings only, for a
 * keyword of any length. Staff keywords must have CQ_STAFF_KEYWORD_MIN
 * characters; they search every customer (the search run once per
 * customer), or the one customer of a "customer is" condition that stands
 * alone between ANDs.
 *
 * A customer's page sorted by one column, any of them, is read in the
 * order of an index (migration 0008): no sort of the customer's history.
 *
 * Returns 0, or -1 when q holds a field or operator that is unknown or not
 * allowed for the scope, a value cq_value_ok refuses, a date the scope
 * cannot resolve, or the scope itself is inconsistent (neither one customer
 * nor staff). Nothing of a value is ever copied into the SQL text.
 */
int case_query_sql(const struct case_query *q, const struct cq_scope *sc, enum cq_sql_kind kind,
                   int64_t limit, int64_t offset, struct arena *a, struct cq_sql *out);

/* ---- Running ---- */

/* One page of a list. */
struct cq_page {
	struct case_row *rows; /* in the arena */
	int nrows;
	int64_t total; /* all the matches; staff: at most CQ_STAFF_COUNT_CAP */
	bool more;     /* staff: more than CQ_STAFF_COUNT_CAP match */
	int64_t page;  /* q->page, or the last page when q->page is past the end */
};

/*
 * The page of q (per_page rows at most) and the number of all matches. A
 * keyword's page counts in the same pass (CQ_SQL_PAGE_COUNTED), so that the
 * text is searched once; otherwise the count (an index range) comes first.
 * A page past the end reads the last one. 0, or -1 when q cannot run for
 * the scope (see case_query_sql) or the database fails.
 */
int case_query_fetch(struct db *db, const struct case_query *q, const struct cq_scope *sc,
                     int per_page, struct arena *a, struct cq_page *out);
/* Whether case_query_sql accepts q for the scope (a hand-made URL may not). */
bool case_query_runnable(const struct case_query *q, const struct cq_scope *sc, struct arena *a);

#endif
