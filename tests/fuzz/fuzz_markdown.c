/*
 * libFuzzer target: article Markdown through markdown_html and
 * markdown_text (web/markdown.c). Checks that the HTML holds only the tags
 * and attributes the renderer is meant to write, that every href and src
 * has a safe scheme (relative, http(s), mailto), that no attribute value or
 * text leaves its quotes, and that the text rendering never fails.
 *
 * The renderer and the writers it uses are compiled into this target; md4c
 * comes from its shared library.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "web/html.c"
#include "web/markdown.c"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static const char *const tags[] = {"blockquote", "ul",    "ol",    "li",  "hr",   "h2",  "h3",
                                   "h4",         "h5",    "h6",    "pre", "code", "p",   "div",
                                   "table",      "thead", "tbody", "tr",  "th",   "td",  "em",
                                   "strong",     "del",   "u",     "a",   "span", "img", "br"};
static const char *const attrs[] = {"class", "href",    "rel",   "title", "src",
                                    "alt",   "loading", "start", "scope"};

static bool
in(const char *const *list, size_t n, const char *s, size_t len)
{
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], s, len) == 0)
			return true;
	return false;
}

static bool
url_ok(const char *v, size_t len)
{
	if (len >= 1 && (v[0] == '#' || v[0] == '?'))
		return true;
	if (len >= 1 && v[0] == '/')
		return len == 1 || (v[1] != '/' && v[1] != '\\');
	return (len >= 7 && strncasecmp(v, "http://", 7) == 0) ||
	       (len >= 8 && strncasecmp(v, "https://", 8) == 0) ||
	       (len >= 7 && strncasecmp(v, "mailto:", 7) == 0);
}

/* Walks the HTML: text never holds a raw quote-breaking '<'; every tag is allowed. */
static void
check_html(const char *h, size_t n)
{
	size_t i = 0;
	while (i < n) {
		if (h[i] == '>' || h[i] == '"') {
			check(0); /* outside tags these are always escaped */
		}
		if (h[i] != '<') {
			i++;
			continue;
		}
		i++;
		if (i < n && h[i] == '/')
			i++;
		size_t s = i;
		while (i < n && ((h[i] >= 'a' && h[i] <= 'z') || (h[i] >= '0' && h[i] <= '9')))
			i++;
		check(in(tags, sizeof(tags) / sizeof(tags[0]), h + s, i - s));
		for (;;) {
			check(i < n);
			if (h[i] == '>') {
				i++;
				break;
			}
			check(h[i] == ' ');
			i++;
			s = i;
			while (i < n && h[i] >= 'a' && h[i] <= 'z')
				i++;
			check(in(attrs, sizeof(attrs) / sizeof(attrs[0]), h + s, i - s));
			bool is_url = (i - s == 4 && memcmp(h + s, "href", 4) == 0) ||
			              (i - s == 3 && memcmp(h + s, "src", 3) == 0);
			check(i + 1 < n && h[i] == '=' && h[i + 1] == '"');
			i += 2;
			s = i;
			while (i < n && h[i] != '"') {
				check(h[i] != '<' && h[i] != '>');
				i++;
			}
			check(i < n);
			if (is_url)
				check(url_ok(h + s, i - s));
			i++;
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf h = {0}, t = {0};
	if (markdown_html(&h, (const char *)data, size) == 0)
		check_html(h.p ? h.p : "", h.len);
	check(markdown_text(&t, (const char *)data, size) == 0);
	buf_free(&h);
	buf_free(&t);
	return 0;
}
