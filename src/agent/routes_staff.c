/*
 * Staff management (provider admins): the list and the MFA rule, the
 * invitation, a member's page and its actions. "/console/staff/new" comes
 * before "/console/staff/:id", which would take it.
 */
#include "agent/routes.h"
#include "agent/console.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/console/staff", page_console_staff, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_GET, "/console/staff/new", page_console_staff_new_form, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/staff/new", page_console_staff_invite, ROLE_PROVIDER_ADMIN, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/staff/mfa-policy", page_console_staff_mfa_policy, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/staff/:id", page_console_staff_member, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/staff/:id/role", page_console_staff_role, ROLE_PROVIDER_ADMIN, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/staff/:id/disable", page_console_staff_disable, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/staff/:id/enable", page_console_staff_enable, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/staff/:id/mfa-reset", page_console_staff_mfa_reset, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
};

const struct route_group console_routes_staff = {rows, sizeof(rows) / sizeof(rows[0])};
