/* Reading typed text; see input.h. */
#include "web/input.h"
#include "core/arena.h"
#include "http/request.h"

#include <string.h>

static bool
space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

const char *
input_trim(struct arena *a, const char *s)
{
	if (!s)
		return "";
	while (space(*s))
		s++;
	size_t n = strlen(s);
	while (n && space(s[n - 1]))
		n--;
	return arena_strndup(a, s, n);
}

const char *
input_trimmed(struct req *r, const char *name)
{
	return input_trim(r->a, req_form(r, name));
}

size_t
input_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

bool
input_has_control(const char *s, bool multiline)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (multiline && (*p == '\n' || *p == '\r' || *p == '\t'))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return true;
		/* U+0080–U+009F */
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return true;
	}
	return false;
}

bool
input_blank(const char *s)
{
	while (space(*s))
		s++;
	return *s == '\0';
}
