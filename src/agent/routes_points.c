/*
 * Point periods and their corrections, kept by provider admins.
 */
#include "agent/routes.h"
#include "agent/console.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/console/points", page_console_points, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/points/periods", page_console_period_create, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/points/periods/:id", page_console_period_update, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/points/periods/:id/corrections", page_console_correction,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
};

const struct route_group console_routes_points = {rows, sizeof(rows) / sizeof(rows[0])};
