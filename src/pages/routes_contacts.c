/*
 * A customer's contacts (kept by its admins), the login history, the
 * customer's audit log and its tokens of the integration API.
 */
#include "pages/routes.h"
#include "pages/pages.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/contacts", page_contacts, ROLE_CUSTOMER_ADMIN, 0, 0},
    {HTTP_GET, "/contacts/new", page_contact_new_form, ROLE_CUSTOMER_ADMIN, 0, 0},
    {HTTP_POST, "/contacts/new", page_contact_create, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_GET, "/contacts/:id", page_contact_edit_form, ROLE_CUSTOMER_ADMIN, 0, 0},
    {HTTP_POST, "/contacts/:id", page_contact_save, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/contacts/:id/disable", page_contact_disable, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/contacts/:id/enable", page_contact_enable, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/contacts/:id/mfa-reset", page_contact_mfa_reset, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_GET, "/history", page_history, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/history/export", page_history_export, ROLE_CUSTOMER, ROUTE_SLOW, 0},
    {HTTP_GET, "/audit", page_audit, ROLE_CUSTOMER_ADMIN, 0, 0},
    {HTTP_GET, "/audit/export", page_audit_export, ROLE_CUSTOMER_ADMIN, ROUTE_SLOW, 0},
    /* the company's tokens of the integration API (docs/api.md) */
    {HTTP_GET, "/api-tokens", page_api_tokens, ROLE_CUSTOMER_ADMIN, 0, 0},
    {HTTP_POST, "/api-tokens", page_api_token_issue, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/api-tokens/:id/revoke", page_api_token_revoke, ROLE_CUSTOMER_ADMIN, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
};

const struct route_group pages_routes_contacts = {rows, sizeof(rows) / sizeof(rows[0])};
