/*
 * Unit tests of replies by e-mail: the reply token (made, verified,
 * refused when altered or signed with another key), the reply address,
 * quoted history and signatures stripped (English and Japanese mailers,
 * Outlook), the HTML body's text, and how automatic messages and our own
 * mails coming back are told from a person's reply.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "app.h"
#include "core/arena.h"
#include "mail/inbound.h"
#include "mail/quote.h"
#include "mail/reply_token.h"

static const unsigned char key[32] = "0123456789abcdef0123456789abcdef";
static const unsigned char other_key[32] = "fedcba9876543210fedcba9876543210";

static void
test_token_round_trip(void **state)
{
	(void)state;
	char t[REPLY_TOKEN_MAX];
	int64_t c = 0, u = 0;
	assert_int_equal(reply_token_make(key, 1234, 56, t), 0);
	assert_true(strncmp(t, "1234-56-", 8) == 0);
	assert_int_equal(strlen(t), 8 + 16);
	assert_int_equal(reply_token_check(key, t, &c, &u), 0);
	assert_int_equal(c, 1234);
	assert_int_equal(u, 56);
	/* A server that upper-cases the local part changes nothing. */
	for (char *p = t; *p; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	assert_int_equal(reply_token_check(key, t, &c, &u), 0);
	assert_int_equal(reply_token_make(key, 0, 5, t), -1);
}

static void
test_token_tampering_is_refused(void **state)
{
	(void)state;
	char t[REPLY_TOKEN_MAX], bad[REPLY_TOKEN_MAX + 8];
	int64_t c, u;
	assert_int_equal(reply_token_make(key, 1234, 56, t), 0);
	/* Another case, another user, one character of the MAC, another key. */
	snprintf(bad, sizeof(bad), "1235%s", t + 4);
	assert_int_equal(reply_token_check(key, bad, &c, &u), -1);
	snprintf(bad, sizeof(bad), "1234-57%s", t + 7);
	assert_int_equal(reply_token_check(key, bad, &c, &u), -1);
	snprintf(bad, sizeof(bad), "%s", t);
	bad[strlen(bad) - 1] = bad[strlen(bad) - 1] == 'a' ? 'b' : 'a';
	assert_int_equal(reply_token_check(key, bad, &c, &u), -1);
	assert_int_equal(reply_token_check(other_key, t, &c, &u), -1);
	/* Other spellings of the same ids and malformed tags. */
	snprintf(bad, sizeof(bad), "01234%s", t + 4);
	assert_int_equal(reply_token_check(key, bad, &c, &u), -1);
	assert_int_equal(reply_token_check(key, "", &c, &u), -1);
	assert_int_equal(reply_token_check(key, "1-2", &c, &u), -1);
	assert_int_equal(reply_token_check(key, "1-2-abc", &c, &u), -1);
	assert_int_equal(reply_token_check(key, NULL, &c, &u), -1);
}

static void
test_reply_address(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct app app = {0};
	memcpy(app.reply_key, key, 32);
	assert_null(reply_address(&app, 7, 8, a));
	app.cfg.mail_inbound = "reply@portal.example";
	const char *addr = reply_address(&app, 7, 8, a);
	assert_non_null(addr);
	assert_true(strncmp(addr, "reply+7-8-", 10) == 0);
	assert_non_null(strstr(addr, "@portal.example"));
	assert_true(strlen(addr) - strlen("@portal.example") <= 64);
	const char *tok = reply_token_of(app.cfg.mail_inbound, addr, a);
	assert_non_null(tok);
	int64_t c, u;
	assert_int_equal(reply_token_check(key, tok, &c, &u), 0);
	assert_int_equal(c, 7);
	assert_non_null(reply_token_of("reply@portal.example", "REPLY+x@Portal.Example", a));
	assert_null(reply_token_of("reply@portal.example", "reply@portal.example", a));
	assert_null(reply_token_of("reply@portal.example", "reply+x@other.example", a));
	assert_null(reply_token_of("reply@portal.example", "replyx+x@portal.example", a));
	arena_free(a);
}

