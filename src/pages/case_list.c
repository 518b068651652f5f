/*
 * ケース一覧 (guide 4.8): the customer's list of cases, and the saved filters
 * of either list (the customer's or the console's queue, by who is signed
 * in). The list itself is views/case_list.c.
 */
#include "http/request.h"
#include "pages/pages.h"
#include "views/case_list.h"

int
page_cases(struct req *r)
{
	return case_list_serve(r, &case_customer_view);
}

/* The list of the user's side: the customer's, or the console's queue. */
static const struct case_list_view *
view_of(struct req *r)
{
	return r->user->is_staff ? &case_queue_view : &case_customer_view;
}

int
page_case_filter_save(struct req *r)
{
	return case_list_filter_save(r, view_of(r));
}

int
page_case_filter_delete(struct req *r)
{
	return case_list_filter_delete(r, view_of(r));
}
