/*
 * The download of a work request's file, shared by the customer's request
 * page and the console's review, which differ only in whose requests they
 * may reach.
 */
#include "views/work_request_file.h"
#include "http/parse.h"
#include "http/request.h"
#include "store/db.h"
#include "store/work_requests.h"
#include "views/case_labels.h"

#include <stdbool.h>
#include <string.h>

/* A request number: "WR" and seven digits. */
static bool
number_ok(const char *n)
{
	return n && strlen(n) == 9 && strncmp(n, "WR", 2) == 0 && strspn(n + 2, "0123456789") == 7;
}

int
work_request_send_file(struct req *r, int64_t customer_id)
{
	int64_t id;
	if (!number_ok(r->pp[0]) || parse_id(r->pp[1], &id) != 0)
		return 404;
	struct attachment_row f;
	int found = work_request_attachment_get(db_thread(), r->pp[0], id, customer_id, r->a, &f);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	return case_send_attachment(r, &f);
}
