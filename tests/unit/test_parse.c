/*
 * Unit tests of the request decoders (src/http/parse.c): url_decode,
 * parse_urlencoded with params_get/params_count, parse_cookies, parse_path,
 * parse_id, parse_date and utf8_valid.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"
#include "http/parse.h"

static int
setup_arena(void **state)
{
	*state = arena_new();
	return 0;
}

static int
teardown_arena(void **state)
{
	arena_free(*state);
	return 0;
}

/* url_decode of a C string. */
static char *
dec(struct arena *a, const char *s, bool plus, size_t *outlen)
{
	return url_decode(a, s, strlen(s), plus, outlen);
}

static void
test_parse_url_decode_plain(void **state)
{
	struct arena *a = *state;
	size_t n = 99;
	char *s = dec(a, "", true, &n);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(n, 0);

	s = dec(a, "hello", true, &n);
	assert_string_equal(s, "hello");
	assert_int_equal(n, 5);

	/* outlen may be NULL. */
	assert_string_equal(dec(a, "x", false, NULL), "x");

	/* Only len bytes are read. */
	s = url_decode(a, "abc%41", 3, false, &n);
	assert_string_equal(s, "abc");
	assert_int_equal(n, 3);
}

static void
test_parse_url_decode_plus(void **state)
{
	struct arena *a = *state;
	assert_string_equal(dec(a, "a+b+", true, NULL), "a b ");
	assert_string_equal(dec(a, "a+b+", false, NULL), "a+b+");
	/* An escaped plus stays a plus either way. */
	assert_string_equal(dec(a, "a%2Bb", true, NULL), "a+b");
	assert_string_equal(dec(a, "a%2bb", false, NULL), "a+b");
	assert_string_equal(dec(a, "%20", false, NULL), " ");
}

static void
test_parse_url_decode_hex(void **state)
{
	struct arena *a = *state;
	size_t n;
	assert_string_equal(dec(a, "%41%42", false, &n), "AB");
	assert_int_equal(n, 2);
	assert_string_equal(dec(a, "%4a%4A", false, NULL), "JJ");
	assert_string_equal(dec(a, "%7e%7E", false, NULL), "~~");
	assert_string_equal(dec(a, "%25", false, NULL), "%");
	/* No double decoding. */
	assert_string_equal(dec(a, "%2541", false, NULL), "%41");
	char *s = dec(a, "%E6%97%A5%e6%9c%ac", false, &n);
	assert_string_equal(s, "日本");
	assert_int_equal(n, 6);
}

static void
test_parse_url_decode_malformed(void **state)
{
	struct arena *a = *state;
	static const char *const bad[] = {
	    "%", "%4", "a%", "a%4", "%%", "%zz", "%4g", "%g4", "%-1", "% 1", "%+1", "%0x",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (dec(a, bad[i], true, NULL) != NULL)
			fail_msg("url_decode accepted \"%s\"", bad[i]);
	}
	/* A truncated escape at the end of the given length, though more follows. */
	assert_null(url_decode(a, "%41", 2, false, NULL));
}

static void
test_parse_url_decode_nul(void **state)
{
	struct arena *a = *state;
	assert_null(dec(a, "%00", false, NULL));
	assert_null(dec(a, "a%00b", true, NULL));
	/* A raw NUL inside the given length. */
	assert_null(url_decode(a, "a\0b", 3, false, NULL));
}

