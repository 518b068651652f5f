/* The reply's own text; see quote.h. */
#include "mail/quote.h"
#include "core/arena.h"
#include "core/buf.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

struct line {
	const char *p;
	size_t n;
};

static bool
ends_with(const struct line *l, const char *suffix)
{
	size_t k = strlen(suffix);
	return l->n >= k && memcmp(l->p + l->n - k, suffix, k) == 0;
}

static bool
starts_with(const struct line *l, const char *prefix)
{
	size_t k = strlen(prefix);
	return l->n >= k && strncasecmp(l->p, prefix, k) == 0;
}

/* The line without the white space at its end (ASCII and the ideographic space). */
static struct line
rtrim(struct line l)
{
	for (;;) {
		if (l.n && (l.p[l.n - 1] == ' ' || l.p[l.n - 1] == '\t'))
			l.n--;
		else if (l.n >= 3 && memcmp(l.p + l.n - 3, "\xe3\x80\x80", 3) == 0)
			l.n -= 3;
		else
			return l;
	}
}

/* "…wrote:" in the languages our contacts' mailers speak, with either colon. */
static bool
attribution_end(const struct line *l)
{
	static const char *const ends[] = {"wrote:",      "のメッセージ:", "のメッセージ：",
	                                   "書きました:", "書きました：",  "wrote：",
	                                   "schrieb:",    "a écrit :"};
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++)
		if (ends_with(l, ends[i]))
			return true;
	return false;
}

/* Outlook's separators, in English and Japanese. */
static bool
separator(const struct line *l)
{
	return starts_with(l, "-----Original Message-----") ||
	       starts_with(l, "-----元のメッセージ-----") ||
	       starts_with(l, "----- Original Message -----") ||
	       (l->n >= 20 && strspn(l->p, "_") >= 20);
}

/* "From:" followed within three lines by "Sent:" or "Date:" (Outlook's quoted header). */
static bool
header_block(const struct line *v, size_t i, size_t n)
{
	if (!starts_with(&v[i], "From:") && !starts_with(&v[i], "差出人:") &&
	    !starts_with(&v[i], "差出人："))
		return false;
	for (size_t j = i + 1; j < n && j <= i + 3; j++)
		if (starts_with(&v[j], "Sent:") || starts_with(&v[j], "Date:") ||
		    starts_with(&v[j], "送信日時:") || starts_with(&v[j], "送信日時："))
			return true;
	return false;
}

static bool
quoted(const struct line *l)
{
	return l->n && l->p[0] == '>';
}

static bool
contains(const struct line *l, const char *s)
{
	size_t k = strlen(s);
	for (size_t i = 0; i + k <= l->n; i++)
		if (memcmp(l->p + i, s, k) == 0)
			return true;
	return false;
}

/*
 * Gmail's Japanese attribution, "2026年12月7日(月) 10:00 Name <addr>:": a
 * line with an address or a date that ends in a colon right above the
 * quote. Both are asked for, so "About your question:" above a quoted
 * question stays.
 */
static bool
dated_attribution(const struct line *v, size_t i, size_t n)
{
	const struct line *l = &v[i];
	if (!ends_with(l, ":") && !ends_with(l, "："))
		return false;
	if (!contains(l, "@") && !contains(l, "年"))
		return false;
	size_t j = i + 1;
	while (j < n && v[j].n == 0)
		j++;
	return j < n && quoted(&v[j]);
}

/* Whether the history starts at line i: everything from there on is dropped. */
static bool
history_starts(const struct line *v, size_t i, size_t n)
{
	const struct line *l = &v[i];
	if (separator(l) || header_block(v, i, n))
		return true;
	if (attribution_end(l) || dated_attribution(v, i, n))
		return true;
	/* "On Mon, 7 Dec 2026 at 10:00, Name <a@b>" wrapped before "wrote:". */
	return starts_with(l, "On ") && i + 1 < n && attribution_end(&v[i + 1]);
}

static bool
signature(const struct line *l)
{
	return (l->n == 3 && memcmp(l->p, "-- ", 3) == 0) ||
	       (l->n == 2 && memcmp(l->p, "--", 2) == 0);
}

const char *
mail_strip_quote(struct arena *a, const char *text)
{
	size_t cap = 16, n = 0;
	struct line *v = arena_alloc(a, cap * sizeof(*v));
	for (const char *p = text; *p;) {
		const char *e = strchr(p, '\n');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (n == cap) {
			struct line *w = arena_alloc(a, cap * 2 * sizeof(*v));
			memcpy(w, v, n * sizeof(*v));
			v = w;
			cap *= 2;
		}
		struct line l = {p, len && p[len - 1] == '\r' ? len - 1 : len};
		/* A signature line keeps its one trailing space; other lines lose theirs. */
		v[n++] = signature(&l) ? l : rtrim(l);
		p = e ? e + 1 : p + len;
	}
	size_t end = n;
	for (size_t i = 0; i < n; i++)
		if (signature(&v[i]) || history_starts(v, i, n)) {
			end = i;
			break;
		}
	struct buf b = {0};
	for (size_t i = 0; i < end; i++) {
		if (quoted(&v[i]))
			continue;
		buf_append(&b, v[i].p, v[i].n);
		buf_putc(&b, '\n');
	}
	/* Blank lines around what is left (a quote in the middle leaves some too). */
	const char *s = b.p ? b.p : "";
	size_t len = b.len;
	while (len && (*s == '\n' || *s == ' ')) {
		s++;
		len--;
	}
	while (len && (s[len - 1] == '\n' || s[len - 1] == ' '))
		len--;
	const char *out = arena_strndup(a, s, len);
	buf_free(&b);
	return out;
}

