/* Reading typed text from forms; see input.h. The rules are core/text.h's. */
#include "web/input.h"
#include "core/text.h"
#include "http/request.h"

const char *
input_trim(struct arena *a, const char *s)
{
	return text_trim(a, s);
}

const char *
input_trimmed(struct req *r, const char *name)
{
	return text_trim(r->a, req_form(r, name));
}

size_t
input_chars(const char *s)
{
	return text_chars(s);
}

bool
input_has_control(const char *s, bool multiline)
{
	return text_has_control(s, multiline);
}

bool
input_blank(const char *s)
{
	return text_blank(s);
}