static void
test_parse_url_decode_utf8(void **state)
{
	struct arena *a = *state;
	static const char *const bad[] = {
	    "%C0%80",       /* overlong NUL */
	    "%C1%BF",       /* overlong */
	    "%E0%80%80",    /* overlong, 3 bytes */
	    "%E0%9F%BF",    /* overlong U+07FF */
	    "%F0%80%80%80", /* overlong, 4 bytes */
	    "%F0%8F%BF%BF", /* overlong U+FFFF */
	    "%ED%A0%80",    /* surrogate U+D800 */
	    "%ED%BF%BF",    /* surrogate U+DFFF */
	    "%F4%90%80%80", /* U+110000 */
	    "%F5%80%80%80", /* beyond Unicode */
	    "%FF",          /* never valid */
	    "%80",          /* lone continuation */
	    "%E6%97",       /* truncated */
	    "%E6%97x",      /* bad continuation */
	    "\xE6\x97",     /* raw and truncated */
	    "\xC3\x28",     /* raw, bad continuation */
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (dec(a, bad[i], false, NULL) != NULL)
			fail_msg("url_decode accepted invalid UTF-8 #%zu", i);
	}
	/* Edges that are valid. */
	assert_non_null(dec(a, "%C2%80", false, NULL));       /* U+0080 */
	assert_non_null(dec(a, "%ED%9F%BF", false, NULL));    /* U+D7FF */
	assert_non_null(dec(a, "%EE%80%80", false, NULL));    /* U+E000 */
	assert_non_null(dec(a, "%F0%90%80%80", false, NULL)); /* U+10000 */
	assert_non_null(dec(a, "%F4%8F%BF%BF", false, NULL)); /* U+10FFFF */
	assert_string_equal(dec(a, "\xE6\x97\xA5", false, NULL), "日");
}

static void
test_parse_urlencoded_empty(void **state)
{
	struct arena *a = *state;
	struct params p = {.n = 99};
	assert_int_equal(parse_urlencoded(a, "", 0, &p), 0);
	assert_int_equal(p.n, 0);
	assert_null(params_get(&p, "a"));
	assert_int_equal(params_count(&p, "a"), 0);

	assert_int_equal(parse_urlencoded(a, "&&&", 3, &p), 0);
	assert_int_equal(p.n, 0);
}

static void
test_parse_urlencoded_pairs(void **state)
{
	struct arena *a = *state;
	struct params p;
	assert_int_equal(parse_urlencoded(a, "a", 1, &p), 0);
	assert_int_equal(p.n, 1);
	assert_string_equal(p.v[0].key, "a");
	assert_string_equal(p.v[0].val, "");
	assert_int_equal(p.v[0].vlen, 0);

	assert_int_equal(parse_urlencoded(a, "a=", 2, &p), 0);
	assert_int_equal(p.n, 1);
	assert_string_equal(params_get(&p, "a"), "");

	const char *s = "a=1&&b=2&";
	assert_int_equal(parse_urlencoded(a, s, strlen(s), &p), 0);
	assert_int_equal(p.n, 2);
	assert_string_equal(params_get(&p, "a"), "1");
	assert_string_equal(params_get(&p, "b"), "2");
	assert_null(params_get(&p, "c"));

	s = "na+me=J%C3%B6rg+M%C3%BCller&x=a%3Db%26c&y=b=c";
	assert_int_equal(parse_urlencoded(a, s, strlen(s), &p), 0);
	assert_int_equal(p.n, 3);
	assert_string_equal(params_get(&p, "na me"), "Jörg Müller");
	assert_int_equal(p.v[0].vlen, strlen("Jörg Müller"));
	assert_string_equal(params_get(&p, "x"), "a=b&c");
	assert_string_equal(params_get(&p, "y"), "b=c");

	/* Only len bytes are read. */
	assert_int_equal(parse_urlencoded(a, "a=1&b=2", 3, &p), 0);
	assert_int_equal(p.n, 1);
	assert_null(params_get(&p, "b"));
}

static void
test_parse_urlencoded_refusals(void **state)
{
	struct arena *a = *state;
	static const char *const bad[] = {
	    "=b", "a=1&=b", "=", "a=%zz", "%zz=1", "a=%00", "a=%C0%80", "a%=1",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct params p = {.n = 99};
		if (parse_urlencoded(a, bad[i], strlen(bad[i]), &p) != -1)
			fail_msg("parse_urlencoded accepted \"%s\"", bad[i]);
		/* out is then empty. */
		assert_int_equal(p.n, 0);
	}
}

static void
test_parse_urlencoded_repeated(void **state)
{
	struct arena *a = *state;
	struct params p;
	const char *s = "csrf=x&a=1&csrf=y&a=2&a=3";
	assert_int_equal(parse_urlencoded(a, s, strlen(s), &p), 0);
	assert_int_equal(p.n, 5);
	assert_string_equal(params_get(&p, "a"), "1");
	assert_string_equal(params_get(&p, "csrf"), "x");
	assert_int_equal(params_count(&p, "a"), 3);
	assert_int_equal(params_count(&p, "csrf"), 2);
	assert_int_equal(params_count(&p, "b"), 0);
	/* Keys are compared whole. */
	assert_int_equal(params_count(&p, "cs"), 0);
	assert_int_equal(params_count(&p, "csrfx"), 0);
}

