/*
 * Unit tests of the API tokens (src/accounts/api_tokens.c) on a real SQLite
 * database: who may issue and revoke, the scopes a customer admin may hand
 * out, field rules that change nothing, the hash that is stored instead of
 * the secret, and the checks of a bearer secret (revoked, expired, issuer
 * disabled).
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

#include "accounts/api_tokens.h"
#include "core/arena.h"
#include "domain/domain.h"
#include "store/api_tokens.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/tokens.h"
#include "store/users.h"
#include "domain_fixture.h"

static char tmpdir[] = "/tmp/madoguchi-api-tokens-test-XXXXXX";
static char dbpath[256];
static struct db *db;
static int64_t aoba, kamome, provider_admin, agent, aoba_admin, aoba_user, kamome_admin;

static int64_t
user(const char *login, int64_t customer_id, bool admin)
{
	return users_insert(db, &(struct new_user){.login = login,
	                                           .name = login,
	                                           .email = login,
	                                           .customer_id = customer_id,
	                                           .is_admin = admin,
	                                           .lang = LANG_JA});
}

static int
group_setup(void **state)
{
	(void)state;
	if (fixture_db_open(tmpdir, dbpath, sizeof(dbpath), &db) != 0)
		return -1;
	aoba = customers_insert(db, "N200000001", "あおば");
	kamome = customers_insert(db, "N200000002", "かもめ");
	provider_admin = user("padmin@example.jp", 0, true);
	agent = user("agent@example.jp", 0, false);
	aoba_admin = user("admin@aoba.example.jp", aoba, true);
	aoba_user = user("user@aoba.example.jp", aoba, false);
	kamome_admin = user("admin@kamome.example.jp", kamome, true);
	return aoba > 0 && kamome > 0 && kamome_admin > 0 ? 0 : -1;
}

static int
group_teardown(void **state)
{
	(void)state;
	fixture_db_close(tmpdir);
	return 0;
}

static struct api_token_in
all_scopes(const char *name)
{
	struct api_token_in in = {.name = name, .customer_number = "", .expires_days = 90};
	for (int i = 0; i < API_SCOPE__MAX; i++)
		in.scopes[i] = true;
	return in;
}

static void
test_scopes(void **state)
{
	(void)state;
	assert_true(api_scopes_have("cases:read cases:write", API_SCOPE_CASES_WRITE));
	assert_false(api_scopes_have("cases:readx", API_SCOPE_CASES_READ));
	assert_false(api_scopes_have("", API_SCOPE_CASES_READ));
	assert_int_equal(api_scope_parse("customers:read"), API_SCOPE_CUSTOMERS_READ);
	assert_int_equal(api_scope_parse("admin"), -1);
}

static void
test_issue_and_authenticate(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	fixture_as(&d, a, NULL, db, provider_admin);
	struct api_token_in in = all_scopes("CSPM");
	in.customer_number = "N200000002";
	const char *secret = NULL;
	int64_t id = 0;
	assert_int_equal(api_token_issue(&d, &in, &secret, &id), DOM_OK);
	assert_non_null(secret);
	assert_int_equal(strncmp(secret, "mdg_", 4), 0);
	assert_int_equal(fixture_audited(dbpath, "api_token.created"), 1);

	/* Only the hash is kept. */
	char hash[65];
	token_hash(secret, hash);
	struct api_token_row row;
	assert_int_equal(api_token_by_hash(db, hash, a, &row), 1);
	assert_int_equal(row.customer_id, kamome);
	assert_string_equal(row.scopes, "cases:read cases:write attachments:write customers:read");
	assert_null(strstr(row.prefix, secret + 12));

	struct actor who;
	assert_int_equal(api_token_authenticate(db, a, secret, "127.0.0.1", &row, &who),
	                 API_AUTH_OK);
	assert_true(who.staff);
	assert_int_equal(who.user_id, provider_admin);
	assert_int_equal(api_token_by_hash(db, hash, a, &row), 1);
	assert_string_equal(row.last_used_ip, "127.0.0.1");
	assert_true(row.last_used_at > 0);
	assert_int_equal(api_token_authenticate(db, a, "mdg_nope", NULL, &row, &who),
	                 API_AUTH_NONE);
	assert_int_equal(api_token_authenticate(db, a, "nope", NULL, &row, &who), API_AUTH_NONE);

	/*
	 * Revoked: refused at once. Another company's admin cannot revoke it
	 * (the admins of the token's own customer see it and could).
	 */
	struct dom k;
	fixture_as(&k, a, NULL, db, aoba_admin);
	assert_int_equal(api_token_revoke_op(&k, id), DOM_NOT_FOUND);
	assert_int_equal(api_token_revoke_op(&d, id), DOM_OK);
	assert_int_equal(api_token_revoke_op(&d, id), DOM_NOT_FOUND);
	assert_int_equal(fixture_audited(dbpath, "api_token.revoked"), 1);
	assert_int_equal(api_token_authenticate(db, a, secret, NULL, &row, &who), API_AUTH_NONE);
	arena_free(a);
}

static void
test_customer_admin(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	fixture_as(&d, a, NULL, db, aoba_admin);
	struct api_token_in in = all_scopes("Aoba tool");
	in.customer_number =
	    "N200000002"; /* ignored: a customer admin issues for its own company */
	const char *secret = NULL;
	int64_t id = 0;
	assert_int_equal(api_token_issue(&d, &in, &secret, &id), DOM_OK);
	char hash[65];
	token_hash(secret, hash);
	struct api_token_row row;
	assert_int_equal(api_token_by_hash(db, hash, a, &row), 1);
	assert_int_equal(row.customer_id, aoba);
	assert_string_equal(row.scopes, "cases:read cases:write");

	struct api_token_row *v;
	int n;
	assert_int_equal(api_token_list_op(&d, &v, &n), DOM_OK);
	for (int i = 0; i < n; i++)
		assert_int_equal(v[i].customer_id, aoba);

	/* Users who are not admins issue nothing. */
	struct dom u;
	fixture_as(&u, a, NULL, db, aoba_user);
	assert_int_equal(api_token_issue(&u, &in, &secret, NULL), DOM_FORBIDDEN);
	fixture_as(&u, a, NULL, db, agent);
	assert_int_equal(api_token_issue(&u, &in, &secret, NULL), DOM_FORBIDDEN);
	arena_free(a);
}

static void
test_rules_change_nothing(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct dom d;
	fixture_as(&d, a, NULL, db, provider_admin);
	struct api_token_row *v;
	int before, after;
	assert_int_equal(api_token_list_op(&d, &v, &before), DOM_OK);

	struct api_token_in in = {.name = "  ", .customer_number = "N999", .expires_days = -1};
	const char *secret = NULL;
	assert_int_equal(api_token_issue(&d, &in, &secret, NULL), DOM_INVALID);
	assert_non_null(dom_error(&d, "name"));
	assert_non_null(dom_error(&d, "scopes"));
	assert_non_null(dom_error(&d, "customer"));
	assert_non_null(dom_error(&d, "expires"));
	assert_null(secret);

	fixture_as(&d, a, NULL, db, provider_admin);
	in = all_scopes("bad\x01name");
	assert_int_equal(api_token_issue(&d, &in, &secret, NULL), DOM_INVALID);
	assert_non_null(dom_error(&d, "name"));
	assert_int_equal(api_token_list_op(&d, &v, &after), DOM_OK);
	assert_int_equal(after, before);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_scopes),
	    cmocka_unit_test(test_issue_and_authenticate),
	    cmocka_unit_test(test_customer_admin),
	    cmocka_unit_test(test_rules_change_nothing),
	};
	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
