/*
 * Markdown of knowledge articles, rendered safely. md4c parses (GitHub
 * dialect, raw HTML refused: MD_FLAG_NOHTML); the HTML is written here,
 * through the escaping writer, from md4c's callbacks, so that:
 *   - every text, attribute and code span is escaped;
 *   - a link keeps its href only when html_url_safe() accepts it (relative,
 *     http(s), mailto), after entities are decoded: javascript:, data:,
 *     vbscript: and the like become plain text;
 *   - an image is shown only from a local path (the CSP allows no other
 *     origin); any other source becomes a link (if safe) or its alt text;
 *   - no style or event attribute is ever written; table alignment is a class.
 * Headings move one level down (# becomes <h2>): the page's <h1> is the title.
 */
#ifndef MADOGUCHI_WEB_MARKDOWN_H
#define MADOGUCHI_WEB_MARKDOWN_H

#include <stddef.h>

#include "core/buf.h"

/* Largest article body accepted by the forms (bytes). */
#define MARKDOWN_MAX (256 * 1024)

/*
 * Appends the HTML of the n bytes of Markdown at src to b. Returns 0, or -1
 * when md4c failed (out of memory): b then holds what was rendered so far,
 * which is still safe HTML.
 */
int markdown_html(struct buf *b, const char *src, size_t n);

/*
 * Appends the text of the Markdown, without markup, words of separate
 * blocks separated by one space: what the search index and its snippets
 * use. Returns 0 or -1 like markdown_html.
 */
int markdown_text(struct buf *b, const char *src, size_t n);

#endif
