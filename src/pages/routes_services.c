/*
 * A customer's contracted services.
 */
#include "pages/routes.h"
#include "pages/pages.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/services", page_services, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/services/:id", page_service_view, ROLE_CUSTOMER, 0, 0},
};

const struct route_group pages_routes_services = {rows, sizeof(rows) / sizeof(rows[0])};
