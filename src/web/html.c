/* Escaping writers; see html.h. */
#include "web/html.h"
#include "core/text.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

void
html_textn(struct buf *b, const char *s, size_t n)
{
	buf_reserve(b, n + n / 8);
	size_t run = 0;
	for (size_t i = 0; i < n; i++) {
		const char *rep;
		switch (s[i]) {
		case '&':
			rep = "&amp;";
			break;
		case '<':
			rep = "&lt;";
			break;
		case '>':
			rep = "&gt;";
			break;
		case '"':
			rep = "&quot;";
			break;
		case '\'':
			rep = "&#39;";
			break;
		default:
			continue;
		}
		buf_append(b, s + run, i - run);
		buf_puts(b, rep);
		run = i + 1;
	}
	buf_append(b, s + run, n - run);
}

void
html_text(struct buf *b, const char *s)
{
	if (s)
		html_textn(b, s, strlen(s));
}

void
html_file_name(struct buf *b, const char *name)
{
	struct buf clean = {0};
	text_name_chars(&clean, name, name ? strlen(name) : 0);
	html_textn(b, clean.p ? clean.p : "", clean.len);
	buf_free(&clean);
}

void
html_textf(struct buf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof(tmp)) {
		html_textn(b, tmp, (size_t)n);
		return;
	}
	struct buf big = {0};
	buf_reserve(&big, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(big.p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	html_textn(b, big.p, (size_t)n);
	buf_free(&big);
}

void
html_int(struct buf *b, int64_t v)
{
	buf_printf(b, "%lld", (long long)v);
}

void
html_attr(struct buf *b, const char *name, const char *value)
{
	buf_putc(b, ' ');
	buf_puts(b, name);
	buf_puts(b, "=\"");
	html_text(b, value ? value : "");
	buf_putc(b, '"');
}

bool
html_url_safe(const char *url)
{
	if (!url)
		return false;
	/* Browsers ignore tabs and newlines inside schemes: refuse controls. */
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			return false;
	if (url[0] == '/' && url[1] != '/' && url[1] != '\\')
		return true;
	if (url[0] == '#' || url[0] == '?')
		return true;
	return strncasecmp(url, "https://", 8) == 0 || strncasecmp(url, "http://", 7) == 0 ||
	       strncasecmp(url, "mailto:", 7) == 0;
}

void
html_attr_url(struct buf *b, const char *name, const char *url)
{
	html_attr(b, name, html_url_safe(url) ? url : "#");
}

void
html_url_component(struct buf *b, const char *s)
{
	text_pct_encode(b, s);
}
