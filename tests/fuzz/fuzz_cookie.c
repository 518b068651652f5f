/*
 * libFuzzer target: Cookie headers through parse_cookies, on a
 * NUL-terminated copy of the input (as the HTTP library hands headers over).
 * Checks that kept cookies are bounded in number and made only of RFC 6265
 * token and cookie-octet characters.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "http/parse.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static bool
octet_ok(unsigned char c)
{
	return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
	       (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

static bool
token_ok(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !strchr("()<>@,;:\\\"/[]?={}", c);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = malloc(size + 1);
	if (!h)
		return 0;
	memcpy(h, data, size);
	h[size] = '\0';

	struct arena *a = arena_new();
	struct params p;
	parse_cookies(a, h, &p);
	check(p.n <= PARSE_MAX_PARAMS);
	for (size_t i = 0; i < p.n; i++) {
		const unsigned char *k = (const unsigned char *)p.v[i].key;
		const unsigned char *v = (const unsigned char *)p.v[i].val;
		check(k[0] != '\0');
		for (; *k; k++)
			check(token_ok(*k));
		check(strlen((const char *)v) == p.v[i].vlen);
		for (; *v; v++)
			check(octet_ok(*v));
		check(params_get(&p, p.v[i].key) != NULL);
	}
	arena_free(a);
	free(h);
	return 0;
}
