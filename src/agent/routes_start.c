/*
 * The console's start page (the customer list), the provider's settings,
 * the audit log and the tokens of the integration API.
 */
#include "agent/routes.h"
#include "agent/console.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/console", page_console_customers, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/settings", page_console_settings, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_GET, "/console/audit", page_console_audit, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_GET, "/console/audit/export", page_console_audit_export, ROLE_PROVIDER_ADMIN, ROUTE_SLOW,
     0},
    {HTTP_POST, "/console/settings", page_console_settings_save, ROLE_PROVIDER_ADMIN, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    /* tokens of the integration API (docs/api.md) */
    {HTTP_GET, "/console/api-tokens", page_console_api_tokens, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/api-tokens", page_console_api_token_issue, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/api-tokens/:id/revoke", page_console_api_token_revoke,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
};

const struct route_group console_routes_start = {rows, sizeof(rows) / sizeof(rows[0])};
