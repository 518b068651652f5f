/*
 * The provider console's case queue (SPEC §4, provider side): the cases of
 * every customer, in the list of views/case_list.c with the staff's view
 * (case_queue_view). Rows link to /console/cases/<number>.
 */
#include "agent/console.h"
#include "views/case_list.h"

int
page_console_cases(struct req *r)
{
	return case_list_serve(r, &case_queue_view);
}
