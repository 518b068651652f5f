/*
 * Unit tests of routing (src/http/router.c): router_match over a local table
 * (static segments, :name parameters, a final wildcard, HEAD answered by GET
 * rows, the 405 flag, trailing slashes, the parameter limit), the joining of
 * route groups into one table and the order of the program's table, and
 * role_allows for every role and kind of user.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "http/router.h"

static int
h_home(struct req *r)
{
	(void)r;
	return 200;
}

static int
h_other(struct req *r)
{
	(void)r;
	return 201;
}

/* A table of our own; only method and pattern matter to matching. */
#define ROW(m, pat, h)                                                                             \
	{                                                                                          \
		.method = (m), .pattern = (pat), .fn = (h), .role = ROLE_PUBLIC                    \
	}

static const struct route table[] = {
    ROW(HTTP_GET, "/", h_home),                        /* 0 */
    ROW(HTTP_GET, "/login", h_home),                   /* 1 */
    ROW(HTTP_POST, "/login", h_other),                 /* 2 */
    ROW(HTTP_GET, "/services", h_home),                /* 3 */
    ROW(HTTP_GET, "/services/:id", h_home),            /* 4 */
    ROW(HTTP_GET, "/services/:id/users/:uid", h_home), /* 5 */
    ROW(HTTP_POST, "/logout", h_other),                /* 6 */
    ROW(HTTP_GET, "/static/*", h_home),                /* 7 */
    ROW(HTTP_GET, "/p/:a/:b/:c/:d", h_home),           /* 8 */
    ROW(HTTP_GET, "/q/:a/:b/:c/:d/:e", h_home),        /* 9 */
    ROW(HTTP_GET, "/x/*/y", h_home),                   /* 10 */
};
static const size_t table_n = sizeof(table) / sizeof(table[0]);

static int
setup_arena(void **state)
{
	*state = arena_new();
	return 0;
}

static int
teardown_arena(void **state)
{
	arena_free(*state);
	return 0;
}

/* The index of the matched row, or -1; fills params and other. */
static int
match(struct arena *a, enum http_method m, const char *path, const char **params, bool *other)
{
	for (int i = 0; i < REQ_MAX_PATH_PARAMS; i++)
		params[i] = "unset";
	const struct route *r = router_match(table, table_n, m, path, params, a, other);
	return r ? (int)(r - table) : -1;
}

static void
test_router_static_segments(void **state)
{
	struct arena *a = *state;
	const char *pp[REQ_MAX_PATH_PARAMS];
	bool other = true;
	assert_int_equal(match(a, HTTP_GET, "/", pp, &other), 0);
	assert_false(other);
	assert_int_equal(match(a, HTTP_GET, "/login", pp, &other), 1);
	assert_false(other);
	assert_int_equal(match(a, HTTP_POST, "/login", pp, &other), 2);
	assert_int_equal(match(a, HTTP_GET, "/services", pp, &other), 3);
	/* No parameters: params are all NULL. */
	for (int i = 0; i < REQ_MAX_PATH_PARAMS; i++)
		assert_null(pp[i]);

	/* Prefixes and extensions of a segment do not match. */
	assert_int_equal(match(a, HTTP_GET, "/log", pp, &other), -1);
	assert_false(other);
	assert_int_equal(match(a, HTTP_GET, "/loginx", pp, &other), -1);
	assert_int_equal(match(a, HTTP_GET, "/Login", pp, &other), -1);
	assert_int_equal(match(a, HTTP_GET, "/nope", pp, &other), -1);
	assert_int_equal(match(a, HTTP_GET, "", pp, &other), -1);
	assert_int_equal(match(a, HTTP_GET, "login", pp, &other), -1);
	assert_int_equal(match(a, HTTP_GET, "//login", pp, &other), -1);
}

