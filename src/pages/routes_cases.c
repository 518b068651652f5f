/*
 * A customer's cases: opening one (the inquiry form), its page, comments,
 * files and the customer's transitions.
 */
#include "pages/routes.h"
#include "pages/pages.h"
#include "http/upload.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/inquiry", page_inquiry_form, ROLE_CUSTOMER, 0, 0},
    {HTTP_POST, "/inquiry", page_inquiry_submit, ROLE_CUSTOMER, ROUTE_CSRF | ROUTE_MULTIPART,
     UPLOAD_BODY_MAX},
    {HTTP_GET, "/cases/:number", page_case_view, ROLE_CUSTOMER, 0, 0},
    {HTTP_POST, "/cases/:number/comments", page_case_comment, ROLE_CUSTOMER,
     ROUTE_CSRF | ROUTE_MULTIPART, UPLOAD_BODY_MAX},
    {HTTP_POST, "/cases/:number/close", page_case_close, ROLE_CUSTOMER, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/cases/:number/accept", page_case_accept, ROLE_CUSTOMER, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/cases/:number/reject", page_case_reject, ROLE_CUSTOMER, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_GET, "/cases/:number/files/:id", page_case_file, ROLE_CUSTOMER, 0, 0},
};

const struct route_group pages_routes_cases = {rows, sizeof(rows) / sizeof(rows[0])};
