/*
 * The provider's side of a case: the case page with internal notes and the
 * state and assignee form (views/case_page.c), its comments (public, mailed
 * to the contact, or internal work notes), and raising a case for a
 * customer (monthly report delivery, alarm, credit overage…). The rules are
 * the case operations' (cases/cases.h).
 */
#include "agent/console.h"
#include "cases/cases.h"
#include "core/arena.h"
#include "http/parse.h"
#include "http/request.h"
#include "store/db.h"
#include "views/case_labels.h"
#include "views/case_page.h"
#include "web/actor.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

int
page_console_case_view(struct req *r)
{
	return case_page_show(r);
}

/* POST /console/cases/:number/comments: a public comment (mailed) or an internal work note. */
int
page_console_case_comment(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct case_row c;
	const char *vis = req_form(r, "visibility");
	struct case_comment_in in = {.number = r->pp[0],
	                             .body = req_form(r, "body"),
	                             .internal = vis && strcmp(vis, "internal") == 0,
	                             .files = {r->files, r->nfiles}};
	int st = case_comment(&d, &in, &c);
	return case_page_after(r, &c, st, &d);
}

/* POST /console/cases/:number/update: state and assignee, each only if changed. */
int
page_console_case_update(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct case_row c;
	struct case_update_in in = {.number = r->pp[0], .state = -1, .assignee_id = 0};
	const char *as = req_form(r, "assignee");
	in.state = case_state_parse(req_form(r, "state"));
	bool bad =
	    in.state < 0 || (as && strcmp(as, "0") != 0 && parse_id(as, &in.assignee_id) != 0);
	if (bad) {
		in.state = CASE__MAX; /* refused by the operation, with the page's message */
		in.assignee_id = -1;
	}
	int st = case_update(&d, &in, &c);
	return case_page_after(r, &c, st, &d);
}

/* GET /console/cases/:number/files/:id: any customer's, internal files included. */
int
page_console_case_file(struct req *r)
{
	int64_t id;
	if (parse_id(r->pp[1], &id) != 0)
		return 404;
	struct attachment_row f;
	int found = case_attachment_get(db_thread(), r->pp[0], id, 0, r->a, &f);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	return case_send_attachment(r, &f);
}