static void
test_router_params(void **state)
{
	struct arena *a = *state;
	const char *pp[REQ_MAX_PATH_PARAMS];
	bool other;
	assert_int_equal(match(a, HTTP_GET, "/services/42", pp, &other), 4);
	assert_string_equal(pp[0], "42");
	assert_null(pp[1]);

	assert_int_equal(match(a, HTTP_GET, "/services/日本", pp, &other), 4);
	assert_string_equal(pp[0], "日本");

	assert_int_equal(match(a, HTTP_GET, "/services/7/users/abc", pp, &other), 5);
	assert_string_equal(pp[0], "7");
	assert_string_equal(pp[1], "abc");
	assert_null(pp[2]);

	/* A parameter is never empty and never spans segments. */
	assert_int_equal(match(a, HTTP_GET, "/services/", pp, &other), -1);
	assert_int_equal(match(a, HTTP_GET, "/services//users/x", pp, &other), -1);
	assert_int_equal(match(a, HTTP_GET, "/services/7/users/", pp, &other), -1);
	assert_int_equal(match(a, HTTP_GET, "/services/7/8", pp, &other), -1);
	assert_int_equal(match(a, HTTP_GET, "/services/7/users/a/b", pp, &other), -1);
}

static void
test_router_wildcard(void **state)
{
	struct arena *a = *state;
	const char *pp[REQ_MAX_PATH_PARAMS];
	bool other;
	assert_int_equal(match(a, HTTP_GET, "/static/app.css", pp, &other), 7);
	assert_int_equal(match(a, HTTP_GET, "/static/a/b/c.js", pp, &other), 7);
	assert_int_equal(match(a, HTTP_GET, "/static/", pp, &other), 7);
	assert_int_equal(match(a, HTTP_GET, "/static", pp, &other), -1);
	assert_int_equal(match(a, HTTP_GET, "/staticx/a", pp, &other), -1);
	/* A '*' segment that is not the last one is a plain name. */
	assert_int_equal(match(a, HTTP_GET, "/x/*/y", pp, &other), 10);
	assert_int_equal(match(a, HTTP_GET, "/x/abc/y", pp, &other), -1);
}

static void
test_router_head_matches_get(void **state)
{
	struct arena *a = *state;
	const char *pp[REQ_MAX_PATH_PARAMS];
	bool other = true;
	assert_int_equal(match(a, HTTP_HEAD, "/", pp, &other), 0);
	assert_false(other);
	assert_int_equal(match(a, HTTP_HEAD, "/services/9", pp, &other), 4);
	assert_string_equal(pp[0], "9");
	assert_int_equal(match(a, HTTP_HEAD, "/static/x", pp, &other), 7);
	/* HEAD of a POST-only path is a 405. */
	assert_int_equal(match(a, HTTP_HEAD, "/logout", pp, &other), -1);
	assert_true(other);
}

static void
test_router_other_method(void **state)
{
	struct arena *a = *state;
	const char *pp[REQ_MAX_PATH_PARAMS];
	bool other = false;
	assert_int_equal(match(a, HTTP_POST, "/services/3", pp, &other), -1);
	assert_true(other);
	assert_int_equal(match(a, HTTP_GET, "/logout", pp, &other), -1);
	assert_true(other);
	assert_int_equal(match(a, HTTP_OTHER, "/login", pp, &other), -1);
	assert_true(other);
	assert_int_equal(match(a, HTTP_POST, "/static/a", pp, &other), -1);
	assert_true(other);
	/* Unknown paths are 404, not 405. */
	assert_int_equal(match(a, HTTP_POST, "/nowhere", pp, &other), -1);
	assert_false(other);
	/* A found row resets a flag left by an earlier call. */
	other = true;
	assert_int_equal(match(a, HTTP_GET, "/", pp, &other), 0);
	assert_false(other);
}

