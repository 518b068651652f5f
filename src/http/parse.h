/*
 * Decoders of what a client sends: URL paths, query strings and form bodies
 * (application/x-www-form-urlencoded), and Cookie headers. They are written
 * here rather than taken from the HTTP library so that every value is
 * checked the same way (valid UTF-8, no NUL, bounded counts) before any
 * handler sees it. Fuzzed by tests/fuzz/fuzz_{form,query,cookie,path}.c.
 */
#ifndef MADOGUCHI_HTTP_PARSE_H
#define MADOGUCHI_HTTP_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/text.h" /* utf8_valid, used with every decoder */

struct arena;

struct param {
	const char *key;
	const char *val;
	size_t vlen;
};

struct params {
	struct param *v;
	size_t n;
};

#define PARSE_MAX_PARAMS 256

/*
 * Percent-decodes s[0..len) into a new arena string; plus_space turns '+'
 * into ' ' (query strings and forms). Returns NULL for a malformed escape,
 * a NUL byte or invalid UTF-8.
 */
char *url_decode(struct arena *a, const char *s, size_t len, bool plus_space, size_t *outlen);

/*
 * Splits "k=v&k2=v2" into decoded pairs. Returns 0, or -1 for a malformed
 * pair or more than PARSE_MAX_PARAMS pairs (out is then empty).
 */
int parse_urlencoded(struct arena *a, const char *s, size_t len, struct params *out);

/* Splits a Cookie header ("a=1; b=2"); malformed pieces are skipped. */
void parse_cookies(struct arena *a, const char *header, struct params *out);

/*
 * Decodes a request path: percent escapes, then refuses NUL, invalid UTF-8,
 * "." and ".." segments, and backslashes. Returns NULL when refused.
 */
char *parse_path(struct arena *a, const char *raw, size_t len);

/* The first value of key, or NULL. */
const char *params_get(const struct params *p, const char *key);
/* How many times key occurs (forms that send a field twice are refused). */
size_t params_count(const struct params *p, const char *key);

/* A positive decimal id without sign, spaces or leading zeros; 0 or -1. */
int parse_id(const char *s, int64_t *out);

/* True for exactly "YYYY-MM-DD" (what a date input sends) naming a real day of 1970–9999. */
bool parse_date(const char *s);

#endif
