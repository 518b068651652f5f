/*
 * libFuzzer target: .mo translation catalogs through catalog_load, then
 * catalog_lookup of a few fixed ids, of the catalog's own first ids and of
 * a string taken from the input. Every translation found must lie inside
 * the image and end with a NUL there.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/i18n.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static void
lookup(const struct catalog *c, const uint8_t *data, size_t size, const char *id)
{
	const char *t = catalog_lookup(c, id);
	if (!t)
		return;
	const uint8_t *u = (const uint8_t *)t;
	check(u >= data && u < data + size);
	check(memchr(u, '\0', size - (size_t)(u - data)) != NULL);
}

static uint32_t
rd32(const struct catalog *c, size_t off)
{
	uint32_t v;
	memcpy(&v, c->data + off, 4);
	return c->swap ? __builtin_bswap32(v) : v;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	struct catalog c;
	if (catalog_load(&c, data, size) == 0) {
		check(c.data == data && c.len == size);
		static const char *const ids[] = {"",     "Sign in",  "Sign out",
		                                  "Home", "Password", "zzzz"};
		for (size_t i = 0; i < sizeof(ids) / sizeof(ids[0]); i++)
			lookup(&c, data, size, ids[i]);
		/* The catalog's own ids (validated by catalog_load). */
		for (uint32_t i = 0; i < c.count && i < 16; i++) {
			uint32_t off = rd32(&c, (size_t)c.orig_off + (size_t)i * 8 + 4);
			check(off < size);
			lookup(&c, data, size, (const char *)data + off);
		}
		/* An id made of the input's last bytes. */
		size_t n = size < 24 ? size : 24;
		char *id = arena_strndup(a, (const char *)data + size - n, n);
		lookup(&c, data, size, id);
	}
	arena_free(a);
	return 0;
}
