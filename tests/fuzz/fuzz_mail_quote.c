/*
 * libFuzzer target: the text of a reply by e-mail (mail/quote.c). The
 * input, as a text body, loses its quoted history and signature, and as an
 * HTML body becomes text; neither may read past the input, and what is
 * kept of a text body is never longer than the body.
 *
 * Build: the Makefile's fuzz rule, which links src/mail/quote.c.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "mail/quote.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct arena *a = arena_new();
	const char *s = arena_strndup(a, (const char *)data, size);
	const char *kept = mail_strip_quote(a, s);
	if (strlen(kept) > strlen(s))
		abort();
	(void)mail_html_text(a, s);
	arena_free(a);
	return 0;
}