/* "k0=v&k1=v&..." with n pairs. */
static void
make_pairs(struct buf *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%sk%zu=v", i ? "&" : "", i);
}

static void
test_parse_urlencoded_max_params(void **state)
{
	struct arena *a = *state;
	struct buf b = {0};
	struct params p;
	make_pairs(&b, PARSE_MAX_PARAMS);
	assert_int_equal(parse_urlencoded(a, b.p, b.len, &p), 0);
	assert_int_equal(p.n, PARSE_MAX_PARAMS);
	assert_string_equal(params_get(&p, "k255"), "v");
	buf_free(&b);

	make_pairs(&b, PARSE_MAX_PARAMS + 1);
	p.n = 99;
	assert_int_equal(parse_urlencoded(a, b.p, b.len, &p), -1);
	assert_int_equal(p.n, 0);
	buf_free(&b);

	make_pairs(&b, 10000);
	assert_int_equal(parse_urlencoded(a, b.p, b.len, &p), -1);
	assert_int_equal(p.n, 0);
	buf_free(&b);
}

static void
test_parse_cookies_basic(void **state)
{
	struct arena *a = *state;
	struct params p;
	parse_cookies(a, "a=1; b=2;c=3", &p);
	assert_int_equal(p.n, 3);
	assert_string_equal(params_get(&p, "a"), "1");
	assert_string_equal(params_get(&p, "b"), "2");
	assert_string_equal(params_get(&p, "c"), "3");
	assert_int_equal(p.v[0].vlen, 1);

	parse_cookies(a, "", &p);
	assert_int_equal(p.n, 0);

	parse_cookies(a, "sid=", &p);
	assert_int_equal(p.n, 1);
	assert_string_equal(params_get(&p, "sid"), "");
}

static void
test_parse_cookies_spaces(void **state)
{
	struct arena *a = *state;
	struct params p;
	parse_cookies(a, "  a=1 ;\tb=2\t;;  ; c=x=y  ", &p);
	assert_int_equal(p.n, 3);
	assert_string_equal(params_get(&p, "a"), "1");
	assert_string_equal(params_get(&p, "b"), "2");
	assert_string_equal(params_get(&p, "c"), "x=y");
	assert_int_equal(p.v[2].vlen, 3);

	/* Spaces before '=' are trimmed from the name. */
	parse_cookies(a, "a =1", &p);
	assert_int_equal(p.n, 1);
	assert_string_equal(params_get(&p, "a"), "1");
}

static void
test_parse_cookies_quotes(void **state)
{
	struct arena *a = *state;
	struct params p;
	parse_cookies(a, "a=\"quoted\"; b=\"\"; c=\"x", &p);
	assert_int_equal(p.n, 2);
	assert_string_equal(params_get(&p, "a"), "quoted");
	assert_int_equal(p.v[0].vlen, 6);
	assert_string_equal(params_get(&p, "b"), "");
	/* A lone quote is not a cookie-octet. */
	assert_null(params_get(&p, "c"));
}

static void
test_parse_cookies_invalid_skipped(void **state)
{
	struct arena *a = *state;
	struct params p;
	parse_cookies(a,
	              "bad1=x,y; ok1=1; bad2=a b; bad3=x\\y; bad4=\xc3\xa9; ok2=2; b@d=1; "
	              "b d=1; =nameless; bad5=\x01; ok3=3",
	              &p);
	assert_int_equal(p.n, 3);
	assert_string_equal(params_get(&p, "ok1"), "1");
	assert_string_equal(params_get(&p, "ok2"), "2");
	assert_string_equal(params_get(&p, "ok3"), "3");
	for (size_t i = 0; i < p.n; i++)
		assert_memory_equal(p.v[i].key, "ok", 2);
}

