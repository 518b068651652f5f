/*
 * Work requests: the catalog, a customer's requests, the form of an item,
 * a request's page and files.
 */
#include "pages/routes.h"
#include "pages/pages.h"
#include "http/upload.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/requests", page_requests, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/requests/mine", page_requests_mine, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/requests/items/:id", page_request_item_form, ROLE_CUSTOMER, 0, 0},
    {HTTP_POST, "/requests/items/:id", page_request_item_submit, ROLE_CUSTOMER,
     ROUTE_CSRF | ROUTE_MULTIPART, UPLOAD_BODY_MAX},
    {HTTP_GET, "/requests/:number", page_request_view, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/requests/:number/files/:id", page_request_file, ROLE_CUSTOMER, 0, 0},
};

const struct route_group pages_routes_requests = {rows, sizeof(rows) / sizeof(rows[0])};