/* ---------------------------------------------------------------- HTML */

static bool
tag_is(const char *tag, size_t n, const char *name)
{
	size_t k = strlen(name);
	return n >= k && strncasecmp(tag, name, k) == 0 &&
	       (n == k || tag[k] == ' ' || tag[k] == '>' || tag[k] == '/' || tag[k] == '\t' ||
	        tag[k] == '\n' || tag[k] == '\r');
}

/* Appends code point cp as UTF-8 (a character reference). */
static void
put_cp(struct buf *b, unsigned long cp)
{
	if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		cp = 0xfffd;
	if (cp < 0x80) {
		buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		buf_putc(b, (char)(0xc0 | (cp >> 6)));
		buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) {
		buf_putc(b, (char)(0xe0 | (cp >> 12)));
		buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	} else {
		buf_putc(b, (char)(0xf0 | (cp >> 18)));
		buf_putc(b, (char)(0x80 | ((cp >> 12) & 0x3f)));
		buf_putc(b, (char)(0x80 | ((cp >> 6) & 0x3f)));
		buf_putc(b, (char)(0x80 | (cp & 0x3f)));
	}
}

/* Decodes the entity at p ('&'); returns the bytes it took (1 when it is none). */
static size_t
entity(struct buf *b, const char *p)
{
	static const struct {
		const char *name;
		unsigned long cp;
	} named[] = {{"amp;", '&'},   {"lt;", '<'},   {"gt;", '>'},  {"quot;", '"'},
	             {"apos;", '\''}, {"nbsp;", ' '}, {"#39;", '\''}};
	for (size_t i = 0; i < sizeof(named) / sizeof(named[0]); i++) {
		size_t k = strlen(named[i].name);
		if (strncmp(p + 1, named[i].name, k) == 0) {
			put_cp(b, named[i].cp);
			return k + 1;
		}
	}
	if (p[1] == '#') {
		bool hex = p[2] == 'x' || p[2] == 'X';
		const char *q = p + (hex ? 3 : 2);
		unsigned long cp = 0;
		size_t digits = 0;
		while (digits < 8 &&
		       (hex ? strchr("0123456789abcdefABCDEF", *q) != NULL
		            : (*q >= '0' && *q <= '9')) &&
		       *q) {
			int d = *q <= '9' ? *q - '0' : (*q | 0x20) - 'a' + 10;
			cp = cp * (hex ? 16 : 10) + (unsigned long)d;
			q++;
			digits++;
		}
		if (digits && *q == ';') {
			put_cp(b, cp);
			return (size_t)(q + 1 - p);
		}
	}
	buf_putc(b, '&');
	return 1;
}

const char *
mail_html_text(struct arena *a, const char *html)
{
	struct buf b = {0};
	int skip = 0; /* inside <head>, <style>, <script> or <blockquote> */
	bool space = false;
	for (const char *p = html; *p;) {
		if (*p == '<') {
			const char *e = strchr(p, '>');
			if (!e)
				break;
			const char *t = p + 1;
			bool closing = *t == '/';
			if (closing)
				t++;
			size_t n = (size_t)(e - t);
			bool hidden = tag_is(t, n, "head") || tag_is(t, n, "style") ||
			              tag_is(t, n, "script") || tag_is(t, n, "blockquote");
			if (hidden)
				skip += closing ? (skip > 0 ? -1 : 0) : 1;
			else if (!skip &&
			         (tag_is(t, n, "br") || tag_is(t, n, "p") || tag_is(t, n, "div") ||
			          tag_is(t, n, "tr") || tag_is(t, n, "li") || tag_is(t, n, "h1") ||
			          tag_is(t, n, "h2") || tag_is(t, n, "h3")))
				if (!(closing && tag_is(t, n, "br")))
					buf_putc(&b, '\n');
			space = false;
			p = e + 1;
			continue;
		}
		if (skip) {
			p++;
			continue;
		}
		if (*p == '\r' || *p == '\n' || *p == '\t' || *p == ' ') {
			/* Source white space is one space at most, as a browser shows it. */
			if (!space && b.len && b.p[b.len - 1] != '\n')
				buf_putc(&b, ' ');
			space = true;
			p++;
			continue;
		}
		space = false;
		if (*p == '&')
			p += entity(&b, p);
		else
			buf_putc(&b, *p++);
	}
	const char *out = arena_strndup(a, b.p ? b.p : "", b.len);
	buf_free(&b);
	return out;
}