static void
test_parse_cookies_missing_eq(void **state)
{
	struct arena *a = *state;
	struct params p;
	parse_cookies(a, "flag; a=1; other; b=2; last", &p);
	assert_int_equal(p.n, 2);
	assert_string_equal(params_get(&p, "a"), "1");
	assert_string_equal(params_get(&p, "b"), "2");
	assert_null(params_get(&p, "flag"));

	parse_cookies(a, "noequals", &p);
	assert_int_equal(p.n, 0);
	parse_cookies(a, ";;;", &p);
	assert_int_equal(p.n, 0);
}

static void
test_parse_cookies_null(void **state)
{
	struct arena *a = *state;
	struct params p = {.n = 99};
	parse_cookies(a, NULL, &p);
	assert_int_equal(p.n, 0);
	assert_null(p.v);
	assert_null(params_get(&p, "a"));
}

static void
test_parse_cookies_many(void **state)
{
	struct arena *a = *state;
	struct buf b = {0};
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "c%d=%d; ", i, i);
	struct params p;
	parse_cookies(a, b.p, &p);
	assert_int_equal(p.n, PARSE_MAX_PARAMS);
	assert_string_equal(params_get(&p, "c0"), "0");
	buf_free(&b);
}

/* parse_path of a C string. */
static char *
path(struct arena *a, const char *s)
{
	return parse_path(a, s, strlen(s));
}

static void
test_parse_path_ok(void **state)
{
	struct arena *a = *state;
	assert_string_equal(path(a, "/"), "/");
	assert_string_equal(path(a, "/a/b"), "/a/b");
	assert_string_equal(path(a, "/a/b/"), "/a/b/");
	assert_string_equal(path(a, "/%E6%97%A5"), "/日");
	assert_string_equal(path(a, "/a+b"), "/a+b");
	assert_string_equal(path(a, "/a%20b"), "/a b");
	/* Dots that are not whole segments are names. */
	assert_string_equal(path(a, "/.well-known/x"), "/.well-known/x");
	assert_string_equal(path(a, "/..."), "/...");
	assert_string_equal(path(a, "/a./b.."), "/a./b..");
	assert_string_equal(path(a, "/a/.x/..y"), "/a/.x/..y");
}

static void
test_parse_path_refusals(void **state)
{
	struct arena *a = *state;
	static const char *const bad[] = {
	    "",           "a",      "a/b",       "/..",     "/.",       "/a/../b",
	    "/./",        "/a/./b", "/a/.",      "/a/..",   "/a\\b",    "\\a",
	    "/%5C",       "/%5c..", "/%2e%2e/x", "/%2E%2E", "/a/%2e/b", "/.%2e/",
	    "/%00",       "/a%00b", "/%",        "/%4",     "/%zz",     "/%C0%AE%C0%AE/",
	    "/%ED%A0%80", "/\xff",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		char *p = path(a, bad[i]);
		if (p)
			fail_msg("parse_path accepted \"%s\" as \"%s\"", bad[i], p);
	}
	/* A NUL within the raw bytes. */
	assert_null(parse_path(a, "/a\0b", 4));
}

