/*
 * libFuzzer target: Content-Disposition headers through disposition_filename.
 * Whatever a client sends, the name is NULL or non-empty, valid UTF-8 and
 * free of NUL, and text_file_name then makes it a safe file name.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/text.h"
#include "http/disposition.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	/* A header is a C string: what follows a NUL never reaches us. */
	char *header = arena_strndup(a, (const char *)data, size);
	const char *name = disposition_filename(a, header);
	if (name) {
		size_t len = strlen(name);
		if (len == 0 || !utf8_valid((const unsigned char *)name, len))
			abort();
		const char *safe = text_file_name(a, name, len, TEXT_FILE_NAME_MAX);
		if (!*safe || strchr(safe, '/'))
			abort();
	}
	arena_free(a);
	return 0;
}