static void
test_router_trailing_slash(void **state)
{
	struct arena *a = *state;
	const char *pp[REQ_MAX_PATH_PARAMS];
	bool other = true;
	assert_int_equal(match(a, HTTP_GET, "/login/", pp, &other), -1);
	assert_false(other);
	assert_int_equal(match(a, HTTP_GET, "/services/4/", pp, &other), -1);
	assert_int_equal(match(a, HTTP_GET, "/services/", pp, &other), -1);
	assert_int_equal(match(a, HTTP_POST, "/logout/", pp, &other), -1);
	assert_false(other);
}

static void
test_router_max_params(void **state)
{
	struct arena *a = *state;
	const char *pp[REQ_MAX_PATH_PARAMS];
	bool other;
	/* REQ_MAX_PATH_PARAMS (4) parameters fill every slot. */
	assert_int_equal(REQ_MAX_PATH_PARAMS, 4);
	assert_int_equal(match(a, HTTP_GET, "/p/1/2/3/4", pp, &other), 8);
	assert_string_equal(pp[0], "1");
	assert_string_equal(pp[1], "2");
	assert_string_equal(pp[2], "3");
	assert_string_equal(pp[3], "4");
	/* A pattern with more never matches (and writes nothing beyond the array). */
	assert_int_equal(match(a, HTTP_GET, "/q/1/2/3/4/5", pp, &other), -1);
	assert_false(other);
}

static void
test_router_empty_table(void **state)
{
	struct arena *a = *state;
	const char *pp[REQ_MAX_PATH_PARAMS];
	bool other = true;
	assert_null(router_match(table, 0, HTTP_GET, "/", pp, a, &other));
	assert_false(other);
}

/* Groups are joined in their order, each keeping the order of its rows. */
static void
test_router_join_keeps_order(void **state)
{
	struct arena *a = *state;
	const struct route_group first = {table, 3}, empty = {table, 0}, rest = {table + 3, 8};
	const struct route_group *const groups[] = {&first, &empty, &rest};
	struct route_table t = router_join(groups, 3);
	assert_int_equal(t.n, table_n);
	for (size_t i = 0; i < table_n; i++) {
		assert_int_equal(t.rows[i].method, table[i].method);
		assert_string_equal(t.rows[i].pattern, table[i].pattern);
	}
	const char *pp[REQ_MAX_PATH_PARAMS];
	bool other;
	const struct route *r = router_match(t.rows, t.n, HTTP_POST, "/login", pp, a, &other);
	assert_ptr_equal(r, &t.rows[2]);
	free((void *)t.rows);
}

/* Where patterns of two groups overlap, the row of the earlier group wins. */
static void
test_router_join_earlier_group_wins(void **state)
{
	struct arena *a = *state;
	static const struct route fixed[] = {ROW(HTTP_GET, "/services/new", h_other)};
	const struct route_group g_fixed = {fixed, 1}, g_param = {table + 4, 1};
	const struct route_group *const groups[] = {&g_fixed, &g_param};
	struct route_table t = router_join(groups, 2);
	const char *pp[REQ_MAX_PATH_PARAMS];
	bool other;
	const struct route *r = router_match(t.rows, t.n, HTTP_GET, "/services/new", pp, a, &other);
	assert_non_null(r);
	assert_ptr_equal(r->fn, h_other);
	r = router_match(t.rows, t.n, HTTP_GET, "/services/7", pp, a, &other);
	assert_non_null(r);
	assert_string_equal(pp[0], "7");
	free((void *)t.rows);
}

/* The program's table: fixed segments before the patterns that would take them. */
static void
test_router_program_table_order(void **state)
{
	struct arena *a = *state;
	const struct route_table *t = routes_table();
	assert_ptr_equal(t, routes_table());
	static const char *const fixed[] = {"/console/cases/new",     "/console/catalog/new",
	                                    "/console/kb/new",        "/console/kb/bases",
	                                    "/console/customers/new", "/contacts/new",
	                                    "/requests/mine"};
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++) {
		const char *pp[REQ_MAX_PATH_PARAMS];
		bool other;
		const struct route *r =
		    router_match(t->rows, t->n, HTTP_GET, fixed[i], pp, a, &other);
		assert_non_null(r);
		assert_string_equal(r->pattern, fixed[i]);
	}
}

