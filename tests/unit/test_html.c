/*
 * Unit tests of the HTML writer (src/web/html.c): text and attribute
 * escaping, the URL scheme filter of html_attr_url, percent-encoding of URL
 * components and html_textf.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "web/html.h"

/* The output of one writer call, as a string the test owns in the buf. */
static void
assert_buf(struct buf *b, const char *want)
{
	assert_non_null(b->p);
	assert_int_equal(b->len, strlen(want));
	assert_memory_equal(b->p, want, b->len);
	assert_int_equal(b->p[b->len], '\0');
}

static void
test_html_text_escapes(void **state)
{
	(void)state;
	struct buf b = {0};
	html_text(&b, "a & b < c > d \" e ' f");
	assert_buf(&b, "a &amp; b &lt; c &gt; d &quot; e &#39; f");
	buf_free(&b);

	html_text(&b, "<script>alert('x')</script>");
	assert_buf(&b, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
	buf_free(&b);

	/* Already-escaped text is escaped again: the writer never trusts data. */
	html_text(&b, "&amp;");
	assert_buf(&b, "&amp;amp;");
	buf_free(&b);
}

static void
test_html_text_plain_and_utf8(void **state)
{
	(void)state;
	struct buf b = {0};
	html_text(&b, "plain text 日本語");
	assert_buf(&b, "plain text 日本語");
	buf_free(&b);

	html_text(&b, "");
	assert_int_equal(b.len, 0);
	buf_free(&b);

	/* NULL writes nothing. */
	html_text(&b, NULL);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
test_html_textn_embedded_bytes(void **state)
{
	(void)state;
	struct buf b = {0};
	static const char in[] = {'a', '\0', '<', 'b', '\0', '&'};
	html_textn(&b, in, sizeof(in));
	static const char want[] = "a\0&lt;b\0&amp;";
	assert_int_equal(b.len, sizeof(want) - 1);
	assert_memory_equal(b.p, want, sizeof(want) - 1);
	buf_free(&b);

	/* Only the first n bytes are written. */
	html_textn(&b, "<>&", 2);
	assert_buf(&b, "&lt;&gt;");
	buf_free(&b);

	html_textn(&b, "x", 0);
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
test_html_textn_long(void **state)
{
	(void)state;
	/* Many escapes in a long run: the buffer grows past its reserve. */
	char in[3000];
	for (size_t i = 0; i < sizeof(in); i++)
		in[i] = (i % 3 == 0) ? '&' : 'x';
	struct buf b = {0};
	html_textn(&b, in, sizeof(in));
	assert_int_equal(b.len, 1000 * 5 + 2000);
	assert_memory_equal(b.p, "&amp;xx&amp;xx", 14);
	assert_memory_equal(b.p + b.len - 7, "&amp;xx", 7);
	buf_free(&b);
}

static void
test_html_attr(void **state)
{
	(void)state;
	struct buf b = {0};
	html_attr(&b, "title", "a\"b'c<d>&");
	assert_buf(&b, " title=\"a&quot;b&#39;c&lt;d&gt;&amp;\"");
	buf_free(&b);

	/* Breaking out of the attribute is impossible. */
	html_attr(&b, "value", "\" onmouseover=\"alert(1)");
	assert_buf(&b, " value=\"&quot; onmouseover=&quot;alert(1)\"");
	buf_free(&b);

	html_attr(&b, "value", NULL);
	assert_buf(&b, " value=\"\"");
	buf_free(&b);
}

static void
test_html_attr_url_refuses(void **state)
{
	(void)state;
	static const char *const bad[] = {
	    "javascript:alert(1)",
	    "JaVaScRiPt:alert(1)",
	    " javascript:alert(1)",
	    "\x01javascript:alert(1)",
	    "java\tscript:alert(1)",
	    "java\nscript:alert(1)",
	    "java\rscript:alert(1)",
	    "javascript\x7f:alert(1)",
	    "data:text/html;base64,PHNjcmlwdD4=",
	    "DATA:text/html,x",
	    "vbscript:msgbox(1)",
	    "//evil.example",
	    "//evil.example/path",
	    "/\\evil.example",
	    "\\\\evil.example",
	    "https:evil.example",
	    "http:/evil.example",
	    "ftp://example.com/",
	    "",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct buf b = {0};
		assert_false(html_url_safe(bad[i]));
		html_attr_url(&b, "href", bad[i]);
		if (strcmp(b.p, " href=\"#\"") != 0)
			fail_msg("html_attr_url accepted \"%s\": %s", bad[i], b.p);
		buf_free(&b);
	}
	assert_false(html_url_safe(NULL));
	struct buf b = {0};
	html_attr_url(&b, "href", NULL);
	assert_buf(&b, " href=\"#\"");
	buf_free(&b);
}

static void
test_html_attr_url_accepts(void **state)
{
	(void)state;
	static const char *const good[] = {
	    "/",
	    "/x",
	    "/services/12?tab=a",
	    "?a=1",
	    "#x",
	    "#",
	    "https://example.com/",
	    "HTTPS://example.com/",
	    "http://example.com/a?b=c",
	    "mailto:someone@example.com",
	    "MailTo:someone@example.com",
	};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		if (!html_url_safe(good[i]))
			fail_msg("html_url_safe refused \"%s\"", good[i]);
	}

	struct buf b = {0};
	html_attr_url(&b, "href", "/x");
	assert_buf(&b, " href=\"/x\"");
	buf_free(&b);

	/* Accepted URLs are still escaped as attribute values. */
	html_attr_url(&b, "href", "/search?q=a&b=\"c\"");
	assert_buf(&b, " href=\"/search?q=a&amp;b=&quot;c&quot;\"");
	buf_free(&b);

	html_attr_url(&b, "href", "https://example.com/?a=1&b=2");
	assert_buf(&b, " href=\"https://example.com/?a=1&amp;b=2\"");
	buf_free(&b);
}

static void
test_html_url_component(void **state)
{
	(void)state;
	struct buf b = {0};
	html_url_component(&b, "日本");
	assert_buf(&b, "%E6%97%A5%E6%9C%AC");
	buf_free(&b);

	html_url_component(&b, "a b&c=d/e?f#g+h%i");
	assert_buf(&b, "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25i");
	buf_free(&b);

	/* RFC 3986 unreserved characters pass as they are. */
	html_url_component(&b, "AZaz09-._~");
	assert_buf(&b, "AZaz09-._~");
	buf_free(&b);

	html_url_component(&b, "\"<>'\x01\x7f");
	assert_buf(&b, "%22%3C%3E%27%01%7F");
	buf_free(&b);

	html_url_component(&b, NULL);
	html_url_component(&b, "");
	assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
test_html_textf(void **state)
{
	(void)state;
	struct buf b = {0};
	html_textf(&b, "%d items for <%s>", 3, "a&b");
	assert_buf(&b, "3 items for &lt;a&amp;b&gt;");
	buf_free(&b);

	/* Longer than html_textf's stack buffer (512 bytes). */
	char big[2000];
	memset(big, '<', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	html_textf(&b, "[%s]", big);
	assert_int_equal(b.len, 2 + 4 * (sizeof(big) - 1));
	assert_memory_equal(b.p, "[&lt;&lt;", 9);
	assert_memory_equal(b.p + b.len - 5, "&lt;]", 5);
	buf_free(&b);

	/* Exactly at the edge of the stack buffer. */
	char edge[513];
	memset(edge, 'x', sizeof(edge) - 1);
	edge[sizeof(edge) - 1] = '\0';
	html_textf(&b, "%s", edge);
	assert_int_equal(b.len, 512);
	assert_memory_equal(b.p, edge, 512);
	buf_free(&b);
}

static void
test_html_int_and_lit(void **state)
{
	(void)state;
	struct buf b = {0};
	html_int(&b, -42);
	html_lit(&b, "<br>");
	html_int(&b, INT64_MAX);
	assert_buf(&b, "-42<br>9223372036854775807");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_html_text_escapes),
	    cmocka_unit_test(test_html_text_plain_and_utf8),
	    cmocka_unit_test(test_html_textn_embedded_bytes),
	    cmocka_unit_test(test_html_textn_long),
	    cmocka_unit_test(test_html_attr),
	    cmocka_unit_test(test_html_attr_url_refuses),
	    cmocka_unit_test(test_html_attr_url_accepts),
	    cmocka_unit_test(test_html_url_component),
	    cmocka_unit_test(test_html_textf),
	    cmocka_unit_test(test_html_int_and_lit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
