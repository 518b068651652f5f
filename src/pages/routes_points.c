/*
 * A customer's points.
 */
#include "pages/routes.h"
#include "pages/pages.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/points", page_points, ROLE_CUSTOMER, 0, 0},
};

const struct route_group pages_routes_points = {rows, sizeof(rows) / sizeof(rows[0])};