static void
test_parse_id(void **state)
{
	(void)state;
	int64_t v = -7;
	assert_int_equal(parse_id("1", &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(parse_id("42", &v), 0);
	assert_int_equal(v, 42);
	assert_int_equal(parse_id("9223372036854775799", &v), 0);
	assert_true(v == INT64_C(9223372036854775799));

	static const char *const bad[] = {
	    "",
	    "0",
	    "00",
	    "01",
	    "-1",
	    "+1",
	    " 1",
	    "1 ",
	    "1a",
	    "a1",
	    "1.",
	    "1e3",
	    "0x1",
	    "١",
	    "9223372036854775808",
	    "99999999999999999999999",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		v = -7;
		if (parse_id(bad[i], &v) != -1)
			fail_msg("parse_id accepted \"%s\"", bad[i]);
		/* out is left alone. */
		assert_int_equal(v, -7);
	}
	assert_int_equal(parse_id(NULL, &v), -1);
}

static void
test_parse_utf8_valid(void **state)
{
	(void)state;
#define U(s) ((const unsigned char *)(s)), (sizeof(s) - 1)
	assert_true(utf8_valid(U("")));
	assert_true(utf8_valid(U("ascii ~\x7f")));
	assert_true(utf8_valid(U("a\0b"))); /* NUL is valid UTF-8; url_decode refuses it */
	assert_true(utf8_valid(U("日本語")));
	assert_true(utf8_valid(U("\xc3\xa9")));
	assert_true(utf8_valid(U("\xc2\x80")));
	assert_true(utf8_valid(U("\xdf\xbf")));
	assert_true(utf8_valid(U("\xe0\xa0\x80")));
	assert_true(utf8_valid(U("\xed\x9f\xbf")));
	assert_true(utf8_valid(U("\xee\x80\x80")));
	assert_true(utf8_valid(U("\xef\xbf\xbf")));
	assert_true(utf8_valid(U("\xf0\x90\x80\x80")));
	assert_true(utf8_valid(U("\xf0\x9f\x98\x80")));
	assert_true(utf8_valid(U("\xf4\x8f\xbf\xbf")));

	assert_false(utf8_valid(U("\x80")));
	assert_false(utf8_valid(U("\xbf")));
	assert_false(utf8_valid(U("\xc0\x80")));
	assert_false(utf8_valid(U("\xc1\xbf")));
	assert_false(utf8_valid(U("\xc3")));
	assert_false(utf8_valid(U("\xc3\x28")));
	assert_false(utf8_valid(U("\xc3\xc3\xa9")));
	assert_false(utf8_valid(U("\xe0\x80\x80")));
	assert_false(utf8_valid(U("\xe0\x9f\xbf")));
	assert_false(utf8_valid(U("\xed\xa0\x80")));
	assert_false(utf8_valid(U("\xed\xbf\xbf")));
	assert_false(utf8_valid(U("\xe6\x97")));
	assert_false(utf8_valid(U("\xf0\x80\x80\x80")));
	assert_false(utf8_valid(U("\xf0\x8f\xbf\xbf")));
	assert_false(utf8_valid(U("\xf4\x90\x80\x80")));
	assert_false(utf8_valid(U("\xf5\x80\x80\x80")));
	assert_false(utf8_valid(U("\xf8\x88\x80\x80\x80")));
	assert_false(utf8_valid(U("\xfe")));
	assert_false(utf8_valid(U("\xff")));
	assert_false(utf8_valid(U("ok\xf0\x9f\x98")));
#undef U
	/* Only len bytes are checked. */
	assert_true(utf8_valid((const unsigned char *)"ab\xff", 2));
	assert_false(utf8_valid((const unsigned char *)"\xe6\x97\xa5", 2));
}

static void
test_parse_date(void **state)
{
	(void)state;
	static const char *const good[] = {"1970-01-01", "2026-11-26", "2024-02-29",
	                                   "2000-02-29", "9999-12-31", "2026-04-30"};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++)
		assert_true(parse_date(good[i]));
	static const char *const bad[] = {
	    NULL,         "",           "2026-1-01",     "2026-01-1",   "2026/01/01",
	    "1969-12-31", "2026-00-10", "2026-13-01",    "2026-01-00",  "2026-01-32",
	    "2026-02-29", "1900-02-29", "2026-04-31",    "2026-01-01 ", " 2026-01-01",
	    "2026-01-0a", "+026-01-01", "2026-01-01T00",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_false(parse_date(bad[i]));
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup_arena, teardown_arena)
	const struct CMUnitTest tests[] = {
	    T(test_parse_url_decode_plain),
	    T(test_parse_url_decode_plus),
	    T(test_parse_url_decode_hex),
	    T(test_parse_url_decode_malformed),
	    T(test_parse_url_decode_nul),
	    T(test_parse_url_decode_utf8),
	    T(test_parse_urlencoded_empty),
	    T(test_parse_urlencoded_pairs),
	    T(test_parse_urlencoded_refusals),
	    T(test_parse_urlencoded_repeated),
	    T(test_parse_urlencoded_max_params),
	    T(test_parse_cookies_basic),
	    T(test_parse_cookies_spaces),
	    T(test_parse_cookies_quotes),
	    T(test_parse_cookies_invalid_skipped),
	    T(test_parse_cookies_missing_eq),
	    T(test_parse_cookies_null),
	    T(test_parse_cookies_many),
	    T(test_parse_path_ok),
	    T(test_parse_path_refusals),
	    T(test_parse_id),
	    T(test_parse_date),
	    T(test_parse_utf8_valid),
	};
#undef T
	return cmocka_run_group_tests(tests, NULL, NULL);
}
