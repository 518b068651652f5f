/*
 * The provider console's case queue (SPEC §4, provider side): the cases of
 * every customer, with the list of src/pages/case_list.c and what only
 * staff have: the quick filters 自分の担当 (assigned to me) and 未割り当て,
 * conditions on the customer (its number) and on the assignee, the 担当者
 * column, and the keyword search over every customer's cases and public
 * comments (no scope token; 3 characters at least, so that it always goes
 * through the trigram index). Rows link to /console/cases/<number>.
 */
#include "http/request.h"
#include "pages/pages.h"
#include "store/case_query.h"

const struct case_list_view case_queue_view = {
    .staff = true,
    .base = "/console/cases",
    .title = N_("Case queue"),
    .menu = "queue",
    .quick_offer = CQ_Q_MINE | CQ_Q_UNASSIGNED,
};

int
page_console_cases(struct req *r)
{
	return case_list_serve(r, &case_queue_view);
}
