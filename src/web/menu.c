/* The rows of the menu, in display order. */
#include "web/menu.h"
#include "core/i18n.h"

const struct menu_item menu_items[] = {
    {"inquiry", "/inquiry", N_("Inquiry"), N_("Ask us about any of your services."), ROLE_CUSTOMER,
     NULL},
    {"cases", "/cases", N_("Case list"), N_("Check the contents of your cases."), ROLE_CUSTOMER,
     NULL},
    /* knowledge */
    {"knowledge", "/knowledge", N_("Knowledge"),
     N_("Search the documents and know-how of your services."), ROLE_CUSTOMER, NULL},
    /* end knowledge */
    {"services", "/services", N_("Service configuration"),
     N_("Check the details of your contracts."), ROLE_CUSTOMER, NULL},
    {"contacts-new", "/contacts/new", N_("Create a contact"),
     N_("Add a user of your company to the portal."), ROLE_CUSTOMER_ADMIN,
     N_("Account management")},
    {"contacts", "/contacts", N_("Contacts"), N_("See and manage the users of your company."),
     ROLE_CUSTOMER_ADMIN, N_("Account management")},
    {"history", "/history", N_("Login history"), N_("Check the sign-ins and account events."),
     ROLE_CUSTOMER, N_("Account management")},
    {"queue", "/console/cases", N_("Case queue"),
     N_("The cases of every customer, to assign and answer."), ROLE_STAFF, NULL},
    {"console", "/console", N_("Customers"), N_("Customers, their numbers and their contracts."),
     ROLE_STAFF, NULL},
    /* knowledge (console) */
    {"console-kb", "/console/kb", N_("Articles"),
     N_("Write, publish and retire knowledge articles and announcements."), ROLE_STAFF, NULL},
    {"console-customers", "/console/customers", N_("Customers and contracts"),
     N_("Create customers, maintain their contracts and the links to the services' portals."),
     ROLE_PROVIDER_ADMIN, NULL},
    /* end knowledge (console) */
    {"settings", "/console/settings", N_("Portal settings"),
     N_("The provider's names and the password rules."), ROLE_PROVIDER_ADMIN, NULL},
};

const size_t menu_count = sizeof(menu_items) / sizeof(menu_items[0]);
