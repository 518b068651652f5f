/*
 * The route rows of the customers' and visitors' pages, one group per page
 * family (src/pages/routes_*.c). src/routes.c lists the groups in the order
 * the router tries them.
 */
#ifndef MADOGUCHI_PAGES_ROUTES_H
#define MADOGUCHI_PAGES_ROUTES_H

struct route_group;

extern const struct route_group pages_routes_account;
extern const struct route_group pages_routes_services;
extern const struct route_group pages_routes_cases;
extern const struct route_group pages_routes_requests;
extern const struct route_group pages_routes_points;
extern const struct route_group pages_routes_contacts;
extern const struct route_group pages_routes_knowledge;
extern const struct route_group pages_routes_case_list;
extern const struct route_group pages_routes_reports;
extern const struct route_group pages_routes_health;

#endif
