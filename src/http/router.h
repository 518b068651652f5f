/*
 * Routing: a table whose rows declare the method, the path pattern, the
 * handler, the role a user needs, whether the request must carry a CSRF
 * token, and how large a body it may send. Each feature folder exports its
 * rows as a group (pages/routes_*.c, agent/routes_*.c); src/routes.c lists
 * the groups, and the router matches them as one table.
 */
#ifndef MADOGUCHI_HTTP_ROUTER_H
#define MADOGUCHI_HTTP_ROUTER_H

#include <stdbool.h>
#include <stddef.h>

#include "http/request.h"

enum role {
	ROLE_PUBLIC,         /* anyone, signed in or not */
	ROLE_USER,           /* any signed-in user */
	ROLE_CUSTOMER,       /* a customer user (一般ユーザー or 管理者ユーザー) */
	ROLE_CUSTOMER_ADMIN, /* a customer user with the admin flag */
	ROLE_STAFF,          /* provider staff: agent or provider admin */
	ROLE_PROVIDER_ADMIN, /* provider staff with the admin flag */
};

enum route_flag {
	ROUTE_CSRF = 1u << 0,        /* state change: the form's csrf field must match */
	ROUTE_NO_SESSION = 1u << 1,  /* static files: no session lookup, no cookies */
	ROUTE_SLOW = 1u << 2,        /* runs on the worker pool (password hashing) */
	ROUTE_MULTIPART = 1u << 3,   /* multipart/form-data with files (http/upload.h) */
	ROUTE_SECRET_PATH = 1u << 4, /* the path holds a credential: logged as its pattern */
	ROUTE_QUIET = 1u << 5,       /* probes: no access log line unless it fails */
	ROUTE_MFA_SETUP = 1u << 6,   /* open to staff who must first set up MFA (the gate) */
	/*
	 * The JSON API: no session, no cookies and so no CSRF token; the
	 * handler requires a bearer token instead, and the body is JSON.
	 */
	ROUTE_API = 1u << 7,
	/*
	 * The body is one file, whatever its type, streamed into the file store
	 * as it arrives (upload_begin_raw, http/upload.h) up to the smaller of
	 * body_limit and the configured largest upload; routes_admit decides
	 * before a byte of it is stored.
	 */
	ROUTE_STREAM = 1u << 8,
};

typedef int (*route_fn)(struct req *r);

struct route {
	enum http_method method; /* GET routes answer HEAD too */
	const char *pattern;     /* "/services/:id"; a final "/" "*" segment takes the rest */
	route_fn fn;
	enum role role;
	unsigned flags;
	size_t body_limit; /* bytes; 0: no body accepted */
};

/* The largest body of an ordinary form without files. */
#define ROUTE_FORM_SMALL 4096

/* The rows one feature folder exports, in the order they are tried. */
struct route_group {
	const struct route *rows;
	size_t n;
};

/* Rows in one array: a route is known by its place in it (http/metrics.h). */
struct route_table {
	const struct route *rows;
	size_t n;
};

/*
 * The program's table: the groups src/routes.c lists, joined in their order
 * on first use and kept for the life of the process. Safe from any thread.
 */
const struct route_table *routes_table(void);
/*
 * Writes the page of an error status that a handler left without a body;
 * the program supplies it beside the table, so the server knows no markup.
 */
extern void (*const routes_error_page)(struct req *r, int status);
/*
 * Asked after the role check of every signed-in route: 0 to go on, or the
 * status it answered with (a redirect); the program's rules, not the server's.
 */
extern int (*const routes_gate)(struct req *r);
/*
 * Asked with the request line and headers of a ROUTE_STREAM route, before
 * its body is read: 0 to take the body, or the status of the answer it
 * wrote (the API's token, its scope, the case). What it prepared for the
 * handler goes to r->channel.
 */
extern int (*const routes_admit)(struct req *r);

/*
 * The row of table matching method and path, with the values of its :name
 * segments in params (REQ_MAX_PATH_PARAMS at most). NULL when none matches;
 * *other_method then says whether the path exists for another method (405).
 */
const struct route *router_match(const struct route *table, size_t n, enum http_method method,
                                 const char *path, const char **params, struct arena *a,
                                 bool *other_method);

/*
 * One table of the rows of groups[0..n), in that order, in memory that lives
 * as long as the process (the router and the metrics keep pointers into it).
 */
struct route_table router_join(const struct route_group *const *groups, size_t n);

/* The Allow header for path: "GET, HEAD", "POST" or "GET, HEAD, POST". */
const char *router_allowed(const struct route *table, size_t n, const char *path, struct arena *a);

/* Whether user u (NULL: nobody signed in) holds the role. */
bool role_allows(enum role need, const struct user *u);

#endif
