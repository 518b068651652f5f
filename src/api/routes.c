/*
 * The JSON API's routes (docs/api.md, docs/openapi.json): no session and no
 * CSRF token; each handler asks for a bearer token with the scope it needs.
 */
#include "api/api.h"
#include "http/router.h"
#include "http/upload.h"

/* A case's description (64 K characters of up to 4 bytes) and the JSON around it. */
#define API_BODY_MAX (300 * 1024)

static const struct route rows[] = {
    {HTTP_GET, "/api/v1/openapi.json", api_openapi, ROLE_PUBLIC, ROUTE_API, 0},
    {HTTP_GET, "/api/v1/cases", api_cases_list, ROLE_PUBLIC, ROUTE_API, 0},
    {HTTP_POST, "/api/v1/cases", api_case_create, ROLE_PUBLIC, ROUTE_API, API_BODY_MAX},
    {HTTP_GET, "/api/v1/cases/:number", api_case_get, ROLE_PUBLIC, ROUTE_API, 0},
    {HTTP_POST, "/api/v1/cases/:number/comments", api_case_comment, ROLE_PUBLIC, ROUTE_API,
     API_BODY_MAX},
    {HTTP_POST, "/api/v1/cases/:number/state", api_case_state, ROLE_PUBLIC, ROUTE_API,
     ROUTE_FORM_SMALL},
    /* The body is the file, streamed: up to 2 GB, or less as configured (--upload-max). */
    {HTTP_POST, "/api/v1/cases/:number/attachments", api_case_attach, ROLE_PUBLIC,
     ROUTE_API | ROUTE_STREAM, UPLOAD_FILE_MAX},
    {HTTP_GET, "/api/v1/cases/:number/attachments", api_case_attachments, ROLE_PUBLIC, ROUTE_API,
     0},
    {HTTP_GET, "/api/v1/cases/:number/attachments/:id", api_case_attachment, ROLE_PUBLIC, ROUTE_API,
     0},
    {HTTP_GET, "/api/v1/customers", api_customers, ROLE_PUBLIC, ROUTE_API, 0},
    {HTTP_GET, "/api/v1/customers/:number/contacts", api_customer_contacts, ROLE_PUBLIC, ROUTE_API,
     0},
    {HTTP_GET, "/api/v1/customers/:number/services", api_customer_services, ROLE_PUBLIC, ROUTE_API,
     0},
};

const struct route_group api_routes = {rows, sizeof(rows) / sizeof(rows[0])};
