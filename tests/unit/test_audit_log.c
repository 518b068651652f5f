/*
 * Unit tests of the audit log's scope (src/accounts/audit_log.c) and its
 * query (src/store/audit_log.c) on a real SQLite database: a provider admin
 * reads everything and filters by customer, user and kind; a customer admin
 * reads only their company's events and never the provider's internal
 * kinds, whatever filter is asked for; everyone else is refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "accounts/audit_log.h"
#include "app.h"
#include "core/arena.h"
#include "domain/domain.h"
#include "store/audit.h"
#include "store/audit_log.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-audit-log-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static struct app app;
static int64_t aoba, kamome, aoba_admin, aoba_user, kamome_admin, staff_admin, agent;

static int64_t
user(const char *login, int64_t customer, bool admin)
{
	return users_insert(db, &(struct new_user){.login = login,
	                                           .name = login,
	                                           .email = login,
	                                           .customer_id = customer,
	                                           .is_admin = admin,
	                                           .lang = LANG_JA});
}

static void
event(const char *kind, int64_t actor, int64_t customer)
{
	assert_int_equal(audit_add(db, &(struct audit_event){.event = kind,
	                                                     .actor_id = actor,
	                                                     .customer_id = customer,
	                                                     .login = "x",
	                                                     .detail = "d"}),
	                 0);
}

static int
group_setup(void **state)
{
	(void)state;
	if (fixture_db_open(tmpdir, dbpath, sizeof(dbpath), &db) != 0)
		return -1;
	aoba = customers_insert(db, "N200000001", "あおば");
	kamome = customers_insert(db, "N200000002", "かもめ");
	aoba_admin = user("admin@aoba.example", aoba, true);
	aoba_user = user("user@aoba.example", aoba, false);
	kamome_admin = user("admin@kamome.example", kamome, true);
	staff_admin = user("admin@provider.example", 0, true);
	agent = user("agent@provider.example", 0, false);
	event("auth.login", aoba_user, aoba);
	event("case.created", aoba_user, aoba);
	event("case.note_added", agent, aoba);
	event("case.assigned", agent, aoba);
	event("work_request.submitted", aoba_user, aoba);
	event("auth.login", kamome_admin, kamome);
	event("catalog.item_created", staff_admin, 0);
	return 0;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

/* The kinds the actor reads for in, one string "a,b,…" in list order. */
static const char *
read_as(struct arena *a, int64_t who, struct audit_log_in in, int *status)
{
	struct dom d;
	fixture_as(&d, a, &app, db, who);
	if (!in.to)
		in.to = INT64_MAX;
	struct audit_filter f;
	*status = audit_log_scope(&d, &in, &f);
	if (*status != DOM_OK)
		return NULL;
	struct audit_row *rows;
	int n = audit_log_page(db, &f, 100, 0, a, &rows);
	assert_true(n >= 0);
	assert_int_equal(audit_log_count(db, &f), n);
	size_t len = 1;
	for (int i = 0; i < n; i++)
		len += strlen(rows[i].event) + 1;
	char *s = arena_alloc(a, len);
	s[0] = '\0';
	for (int i = n - 1; i >= 0; i--) { /* oldest first reads like the setup */
		strcat(s, rows[i].event);
		if (i)
			strcat(s, ",");
	}
	return s;
}

static void
test_provider_admin_reads_all_and_filters(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int st;
	assert_string_equal(read_as(a, staff_admin, (struct audit_log_in){0}, &st),
	                    "auth.login,case.created,case.note_added,case.assigned,"
	                    "work_request.submitted,auth.login,catalog.item_created");
	assert_string_equal(
	    read_as(a, staff_admin, (struct audit_log_in){.customer_number = "N200000002"}, &st),
	    "auth.login");
	assert_string_equal(read_as(a, staff_admin, (struct audit_log_in){.kind = "case."}, &st),
	                    "case.created,case.note_added,case.assigned");
	assert_string_equal(read_as(a, staff_admin,
	                            (struct audit_log_in){.actor_login = "agent@provider.example"},
	                            &st),
	                    "case.note_added,case.assigned");
	assert_null(read_as(a, staff_admin, (struct audit_log_in){.customer_number = "N9"}, &st));
	assert_int_equal(st, DOM_INVALID);
	assert_null(read_as(a, staff_admin, (struct audit_log_in){.kind = "case.%"}, &st));
	assert_int_equal(st, DOM_INVALID);
	assert_null(read_as(a, staff_admin, (struct audit_log_in){.actor_login = "nobody"}, &st));
	assert_int_equal(st, DOM_INVALID);
	arena_free(a);
}

static void
test_customer_admin_reads_their_company_only(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int st;
	assert_string_equal(read_as(a, aoba_admin, (struct audit_log_in){0}, &st),
	                    "auth.login,case.created,work_request.submitted");
	/* A customer filter is the provider's: ignored, never another company. */
	assert_string_equal(
	    read_as(a, aoba_admin, (struct audit_log_in){.customer_number = "N200000002"}, &st),
	    "auth.login,case.created,work_request.submitted");
	assert_string_equal(read_as(a, aoba_admin, (struct audit_log_in){.kind = "case."}, &st),
	                    "case.created");
	assert_string_equal(
	    read_as(a, aoba_admin, (struct audit_log_in){.kind = "case.note_added"}, &st), "");
	assert_string_equal(read_as(a, aoba_admin, (struct audit_log_in){.kind = "catalog."}, &st),
	                    "");
	assert_null(read_as(a, aoba_admin,
	                    (struct audit_log_in){.actor_login = "admin@kamome.example"}, &st));
	assert_int_equal(st, DOM_INVALID);
	assert_string_equal(
	    read_as(a, aoba_admin, (struct audit_log_in){.actor_login = "user@aoba.example"}, &st),
	    "auth.login,case.created,work_request.submitted");
	arena_free(a);
}

static void
test_others_are_refused(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int st;
	assert_null(read_as(a, aoba_user, (struct audit_log_in){0}, &st));
	assert_int_equal(st, DOM_FORBIDDEN);
	assert_null(read_as(a, agent, (struct audit_log_in){0}, &st));
	assert_int_equal(st, DOM_FORBIDDEN);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_provider_admin_reads_all_and_filters),
	    cmocka_unit_test(test_customer_admin_reads_their_company_only),
	    cmocka_unit_test(test_others_are_refused),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
