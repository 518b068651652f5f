/*
 * Unit tests of the schema and the store (src/store/): migrate_run and
 * migrate_version on a fresh temporary database, the tables they create,
 * the constraints the schema enforces (foreign keys, the staff/customer
 * CHECK of users, unique user IDs), settings, and the tenant scoping of
 * contract_of_customer, and the batch (one transaction around operations
 * that open their own). Each test gets a database file of its own.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "core/arena.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/settings.h"
#include "store/users.h"

static char tmpdir[64];
static char dbpath[128]; /* db_configure keeps the pointer: static storage */
static int dbseq;

static int
group_setup(void **state)
{
	(void)state;
	unsetenv("MADOGUCHI_TEST_CLOCK_FILE");
	strcpy(tmpdir, "/tmp/madoguchi-test-migrate-XXXXXX");
	return mkdtemp(tmpdir) ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	return rmdir(tmpdir);
}

/* A new, empty database file for the test; *state is its connection. */
static int
setup_db(void **state)
{
	snprintf(dbpath, sizeof(dbpath), "%s/t%d.db", tmpdir, ++dbseq);
	db_configure(dbpath);
	struct db *db = db_thread();
	*state = db;
	return db ? 0 : -1;
}

static int
teardown_db(void **state)
{
	(void)state;
	db_thread_close();
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof(suffix) / sizeof(suffix[0]); i++) {
		char p[160];
		snprintf(p, sizeof(p), "%s%s", dbpath, suffix[i]);
		unlink(p);
	}
	return 0;
}

/* The test's database, migrated. */
static struct db *
migrated(void **state)
{
	struct db *db = *state;
	assert_true(migrate_run(db) >= 0);
	assert_int_equal(migrate_version(db), migrate_latest());
	return db;
}

