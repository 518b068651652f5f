/* The file name of a Content-Disposition header; see disposition.h. */
#include "http/disposition.h"
#include "core/arena.h"
#include "http/parse.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

static const char *
skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

/* A quoted-string from p (at the opening quote): its content, *end after it; NULL if open. */
static const char *
quoted(struct arena *a, const char *p, const char **end)
{
	size_t cap = strlen(p);
	char *out = arena_alloc(a, cap + 1);
	size_t n = 0;
	for (p++; *p && *p != '"'; p++) {
		if (*p == '\\' && p[1])
			p++;
		out[n++] = *p;
	}
	if (*p != '"')
		return NULL;
	out[n] = '\0';
	*end = p + 1;
	return utf8_valid((const unsigned char *)out, n) ? out : NULL;
}

/* The ext-value of RFC 8187 (charset'language'pct-encoded), UTF-8 only; NULL otherwise. */
static const char *
ext_value(struct arena *a, const char *v, size_t len)
{
	if (len < 7 || strncasecmp(v, "UTF-8'", 6) != 0)
		return NULL;
	const char *lang_end = memchr(v + 6, '\'', len - 6);
	if (!lang_end)
		return NULL;
	const char *enc = lang_end + 1;
	size_t n = len - (size_t)(enc - v);
	for (size_t i = 0; i < n; i++)
		if (enc[i] == ' ' || enc[i] == '"' || enc[i] == ';')
			return NULL;
	return url_decode(a, enc, n, false, NULL);
}

const char *
disposition_filename(struct arena *a, const char *header)
{
	if (!header)
		return NULL;
	const char *plain = NULL, *ext = NULL;
	const char *p = strchr(header, ';');
	while (p && *p == ';') {
		p = skip_space(p + 1);
		const char *eq = strchr(p, '=');
		if (!eq)
			return NULL;
		size_t klen = (size_t)(eq - p);
		while (klen && (p[klen - 1] == ' ' || p[klen - 1] == '\t'))
			klen--;
		const char *v = skip_space(eq + 1);
		const char *end;
		const char *val;
		if (*v == '"') {
			val = quoted(a, v, &end);
			if (!val)
				return NULL;
		} else {
			end = v + strcspn(v, ";");
			size_t vlen = (size_t)(end - v);
			while (vlen && (v[vlen - 1] == ' ' || v[vlen - 1] == '\t'))
				vlen--;
			val = arena_strndup(a, v, vlen);
		}
		if (klen == 9 && strncasecmp(p, "filename*", 9) == 0 && !ext)
			ext = *v == '"' ? NULL : ext_value(a, val, strlen(val));
		else if (klen == 8 && strncasecmp(p, "filename", 8) == 0 && !plain &&
		         utf8_valid((const unsigned char *)val, strlen(val)))
			plain = val;
		p = skip_space(end);
	}
	const char *name = ext ? ext : plain;
	return name && *name ? name : NULL;
}
