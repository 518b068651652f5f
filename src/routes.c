/*
 * The route table: the groups of route rows that the feature folders export
 * (pages/routes_*.c, agent/routes_*.c), in the order the router tries them.
 * A new page adds its row to its folder's group; a new group adds one line
 * here. Where patterns overlap, the earlier row wins, so a group whose rows
 * could take another's paths comes after it.
 *
 * Requests that need a role the user lacks get 404, as if the page did not
 * exist; visitors are sent to sign in first.
 */
#include "http/router.h"
#include "agent/routes.h"
#include "api/api.h"
#include "pages/routes.h"
#include "web/error_page.h"
#include "web/mfa_gate.h"

#include <pthread.h>
#include <string.h>

static const struct route_group *const groups[] = {
    &pages_routes_account,     /* sign-in, password reset, home, profile */
    &pages_routes_services,    /* contracted services */
    &pages_routes_cases,       /* inquiry, a case's page */
    &console_routes_cases,     /* raising a case, a case in the console */
    &pages_routes_requests,    /* work requests */
    &console_routes_catalog,   /* the work catalog */
    &pages_routes_points,      /* a customer's points */
    &console_routes_review,    /* the review of work requests */
    &console_routes_points,    /* point periods */
    &console_routes_start,     /* the console's start page, settings, audit log */
    &console_routes_staff,     /* staff management */
    &console_routes_webhooks,  /* webhook endpoints and their deliveries */
    &pages_routes_contacts,    /* contacts, login history, audit log */
    &pages_routes_knowledge,   /* knowledge, announcements */
    &console_routes_kb,        /* articles, bases, categories */
    &console_routes_customers, /* customers, contracts, services */
    &pages_routes_case_list,   /* the case list, saved filters */
    &console_routes_case_list, /* the console's case list */
    &pages_routes_reports,     /* a customer's monthly report */
    &console_routes_reports,   /* monthly reports in the console */
    &api_routes,               /* the JSON API (docs/api.md) */
    &pages_routes_health,      /* probes, metrics, static files */
};

static struct route_table table;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void
build_table(void)
{
	table = router_join(groups, sizeof(groups) / sizeof(groups[0]));
}

const struct route_table *
routes_table(void)
{
	pthread_once(&table_once, build_table);
	return &table;
}

/* API routes answer in problem documents, every other route with a page. */
static void
routes_error(struct req *r, int status)
{
	if ((r->route && (r->route->flags & ROUTE_API)) ||
	    (r->path && strncmp(r->path, "/api/", 5) == 0))
		api_error_page(r, status);
	else
		error_page(r, status);
}

void (*const routes_error_page)(struct req *r, int status) = routes_error;
int (*const routes_gate)(struct req *r) = web_mfa_gate;
int (*const routes_admit)(struct req *r) = api_admit;
