/* The case page, shared by customers (/cases/…) and staff (/console/cases/…). */
#ifndef MADOGUCHI_PAGES_CASE_VIEW_H
#define MADOGUCHI_PAGES_CASE_VIEW_H

#include <stdbool.h>

#include "store/cases.h"

struct req;

/*
 * Loads the case of the URL (r->pp[0]) for the user: customers only their
 * own customer's, staff any. 1 found, 0 not (answer 404), -1 error.
 */
int case_load(struct req *r, struct case_row *c);
/* Renders the page; staff get the console's actions. error is shown atop. */
int case_render(struct req *r, const struct case_row *c, int status, const char *error);
/*
 * Stores the request's uploaded files as attachments of the case (internal
 * for staff notes), inside the caller's transaction. 0 or -1.
 */
int case_attach_uploads(struct req *r, const struct case_row *c, bool internal);
/*
 * Mails the case's contact (in the caller's transaction) about a provider
 * comment (comment != NULL) or a state that asks for the customer.
 */
int case_notify_contact(struct req *r, const struct case_row *c, const char *comment,
                        int state_or_minus1);
/* The console's actions atop a case page (src/agent/case_console.c). */
void case_console_actions(struct req *r, const struct case_row *c);
/* The base path of the case for the user: "/cases/CS…" or "/console/cases/CS…". */
const char *case_path(struct req *r, const struct case_row *c);

#endif
