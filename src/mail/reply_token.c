/* Signed reply addresses; see reply_token.h. */
#include "mail/reply_token.h"
#include "app.h"
#include "core/arena.h"

#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#define MAC_BYTES 10 /* 80 bits: 16 base32 characters */
#define MAC_CHARS 16

/* RFC 4648's alphabet in lower case. */
static const char b32[] = "abcdefghijklmnopqrstuvwxyz234567";

static void
mac_of(const unsigned char key[32], int64_t case_id, int64_t user_id, char out[MAC_CHARS + 1])
{
	/* A fixed label keeps this MAC apart from any other use of the key. */
	unsigned char msg[32], full[crypto_auth_hmacsha256_BYTES];
	int n = snprintf((char *)msg, sizeof(msg), "reply:%lld:%lld", (long long)case_id,
	                 (long long)user_id);
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, key, 32);
	crypto_auth_hmacsha256_update(&st, msg, (size_t)n);
	crypto_auth_hmacsha256_final(&st, full);
	unsigned bits = 0, acc = 0;
	int j = 0;
	for (int i = 0; i < MAC_BYTES; i++) {
		acc = (acc << 8) | full[i];
		bits += 8;
		while (bits >= 5) {
			out[j++] = b32[(acc >> (bits - 5)) & 31];
			bits -= 5;
		}
	}
	out[j] = '\0';
	sodium_memzero(full, sizeof(full));
}

int
reply_token_make(const unsigned char key[32], int64_t case_id, int64_t user_id,
                 char out[REPLY_TOKEN_MAX])
{
	if (case_id <= 0 || user_id <= 0)
		return -1;
	char mac[MAC_CHARS + 1];
	mac_of(key, case_id, user_id, mac);
	snprintf(out, REPLY_TOKEN_MAX, "%lld-%lld-%s", (long long)case_id, (long long)user_id, mac);
	return 0;
}

/* A positive decimal id without a leading zero, so that one id has one spelling. */
static int
read_id(const char *s, size_t n, int64_t *out)
{
	if (n == 0 || n > 18 || s[0] == '0')
		return -1;
	int64_t v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
reply_token_check(const unsigned char key[32], const char *token, int64_t *case_id,
                  int64_t *user_id)
{
	if (!token)
		return -1;
	const char *d1 = strchr(token, '-');
	const char *d2 = d1 ? strchr(d1 + 1, '-') : NULL;
	if (!d2 || strlen(d2 + 1) != MAC_CHARS)
		return -1;
	int64_t c, u;
	if (read_id(token, (size_t)(d1 - token), &c) != 0 ||
	    read_id(d1 + 1, (size_t)(d2 - d1 - 1), &u) != 0)
		return -1;
	char given[MAC_CHARS + 1], want[MAC_CHARS + 1];
	for (int i = 0; i < MAC_CHARS; i++) {
		char ch = d2[1 + i];
		given[i] = ch >= 'A' && ch <= 'Z' ? (char)(ch - 'A' + 'a') : ch;
	}
	given[MAC_CHARS] = '\0';
	mac_of(key, c, u, want);
	if (sodium_memcmp(given, want, MAC_CHARS) != 0)
		return -1;
	*case_id = c;
	*user_id = u;
	return 0;
}

const char *
reply_address(const struct app *app, int64_t case_id, int64_t user_id, struct arena *a)
{
	const char *in = app->cfg.mail_inbound;
	const char *at = in ? strchr(in, '@') : NULL;
	char tok[REPLY_TOKEN_MAX];
	if (!at || at == in || reply_token_make(app->reply_key, case_id, user_id, tok) != 0)
		return NULL;
	return arena_printf(a, "%.*s+%s%s", (int)(at - in), in, tok, at);
}

const char *
reply_token_of(const char *inbound, const char *addr, struct arena *a)
{
	const char *iat = inbound ? strchr(inbound, '@') : NULL;
	const char *aat = addr ? strrchr(addr, '@') : NULL;
	if (!iat || !aat)
		return NULL;
	size_t local = (size_t)(iat - inbound);
	if (strcasecmp(iat, aat) != 0 || (size_t)(aat - addr) <= local + 1 ||
	    strncasecmp(addr, inbound, local) != 0 || addr[local] != '+')
		return NULL;
	return arena_strndup(a, addr + local + 1, (size_t)(aat - addr - local - 1));
}
