/* Signatures and sealed secrets of the webhooks; see signature.h. */
#include "webhooks/signature.h"
#include "core/arena.h"

#include <inttypes.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define SECRET_PREFIX "whsec_"
#define RANDOM_BYTES  32

void
webhook_sign(const char *secret, int64_t t, const char *body, size_t len,
             char out[WEBHOOK_SIGNATURE_MAX])
{
	char stamp[24];
	int sl = snprintf(stamp, sizeof(stamp), "%" PRId64, t);
	crypto_auth_hmacsha256_state st;
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_init(&st, (const unsigned char *)secret, strlen(secret));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)stamp, (unsigned long long)sl);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)".", 1);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)body, len);
	crypto_auth_hmacsha256_final(&st, mac);
	char hex[2 * sizeof(mac) + 1];
	sodium_bin2hex(hex, sizeof(hex), mac, sizeof(mac));
	snprintf(out, WEBHOOK_SIGNATURE_MAX, "t=%s,v1=%s", stamp, hex);
	sodium_memzero(&st, sizeof(st));
}

char *
webhook_secret_new(struct arena *a)
{
	unsigned char rnd[RANDOM_BYTES];
	randombytes_buf(rnd, sizeof(rnd));
	size_t n =
	    sodium_base64_ENCODED_LEN(RANDOM_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *s = arena_alloc(a, sizeof(SECRET_PREFIX) - 1 + n);
	memcpy(s, SECRET_PREFIX, sizeof(SECRET_PREFIX) - 1);
	sodium_bin2base64(s + sizeof(SECRET_PREFIX) - 1, n, rnd, sizeof(rnd),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(rnd, sizeof(rnd));
	return s;
}

char *
webhook_secret_seal(const unsigned char *seal_key, const char *secret, struct arena *a)
{
	size_t len = strlen(secret);
	size_t boxlen = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + len;
	unsigned char *box = arena_alloc(a, boxlen);
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	if (crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, (const unsigned char *)secret,
	                          len, box, seal_key) != 0)
		return NULL;
	size_t n = sodium_base64_ENCODED_LEN(boxlen, sodium_base64_VARIANT_ORIGINAL);
	char *out = arena_alloc(a, n);
	sodium_bin2base64(out, n, box, boxlen, sodium_base64_VARIANT_ORIGINAL);
	return out;
}

char *
webhook_secret_unseal(const unsigned char *seal_key, const char *sealed, struct arena *a)
{
	size_t slen = sealed ? strlen(sealed) : 0;
	size_t cap = slen / 4 * 3 + 3;
	unsigned char *box = arena_alloc(a, cap);
	size_t len = 0;
	if (!slen ||
	    sodium_base642bin(box, cap, sealed, slen, NULL, &len, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    len < crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES)
		return NULL;
	size_t n = len - crypto_secretbox_NONCEBYTES - crypto_secretbox_MACBYTES;
	char *secret = arena_alloc(a, n + 1);
	if (crypto_secretbox_open_easy((unsigned char *)secret, box + crypto_secretbox_NONCEBYTES,
	                               len - crypto_secretbox_NONCEBYTES, box, seal_key) != 0)
		return NULL;
	secret[n] = '\0';
	return secret;
}
