/* Monthly reports in the console (staff): the month's overview, a customer's report, its PDF. */
#include "agent/routes.h"
#include "agent/console.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/console/reports", page_console_reports, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/customers/:id/reports", page_console_customer_report, ROLE_STAFF, 0, 0},
    {HTTP_GET, "/console/customers/:id/reports/pdf", page_console_customer_report_pdf, ROLE_STAFF,
     ROUTE_SLOW, 0},
};

const struct route_group console_routes_reports = {rows, sizeof(rows) / sizeof(rows[0])};
