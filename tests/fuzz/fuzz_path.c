/*
 * libFuzzer target: request paths through parse_path. An accepted path is
 * checked without the router: it starts with '/', is exactly the
 * percent-decoding of the input (so no NUL cut it short), is valid UTF-8,
 * and has no backslash and no "." or ".." segment anywhere.
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
ends_with(const char *s, size_t n, const char *suffix)
{
	size_t k = strlen(suffix);
	return n >= k && memcmp(s + n - k, suffix, k) == 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	const char *raw = (const char *)data;
	char *p = parse_path(a, raw, size);
	if (p) {
		size_t n = strlen(p);
		size_t dn = 0;
		char *d = url_decode(a, raw, size, false, &dn);
		check(d != NULL);
		check(n == dn && memcmp(p, d, n) == 0); /* no NUL inside */
		check(n >= 1 && n <= size && p[0] == '/');
		check(utf8_valid((const unsigned char *)p, n));
		check(!strchr(p, '\\'));
		check(!strstr(p, "/../") && !strstr(p, "/./"));
		check(!ends_with(p, n, "/..") && !ends_with(p, n, "/."));
	}
	arena_free(a);
	return 0;
}
