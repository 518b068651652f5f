/*
 * The HTML writer. Escaping is the default: text and attribute values are
 * always escaped, URLs in attributes must have a safe scheme, and raw markup
 * can only be a string literal (html_lit), so that raw output of data does
 * not compile. Translated strings are data like any other.
 */
#ifndef MADOGUCHI_WEB_HTML_H
#define MADOGUCHI_WEB_HTML_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"

/* Markup from a string literal; anything else is a compile error. */
#define html_lit(b, s) buf_append((b), "" s "", sizeof(s) - 1)

/* Text content, escaped (& < > " '). */
void html_text(struct buf *b, const char *s);
void html_textn(struct buf *b, const char *s, size_t n);
/*
 * A file name as text without control or bidirectional control characters
 * (text_name_chars): a name stored before uploads dropped them still
 * cannot turn "gpj.exe" into "exe.jpg" on screen.
 */
void html_file_name(struct buf *b, const char *name);
/* printf, then escaped as text. */
void html_textf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void html_int(struct buf *b, int64_t v);
/* ` name="value"` with value escaped. */
void html_attr(struct buf *b, const char *name, const char *value);
/*
 * ` name="url"` when url is relative or http(s)/mailto; otherwise "#", so
 * that data can never become a javascript: link.
 */
void html_attr_url(struct buf *b, const char *name, const char *url);
bool html_url_safe(const char *url);
/* Percent-encodes s for a query argument or path segment (RFC 3986 unreserved kept). */
void html_url_component(struct buf *b, const char *s);

#endif