static void
test_quotes_in_english(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(mail_strip_quote(a, "Thanks, that fixed it.\r\n\r\n"
	                                        "On Mon, 7 Dec 2026 at 10:00, Taro <t@x.example> "
	                                        "wrote:\r\n> Please restart the agent.\r\n"),
	                    "Thanks, that fixed it.");
	/* The attribution wrapped over two lines. */
	assert_string_equal(mail_strip_quote(a, "Done.\n\nOn Mon, 7 Dec 2026 at 10:00, Taro\n"
	                                        "<t@x.example> wrote:\n> old\n"),
	                    "Done.");
	assert_string_equal(mail_strip_quote(a, "Yes.\n\n-----Original Message-----\nFrom: Portal\n"
	                                        "Sent: Monday\nSubject: x\n\nold text\n"),
	                    "Yes.");
	assert_string_equal(mail_strip_quote(a, "Agreed.\n\n________________________________\n"
	                                        "From: Portal <p@x>\nSent: Monday\n"),
	                    "Agreed.");
	assert_string_equal(
	    mail_strip_quote(a, "See below.\n\nFrom: Portal <p@x>\nSent: Monday\nTo: me\n\nold\n"),
	    "See below.");
	/* Answers between quoted lines are kept; the signature goes. */
	assert_string_equal(mail_strip_quote(a, "> Which host?\nweb01\n> When?\nat 9\n\n-- \n"
	                                        "Ichiro Aoba\nAoba Trading\n"),
	                    "web01\nat 9");
	/* A line that merely mentions writing is kept, and so is a question's lead-in. */
	assert_string_equal(mail_strip_quote(a, "About your question:\n> Which host?\nweb01\n"),
	                    "About your question:\nweb01");
	assert_string_equal(mail_strip_quote(a, "I wrote: the log is attached.\nBye"),
	                    "I wrote: the log is attached.\nBye");
	arena_free(a);
}

static void
test_quotes_in_japanese(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(mail_strip_quote(a, "確認しました。\n\n"
	                                        "2026年12月7日(月) 10:00 見晴 太郎 <t@x.example>:\n"
	                                        "> ご連絡ありがとうございます。\n"),
	                    "確認しました。");
	assert_string_equal(mail_strip_quote(a, "承知しました。\n\n見晴 太郎 様 のメッセージ:\n"
	                                        "> 再起動をお願いします。\n"),
	                    "承知しました。");
	assert_string_equal(mail_strip_quote(a, "対応ありがとうございます。\n"
	                                        "見晴 太郎 さんは書きました：\n> 旧本文\n"),
	                    "対応ありがとうございます。");
	assert_string_equal(mail_strip_quote(a, "了解です。\n\n-----元のメッセージ-----\n"
	                                        "差出人: ポータル\n送信日時: 2026年12月7日\n"),
	                    "了解です。");
	assert_string_equal(mail_strip_quote(a, "はい。\n\n差出人: ポータル <p@x>\n"
	                                        "送信日時: 2026年12月7日 10:00\n件名: 旧\n"),
	                    "はい。");
	assert_string_equal(mail_strip_quote(a, "よろしくお願いします。\n--\n青葉 一郎\n"),
	                    "よろしくお願いします。");
	arena_free(a);
}

static void
test_html_body_text(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *t =
	    mail_html_text(a, "<html><head><style>p{color:red}</style></head><body>"
	                      "<p>Hello &amp; thanks &#x3042;&#12354;</p><div>web01 &lt;ok&gt;"
	                      "</div><br>bye<blockquote>old text</blockquote>"
	                      "<script>alert(1)</script></body></html>");
	assert_non_null(strstr(t, "Hello & thanks ああ"));
	assert_non_null(strstr(t, "web01 <ok>"));
	assert_non_null(strstr(t, "bye"));
	assert_null(strstr(t, "old text"));
	assert_null(strstr(t, "alert"));
	assert_null(strstr(t, "color"));
	arena_free(a);
}

/* Parses a message of headers and a short body, with no files. */
static void
parse(struct arena *a, const char *headers, struct inbound_msg *m)
{
	const char *raw = arena_printf(a, "%sSubject: x\r\n\r\nbody\r\n", headers);
	assert_int_equal(inbound_parse(raw, strlen(raw), "/nonexistent", a, m), 0);
}

