/* The pages for 400, 403, 404, 405, 413 and 500, in the user's language. */
#ifndef MADOGUCHI_WEB_ERROR_PAGE_H
#define MADOGUCHI_WEB_ERROR_PAGE_H

struct req;

/* Replaces the response body with the page for status. */
void error_page(struct req *r, int status);

#endif
