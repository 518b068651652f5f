/*
 * Markdown rendering from md4c's parser callbacks; see markdown.h for the
 * rules. Raw markup is written only as string literals (html_lit); all
 * data goes through html_text / html_attr.
 */
#include "web/markdown.h"
#include "web/html.h"

#include <md4c.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

#define MD_FLAGS (MD_DIALECT_GITHUB | MD_FLAG_NOHTML)
#define LINK_MAX 64 /* nesting of link spans we track (CommonMark allows 1) */

struct render {
	struct buf *b;
	/* Inside an image: its text is the alt attribute, not content. */
	int img_depth;
	struct buf alt;
	struct buf img_src, img_title;
	/* For each open link: what was written for it (a closing tag follows). */
	enum { LINK_NOTHING, LINK_A, LINK_SPAN } link_open[LINK_MAX];
	int link_depth;
	bool in_thead;
	/* markdown_text: words of consecutive blocks are separated. */
	bool text_only, need_space;
	/* The source: every text md4c reports must lie inside it. */
	const char *src;
	size_t n;
};

/* Appends the UTF-8 encoding of code point c (U+FFFD for invalid ones). */
static void
put_utf8(struct buf *b, uint32_t c)
{
	char s[4];
	if (c == 0 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		c = 0xfffd;
	if (c < 0x80) {
		s[0] = (char)c;
		buf_append(b, s, 1);
	} else if (c < 0x800) {
		s[0] = (char)(0xc0 | (c >> 6));
		s[1] = (char)(0x80 | (c & 0x3f));
		buf_append(b, s, 2);
	} else if (c < 0x10000) {
		s[0] = (char)(0xe0 | (c >> 12));
		s[1] = (char)(0x80 | ((c >> 6) & 0x3f));
		s[2] = (char)(0x80 | (c & 0x3f));
		buf_append(b, s, 3);
	} else {
		s[0] = (char)(0xf0 | (c >> 18));
		s[1] = (char)(0x80 | ((c >> 12) & 0x3f));
		s[2] = (char)(0x80 | ((c >> 6) & 0x3f));
		s[3] = (char)(0x80 | (c & 0x3f));
		buf_append(b, s, 4);
	}
}

/* The named entities decoded; any other is kept as the text it is. */
static const struct {
	const char *name;
	uint32_t cp;
} named_entities[] = {
    {"amp", '&'},      {"lt", '<'},       {"gt", '>'},   {"quot", '"'},     {"apos", '\''},
    {"nbsp", 0xa0},    {"copy", 0xa9},    {"reg", 0xae}, {"trade", 0x2122}, {"hellip", 0x2026},
    {"mdash", 0x2014}, {"ndash", 0x2013}, {"yen", 0xa5}, {"times", 0xd7},   {"rarr", 0x2192},
};

/*
 * Appends the unescaped text of the entity s (n bytes, "&...;" as md4c
 * reports it) to out: numeric references and a few names are decoded,
 * anything else is kept verbatim (it is escaped when written).
 */
static void
decode_entity(struct buf *out, const char *s, size_t n)
{
	if (n >= 4 && s[1] == '#') {
		uint32_t c = 0;
		bool hex = s[2] == 'x' || s[2] == 'X';
		size_t i = hex ? 3 : 2;
		bool any = false;
		for (; i < n - 1; i++) {
			char ch = s[i];
			uint32_t d;
			if (ch >= '0' && ch <= '9')
				d = (uint32_t)(ch - '0');
			else if (hex && ch >= 'a' && ch <= 'f')
				d = (uint32_t)(ch - 'a' + 10);
			else if (hex && ch >= 'A' && ch <= 'F')
				d = (uint32_t)(ch - 'A' + 10);
			else
				break;
			c = c * (hex ? 16 : 10) + d;
			if (c > 0x10ffff)
				c = 0x110000; /* stays invalid, without overflow */
			any = true;
		}
		if (any && i == n - 1) {
			put_utf8(out, c);
			return;
		}
	} else if (n >= 3) {
		for (size_t k = 0; k < sizeof(named_entities) / sizeof(named_entities[0]); k++) {
			const char *name = named_entities[k].name;
			if (strlen(name) == n - 2 && memcmp(name, s + 1, n - 2) == 0) {
				put_utf8(out, named_entities[k].cp);
				return;
			}
		}
	}
	buf_append(out, s, n);
}

/* The value of an md4c attribute (link href, title), entities decoded, NUL-terminated. */
static void
attr_value(struct buf *out, const MD_ATTRIBUTE *at)
{
	out->len = 0;
	for (unsigned i = 0; at->substr_offsets[i] < at->size; i++) {
		MD_OFFSET off = at->substr_offsets[i];
		size_t len = at->substr_offsets[i + 1] - off;
		if (at->substr_types[i] == MD_TEXT_ENTITY)
			decode_entity(out, at->text + off, len);
		else if (at->substr_types[i] == MD_TEXT_NULLCHAR)
			put_utf8(out, 0xfffd);
		else
			buf_append(out, at->text + off, len);
	}
	buf_append(out, "", 1);
	out->len--; /* NUL-terminated, not counted */
}

/*
 * The href a link may carry, or NULL: what html_url_safe() accepts, and
 * "www." autolinks (md4c's permissive autolinks) as http.
 */
static const char *
safe_href(struct buf *tmp, struct buf *val)
{
	if (strncasecmp(val->p, "www.", 4) == 0) {
		tmp->len = 0;
		buf_puts(tmp, "http://");
		buf_append(tmp, val->p, val->len + 1);
		tmp->len--;
		return html_url_safe(tmp->p) ? tmp->p : NULL;
	}
	return html_url_safe(val->p) ? val->p : NULL;
}

/* A local image path: the CSP allows images from our own origin only. */
static bool
local_path(const char *url)
{
	return html_url_safe(url) && url[0] == '/' && url[1] != '/';
}

static void
space_if_needed(struct render *st)
{
	if (st->need_space && st->b->len) {
		buf_putc(st->b, ' ');
	}
	st->need_space = false;
}

static int
enter_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
	struct render *st = userdata;
	struct buf *b = st->b;
	if (st->text_only) {
		st->need_space = true;
		return 0;
	}
	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		html_lit(b, "<blockquote>");
		break;
	case MD_BLOCK_UL:
		html_lit(b, "<ul>");
		break;
	case MD_BLOCK_OL: {
		const MD_BLOCK_OL_DETAIL *d = detail;
		if (d->start != 1)
			buf_printf(b, "<ol start=\"%u\">", d->start);
		else
			html_lit(b, "<ol>");
		break;
	}
	case MD_BLOCK_LI: {
		const MD_BLOCK_LI_DETAIL *d = detail;
		if (d->is_task) {
			html_lit(b, "<li class=\"md-task\">");
			if (d->task_mark == 'x' || d->task_mark == 'X')
				html_lit(b, "☑ ");
			else
				html_lit(b, "☐ ");
		} else {
			html_lit(b, "<li>");
		}
		break;
	}
	case MD_BLOCK_HR:
		html_lit(b, "<hr>");
		break;
	case MD_BLOCK_H: {
		const MD_BLOCK_H_DETAIL *d = detail;
		unsigned level = d->level + 1 > 6 ? 6 : d->level + 1;
		buf_printf(b, "<h%u>", level);
		break;
	}
	case MD_BLOCK_CODE:
		html_lit(b, "<pre><code>");
		break;
	case MD_BLOCK_HTML: /* never with MD_FLAG_NOHTML; shown as text if it were */
		html_lit(b, "<pre>");
		break;
	case MD_BLOCK_P:
		html_lit(b, "<p>");
		break;
	case MD_BLOCK_TABLE:
		html_lit(b, "<div class=\"table-wrap md-table\"><table class=\"table\">");
		break;
	case MD_BLOCK_THEAD:
		st->in_thead = true;
		html_lit(b, "<thead>");
		break;
	case MD_BLOCK_TBODY:
		html_lit(b, "<tbody>");
		break;
	case MD_BLOCK_TR:
		html_lit(b, "<tr>");
		break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD: {
		const MD_BLOCK_TD_DETAIL *d = detail;
		static const char *const align[] = {NULL, "al-left", "al-center", "al-right"};
		if (type == MD_BLOCK_TH)
			html_lit(b, "<th scope=\"col\"");
		else
			html_lit(b, "<td");
		if ((unsigned)d->align < 4 && align[d->align])
			html_attr(b, "class", align[d->align]);
		html_lit(b, ">");
		break;
	}
	}
	return 0;
}

