/*
 * The review of work requests: the queue, a request, accepting or
 * rejecting it.
 */
#include "agent/routes.h"
#include "agent/console.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/console/requests", page_console_requests, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/requests/:number", page_console_request, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/requests/:number/accept", page_console_request_accept, ROLE_STAFF,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/requests/:number/reject", page_console_request_reject, ROLE_STAFF,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/requests/:number/files/:id", page_console_request_file, ROLE_STAFF, 0, 0},
};

const struct route_group console_routes_review = {rows, sizeof(rows) / sizeof(rows[0])};
