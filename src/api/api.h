/*
 * The JSON API under /api/v1 (docs/api.md, docs/openapi.json): a channel
 * like the pages and the console. Each handler checks the bearer token and
 * its scope, translates JSON into the domain's typed input and the result
 * back into JSON; errors are application/problem+json (RFC 9457).
 */
#ifndef MADOGUCHI_API_API_H
#define MADOGUCHI_API_API_H

struct req;

int api_openapi(struct req *r);
int api_cases_list(struct req *r);
int api_case_create(struct req *r);
int api_case_get(struct req *r);
int api_case_comment(struct req *r);
int api_case_state(struct req *r);
/* Attachments (attachments.c). */
int api_case_attach(struct req *r);
int api_case_attachments(struct req *r);
int api_case_attachment(struct req *r);
int api_customers(struct req *r);
int api_customer_contacts(struct req *r);
int api_customer_services(struct req *r);
/*
 * The checks of a streamed upload (ROUTE_STREAM) before its body is read:
 * the server's routes_admit.
 */
int api_admit(struct req *r);
/* A problem document for a status the server decided (404, 405, 413 …). */
void api_error_page(struct req *r, int status);

struct route_group;
/* The API's route rows (routes.c), listed in src/routes.c. */
extern const struct route_group api_routes;

#endif