static int
leave_block(MD_BLOCKTYPE type, void *detail, void *userdata)
{
	struct render *st = userdata;
	struct buf *b = st->b;
	if (st->text_only) {
		st->need_space = true;
		return 0;
	}
	switch (type) {
	case MD_BLOCK_DOC:
		break;
	case MD_BLOCK_QUOTE:
		html_lit(b, "</blockquote>");
		break;
	case MD_BLOCK_UL:
		html_lit(b, "</ul>");
		break;
	case MD_BLOCK_OL:
		html_lit(b, "</ol>");
		break;
	case MD_BLOCK_LI:
		html_lit(b, "</li>");
		break;
	case MD_BLOCK_HR:
		break;
	case MD_BLOCK_H: {
		const MD_BLOCK_H_DETAIL *d = detail;
		unsigned level = d->level + 1 > 6 ? 6 : d->level + 1;
		buf_printf(b, "</h%u>", level);
		break;
	}
	case MD_BLOCK_CODE:
		html_lit(b, "</code></pre>");
		break;
	case MD_BLOCK_HTML:
		html_lit(b, "</pre>");
		break;
	case MD_BLOCK_P:
		html_lit(b, "</p>");
		break;
	case MD_BLOCK_TABLE:
		html_lit(b, "</table></div>");
		break;
	case MD_BLOCK_THEAD:
		st->in_thead = false;
		html_lit(b, "</thead>");
		break;
	case MD_BLOCK_TBODY:
		html_lit(b, "</tbody>");
		break;
	case MD_BLOCK_TR:
		html_lit(b, "</tr>");
		break;
	case MD_BLOCK_TH:
		html_lit(b, "</th>");
		break;
	case MD_BLOCK_TD:
		html_lit(b, "</td>");
		break;
	}
	return 0;
}

