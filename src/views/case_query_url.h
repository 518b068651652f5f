/*
 * The case list's filter (store/case_query.h) as it is written in the
 * list's URL, in its saved filters and in the builder's form: decoding,
 * with the checks of what the user may ask for, and encoding.
 *
 * The URL of a list (every parameter optional; defaults are left out):
 *
 *   f = group *( ";" group )           the groups: all must hold (AND)
 *   group = cond *( "," cond )         the conditions of a group: one must hold (OR, または)
 *   cond = field ":" op ":" value      in a value, "\" escapes the next character,
 *                                      and ";" "," "\" are always escaped
 *   s = key *( "," key )               sort keys, key = ["-"] field ("-": descending);
 *                                      default "-updated"; ties go by case number
 *                                      in the direction of the last key
 *   q = quick *( "," quick )           quick filters: action (resolved or awaiting),
 *                                      report (monthly report delivery); staff: mine, unassigned
 *   p = page number, from 1
 *
 *   fields: number state category subject service contact created updated keyword;
 *           staff also customer (its number) and assignee; sorting also holder
 *   ops:    is not has starts (text), is not (state, category), is before after
 *           (dates, YYYY-MM-DD in the viewer's zone), match (keyword only)
 *
 * e.g. /cases?f=keyword:match:テスト;state:is:new,state:is:working&s=number
 * (keyword テスト, and state 新規 or 作業中, by case number ascending).
 *
 * Links only with http/parse.c, core/{arena,buf,text,xalloc}.c and
 * store/case_query.c, so that it is fuzzed alone (tests/fuzz/fuzz_case_filter.c).
 */
#ifndef MADOGUCHI_VIEWS_CASE_QUERY_URL_H
#define MADOGUCHI_VIEWS_CASE_QUERY_URL_H

#include <stdbool.h>

#include "store/case_query.h"

struct arena;
struct params;

extern const char *const cq_field_codes[CQ_F__MAX];
extern const char *const cq_op_codes[CQ_OP__MAX];
extern const char *const cq_quick_codes[CQ_NQUICK];

/* The field or op of a code, or -1. */
int cq_field_parse(const char *code);
int cq_op_parse(const char *code);

/* What decoding found. */
enum cq_url_status {
	CQ_URL_OK = 0,
	CQ_URL_MALFORMED = -1, /* not a filter: unknown code, bad value, bad syntax */
	/* A filter only staff may ask for (a condition or sort on a staff field, their quick
	   filters) */
	CQ_URL_FORBIDDEN = -2,
};

/* With CQ_URL_FORBIDDEN: the field, or the quick filter, the user may not use. */
struct cq_refused {
	int field; /* enum cq_field, or -1 */
	int quick; /* bit position of a quick filter, or -1 */
};

/*
 * Decoders of the parameters f, s and q described above, onto q, for a
 * customer's user or for staff. Each returns a cq_url_status; q is left as
 * it was unless CQ_URL_OK. why (may be NULL) says what was refused.
 * Values are copied into the arena.
 */
int cq_parse_filter(struct case_query *q, const char *s, bool staff, struct arena *a,
                    struct cq_refused *why);
int cq_parse_sort(struct case_query *q, const char *s, bool staff, struct cq_refused *why);
int cq_parse_quick(struct case_query *q, const char *s, bool staff, struct cq_refused *why);
/*
 * All of a list URL's parameters (f, s, q, p; others are ignored). Returns
 * CQ_URL_OK, else the worst of the parameters' results (CQ_URL_FORBIDDEN
 * before CQ_URL_MALFORMED); q then holds the parts that were valid.
 */
int case_query_parse(struct case_query *q, const struct params *p, bool staff, struct arena *a,
                     struct cq_refused *why);

/* The raw (not URL-encoded) f, s and q texts; "" when empty or default. */
char *cq_encode_filter(const struct case_query *q, struct arena *a);
char *cq_encode_sort(const struct case_query *q, struct arena *a);
char *cq_encode_quick(const struct case_query *q, struct arena *a);
/*
 * The URL of the list: base ("/cases") and the parameters of q that differ
 * from the defaults, percent-encoded ("/cases?f=…&s=…"). with_page: keep p.
 */
char *case_query_url(const struct case_query *q, const char *base, bool with_page, struct arena *a);
/* The query string alone (no "?"), "" for the default list; what saved filters keep. */
char *case_query_string(const struct case_query *q, struct arena *a);

#endif
