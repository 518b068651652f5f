/*
 * Customers, their contracts and the services, kept by provider admins.
 * "/console/customers/new" comes before "/console/customers/:id", which
 * would take it (and "/console/services/new" before "/console/services/:id").
 */
#include "agent/routes.h"
#include "agent/console.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/console/customers", page_console_cadm_customers, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_GET, "/console/customers/new", page_console_cadm_customer_new_form, ROLE_PROVIDER_ADMIN,
     0, 0},
    {HTTP_POST, "/console/customers/new", page_console_cadm_customer_create, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/customers/:id", page_console_cadm_customer, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/customers/:id", page_console_cadm_customer_save, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/customers/:id/contacts", page_console_customer_contacts,
     ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/customers/:id/contacts", page_console_customer_contact_create,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/customers/:id/contracts", page_console_cadm_contract_create,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/contracts/:id", page_console_cadm_contract, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/contracts/:id", page_console_cadm_contract_save, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/services", page_console_cadm_services, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_GET, "/console/services/new", page_console_service_new_form, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/services/new", page_console_service_create, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/services/:id", page_console_cadm_service_save, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/services/:id/levels", page_console_service_levels, ROLE_PROVIDER_ADMIN, 0,
     0},
    {HTTP_POST, "/console/services/:id/levels", page_console_service_levels_save,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/contracts/:id/levels", page_console_contract_levels, ROLE_PROVIDER_ADMIN,
     0, 0},
    {HTTP_POST, "/console/contracts/:id/levels", page_console_contract_levels_save,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
};

const struct route_group console_routes_customers = {rows, sizeof(rows) / sizeof(rows[0])};