/* Writes <img> for a local source, else a link to it (if safe) or its alt text. */
static void
write_image(struct render *st)
{
	struct buf *b = st->b;
	const char *alt = st->alt.p ? st->alt.p : "";
	if (local_path(st->img_src.p)) {
		html_lit(b, "<img");
		html_attr(b, "src", st->img_src.p);
		html_attr(b, "alt", alt);
		if (st->img_title.len)
			html_attr(b, "title", st->img_title.p);
		html_lit(b, " loading=\"lazy\">");
		return;
	}
	struct buf tmp = {0};
	const char *href = safe_href(&tmp, &st->img_src);
	if (href) {
		html_lit(b, "<a rel=\"noopener noreferrer\"");
		html_attr(b, "href", href);
		html_lit(b, ">");
		html_text(b, *alt ? alt : href);
		html_lit(b, "</a>");
	} else {
		html_text(b, alt);
	}
	buf_free(&tmp);
}

/* Writes the opening of a link: <a> when its href is safe, else a <span>. */
static int
open_link(struct render *st, const MD_SPAN_A_DETAIL *d)
{
	struct buf *b = st->b;
	struct buf val = {0}, tmp = {0};
	attr_value(&val, &d->href);
	const char *href = safe_href(&tmp, &val);
	int kind = href ? LINK_A : LINK_SPAN;
	if (href) {
		html_lit(b, "<a rel=\"noopener noreferrer\"");
		html_attr(b, "href", href);
		attr_value(&val, &d->title);
		if (val.len)
			html_attr(b, "title", val.p);
		html_lit(b, ">");
	} else {
		html_lit(b, "<span class=\"md-link-refused\">");
	}
	buf_free(&val);
	buf_free(&tmp);
	return kind;
}

