/*
 * The work catalog: items and their fields, edited by provider admins.
 * "/console/catalog/new" comes before "/console/catalog/:id", which would
 * take it.
 */
#include "agent/routes.h"
#include "agent/console.h"
#include "http/router.h"

/* A catalog item or field form: two descriptions or choice lists. */
#define CATALOG_FORM_MAX (64 * 1024)

static const struct route rows[] = {
    {HTTP_GET, "/console/catalog", page_console_catalog, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_GET, "/console/catalog/new", page_console_catalog_new_form, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/catalog/new", page_console_catalog_create, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, CATALOG_FORM_MAX},
    {HTTP_GET, "/console/catalog/:id", page_console_catalog_item, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/catalog/:id", page_console_catalog_item_save, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, CATALOG_FORM_MAX},
    {HTTP_POST, "/console/catalog/:id/move", page_console_catalog_item_move, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/catalog/:id/retire", page_console_catalog_item_retire,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/catalog/:id/restore", page_console_catalog_item_restore,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/catalog/:id/fields", page_console_catalog_field_create,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, CATALOG_FORM_MAX},
    {HTTP_GET, "/console/catalog/:id/fields/:fid", page_console_catalog_field, ROLE_PROVIDER_ADMIN,
     0, 0},
    {HTTP_POST, "/console/catalog/:id/fields/:fid", page_console_catalog_field_save,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, CATALOG_FORM_MAX},
    {HTTP_POST, "/console/catalog/:id/fields/:fid/move", page_console_catalog_field_move,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/catalog/:id/fields/:fid/retire", page_console_catalog_field_retire,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/catalog/:id/fields/:fid/restore", page_console_catalog_field_restore,
     ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
};

const struct route_group console_routes_catalog = {rows, sizeof(rows) / sizeof(rows[0])};
