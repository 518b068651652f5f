/* The rows of the menu, in display order. */
#include "web/menu.h"
#include "core/i18n.h"

const struct menu_item menu_items[] = {
    {"services", "/services", N_("Service configuration"),
     N_("Check the details of your contracts."), ROLE_CUSTOMER, NULL},
    {"console", "/console", N_("Customers"), N_("Customers, their numbers and their contracts."),
     ROLE_STAFF, NULL},
    {"settings", "/console/settings", N_("Portal settings"),
     N_("The provider's names and the password rules."), ROLE_PROVIDER_ADMIN, NULL},
};

const size_t menu_count = sizeof(menu_items) / sizeof(menu_items[0]);
