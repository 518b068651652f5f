/*
 * madoguchi routes: the route table as text, one route a line, so that an
 * operator can see every URL with the role it needs and a test can walk the
 * table instead of a copy of it. Columns, separated by tabs: method,
 * pattern, role, flags (comma-separated, "-" for none), body limit in bytes.
 */
#include "cli/cli.h"
#include "http/router.h"

#include <stdio.h>

static const char *
role_name(enum role role)
{
	switch (role) {
	case ROLE_PUBLIC:
		return "public";
	case ROLE_USER:
		return "user";
	case ROLE_CUSTOMER:
		return "customer";
	case ROLE_CUSTOMER_ADMIN:
		return "customer-admin";
	case ROLE_STAFF:
		return "staff";
	case ROLE_PROVIDER_ADMIN:
		return "provider-admin";
	}
	return "?";
}

static const struct {
	unsigned flag;
	const char *name;
} flag_names[] = {
    {ROUTE_CSRF, "csrf"},
    {ROUTE_NO_SESSION, "no-session"},
    {ROUTE_SLOW, "slow"},
    {ROUTE_MULTIPART, "multipart"},
    {ROUTE_SECRET_PATH, "secret-path"},
    {ROUTE_QUIET, "quiet"},
    {ROUTE_MFA_SETUP, "mfa-setup"},
    {ROUTE_API, "api"},
};

int
cli_routes(void)
{
	const struct route_table *t = routes_table();
	for (size_t i = 0; i < t->n; i++) {
		const struct route *rt = &t->rows[i];
		printf("%s\t%s\t%s\t", rt->method == HTTP_POST ? "POST" : "GET", rt->pattern,
		       role_name(rt->role));
		int n = 0;
		for (size_t f = 0; f < sizeof(flag_names) / sizeof(flag_names[0]); f++)
			if (rt->flags & flag_names[f].flag)
				printf("%s%s", n++ ? "," : "", flag_names[f].name);
		printf("%s\t%zu\n", n ? "" : "-", rt->body_limit);
	}
	return fflush(stdout) == 0 ? 0 : 1;
}