static int
enter_span(MD_SPANTYPE type, void *detail, void *userdata)
{
	struct render *st = userdata;
	struct buf *b = st->b;
	if (type == MD_SPAN_IMG) {
		if (st->img_depth++ == 0 && !st->text_only) {
			const MD_SPAN_IMG_DETAIL *d = detail;
			attr_value(&st->img_src, &d->src);
			attr_value(&st->img_title, &d->title);
			st->alt.len = 0;
		}
		return 0;
	}
	if (type == MD_SPAN_A) {
		/* Every link is tracked, even one written as nothing (inside an
		 * image's alt text, or in text mode): md4c may close spans in an
		 * order of its own, and the stack must stay balanced anyway. */
		int kind = LINK_NOTHING;
		if (!st->img_depth && !st->text_only)
			kind = open_link(st, detail);
		if (st->link_depth < LINK_MAX)
			st->link_open[st->link_depth] = kind;
		st->link_depth++;
		return 0;
	}
	if (st->img_depth || st->text_only)
		return 0;
	switch (type) {
	case MD_SPAN_EM:
		html_lit(b, "<em>");
		break;
	case MD_SPAN_STRONG:
		html_lit(b, "<strong>");
		break;
	case MD_SPAN_CODE:
		html_lit(b, "<code>");
		break;
	case MD_SPAN_DEL:
		html_lit(b, "<del>");
		break;
	case MD_SPAN_U:
		html_lit(b, "<u>");
		break;
	default: /* links above; wiki links and LaTeX are not enabled */
		break;
	}
	return 0;
}

static int
leave_span(MD_SPANTYPE type, void *detail, void *userdata)
{
	(void)detail;
	struct render *st = userdata;
	struct buf *b = st->b;
	if (type == MD_SPAN_IMG) {
		if (st->img_depth > 0 && --st->img_depth == 0 && !st->text_only)
			write_image(st);
		return 0;
	}
	if (type == MD_SPAN_A) {
		if (st->link_depth <= 0)
			return 0;
		st->link_depth--;
		int kind = st->link_depth < LINK_MAX ? st->link_open[st->link_depth] : LINK_NOTHING;
		if (kind == LINK_A)
			html_lit(b, "</a>");
		else if (kind == LINK_SPAN)
			html_lit(b, "</span>");
		return 0;
	}
	if (st->img_depth || st->text_only)
		return 0;
	switch (type) {
	case MD_SPAN_EM:
		html_lit(b, "</em>");
		break;
	case MD_SPAN_STRONG:
		html_lit(b, "</strong>");
		break;
	case MD_SPAN_CODE:
		html_lit(b, "</code>");
		break;
	case MD_SPAN_DEL:
		html_lit(b, "</del>");
		break;
	case MD_SPAN_U:
		html_lit(b, "</u>");
		break;
	default:
		break;
	}
	return 0;
}

