/*
 * libFuzzer target: form bodies (application/x-www-form-urlencoded) through
 * parse_urlencoded, then params_get and params_count on every key. Checks
 * that accepted pairs are bounded in number, non-empty keys, valid UTF-8
 * without NUL, and that lookups agree with the list.
 */
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
	struct params p;
	if (parse_urlencoded(a, (const char *)data, size, &p) != 0) {
		check(p.n == 0);
		arena_free(a);
		return 0;
	}
	check(p.n <= PARSE_MAX_PARAMS);
	check(p.n <= size);
	for (size_t i = 0; i < p.n; i++) {
		const char *k = p.v[i].key, *v = p.v[i].val;
		check(k && v);
		size_t klen = strlen(k);
		check(klen > 0);
		check(strlen(v) == p.v[i].vlen);
		check(utf8_valid((const unsigned char *)k, klen));
		check(utf8_valid((const unsigned char *)v, p.v[i].vlen));
		const char *first = params_get(&p, k);
		check(first != NULL);
		size_t count = params_count(&p, k);
		check(count >= 1 && count <= p.n);
		/* params_get returns the first occurrence. */
		for (size_t j = 0; j < p.n; j++)
			if (strcmp(p.v[j].key, k) == 0) {
				check(first == p.v[j].val);
				break;
			}
	}
	arena_free(a);
	return 0;
}
