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
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <stdint.h>
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
	struct field_value v[CASE_COMMENT__MAX];
	fields_read(r, FROM_FORM, case_comment_decl, CASE_COMMENT__MAX, &d, v);
	struct case_comment_in in = {.number = r->pp[0],
	                             .body = v[CASE_COMMENT_BODY].text,
	                             .internal = v[CASE_COMMENT_VISIBILITY].choice == 1,
	                             .files = {r->files, r->nfiles}};
	int st = case_comment(&d, &in, &c);
	return case_page_after(r, &c, st, &d);
}

/* The console's state and assignee form; the state codes in the order of enum case_state. */
static const char *const state_choices[] = {"new",      "working", "awaiting",
                                            "resolved", "closed",  NULL};
_Static_assert(CASE__MAX == 5, "state_choices lists every state");
static const struct field_decl update_decl[] = {
    {.name = "state",
     .kind = FIELD_CHOICE,
     .required = true,
     .choices = state_choices,
     .msgid = N_("Choose a state and an assignee from the lists.")},
    {.name = "assignee",
     .kind = FIELD_INT,
     .min = 0,
     .max = INT64_MAX,
     .msgid = N_("Choose a state and an assignee from the lists.")},
};

/* POST /console/cases/:number/update: state and assignee (0 or none: nobody), if changed. */
int
page_console_case_update(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct case_row c;
	struct field_value v[FIELDS_N(update_decl)];
	if (fields_read(r, FROM_FORM, update_decl, FIELDS_N(update_decl), &d, v) > 0) {
		int found = case_find(&d, r->pp[0], &c);
		return case_page_after(r, &c, found == DOM_OK ? DOM_INVALID : found, &d);
	}
	struct case_update_in in = {
	    .number = r->pp[0], .state = v[0].choice, .assignee_id = v[1].present ? v[1].num : 0};
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
