/*
 * The parts of the case list (views/case_list.h) that its files share: the
 * labels and columns, the filter builder's rows (views/case_filter_builder.c),
 * and the table, sort headers, pager, quick filters and breadcrumb
 * (views/case_list_table.c). Only those files and views/case_list.c include it.
 */
#ifndef MADOGUCHI_VIEWS_CASE_LIST_PARTS_H
#define MADOGUCHI_VIEWS_CASE_LIST_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/case_query.h"
#include "views/case_query_url.h"

struct req;
struct case_list_view;
struct case_row;

#define CASE_LIST_PER_PAGE 20

/* msgids, by enum cq_field, enum cq_op and quick filter bit. */
extern const char *const case_field_labels[CQ_F__MAX];
extern const char *const case_op_labels[CQ_OP__MAX];
extern const char *const case_quick_labels[CQ_NQUICK];
/* The columns of the table, left to right. */
extern const enum cq_field case_list_columns[];
extern const size_t CASE_LIST_NCOLUMNS;

/* ---- The builder ---- */

struct brow {
	enum cq_field field;
	enum cq_op op;
	int group;
	const char *value; /* as typed (or stored) */
	const char *error; /* translated, or NULL */
};

struct builder {
	struct brow rows[CQ_MAX_CONDS];
	int nrows;
	struct cq_sort sorts[CQ_MAX_SORT];
	int nsorts;
	bool open;
};

/* What one rendering of the list needs besides the request. */
struct list_state {
	struct case_query q;
	bool bad_url;
	struct builder bld;
	const char *flash;                  /* translated success message, or NULL */
	const char *save_name, *save_error; /* the save form typed and refused */
	const char *form_error;             /* atop the builder */
};

/* Inserts an empty row at index at (nothing when full). */
void case_builder_blank_row(struct builder *b, int at, enum cq_field f, enum cq_op op, int group);
/* The rows of q's conditions and sorts (one empty row when none). */
void case_builder_from_query(struct builder *b, const struct case_query *q);
/*
 * Reads the builder's form fields (cf<i>, co<i>, cv<i>, cg<i>; sf<i>, sd<i>).
 * Returns CQ_URL_OK, or CQ_URL_FORBIDDEN (why set) for a field only staff
 * may filter or sort on; unknown fields are skipped.
 */
int case_builder_from_form(struct req *r, const struct case_list_view *v, struct builder *b,
                           struct cq_refused *why);
/* The query of the rows (checked, empty ones skipped); false when a row has an error. */
bool case_builder_to_query(struct req *r, const struct case_list_view *v, struct builder *b,
                           struct case_query *q);
/* Applies a builder button other than 実行: または, AND, ⊖, ソートを追加. */
void case_builder_act(const struct case_list_view *v, struct builder *b, const char *act);
/* The builder panel: its form, rows, sort keys and the script's templates. */
void case_builder_render(struct req *r, const struct case_list_view *v,
                         const struct list_state *st);

/* ---- The table and what surrounds it ---- */

/* The quick filter chips, each a link that toggles it. */
void case_list_quick(struct req *r, const struct case_list_view *v, const struct case_query *q);
/* すべて > each quick filter > each group; every crumb but the last is a link. */
void case_list_breadcrumb(struct req *r, const struct case_list_view *v,
                          const struct case_query *q);
/* The table of rows, with headers that sort. */
void case_list_table(struct req *r, const struct case_list_view *v, const struct case_query *q,
                     const struct case_row *rows, int n);
/* "1~20 件目 / N 件" and the links to the pages before and after. */
void case_list_pager(struct req *r, const struct case_list_view *v, const struct case_query *q,
                     int64_t total, bool more, int nrows);
/* The message of a refused filter (translated): which field or quick filter. */
const char *case_list_refusal(struct req *r, const struct cq_refused *why);

#endif
