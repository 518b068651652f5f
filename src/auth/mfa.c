/* TOTP, sealing and e-mail codes; see mfa.h. */
#include "auth/mfa.h"
#include "core/arena.h"
#include "core/text.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SEALED_BYTES (crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + TOTP_SECRET_BYTES)

static pthread_once_t oath_once = PTHREAD_ONCE_INIT;

static void
oath_start(void)
{
	oath_init();
}

unsigned char *
mfa_new_secret(struct arena *a)
{
	unsigned char *s = arena_alloc(a, TOTP_SECRET_BYTES);
	randombytes_buf(s, TOTP_SECRET_BYTES);
	return s;
}

char *
mfa_seal(const unsigned char *seal_key, const unsigned char *secret, struct arena *a)
{
	unsigned char box[SEALED_BYTES];
	randombytes_buf(box, crypto_secretbox_NONCEBYTES);
	crypto_secretbox_easy(box + crypto_secretbox_NONCEBYTES, secret, TOTP_SECRET_BYTES, box,
	                      seal_key);
	size_t n = sodium_base64_ENCODED_LEN(sizeof(box), sodium_base64_VARIANT_ORIGINAL);
	char *out = arena_alloc(a, n);
	sodium_bin2base64(out, n, box, sizeof(box), sodium_base64_VARIANT_ORIGINAL);
	return out;
}

unsigned char *
mfa_unseal(const unsigned char *seal_key, const char *sealed, struct arena *a)
{
	unsigned char box[SEALED_BYTES];
	size_t len = 0;
	if (!sealed ||
	    sodium_base642bin(box, sizeof(box), sealed, strlen(sealed), NULL, &len, NULL,
	                      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    len != sizeof(box))
		return NULL;
	unsigned char *secret = arena_alloc(a, TOTP_SECRET_BYTES);
	if (crypto_secretbox_open_easy(secret, box + crypto_secretbox_NONCEBYTES,
	                               sizeof(box) - crypto_secretbox_NONCEBYTES, box,
	                               seal_key) != 0)
		return NULL;
	return secret;
}

char *
mfa_base32(const unsigned char *secret, struct arena *a)
{
	pthread_once(&oath_once, oath_start);
	char *out = NULL;
	size_t len = 0;
	if (oath_base32_encode((const char *)secret, TOTP_SECRET_BYTES, &out, &len) != OATH_OK)
		return NULL;
	char *copy = arena_strndup(a, out, len);
	sodium_memzero(out, len);
	free(out);
	/* Authenticator apps accept it without the '=' padding. */
	char *eq = strchr(copy, '=');
	if (eq)
		*eq = '\0';
	return copy;
}

char *
mfa_otpauth_uri(const char *issuer, const char *login, const unsigned char *secret, struct arena *a)
{
	char *b32 = mfa_base32(secret, a);
	if (!b32)
		return NULL;
	struct buf b = {0};
	buf_puts(&b, "otpauth://totp/");
	text_pct_encode(&b, issuer);
	buf_putc(&b, ':');
	text_pct_encode(&b, login);
	buf_puts(&b, "?secret=");
	buf_puts(&b, b32);
	buf_puts(&b, "&issuer=");
	text_pct_encode(&b, issuer);
	buf_puts(&b, "&algorithm=SHA1&digits=6&period=30");
	char *out = arena_strdup(a, b.p);
	buf_free(&b);
	return out;
}

int64_t
mfa_totp_check(const unsigned char *secret, const char *code, int64_t now)
{
	pthread_once(&oath_once, oath_start);
	char digits[7];
	if (!mfa_normalize_code(code, digits))
		return -1;
	int pos = 0;
	uint64_t counter = 0;
	int rc = oath_totp_validate3((const char *)secret, TOTP_SECRET_BYTES, (time_t)now,
	                             TOTP_STEP, 0, TOTP_WINDOW, &pos, &counter, digits);
	return rc >= 0 ? (int64_t)counter : -1;
}

int
mfa_totp_code(const unsigned char *secret, int64_t now, char out[7])
{
	pthread_once(&oath_once, oath_start);
	return oath_totp_generate((const char *)secret, TOTP_SECRET_BYTES, (time_t)now, TOTP_STEP,
	                          0, 6, out) == OATH_OK
	           ? 0
	           : -1;
}

void
mfa_email_code(char out[7])
{
	snprintf(out, 7, "%06u", randombytes_uniform(1000000));
}

bool
mfa_normalize_code(const char *in, char out[7])
{
	int n = 0;
	for (; in && *in; in++) {
		if (*in >= '0' && *in <= '9') {
			if (n == 6)
				return false;
			out[n++] = *in;
		} else if (*in != '-' && *in != ' ') {
			return false;
		}
	}
	out[n] = '\0';
	return n == 6;
}