/* A second connection to the same file, bypassing the store. */
static sqlite3 *
direct_open(void)
{
	sqlite3 *h = NULL;
	assert_int_equal(sqlite3_open_v2(dbpath, &h, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	sqlite3_busy_timeout(h, 5000);
	assert_int_equal(sqlite3_exec(h, "PRAGMA foreign_keys=ON", NULL, NULL, NULL), SQLITE_OK);
	return h;
}

/* The integer result of a one-row, one-column query. */
static int64_t
direct_int(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void
test_migrate_run_applies_all(void **state)
{
	struct db *db = *state;
	int latest = migrate_latest();
	assert_true(latest >= 1);
	assert_int_equal(migrate_version(db), 0);

	int applied = migrate_run(db);
	assert_true(applied >= 1);
	assert_true(applied <= latest);
	assert_int_equal(migrate_version(db), latest);

	/* Nothing left to apply, on this connection or a new one. */
	assert_int_equal(migrate_run(db), 0);
	assert_int_equal(migrate_version(db), latest);
	db_thread_close();
	db = db_thread();
	assert_non_null(db);
	*state = db;
	assert_int_equal(migrate_version(db), latest);
	assert_int_equal(migrate_run(db), 0);

	/* One bookkeeping row per migration. */
	sqlite3 *h = direct_open();
	assert_int_equal(direct_int(h, "SELECT COUNT(*) FROM schema_migrations"), applied);
	sqlite3_close(h);
}

static void
test_migrate_tables_exist(void **state)
{
	migrated(state);
	sqlite3 *h = direct_open();
	static const char *const tables[] = {
	    "customers", "users",     "sessions", "audit_events",
	    "settings",  "contracts", "services", "schema_migrations"};
	for (size_t i = 0; i < sizeof(tables) / sizeof(tables[0]); i++) {
		char sql[160];
		snprintf(sql, sizeof(sql),
		         "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '%s'",
		         tables[i]);
		if (direct_int(h, sql) != 1)
			fail_msg("table %s is missing", tables[i]);
	}
	sqlite3_close(h);
}

static void
test_migrate_connection_pragmas(void **state)
{
	struct db *db = migrated(state);
	(void)db;
	/* The store's connection enforces foreign keys: checked through the store below;
	 * WAL is a property of the file and visible from any connection. */
	sqlite3 *h = direct_open();
	sqlite3_stmt *st = NULL;
	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA journal_mode", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_string_equal((const char *)sqlite3_column_text(st, 0), "wal");
	sqlite3_finalize(st);
	sqlite3_close(h);
}

/* A customer, a service and their contract; returns the contract id. */
static int64_t
add_contract(struct db *db, const char *number, const char *code, int64_t *customer_id)
{
	int64_t cid = customers_insert(db, number, "株式会社テスト");
	assert_true(cid > 0);
	int64_t sid = services_id_by_code(db, code);
	if (sid == 0) {
		const struct new_service s = {.code = code,
		                              .name_ja = "サービス",
		                              .name_en = "Service",
		                              .portal_url = "https://svc.example/"};
		sid = services_insert(db, &s);
	}
	assert_true(sid > 0);
	const struct new_contract c = {.customer_id = cid,
	                               .service_id = sid,
	                               .kind = "standard",
	                               .plan = "Plan A",
	                               .start_date = "2026-01-01"};
	int64_t id = contracts_insert(db, &c);
	assert_true(id > 0);
	if (customer_id)
		*customer_id = cid;
	return id;
}

static void
test_migrate_foreign_keys(void **state)
{
	struct db *db = migrated(state);
	const struct new_service s = {
	    .code = "cspm", .name_ja = "クラウド", .name_en = "Cloud", .has_points = true};
	int64_t sid = services_insert(db, &s);
	assert_true(sid > 0);

	/* A contract of an unknown customer is refused, and nothing is written. */
	const struct new_contract bad = {.customer_id = 9999,
	                                 .service_id = sid,
	                                 .kind = "standard",
	                                 .plan = "Plan A",
	                                 .start_date = "2026-01-01"};
	assert_true(contracts_insert(db, &bad) <= 0);
	/* Likewise for an unknown service. */
	int64_t cid = customers_insert(db, "N200000001", "顧客");
	assert_true(cid > 0);
	const struct new_contract bad2 = {.customer_id = cid,
	                                  .service_id = 9999,
	                                  .kind = "standard",
	                                  .plan = "Plan A",
	                                  .start_date = "2026-01-01"};
	assert_true(contracts_insert(db, &bad2) <= 0);

	sqlite3 *h = direct_open();
	assert_int_equal(direct_int(h, "SELECT COUNT(*) FROM contracts"), 0);
	sqlite3_close(h);

	/* The same contract with both ends present is fine. */
	const struct new_contract good = {.customer_id = cid,
	                                  .service_id = sid,
	                                  .kind = "standard",
	                                  .plan = "Plan A",
	                                  .start_date = "2026-01-01",
	                                  .renewal_date = "2027-01-01"};
	assert_true(contracts_insert(db, &good) > 0);
	/* One contract per customer and service. */
	assert_true(contracts_insert(db, &good) <= 0);

	/* A user of an unknown customer is refused too. */
	const struct new_user nu = {.login = "ghost",
	                            .name = "Ghost",
	                            .email = "ghost@example.com",
	                            .customer_id = 9999,
	                            .lang = LANG_JA};
	assert_true(users_insert(db, &nu) <= 0);
}

static void
test_migrate_users_check(void **state)
{
	struct db *db = migrated(state);
	int64_t cid = customers_insert(db, "N200000002", "顧客");
	assert_true(cid > 0);

	/* Through the store: staff never has a customer, a customer user always has one. */
	const struct new_user staff = {
	    .login = "agent1", .name = "Agent", .email = "agent@example.com", .lang = LANG_EN};
	int64_t sid = users_insert(db, &staff);
	assert_true(sid > 0);
	const struct new_user cust = {.login = "user1",
	                              .name = "User",
	                              .email = "user@example.com",
	                              .customer_id = cid,
	                              .is_admin = true,
	                              .lang = LANG_JA};
	int64_t uid = users_insert(db, &cust);
	assert_true(uid > 0);

	sqlite3 *h = direct_open();
	char sql[256];
	snprintf(sql, sizeof(sql),
	         "SELECT is_staff = 1 AND customer_id IS NULL FROM users WHERE id = %lld",
	         (long long)sid);
	assert_int_equal(direct_int(h, sql), 1);
	snprintf(sql, sizeof(sql),
	         "SELECT is_staff = 0 AND customer_id = %lld AND is_admin = 1 FROM users "
	         "WHERE id = %lld",
	         (long long)cid, (long long)uid);
	assert_int_equal(direct_int(h, sql), 1);

	/* Directly: a staff user with a customer, or a customer user without one. */
	snprintf(sql, sizeof(sql),
	         "INSERT INTO users (login, customer_id, is_staff, name, email, created_at, "
	         "updated_at) VALUES ('bad1', %lld, 1, 'n', 'e', 0, 0)",
	         (long long)cid);
	int rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	assert_int_equal(rc & 0xff, SQLITE_CONSTRAINT);
	rc = sqlite3_exec(h,
	                  "INSERT INTO users (login, customer_id, is_staff, name, email, "
	                  "created_at, updated_at) VALUES ('bad2', NULL, 0, 'n', 'e', 0, 0)",
	                  NULL, NULL, NULL);
	assert_int_equal(rc & 0xff, SQLITE_CONSTRAINT);
	/* An empty user ID. */
	rc = sqlite3_exec(h,
	                  "INSERT INTO users (login, customer_id, is_staff, name, email, "
	                  "created_at, updated_at) VALUES ('', NULL, 1, 'n', 'e', 0, 0)",
	                  NULL, NULL, NULL);
	assert_int_equal(rc & 0xff, SQLITE_CONSTRAINT);
	assert_int_equal(direct_int(h, "SELECT COUNT(*) FROM users"), 2);
	sqlite3_close(h);
}

static void
test_migrate_users_unique_login(void **state)
{
	struct db *db = migrated(state);
	const struct new_user a = {.login = "alice",
	                           .name = "Alice",
	                           .email = "alice@example.com",
	                           .is_admin = true,
	                           .lang = LANG_JA};
	int64_t id = users_insert(db, &a);
	assert_true(id > 0);
	/* The same user ID again, even for another kind of user: taken. */
	assert_int_equal(users_insert(db, &a), 0);
	int64_t cid = customers_insert(db, "N200000003", "顧客");
	assert_true(cid > 0);
	const struct new_user b = {.login = "alice",
	                           .name = "Alice B",
	                           .email = "b@example.com",
	                           .customer_id = cid,
	                           .lang = LANG_EN};
	assert_int_equal(users_insert(db, &b), 0);

	struct arena *ar = arena_new();
	struct user_auth ua;
	assert_int_equal(users_auth_by_login(db, "alice", ar, &ua), 1);
	assert_int_equal(ua.id, id);
	assert_int_equal(ua.customer_id, 0);
	assert_string_equal(ua.password_hash, "");
	assert_false(ua.disabled);
	assert_int_equal(users_auth_by_login(db, "bob", ar, &ua), 0);
	arena_free(ar);
}

static void
test_migrate_customers_unique_number(void **state)
{
	struct db *db = migrated(state);
	int64_t id = customers_insert(db, "N200000004", "顧客");
	assert_true(id > 0);
	assert_int_equal(customers_insert(db, "N200000004", "別の顧客"), 0);
	assert_int_equal(customers_id_by_number(db, "N200000004"), id);
	assert_int_equal(customers_id_by_number(db, "N999999999"), 0);
	assert_int_equal(customers_count(db), 1);
}

static void
test_migrate_settings_round_trip(void **state)
{
	struct db *db = migrated(state);
	struct arena *a = arena_new();
	assert_null(settings_get(db, "provider.name", a));
	assert_int_equal(settings_put(db, "provider.name", "株式会社窓口"), 0);
	assert_string_equal(settings_get(db, "provider.name", a), "株式会社窓口");
	/* Overwriting keeps one row with the new value. */
	assert_int_equal(settings_put(db, "provider.name", "Madoguchi Inc."), 0);
	assert_string_equal(settings_get(db, "provider.name", a), "Madoguchi Inc.");
	assert_int_equal(settings_put(db, "empty", ""), 0);
	assert_string_equal(settings_get(db, "empty", a), "");
	/* Values are bound, never spliced into SQL. */
	assert_int_equal(settings_put(db, "q'uote", "it's; DROP TABLE settings;--"), 0);
	assert_string_equal(settings_get(db, "q'uote", a), "it's; DROP TABLE settings;--");
	assert_null(settings_get(db, "missing", a));
	arena_free(a);

	sqlite3 *h = direct_open();
	assert_int_equal(direct_int(h, "SELECT COUNT(*) FROM settings WHERE key = 'provider.name'"),
	                 1);
	sqlite3_close(h);
}

static void
test_migrate_contract_tenant_scoping(void **state)
{
	struct db *db = migrated(state);
	int64_t cust_a, cust_b;
	int64_t ka = add_contract(db, "N200000010", "cspm", &cust_a);
	int64_t kb = add_contract(db, "N200000011", "cspm", &cust_b);
	assert_true(cust_a != cust_b);

	struct arena *ar = arena_new();
	struct contract c;
	memset(&c, 0, sizeof(c));
	/* Another customer's contract is not found, whatever its id. */
	assert_int_equal(contract_of_customer(db, ka, cust_b, ar, &c), 0);
	assert_int_equal(contract_of_customer(db, kb, cust_a, ar, &c), 0);
	assert_int_equal(contract_of_customer(db, ka, 0, ar, &c), 0);
	assert_int_equal(contract_of_customer(db, 424242, cust_a, ar, &c), 0);

	assert_int_equal(contract_of_customer(db, ka, cust_a, ar, &c), 1);
	assert_int_equal(c.id, ka);
	assert_string_equal(c.service_ja, "サービス");
	assert_string_equal(c.service_en, "Service");
	assert_string_equal(c.plan, "Plan A");
	assert_string_equal(c.start_date, "2026-01-01");
	assert_string_equal(c.renewal_date, "");

	struct contract *list = NULL;
	assert_int_equal(contracts_of_customer(db, cust_a, ar, &list), 1);
	assert_int_equal(list[0].id, ka);
	assert_int_equal(contracts_of_customer(db, cust_b, ar, &list), 1);
	assert_int_equal(list[0].id, kb);
	assert_int_equal(contracts_of_customer(db, 9999, ar, &list), 0);
	arena_free(ar);
}

/* One operation inside a batch: a setting written, then kept or undone. */
static void
batch_op(struct db *db, const char *key, bool keep)
{
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(settings_put(db, key, "v"), 0);
	assert_int_equal(keep ? db_commit(db) : db_rollback(db), 0);
}

static void
test_db_batch_commit_keeps_the_committed_operations(void **state)
{
	struct db *db = migrated(state);
	struct arena *a = arena_new();
	assert_int_equal(db_batch_begin(db), 0);
	assert_int_not_equal(db_batch_begin(db), 0); /* one batch at a time */
	batch_op(db, "kept", true);
	batch_op(db, "refused", false);
	/* An operation inside another: its savepoint nests. */
	assert_int_equal(db_begin(db), 0);
	batch_op(db, "inner", true);
	assert_int_equal(db_commit(db), 0);
	assert_string_equal(settings_get(db, "kept", a), "v");
	assert_null(settings_get(db, "refused", a));
	assert_int_equal(db_batch_commit(db), 0);
	assert_string_equal(settings_get(db, "kept", a), "v");
	assert_string_equal(settings_get(db, "inner", a), "v");
	assert_null(settings_get(db, "refused", a));
	arena_free(a);
}

static void
test_db_batch_rollback_keeps_nothing(void **state)
{
	struct db *db = migrated(state);
	struct arena *a = arena_new();
	assert_int_equal(db_batch_begin(db), 0);
	batch_op(db, "first", true);
	batch_op(db, "second", true);
	assert_int_equal(db_batch_rollback(db), 0);
	assert_null(settings_get(db, "first", a));
	assert_null(settings_get(db, "second", a));
	/* The connection is back to ordinary transactions. */
	batch_op(db, "after", true);
	assert_string_equal(settings_get(db, "after", a), "v");
	arena_free(a);
}

/* A batch cannot end inside one of its operations: it is undone whole. */
static void
test_db_batch_commit_with_an_open_operation_fails(void **state)
{
	struct db *db = migrated(state);
	struct arena *a = arena_new();
	assert_int_equal(db_batch_begin(db), 0);
	batch_op(db, "done", true);
	assert_int_equal(db_begin(db), 0);
	assert_int_equal(settings_put(db, "open", "v"), 0);
	assert_int_not_equal(db_batch_commit(db), 0);
	assert_null(settings_get(db, "done", a));
	assert_null(settings_get(db, "open", a));
	/* Outside a batch a transaction still cannot start inside another. */
	assert_int_equal(db_begin(db), 0);
	assert_int_not_equal(db_begin(db), 0);
	assert_int_equal(db_rollback(db), 0);
	/* A commit without an operation is refused inside a batch. */
	assert_int_equal(db_batch_begin(db), 0);
	assert_int_not_equal(db_commit(db), 0);
	assert_int_equal(db_batch_rollback(db), 0);
	arena_free(a);
}

int
main(void)
{
#define UT(f) cmocka_unit_test_setup_teardown(f, setup_db, teardown_db)
	const struct CMUnitTest tests[] = {
	    UT(test_migrate_run_applies_all),
	    UT(test_migrate_tables_exist),
	    UT(test_migrate_connection_pragmas),
	    UT(test_migrate_foreign_keys),
	    UT(test_migrate_users_check),
	    UT(test_migrate_users_unique_login),
	    UT(test_migrate_customers_unique_number),
	    UT(test_migrate_settings_round_trip),
	    UT(test_migrate_contract_tenant_scoping),
	    UT(test_db_batch_commit_keeps_the_committed_operations),
	    UT(test_db_batch_rollback_keeps_nothing),
	    UT(test_db_batch_commit_with_an_open_operation_fails),
	};
#undef UT
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
