/*
 * libFuzzer target: file names through text_file_name. Whatever a client
 * sends, the kept name is non-empty, at most the limit, valid UTF-8, and
 * holds no control character, bidirectional control or path separator.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static bool
has(const char *s, const char *utf8)
{
	return strstr(s, utf8) != NULL;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	size_t max = size ? 24 + data[0] % 240 : TEXT_FILE_NAME_MAX;
	const char *n = text_file_name(a, (const char *)data, size, max);
	size_t len = strlen(n);
	check(len >= 1 && len <= max);
	check(utf8_valid((const unsigned char *)n, len));
	check(!text_has_control(n, false));
	check(!strchr(n, '/') && !strchr(n, '\\'));
	check(!has(n, "\xe2\x80\xae") && !has(n, "\xe2\x80\xad") && !has(n, "\xe2\x81\xa6") &&
	      !has(n, "\xe2\x81\xa9") && !has(n, "\xe2\x80\x8f") && !has(n, "\xd8\x9c"));
	arena_free(a);
	return 0;
}
