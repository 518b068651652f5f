/*
 * Unit tests of the Markdown renderer (src/web/markdown.c): escaping of
 * text and raw HTML, links and images filtered by scheme after entity
 * decoding, headings one level down, tables with classes, the text
 * rendering used by the search index, and input md4c must never see.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/buf.h"
#include "web/markdown.h"

static char *
html_of(struct buf *b, const char *md)
{
	b->len = 0;
	assert_int_equal(markdown_html(b, md, strlen(md)), 0);
	buf_putc(b, '\0');
	return b->p;
}

static char *
text_of(struct buf *b, const char *md)
{
	b->len = 0;
	assert_int_equal(markdown_text(b, md, strlen(md)), 0);
	buf_putc(b, '\0');
	return b->p;
}

static void
test_markdown_basics(void **state)
{
	(void)state;
	struct buf b = {0};
	assert_string_equal(html_of(&b, "# Title\n\nSome **bold** and _em_ and `a<b`.\n"),
	                    "<h2>Title</h2><p>Some <strong>bold</strong> and <em>em</em> and "
	                    "<code>a&lt;b</code>.</p>");
	assert_string_equal(html_of(&b, "###### six\n"), "<h6>six</h6>");
	assert_string_equal(html_of(&b, "3. a\n4. b\n"),
	                    "<ol start=\"3\"><li>a</li><li>b</li></ol>");
	assert_string_equal(
	    html_of(&b, "- [x] done\n- [ ] todo\n"),
	    "<ul><li class=\"md-task\">☑ done</li><li class=\"md-task\">☐ todo</li></ul>");
	assert_string_equal(html_of(&b, "| a | b |\n|:---|---:|\n| 1 | 2 |\n"),
	                    "<div class=\"table-wrap md-table\"><table class=\"table\"><thead><tr>"
	                    "<th scope=\"col\" class=\"al-left\">a</th><th scope=\"col\" "
	                    "class=\"al-right\">b</th></tr></thead><tbody><tr><td "
	                    "class=\"al-left\">1</td><td class=\"al-right\">2</td></tr></tbody>"
	                    "</table></div>");
	buf_free(&b);
}

static void
test_markdown_raw_html_is_text(void **state)
{
	(void)state;
	struct buf b = {0};
	assert_string_equal(html_of(&b, "<script>alert(1)</script>\n"),
	                    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>");
	assert_string_equal(html_of(&b, "a <img src=x onerror=alert(1)> b\n"),
	                    "<p>a &lt;img src=x onerror=alert(1)&gt; b</p>");
	assert_string_equal(html_of(&b, "```\n<b>\"x\"</b>\n```\n"),
	                    "<pre><code>&lt;b&gt;&quot;x&quot;&lt;/b&gt;\n</code></pre>");
	buf_free(&b);
}

static void
test_markdown_links(void **state)
{
	(void)state;
	struct buf b = {0};
	assert_string_equal(
	    html_of(&b, "[a](https://x.example/?q=1&r=\"2\" \"T\")\n"),
	    "<p><a rel=\"noopener noreferrer\" href=\"https://x.example/?q=1&amp;r=&quot;2&quot;\" "
	    "title=\"T\">a</a></p>");
	assert_string_equal(html_of(&b, "[a](javascript:alert(1))\n"),
	                    "<p><span class=\"md-link-refused\">a</span></p>");
	assert_string_equal(html_of(&b, "[a](&#106;avascript:alert(1))\n"),
	                    "<p><span class=\"md-link-refused\">a</span></p>");
	assert_string_equal(html_of(&b, "[a](JaVaScRiPt&#58;alert(1))\n"),
	                    "<p><span class=\"md-link-refused\">a</span></p>");
	assert_string_equal(html_of(&b, "[a](data:text/html,x) [b](//evil.example/)\n"),
	                    "<p><span class=\"md-link-refused\">a</span> <span "
	                    "class=\"md-link-refused\">b</span></p>");
	assert_string_equal(html_of(&b, "<javascript:alert(1)>\n"),
	                    "<p><span class=\"md-link-refused\">javascript:alert(1)</span></p>");
	assert_string_equal(html_of(&b, "see www.example.org\n"),
	                    "<p>see <a rel=\"noopener noreferrer\" "
	                    "href=\"http://www.example.org\">www.example.org</a></p>");
	assert_string_equal(
	    html_of(&b, "[r](/knowledge/KB0000001)\n"),
	    "<p><a rel=\"noopener noreferrer\" href=\"/knowledge/KB0000001\">r</a></p>");
	buf_free(&b);
}

static void
test_markdown_images(void **state)
{
	(void)state;
	struct buf b = {0};
	assert_string_equal(html_of(&b, "![alt *x*](/static/a.png \"t\\\" onerror=\\\"y\")\n"),
	                    "<p><img src=\"/static/a.png\" alt=\"alt x\" title=\"t&quot; "
	                    "onerror=&quot;y\" loading=\"lazy\"></p>");
	assert_string_equal(
	    html_of(&b, "![remote](https://x.example/i.png)\n"),
	    "<p><a rel=\"noopener noreferrer\" href=\"https://x.example/i.png\">remote</a></p>");
	assert_string_equal(html_of(&b, "![bad](javascript:alert(1))\n"), "<p>bad</p>");
	buf_free(&b);
}

static void
test_markdown_entities_and_controls(void **state)
{
	(void)state;
	struct buf b = {0};
	assert_string_equal(html_of(&b, "&amp; &lt; &#x41; &#0; &#x110000; &bogus;\n"),
	                    "<p>&amp; &lt; A \xef\xbf\xbd \xef\xbf\xbd &amp;bogus;</p>");
	/* NUL, controls and broken UTF-8 never reach md4c. */
	static const char bad[] = "a\0b\x01"
	                          "c\xff"
	                          "d\xc2\x85"
	                          "e\n";
	b.len = 0;
	assert_int_equal(markdown_html(&b, bad, sizeof(bad) - 1), 0);
	buf_putc(&b, '\0');
	assert_string_equal(b.p, "<p>a\xef\xbf\xbd"
	                         "b\xef\xbf\xbd"
	                         "c\xef\xbf\xbd"
	                         "d\xef\xbf\xbd"
	                         "e</p>");
	buf_free(&b);
}

static void
test_markdown_text(void **state)
{
	(void)state;
	struct buf b = {0};
	assert_string_equal(text_of(&b, "# パスワード\n\n**太字**の[リンク](https://x.example)と"
	                                "![画像](/a.png)\n\n- one\n- two\n"),
	                    "パスワード 太字のリンクと画像 one two");
	assert_string_equal(text_of(&b, "a &amp; <b>\n"), "a & <b>");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_markdown_basics),
	    cmocka_unit_test(test_markdown_raw_html_is_text),
	    cmocka_unit_test(test_markdown_links),
	    cmocka_unit_test(test_markdown_images),
	    cmocka_unit_test(test_markdown_entities_and_controls),
	    cmocka_unit_test(test_markdown_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
