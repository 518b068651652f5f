/*
 * Unit tests of password hashing (src/auth/password.c): Argon2id hashes that
 * verify their password and no other, hashes that never verify (NULL, empty,
 * malformed), and password_needs_rehash.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "auth/password.h"

static int
setup_sodium(void **state)
{
	(void)state;
	/* Real parameters in every build: the test hook would weaken them. */
	unsetenv("MADOGUCHI_TEST_FAST_HASH");
	return sodium_init() < 0 ? -1 : 0;
}

static void
test_password_hash_verify(void **state)
{
	(void)state;
	char hash[PASSWORD_HASH_MAX];
	memset(hash, 'X', sizeof(hash));
	assert_int_equal(password_hash("correct horse battery staple", hash), 0);
	assert_non_null(memchr(hash, '\0', sizeof(hash)));
	assert_int_equal(strncmp(hash, "$argon2id$", 10), 0);
	/* The password itself never appears in the hash. */
	assert_null(strstr(hash, "correct horse"));

	assert_true(password_verify(hash, "correct horse battery staple"));
	assert_false(password_verify(hash, "correct horse battery stapl"));
	assert_false(password_verify(hash, "correct horse battery staple "));
	assert_false(password_verify(hash, "Correct horse battery staple"));
	assert_false(password_verify(hash, ""));
	assert_false(password_verify(hash, NULL));
}

static void
test_password_hash_salted(void **state)
{
	(void)state;
	/* The same password twice: different salts, different strings, both verify. */
	char h1[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("パスワード", h1), 0);
	assert_int_equal(password_hash("パスワード", h2), 0);
	assert_string_not_equal(h1, h2);
	assert_true(password_verify(h1, "パスワード"));
	assert_true(password_verify(h2, "パスワード"));
	assert_false(password_verify(h1, "ぱすわーど"));
}

static void
test_password_empty_password(void **state)
{
	(void)state;
	char hash[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("", hash), 0);
	assert_true(password_verify(hash, ""));
	/* A NULL password is checked as "". */
	assert_true(password_verify(hash, NULL));
	assert_false(password_verify(hash, "x"));
}

static void
test_password_no_hash_never_verifies(void **state)
{
	(void)state;
	/* Each check costs a full Argon2id run (the dummy hash): keep them few. */
	static const char *const pws[] = {"", "password"};
	for (size_t i = 0; i < sizeof(pws) / sizeof(pws[0]); i++) {
		assert_false(password_verify(NULL, pws[i]));
		assert_false(password_verify("", pws[i]));
	}
	assert_false(password_verify(NULL, NULL));
	assert_false(password_verify("", NULL));
}

static void
test_password_malformed_hash(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "x",
	    "password",
	    "$argon2id$",
	    "$argon2id$v=19$m=65536,t=2,p=1$",
	    "$2y$10$abcdefghijklmnopqrstuuKzJQ8oZp6Q7n1Fz1V4c8e9l0jPz1Q2K",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		assert_false(password_verify(bad[i], ""));
		assert_false(password_verify(bad[i], bad[i]));
		assert_true(password_needs_rehash(bad[i]));
	}
}

static void
test_password_needs_rehash(void **state)
{
	(void)state;
	char hash[PASSWORD_HASH_MAX];
	assert_int_equal(password_hash("pw", hash), 0);
	assert_false(password_needs_rehash(hash));

	/* A hash made with weaker parameters than today's. */
	char weak[crypto_pwhash_STRBYTES];
	assert_int_equal(crypto_pwhash_str_alg(weak, "pw", 2, crypto_pwhash_OPSLIMIT_MIN, 64 * 1024,
	                                       crypto_pwhash_ALG_ARGON2ID13),
	                 0);
	assert_true(password_verify(weak, "pw"));
	assert_true(password_needs_rehash(weak));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_password_hash_verify),
	    cmocka_unit_test(test_password_hash_salted),
	    cmocka_unit_test(test_password_empty_password),
	    cmocka_unit_test(test_password_no_hash_never_verifies),
	    cmocka_unit_test(test_password_malformed_hash),
	    cmocka_unit_test(test_password_needs_rehash),
	};
	return cmocka_run_group_tests(tests, setup_sodium, NULL);
}
