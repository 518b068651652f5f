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

/*
 * The code point of the UTF-8 sequence at s[0..len) and its byte length in
 * *n; -1 (with *n = 1) for a byte that starts no valid sequence.
 */
static long
code_point_at(const unsigned char *s, size_t len, size_t *n)
{
	*n = 1;
	if (s[0] < 0x80)
		return s[0];
	size_t k = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : s[0] >= 0xc0 ? 2 : 0;
	if (!k || k > len || !utf8_valid(s, k))
		return -1;
	long cp = s[0] & (0x7f >> k);
	for (size_t i = 1; i < k; i++)
		cp = (cp << 6) | (s[i] & 0x3f);
	*n = k;
	return cp;
}

static bool
dropped_in_names(long cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x061c || cp == 0x200e ||
	       cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

/* The largest n <= max that does not split the UTF-8 character of s at n. */
static size_t
char_boundary(const char *s, size_t max)
{
	while (max && ((unsigned char)s[max] & 0xc0) == 0x80)
		max--;
	return max;
}

void
text_name_chars(struct buf *b, const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	for (size_t i = 0, n; i < len; i += n) {
		long cp = code_point_at(p + i, len - i, &n);
		if (cp < 0 || dropped_in_names(cp))
			continue;
		if (cp == '/' || cp == '\\')
			buf_putc(b, '_');
		else
			buf_append(b, p + i, n);
	}
}

const char *
text_file_name(struct arena *a, const char *s, size_t len, size_t max)
{
	struct buf b = {0};
	text_name_chars(&b, s, len);
	buf_putc(&b, '\0');
	const char *clean = text_trim(a, b.p);
	buf_free(&b);
	size_t n = strlen(clean);
	if (n == 0)
		return "file";
	if (n <= max)
		return clean;
	/* Keep an extension of up to 16 bytes ("report.pdf" stays a PDF) when the name
	 * leaves room for a stem beside it. */
	const char *dot = strrchr(clean, '.');
	size_t ext = max >= 24 && dot && dot != clean && strlen(dot) <= 16 ? strlen(dot) : 0;
	size_t stem = char_boundary(clean, max - ext);
	return arena_printf(a, "%.*s%s", (int)stem, clean, ext ? dot : "");
}

bool
text_list_has(const char *list, const char *word)
{
	size_t n = strlen(word);
	for (const char *p = list; p && *p;) {
		while (*p == ' ')
			p++;
		size_t len = strcspn(p, " ");
		if (len == n && n && strncmp(p, word, n) == 0)
			return true;
		p += len;
	}
	return false;
}
