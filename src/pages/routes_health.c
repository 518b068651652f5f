/*
 * Probes, metrics and the static files: no session, no cookies.
 */
#include "pages/routes.h"
#include "pages/pages.h"
#include "http/static.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/healthz", page_health, ROLE_PUBLIC, ROUTE_NO_SESSION | ROUTE_QUIET, 0},
    {HTTP_GET, "/readyz", page_ready, ROLE_PUBLIC, ROUTE_NO_SESSION | ROUTE_QUIET, 0},
    {HTTP_GET, "/metrics", page_metrics, ROLE_PUBLIC, ROUTE_NO_SESSION | ROUTE_QUIET, 0},
    {HTTP_GET, "/static/*", page_static, ROLE_PUBLIC, ROUTE_NO_SESSION, 0},
};

const struct route_group pages_routes_health = {rows, sizeof(rows) / sizeof(rows[0])};
