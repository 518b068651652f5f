/*
 * Argon2id at libsodium's "interactive" limits (2 passes, 64 MiB): about
 * 50 ms here, the cost OWASP's cheat sheet accepts for sign-in. Test builds
 * may lower it with MADOGUCHI_TEST_FAST_HASH so that suites creating many
 * users stay quick; the release build has no such switch.
 */
#include "auth/password.h"

#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long
ops_limit(void)
{
#ifdef MADOGUCHI_TEST_HOOKS
	if (getenv("MADOGUCHI_TEST_FAST_HASH"))
		return crypto_pwhash_OPSLIMIT_MIN;
#endif
	return crypto_pwhash_OPSLIMIT_INTERACTIVE;
}

static size_t
mem_limit(void)
{
#ifdef MADOGUCHI_TEST_HOOKS
	if (getenv("MADOGUCHI_TEST_FAST_HASH"))
		return 64 * 1024;
#endif
	return crypto_pwhash_MEMLIMIT_INTERACTIVE;
}

int
password_hash(const char *password, char out[PASSWORD_HASH_MAX])
{
	_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "hash buffer too small");
	return crypto_pwhash_str_alg(out, password, strlen(password), ops_limit(), mem_limit(),
	                             crypto_pwhash_ALG_ARGON2ID13);
}

static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
make_dummy(void)
{
	unsigned char pw[16];
	char hex[33];
	randombytes_buf(pw, sizeof(pw));
	sodium_bin2hex(hex, sizeof(hex), pw, sizeof(pw));
	if (password_hash(hex, dummy_hash) != 0)
		dummy_hash[0] = '\0';
}

bool
password_verify(const char *hash, const char *password)
{
	if (!password)
		password = "";
	if (!hash || !*hash) {
		pthread_once(&dummy_once, make_dummy);
		if (dummy_hash[0]) {
			/* Same work as a real check; the dummy's password is never known. */
			int spent =
			    crypto_pwhash_str_verify(dummy_hash, password, strlen(password));
			(void)spent;
		}
		return false;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

bool
password_needs_rehash(const char *hash)
{
	return crypto_pwhash_str_needs_rehash(hash, ops_limit(), mem_limit()) != 0;
}
