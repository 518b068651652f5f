/* The rows of the menu, in display order. */
#include "web/menu.h"
#include "core/i18n.h"

const struct menu_item menu_items[] = {
    {"inquiry", "/inquiry", N_("Inquiry"), N_("Ask us about any of your services."),
     ROLE_CUSTOMER, NULL},
    {"services", "/services", N_("Service configuration"),
     N_("Check the details of your contracts."), ROLE_CUSTOMER, NULL},
    {"contacts-new", "/contacts/new", N_("Create a contact"),
     N_("Add a user of your company to the portal."), ROLE_CUSTOMER_ADMIN,
     N_("Account management")},
    {"contacts", "/contacts", N_("Contacts"), N_("See and manage the users of your company."),
     ROLE_CUSTOMER_ADMIN, N_("Account management")},
    {"history", "/history", N_("Login history"), N_("Check the sign-ins and account events."),
     ROLE_CUSTOMER, N_("Account management")},
    {"console", "/console", N_("Customers"), N_("Customers, their numbers and their contracts."),
     ROLE_STAFF, NULL},
    {"settings", "/console/settings", N_("Portal settings"),
     N_("The provider's names and the password rules."), ROLE_PROVIDER_ADMIN, NULL},
};

const size_t menu_count = sizeof(menu_items) / sizeof(menu_items[0]);
