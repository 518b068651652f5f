/*
 * Webhooks (provider admins): the endpoints, registering one, the setting
 * for targets inside a network, an endpoint's delivery log and its
 * actions. "/console/webhooks/settings" is a POST only, so the GET of
 * "/console/webhooks/:id" never takes it.
 */
#include "agent/routes.h"
#include "agent/console.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/console/webhooks", page_console_webhooks, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/webhooks", page_console_webhook_create, ROLE_PROVIDER_ADMIN, ROUTE_CSRF,
     ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/webhooks/settings", page_console_webhook_private, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_GET, "/console/webhooks/:id", page_console_webhook, ROLE_PROVIDER_ADMIN, 0, 0},
    {HTTP_POST, "/console/webhooks/:id/enable", page_console_webhook_enable, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/webhooks/:id/disable", page_console_webhook_disable, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/webhooks/:id/delete", page_console_webhook_delete, ROLE_PROVIDER_ADMIN,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
    {HTTP_POST, "/console/webhooks/:id/deliveries/:delivery/redeliver",
     page_console_webhook_redeliver, ROLE_PROVIDER_ADMIN, ROUTE_CSRF, ROUTE_FORM_SMALL},
};

const struct route_group console_routes_webhooks = {rows, sizeof(rows) / sizeof(rows[0])};
