/* The case page, shared by customers (/cases/…) and staff (/console/cases/…). */
#ifndef MADOGUCHI_VIEWS_CASE_PAGE_H
#define MADOGUCHI_VIEWS_CASE_PAGE_H

#include "store/cases.h"
#include "web/fields.h"

struct dom;
struct req;

/*
 * The declared inputs of a comment: its body (may be empty when files
 * come), then the visibility staff choose (customers read only the body).
 */
enum case_comment_field { CASE_COMMENT_BODY, CASE_COMMENT_VISIBILITY, CASE_COMMENT__MAX };
extern const struct field_decl case_comment_decl[CASE_COMMENT__MAX];

/* Renders the page; staff get the console's actions. error (translated) is shown atop. */
int case_render(struct req *r, const struct case_row *c, int status, const char *error);
/*
 * The page again after an operation refused (DOM_CONFLICT or DOM_INVALID),
 * with the operation's message or its first field error atop; a case that
 * is not there (any more) is 404.
 */
int case_render_refusal(struct req *r, const struct case_row *c, int dom_status,
                        const struct dom *d);
/* GET of the case of the URL (r->pp[0]) for the signed-in user: its page, or 404. */
int case_page_show(struct req *r);
/* The answer to a POST on a case: back to its page (303), or the refusal. */
int case_page_after(struct req *r, const struct case_row *c, int dom_status, const struct dom *d);
/* The base path of the case for the user: "/cases/CS…" or "/console/cases/CS…". */
const char *case_path(struct req *r, const struct case_row *c);

#endif
