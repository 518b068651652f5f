/* Typed text; see text.h. */
#include "core/text.h"
#include "core/arena.h"
#include "core/buf.h"

#include <string.h>

/* The byte length of the white space character at s, or 0. */
static size_t
space_at(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	if (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')
		return 1;
	if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) /* U+3000 */
		return 3;
	if (p[0] == 0xc2 && p[1] == 0xa0) /* U+00A0 */
		return 2;
	return 0;
}

/* The byte length of the white space character ending at s[n-1], or 0. */
static size_t
space_before(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	if (n >= 1 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n'))
		return 1;
	if (n >= 3 && p[n - 3] == 0xe3 && p[n - 2] == 0x80 && p[n - 1] == 0x80)
		return 3;
	if (n >= 2 && p[n - 2] == 0xc2 && p[n - 1] == 0xa0)
		return 2;
	return 0;
}

const char *
text_trim(struct arena *a, const char *s)
{
	if (!s)
		return "";
	for (size_t k; (k = space_at(s)) != 0;)
		s += k;
	size_t n = strlen(s);
	for (size_t k; (k = space_before(s, n)) != 0;)
		n -= k;
	return arena_strndup(a, s, n);
}

bool
text_blank(const char *s)
{
	if (!s)
		return true;
	for (size_t k; (k = space_at(s)) != 0;)
		s += k;
	return *s == '\0';
}

size_t
text_chars(const char *s)
{
	size_t n = 0;
	for (; s && *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

bool
text_has_control(const char *s, bool multiline)
{
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if (multiline && (*p == '\n' || *p == '\r' || *p == '\t'))
			continue;
		if (*p < 0x20 || *p == 0x7f)
			return true;
		if (*p == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f) /* U+0080–U+009F */
			return true;
	}
	return false;
}

void
text_pct_encode(struct buf *b, const char *s)
{
	text_pct_encode_keep(b, s, "");
}

void
text_pct_encode_keep(struct buf *b, const char *s, const char *keep)
{
	static const char hex[] = "0123456789ABCDEF";
	for (const unsigned char *p = (const unsigned char *)s; p && *p; p++) {
		if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		    (*p >= '0' && *p <= '9') || *p == '-' || *p == '.' || *p == '_' || *p == '~' ||
		    (*keep && strchr(keep, *p))) {
			buf_putc(b, (char)*p);
		} else {
			buf_putc(b, '%');
			buf_putc(b, hex[*p >> 4]);
			buf_putc(b, hex[*p & 15]);
		}
	}
}

const char *
text_pct(struct arena *a, const char *s)
{
	struct buf b = {0};
	text_pct_encode(&b, s);
	const char *out = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}

bool
utf8_valid(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t n;
		unsigned cp;
		if (c >= 0xc2 && c <= 0xdf) {
			n = 1;
			cp = c & 0x1fu;
		} else if (c >= 0xe0 && c <= 0xef) {
			n = 2;
			cp = c & 0x0fu;
		} else if (c >= 0xf0 && c <= 0xf4) {
			n = 3;
			cp = c & 0x07u;
		} else {
			return false;
		}
		if (len - i <= n)
			return false;
		for (size_t k = 1; k <= n; k++) {
			if ((s[i + k] & 0xc0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3fu);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10ffff)) ||
		    (cp >= 0xd800 && cp <= 0xdfff))
			return false;
		i += n + 1;
	}
	return true;
}
