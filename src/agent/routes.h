/*
 * The route rows of the provider staff's console, one group per page family
 * (src/agent/routes_*.c). src/routes.c lists the groups in the order the
 * router tries them.
 */
#ifndef MADOGUCHI_AGENT_ROUTES_H
#define MADOGUCHI_AGENT_ROUTES_H

struct route_group;

extern const struct route_group console_routes_cases;
extern const struct route_group console_routes_catalog;
extern const struct route_group console_routes_review;
extern const struct route_group console_routes_points;
extern const struct route_group console_routes_start;
extern const struct route_group console_routes_staff;
extern const struct route_group console_routes_kb;
extern const struct route_group console_routes_customers;
extern const struct route_group console_routes_case_list;
extern const struct route_group console_routes_reports;
extern const struct route_group console_routes_webhooks;

#endif
