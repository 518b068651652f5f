/*
 * libFuzzer target: percent-decoding and query strings. url_decode runs on
 * the input with plus_space true and false (both must accept or refuse
 * alike, give the same length, no NUL and valid UTF-8), then the part after
 * the first '?' goes through parse_urlencoded as a request target's query.
 * Each decoded value is also read as a date (parse_date): accepted only
 * when it is ten characters of the YYYY-MM-DD shape.
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	const char *s = (const char *)data;

	size_t n1 = 0, n2 = 0;
	char *d1 = url_decode(a, s, size, true, &n1);
	char *d2 = url_decode(a, s, size, false, &n2);
	check((d1 == NULL) == (d2 == NULL));
	if (d1) {
		check(n1 == n2 && n1 <= size);
		check(strlen(d1) == n1 && strlen(d2) == n2);
		check(utf8_valid((const unsigned char *)d1, n1));
		/* They differ only where a '+' became a space. */
		for (size_t i = 0; i < n1; i++)
			check(d1[i] == d2[i] || (d1[i] == ' ' && d2[i] == '+'));
		/* Without escapes, decoding is the identity (plus_space off). */
		if (!memchr(s, '%', size))
			check(n2 == size && memcmp(d2, s, size) == 0);
	}

	const char *q = memchr(s, '?', size);
	if (q) {
		size_t qlen = size - (size_t)(q + 1 - s);
		struct params p;
		if (parse_urlencoded(a, q + 1, qlen, &p) == 0) {
			check(p.n <= PARSE_MAX_PARAMS);
			for (size_t i = 0; i < p.n; i++) {
				check(p.v[i].key[0] != '\0');
				check(strlen(p.v[i].val) == p.v[i].vlen);
				check(params_get(&p, p.v[i].key) != NULL);
				const char *v = p.v[i].val;
				if (parse_date(v))
					check(p.v[i].vlen == 10 && v[4] == '-' && v[7] == '-');
			}
		} else {
			check(p.n == 0);
		}
	}
	arena_free(a);
	return 0;
}