/* The kinds of user a request may have. */
enum kind { K_NOBODY, K_CUSTOMER, K_CUSTOMER_ADMIN, K_AGENT, K_PROVIDER_ADMIN, K__MAX };

static const struct user users[K__MAX] = {
    [K_CUSTOMER] = {.id = 1, .customer_id = 10, .login = "cu"},
    [K_CUSTOMER_ADMIN] = {.id = 2, .customer_id = 10, .login = "ca", .is_admin = true},
    [K_AGENT] = {.id = 3, .login = "ag", .is_staff = true},
    [K_PROVIDER_ADMIN] = {.id = 4, .login = "pa", .is_staff = true, .is_admin = true},
};

static const struct user *
user_of(enum kind k)
{
	return k == K_NOBODY ? NULL : &users[k];
}

static void
test_router_role_allows(void **state)
{
	(void)state;
	/* Rows: roles in enum order; columns: kinds in enum order. */
	static const bool want[][K__MAX] = {
	    [ROLE_PUBLIC] = {true, true, true, true, true},
	    [ROLE_USER] = {false, true, true, true, true},
	    [ROLE_CUSTOMER] = {false, true, true, false, false},
	    [ROLE_CUSTOMER_ADMIN] = {false, false, true, false, false},
	    [ROLE_STAFF] = {false, false, false, true, true},
	    [ROLE_PROVIDER_ADMIN] = {false, false, false, false, true},
	};
	for (int role = ROLE_PUBLIC; role <= ROLE_PROVIDER_ADMIN; role++)
		for (int k = 0; k < K__MAX; k++)
			if (role_allows((enum role)role, user_of((enum kind)k)) != want[role][k])
				fail_msg("role_allows(role %d, kind %d) != %d", role, k,
				         want[role][k]);
}

static void
test_router_role_allows_inconsistent_users(void **state)
{
	(void)state;
	/* A non-staff user without a customer is nobody's customer. */
	const struct user orphan = {.id = 5, .customer_id = 0, .is_admin = true};
	assert_false(role_allows(ROLE_CUSTOMER, &orphan));
	assert_false(role_allows(ROLE_CUSTOMER_ADMIN, &orphan));
	assert_false(role_allows(ROLE_STAFF, &orphan));
	assert_true(role_allows(ROLE_USER, &orphan));
	/* Staff with a customer id is still staff, never a customer. */
	const struct user odd = {.id = 6, .customer_id = 10, .is_staff = true, .is_admin = true};
	assert_false(role_allows(ROLE_CUSTOMER, &odd));
	assert_false(role_allows(ROLE_CUSTOMER_ADMIN, &odd));
	assert_true(role_allows(ROLE_PROVIDER_ADMIN, &odd));
	/* An unknown role allows nobody. */
	assert_false(role_allows((enum role)99, &users[K_PROVIDER_ADMIN]));
}

int
main(void)
{
#define UT(f) cmocka_unit_test_setup_teardown(f, setup_arena, teardown_arena)
	const struct CMUnitTest tests[] = {
	    UT(test_router_static_segments),
	    UT(test_router_params),
	    UT(test_router_wildcard),
	    UT(test_router_head_matches_get),
	    UT(test_router_other_method),
	    UT(test_router_trailing_slash),
	    UT(test_router_max_params),
	    UT(test_router_empty_table),
	    UT(test_router_join_keeps_order),
	    UT(test_router_join_earlier_group_wins),
	    UT(test_router_program_table_order),
	    cmocka_unit_test(test_router_role_allows),
	    cmocka_unit_test(test_router_role_allows_inconsistent_users),
	};
#undef UT
	return cmocka_run_group_tests(tests, NULL, NULL);
}