static void
test_automatic_messages(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct inbound_msg m;
	parse(a, "From: a@b.example\r\nMessage-ID: <1@b.example>\r\n", &m);
	assert_null(m.auto_reason);
	assert_string_equal(m.from_addr, "a@b.example");
	assert_string_equal(m.key, "1@b.example");
	assert_string_equal(m.text, "body");
	parse(a, "From: a@b.example\r\nAuto-Submitted: no\r\n", &m);
	assert_null(m.auto_reason);
	assert_int_equal(strncmp(m.key, "sha256:", 7), 0);
	parse(a, "From: a@b.example\r\nAuto-Submitted: auto-replied\r\n", &m);
	assert_string_equal(m.auto_reason, "auto-submitted");
	parse(a, "From: a@b.example\r\nAuto-Submitted: Auto-Generated; owner-email=x\r\n", &m);
	assert_string_equal(m.auto_reason, "auto-submitted");
	parse(a, "From: a@b.example\r\nPrecedence: bulk\r\n", &m);
	assert_string_equal(m.auto_reason, "precedence");
	parse(a, "From: a@b.example\r\nPrecedence: Junk\r\n", &m);
	assert_string_equal(m.auto_reason, "precedence");
	parse(a, "From: a@b.example\r\nPrecedence: list\r\n", &m);
	assert_string_equal(m.auto_reason, "precedence");
	parse(a, "From: a@b.example\r\nPrecedence: first-class\r\n", &m);
	assert_null(m.auto_reason);
	parse(a, "From: a@b.example\r\nX-Auto-Response-Suppress: All\r\n", &m);
	assert_string_equal(m.auto_reason, "auto-response-suppress");
	parse(a, "From: a@b.example\r\nReturn-Path: <>\r\n", &m);
	assert_string_equal(m.auto_reason, "null-sender");
	arena_free(a);
}

static void
test_our_own_mail_is_a_loop(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct inbound_msg m;
	const char *ours = "portal@example.jp", *in = "reply@example.jp";
	parse(a, "From: a@b.example\r\nMessage-ID: <0123456789abcdef01234567.42@example.jp>\r\n",
	      &m);
	assert_true(inbound_is_ours(&m, ours, in));
	parse(a, "From: a@b.example\r\nMessage-ID: <0123456789abcdef01234567.42@b.example>\r\n",
	      &m);
	assert_false(inbound_is_ours(&m, ours, in));
	parse(a, "From: Portal <PORTAL@example.jp>\r\nMessage-ID: <x@y>\r\n", &m);
	assert_true(inbound_is_ours(&m, ours, in));
	parse(a, "From: reply@example.jp\r\n", &m);
	assert_true(inbound_is_ours(&m, ours, in));
	parse(a, "From: a@b.example\r\nMessage-ID: <x@example.jp>\r\n", &m);
	assert_false(inbound_is_ours(&m, ours, in));
	arena_free(a);
}

static void
test_recipients_envelope_first(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct inbound_msg m;
	parse(a,
	      "From: a@b.example\r\nTo: Portal <reply+1-2-x@p.example>\r\nCc: c@d.example\r\n"
	      "Delivered-To: reply+3-4-y@p.example\r\n",
	      &m);
	assert_int_equal(m.nrcpts, 3);
	assert_string_equal(m.rcpts[0], "reply+3-4-y@p.example");
	assert_string_equal(m.rcpts[1], "reply+1-2-x@p.example");
	assert_string_equal(m.rcpts[2], "c@d.example");
	const char *junk = "\x01\x02 not a message";
	assert_int_equal(inbound_parse(junk, strlen(junk), "/nonexistent", a, &m), 1);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_token_round_trip),
	    cmocka_unit_test(test_token_tampering_is_refused),
	    cmocka_unit_test(test_reply_address),
	    cmocka_unit_test(test_quotes_in_english),
	    cmocka_unit_test(test_quotes_in_japanese),
	    cmocka_unit_test(test_html_body_text),
	    cmocka_unit_test(test_automatic_messages),
	    cmocka_unit_test(test_our_own_mail_is_a_loop),
	    cmocka_unit_test(test_recipients_envelope_first),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
