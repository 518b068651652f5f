/*
 * The customer's case page (guide 4.8.1) and what it posts: comments with
 * files, and the actions ケースをクローズ, ソリューションを承認 and
 * ソリューションを却下. The rules are the case operations' (cases/cases.h);
 * the page is views/case_page.c.
 */
#include "cases/cases.h"
#include "http/parse.h"
#include "http/request.h"
#include "pages/pages.h"
#include "store/db.h"
#include "views/case_labels.h"
#include "views/case_page.h"
#include "web/actor.h"
#include "web/fields.h"

int
page_case_view(struct req *r)
{
	return case_page_show(r);
}

/* POST /cases/:number/comments: a comment and files; a case awaiting the customer goes back. */
int
page_case_comment(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct case_row c;
	struct field_value body;
	fields_read(r, FROM_FORM, case_comment_decl, 1, &d, &body); /* the body only */
	struct case_comment_in in = {
	    .number = r->pp[0], .body = body.text, .files = {r->files, r->nfiles}};
	int st = case_comment(&d, &in, &c);
	return case_page_after(r, &c, st, &d);
}

static int
act(struct req *r, enum case_action action)
{
	struct dom d;
	web_dom(r, &d);
	struct case_row c;
	int st = case_act(&d, r->pp[0], action, &c);
	return case_page_after(r, &c, st, &d);
}

int
page_case_close(struct req *r)
{
	return act(r, CASE_ACT_CLOSE);
}

int
page_case_accept(struct req *r)
{
	return act(r, CASE_ACT_ACCEPT);
}

int
page_case_reject(struct req *r)
{
	return act(r, CASE_ACT_REJECT);
}

/* GET /cases/:number/files/:id: never another customer's file, never an internal one. */
int
page_case_file(struct req *r)
{
	int64_t id;
	if (parse_id(r->pp[1], &id) != 0)
		return 404;
	struct attachment_row f;
	int found = case_attachment_get(db_thread(), r->pp[0], id, r->user->customer_id, r->a, &f);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	return case_send_attachment(r, &f);
}
