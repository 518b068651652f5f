/*
 * The customer's case list and the saved filters of case lists (customers'
 * and staff's).
 */
#include "pages/routes.h"
#include "pages/pages.h"
#include "http/router.h"

/* A saved filter: its name and the query of the list. */
#define FILTER_FORM_MAX 16384

static const struct route rows[] = {
    {HTTP_GET, "/cases", page_cases, ROLE_CUSTOMER, 0, 0},
    {HTTP_POST, "/case-filters", page_case_filter_save, ROLE_USER, ROUTE_CSRF, FILTER_FORM_MAX},
    {HTTP_POST, "/case-filters/:id/delete", page_case_filter_delete, ROLE_USER, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
};

const struct route_group pages_routes_case_list = {rows, sizeof(rows) / sizeof(rows[0])};
