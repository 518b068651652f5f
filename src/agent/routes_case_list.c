/*
 * The console's case list.
 */
#include "agent/routes.h"
#include "agent/console.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/console/cases", page_console_cases, ROLE_STAFF, 0, 0},
};

const struct route_group console_routes_case_list = {rows, sizeof(rows) / sizeof(rows[0])};
