/*
 * Text as people type it, read the same way by every channel (forms, the
 * API, mail, the command line): surrounding white space (ASCII and the
 * ideographic space U+3000 that Japanese keyboards type) is not content,
 * lengths count characters rather than bytes, control characters are
 * refused, and URL components are percent-encoded one way.
 */
#ifndef MADOGUCHI_CORE_TEXT_H
#define MADOGUCHI_CORE_TEXT_H

#include <stdbool.h>
#include <stddef.h>

struct arena;
struct buf;

/* s without surrounding white space (ASCII, U+3000, U+00A0), in the arena; "" for NULL. */
const char *text_trim(struct arena *a, const char *s);
/* Whether s is NULL, empty or only white space (U+3000 included). */
bool text_blank(const char *s);
/* True when word is one of the space-separated words of list (NULL: none). */
bool text_list_has(const char *list, const char *word);
/* Whether s[0..len) is well-formed UTF-8 (no overlongs, surrogates or code points past U+10FFFF).
 */
bool utf8_valid(const unsigned char *s, size_t len);
/* The number of characters (code points) of valid UTF-8. */
size_t text_chars(const char *s);
/* Whether s holds a C0 or C1 control character or DEL; multiline allows \t, \r and \n. */
bool text_has_control(const char *s, bool multiline);
/*
 * A file name as people may keep it, from what a client sent (len bytes):
 * invalid UTF-8, control characters (C0, DEL, C1) and the bidirectional
 * controls that make "gpj.exe" read as "exe.jpg" (U+202A–U+202E,
 * U+2066–U+2069, U+200E, U+200F, U+061C) are dropped, path separators
 * become "_", surrounding white space goes, and a name longer than max
 * bytes is shortened on a character boundary keeping its extension.
 * Never empty: "file" when nothing is left. In the arena.
 */
#define TEXT_FILE_NAME_MAX 255
const char *text_file_name(struct arena *a, const char *s, size_t len, size_t max);
/* Appends s[0..len) without what text_file_name drops (no trimming, no shortening). */
void text_name_chars(struct buf *b, const char *s, size_t len);
/* Appends s percent-encoded as a URL query component (RFC 3986 unreserved kept). */
void text_pct_encode(struct buf *b, const char *s);
/* The same keeping the characters of keep as they are ("/" for a path). */
void text_pct_encode_keep(struct buf *b, const char *s, const char *keep);
/* The same into the arena. */
const char *text_pct(struct arena *a, const char *s);

#endif
