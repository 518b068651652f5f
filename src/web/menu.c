/* The rows of the menu, in display order. */
#include "web/menu.h"
#include "core/i18n.h"
#include "http/request.h"
#include "store/db.h"
#include "store/points.h"

#include <string.h>

/* Customers whose contracts include points have the point page. */
static bool
points_shown(struct req *r)
{
	struct db *db = db_thread();
	return r->user && r->user->customer_id && db &&
	       points_available(db, r->user->customer_id) == 1;
}

const struct menu_item menu_items[] = {
    {"inquiry", "/inquiry", N_("Inquiry"), N_("Ask us about any of your services."), ROLE_CUSTOMER,
     NULL, NULL},
    /* work requests */
    {"requests", "/requests", N_("Work requests"),
     N_("Order work on your services from the catalog."), ROLE_CUSTOMER, NULL, NULL},
    /* end work requests */
    {"cases", "/cases", N_("Case list"), N_("Check the contents of your cases."), ROLE_CUSTOMER,
     NULL, NULL},
    /* knowledge */
    {"knowledge", "/knowledge", N_("Knowledge"),
     N_("Search the documents and know-how of your services."), ROLE_CUSTOMER, NULL, NULL},
    /* end knowledge */
    {"services", "/services", N_("Service configuration"),
     N_("Check the details of your contracts."), ROLE_CUSTOMER, NULL, NULL},
    {"contacts-new", "/contacts/new", N_("Create a contact"),
     N_("Add a user of your company to the portal."), ROLE_CUSTOMER_ADMIN, N_("Account management"),
     NULL},
    {"contacts", "/contacts", N_("Contacts"), N_("See and manage the users of your company."),
     ROLE_CUSTOMER_ADMIN, N_("Account management"), NULL},
    {"history", "/history", N_("Login history"), N_("Check the sign-ins and account events."),
     ROLE_CUSTOMER, N_("Account management"), NULL},
    {"audit", "/audit", N_("Operation history"),
     N_("Check what the users of your company did, and what was done on its cases."),
     ROLE_CUSTOMER_ADMIN, N_("Account management"), NULL},
    /* API tokens */
    {"api-tokens", "/api-tokens", N_("API tokens"),
     N_("Let your company's systems raise and follow cases through the API."), ROLE_CUSTOMER_ADMIN,
     N_("Account management"), NULL},
    /* end API tokens */
    /* points */
    {"points", "/points", N_("Point management"), N_("Check the points of your work requests."),
     ROLE_CUSTOMER, N_("Account management"), points_shown},
    /* end points */
    /* monthly reports */
    {"reports", "/reports", N_("Monthly report"),
     N_("Your cases, response times and satisfaction month by month, as a page and a PDF."),
     ROLE_CUSTOMER, N_("Account management"), NULL},
    /* end monthly reports */
    {"queue", "/console/cases", N_("Case queue"),
     N_("The cases of every customer, to assign and answer."), ROLE_STAFF, NULL, NULL},
    /* review and points (console) */
    {"console-requests", "/console/requests", N_("Work request review"),
     N_("Accept or reject the customers' work requests."), ROLE_STAFF, NULL, NULL},
    {"console-points", "/console/points", N_("Point periods"),
     N_("Set the customers' point periods and correct their ledgers."), ROLE_PROVIDER_ADMIN, NULL,
     NULL},
    /* end review and points (console) */
    {"console", "/console", N_("Customers"), N_("Customers, their numbers and their contracts."),
     ROLE_STAFF, NULL, NULL},
    /* knowledge (console) */
    {"console-kb", "/console/kb", N_("Articles"),
     N_("Write, publish and retire knowledge articles and announcements."), ROLE_STAFF, NULL, NULL},
    {"console-customers", "/console/customers", N_("Customers and contracts"),
     N_("Create customers, maintain their contracts and the links to the services' portals."),
     ROLE_PROVIDER_ADMIN, NULL, NULL},
    /* end knowledge (console) */
    /* work catalog (console) */
    {"console-catalog", "/console/catalog", N_("Work catalog"),
     N_("The work items customers may request, their costs and their forms."), ROLE_PROVIDER_ADMIN,
     NULL, NULL},
    /* end work catalog (console) */
    {"console-ratings", "/console/ratings", N_("Satisfaction"),
     N_("How customers rated their closed cases, by month, customer and agent."), ROLE_STAFF, NULL,
     NULL},
    /* monthly reports (console) */
    {"console-reports", "/console/reports", N_("Monthly reports"),
     N_("Each customer's monthly service report and its delivery on the 1st."), ROLE_STAFF, NULL,
     NULL},
    /* end monthly reports (console) */
    {"console-staff", "/console/staff", N_("Staff"),
     N_("Invite agents and admins, disable their logins, reset their authenticator apps."),
     ROLE_PROVIDER_ADMIN, NULL, NULL},
    {"console-audit", "/console/audit", N_("Audit log"),
     N_("Every event of the portal, filtered and exported."), ROLE_PROVIDER_ADMIN, NULL, NULL},
    /* API tokens (console) */
    {"console-api-tokens", "/console/api-tokens", N_("API tokens"),
     N_("Tokens for the integration API: scopes, customer, expiry, last use."), ROLE_PROVIDER_ADMIN,
     NULL, NULL},
    /* end API tokens (console) */
    /* webhooks (console) */
    {"console-webhooks", "/console/webhooks", N_("Webhooks"),
     N_("Endpoints told about cases as they change, and their deliveries."), ROLE_PROVIDER_ADMIN,
     NULL, NULL},
    /* end webhooks (console) */
    {"settings", "/console/settings", N_("Portal settings"),
     N_("The provider's names and the password rules."), ROLE_PROVIDER_ADMIN, NULL, NULL},
};

const size_t menu_count = sizeof(menu_items) / sizeof(menu_items[0]);

const struct menu_group menu_groups[] = {
    {N_("Account management"), N_("Show the account management menu."), "/account"},
};

const size_t menu_group_count = sizeof(menu_groups) / sizeof(menu_groups[0]);

const struct menu_group *
menu_group_of(const char *label)
{
	for (size_t i = 0; label && i < menu_group_count; i++)
		if (strcmp(menu_groups[i].label, label) == 0)
			return &menu_groups[i];
	return NULL;
}

bool
menu_shown(const struct menu_item *m, struct req *r)
{
	return role_allows(m->role, r->user) && (!m->available || m->available(r));
}
