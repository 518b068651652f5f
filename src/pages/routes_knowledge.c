/*
 * The knowledge base as customers read it, and the announcements.
 */
#include "pages/routes.h"
#include "pages/pages.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/knowledge", page_knowledge, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/knowledge/:number", page_knowledge_article, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/knowledge/:number/files/:id", page_knowledge_file, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/announcements", page_announcements, ROLE_CUSTOMER, 0, 0},
    {HTTP_POST, "/announcements/:number/dismiss", page_announcement_dismiss, ROLE_CUSTOMER,
     ROUTE_CSRF, ROUTE_FORM_SMALL},
};

const struct route_group pages_routes_knowledge = {rows, sizeof(rows) / sizeof(rows[0])};
