/*
 * A list of cases: the customer's (ケース一覧) or the console's queue. Both
 * are the same page over a view that says whose cases it shows and which
 * filters it offers.
 */
#ifndef MADOGUCHI_VIEWS_CASE_LIST_H
#define MADOGUCHI_VIEWS_CASE_LIST_H

#include <stdbool.h>

struct req;

struct case_list_view {
	bool staff;           /* the console: every customer, and the staff's filters */
	const char *base;     /* "/cases", "/console/cases"; a case is base/<number> */
	const char *title;    /* msgid */
	const char *menu;     /* id of the menu item */
	unsigned quick_offer; /* the CQ_Q_* quick filters offered (store/case_query.h) */
	const char *new_href, *new_label; /* a button atop the list (label: msgid); NULL: none */
};
extern const struct case_list_view case_customer_view;
extern const struct case_list_view case_queue_view;

/* GET of a list: quick filters, builder, saved filters, breadcrumb, table, pages. */
int case_list_serve(struct req *r, const struct case_list_view *v);
/*
 * POST of the list's "save the filter" form (the field "query", in the URL's
 * form, under "filter_name"); the same name again replaces it. A missing or
 * too long name shows the list again with the error next to the field.
 */
int case_list_filter_save(struct req *r, const struct case_list_view *v);
/* POST of a saved filter's delete button: only the user's own filter. */
int case_list_filter_delete(struct req *r, const struct case_list_view *v);

#endif
