/*
 * What users type into forms, read the same way everywhere: values without
 * surrounding white space, lengths in characters rather than bytes, and the
 * control characters no field takes (a multi-line field keeps its line
 * breaks and tabs).
 */
#ifndef MADOGUCHI_WEB_INPUT_H
#define MADOGUCHI_WEB_INPUT_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct req;

/* s without surrounding ASCII spaces, tabs and line breaks, in the arena; "" for NULL. */
const char *input_trim(struct arena *a, const char *s);
/* The form field `name`, trimmed the same way; "" when absent. */
const char *input_trimmed(struct req *r, const char *name);
/* The number of characters (code points) of valid UTF-8. */
size_t input_chars(const char *s);
/* Whether s holds a C0 or C1 control character or DEL; multiline allows \t, \r and \n. */
bool input_has_control(const char *s, bool multiline);
/* Whether s is empty or only white space. */
bool input_blank(const char *s);

#endif
