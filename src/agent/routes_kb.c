/*
 * Knowledge articles, bases and categories in the console. The fixed
 * segments ("new", "bases", "categories") come before "/console/kb/:id",
 * which would take them.
 */
#include "agent/routes.h"
#include "agent/console.h"
#include "http/upload.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/console/kb", page_console_kb, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/kb/new", page_console_kb_new_form, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/new", page_console_kb_create, ROLE_STAFF, ROUTE_CSRF | ROUTE_MULTIPART,
     UPLOAD_BODY_MAX},
    {HTTP_GET, "/console/kb/bases", page_console_kb_bases, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/bases", page_console_kb_base_create, ROLE_STAFF, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/kb/categories", page_console_kb_category_create, ROLE_STAFF, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/kb/bases/:id", page_console_kb_base, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/bases/:id", page_console_kb_base_rename, ROLE_STAFF, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/kb/bases/:id/delete", page_console_kb_base_delete, ROLE_STAFF, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/kb/categories/:id", page_console_kb_category, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/categories/:id", page_console_kb_category_save, ROLE_STAFF, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/kb/categories/:id/delete", page_console_kb_category_delete, ROLE_STAFF,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/kb/:id", page_console_kb_edit_form, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/:id", page_console_kb_save, ROLE_STAFF, ROUTE_CSRF | ROUTE_MULTIPART,
     UPLOAD_BODY_MAX},
    {HTTP_POST, "/console/kb/:id/publish", page_console_kb_publish, ROLE_STAFF, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/kb/:id/retire", page_console_kb_retire, ROLE_STAFF, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/kb/:id/files/:fid", page_console_kb_file, ROLE_STAFF, 0, 0},
    {HTTP_POST, "/console/kb/:id/files/:fid/delete", page_console_kb_file_delete, ROLE_STAFF,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
};

const struct route_group console_routes_kb = {rows, sizeof(rows) / sizeof(rows[0])};
