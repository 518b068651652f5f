/*
 * A customer's monthly service report and its PDF: every user of the
 * customer, like the 月次レポート送付 cases that carry the same PDF.
 */
#include "pages/routes.h"
#include "pages/pages.h"
#include "http/router.h"

static const struct route rows[] = {
    {HTTP_GET, "/reports", page_reports, ROLE_CUSTOMER, 0, 0},
    {HTTP_GET, "/reports/pdf", page_report_pdf, ROLE_CUSTOMER, ROUTE_SLOW, 0},
};

const struct route_group pages_routes_reports = {rows, sizeof(rows) / sizeof(rows[0])};
