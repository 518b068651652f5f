/*
 * The console's cases: raising one for a customer, its page, updates,
 * comments and files; the customers' satisfaction with closed ones. "/console/cases/new" comes
 * before
 * "/console/cases/:number", which would take it.
 */
#include "agent/routes.h"
#include "agent/console.h"
#include "http/upload.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/console/cases/new", page_console_case_new_form, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/cases/new", page_console_case_new, ROLE_STAFF,
     ROUTE_CSRF | ROUTE_MULTIPART, UPLOAD_BODY_MAX},
    {HTTP_GET, "/console/cases/:number", page_console_case_view, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/cases/:number/update", page_console_case_update, ROLE_STAFF, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/cases/:number/comments", page_console_case_comment, ROLE_STAFF,
     ROUTE_CSRF | ROUTE_MULTIPART, UPLOAD_BODY_MAX},
    {HTTP_GET, "/console/cases/:number/files/:id", page_console_case_file, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/ratings", page_console_ratings, ROLE_STAFF, 0, 0},
};

const struct route_group console_routes_cases = {rows, sizeof(rows) / sizeof(rows[0])};