static int
on_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *userdata)
{
	struct render *st = userdata;
	struct buf *out = st->b;
	/*
	 * md4c 0.4.8 has been seen (under the fuzzer, on input clean_source()
	 * now keeps from it) to report a text longer than the whole document:
	 * never follow such a size. (Some texts, such as the new lines of code
	 * blocks, come from md4c's own constants, so the pointer itself cannot
	 * be checked against the source.)
	 */
	if (size > st->n)
		return 1;
	bool alt = st->img_depth > 0;
	if (alt && st->text_only)
		alt = false; /* the alt text is text too */
	if (st->text_only)
		space_if_needed(st);
	switch (type) {
	case MD_TEXT_NULLCHAR:
		if (alt || st->text_only)
			put_utf8(alt ? &st->alt : out, 0xfffd);
		else
			html_text(out, "\xef\xbf\xbd");
		break;
	case MD_TEXT_BR:
		if (alt || st->text_only)
			buf_putc(alt ? &st->alt : out, ' ');
		else
			html_lit(out, "<br>");
		break;
	case MD_TEXT_SOFTBR:
		if (alt || st->text_only)
			buf_putc(alt ? &st->alt : out, ' ');
		else
			html_lit(out, "\n");
		break;
	case MD_TEXT_ENTITY:
		if (alt || st->text_only) {
			decode_entity(alt ? &st->alt : out, text, size);
		} else {
			struct buf tmp = {0};
			decode_entity(&tmp, text, size);
			html_textn(out, tmp.p, tmp.len);
			buf_free(&tmp);
		}
		break;
	default: /* normal, code, and (never with NOHTML) raw HTML: all text */
		if (alt || st->text_only)
			buf_append(alt ? &st->alt : out, text, size);
		else
			html_textn(out, text, size);
		break;
	}
	if (alt) {
		buf_append(&st->alt, "", 1);
		st->alt.len--;
	}
	return 0;
}

/*
 * Length of the well-formed UTF-8 sequence at s (at most n bytes): 1 to 4,
 * or 0 when it is not one (overlong, surrogate, beyond U+10FFFF, cut).
 */
static size_t
utf8_seq(const unsigned char *s, size_t n)
{
	if (s[0] < 0x80)
		return 1;
	size_t len = s[0] >= 0xc2 && s[0] <= 0xdf   ? 2
	             : s[0] >= 0xe0 && s[0] <= 0xef ? 3
	             : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4
	                                            : 0;
	if (len == 0 || len > n)
		return 0;
	for (size_t i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] > 0x9f) ||
	    (s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] > 0x8f))
		return 0;
	return len;
}

/*
 * The text md4c is given: well-formed UTF-8 whose only control characters
 * are tab and new line; anything else becomes U+FFFD. The forms refuse such
 * bodies already; this keeps md4c (0.4.8 has crashed on NUL bytes and
 * broken UTF-8 under the fuzzer) on the input it is known to handle.
 */
static void
clean_source(struct buf *out, const char *src, size_t n)
{
	const unsigned char *s = (const unsigned char *)src;
	buf_reserve(out, n + 1);
	for (size_t i = 0; i < n;) {
		size_t len = utf8_seq(s + i, n - i);
		if (len == 1 && (s[i] >= 0x20 || s[i] == '\t' || s[i] == '\n') && s[i] != 0x7f) {
			buf_putc(out, (char)s[i]);
		} else if (len > 1 && !(s[i] == 0xc2 && s[i + 1] < 0xa0)) {
			buf_append(out, s + i, len);
		} else {
			buf_append(out, "\xef\xbf\xbd", 3);
			len = len ? len : 1;
		}
		i += len;
	}
}

static int
render(struct buf *b, const char *src, size_t n, bool text_only)
{
	struct buf clean = {0};
	clean_source(&clean, src, n);
	src = clean.p ? clean.p : "";
	n = clean.len;
	struct render st = {.b = b, .text_only = text_only, .src = src, .n = n};
	MD_PARSER parser = {.abi_version = 0,
	                    .flags = MD_FLAGS,
	                    .enter_block = enter_block,
	                    .leave_block = leave_block,
	                    .enter_span = enter_span,
	                    .leave_span = leave_span,
	                    .text = on_text};
	int rc = md_parse(src, (MD_SIZE)n, &parser, &st);
	buf_free(&st.alt);
	buf_free(&st.img_src);
	buf_free(&st.img_title);
	buf_free(&clean);
	return rc == 0 ? 0 : -1;
}

int
markdown_html(struct buf *b, const char *src, size_t n)
{
	return render(b, src ? src : "", src ? n : 0, false);
}

int
markdown_text(struct buf *b, const char *src, size_t n)
{
	return render(b, src ? src : "", src ? n : 0, true);
}
