/*
 * Unit tests of message building (src/mail/message.c): address and header
 * checks, the sender address, the headers of a built message, RFC 2047
 * encoding and folding of the subject and names, refusal of header
 * injection, and the base64 body decoding back to the text.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sodium.h>

#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "http/parse.h"
#include "mail/message.h"

/* A message with plain ASCII values; tests change what they look at. */
static struct mail_msg
sample(void)
{
	return (struct mail_msg){
	    .id = 42,
	    .date = 1700000000, /* Tue, 14 Nov 2023 22:13:20 UTC */
	    .from_name = "Miharashi Portal",
	    .from_addr = "portal@miharashi.example.jp",
	    .to_name = "Taro Aoba",
	    .to_addr = "taro@aoba.example.jp",
	    .lang = LANG_EN,
	    .subject = "Your case was updated",
	    .body = "Hello,\nline two\n",
	};
}

/* The header block of msg (up to the blank line), NUL-terminated. */
static char *
headers_of(const char *msg)
{
	const char *end = strstr(msg, "\r\n\r\n");
	assert_non_null(end);
	return strndup(msg, (size_t)(end - msg) + 2);
}

/*
 * The value of header name, unfolded (CRLF before white space removed), or
 * NULL. Header names are matched at the start of a line only.
 */
static char *
header(const char *hdrs, const char *name)
{
	size_t nl = strlen(name);
	const char *p = hdrs;
	while (*p) {
		if (strncmp(p, name, nl) == 0 && p[nl] == ':') {
			const char *v = p + nl + 1;
			struct buf b = {0};
			for (;;) {
				const char *eol = strstr(v, "\r\n");
				assert_non_null(eol);
				buf_append(&b, v, (size_t)(eol - v));
				if (eol[2] != ' ' && eol[2] != '\t')
					break;
				v = eol + 2;
			}
			char *s = strdup(b.p ? b.p : "");
			buf_free(&b);
			return s;
		}
		p = strstr(p, "\r\n");
		assert_non_null(p);
		p += 2;
	}
	return NULL;
}

/* Decodes the =?UTF-8?B?...?= words of an unfolded value; other words as is. */
static char *
decode_words(const char *v)
{
	struct buf out = {0};
	const char *p = v;
	bool prev_encoded = false;
	while (*p) {
		while (*p == ' ')
			p++;
		size_t n = strcspn(p, " ");
		if (n == 0)
			break;
		if (n > 12 && strncmp(p, "=?UTF-8?B?", 10) == 0 &&
		    strncmp(p + n - 2, "?=", 2) == 0) {
			/* A word of at most 75 characters holding whole characters. */
			assert_true(n <= 75);
			unsigned char bin[64];
			size_t bl = 0;
			assert_int_equal(sodium_base642bin(bin, sizeof(bin), p + 10, n - 12, NULL,
			                                   &bl, NULL,
			                                   sodium_base64_VARIANT_ORIGINAL),
			                 0);
			assert_true(utf8_valid(bin, bl));
			/* White space between two encoded words is not part of the text. */
			if (out.len && !prev_encoded)
				buf_putc(&out, ' ');
			buf_append(&out, bin, bl);
			prev_encoded = true;
		} else {
			if (out.len)
				buf_putc(&out, ' ');
			buf_append(&out, p, n);
			prev_encoded = false;
		}
		p += n;
	}
	char *s = strdup(out.p ? out.p : "");
	buf_free(&out);
	return s;
}

/* Every line ends in CRLF and header lines are at most MAIL_LINE_MAX long. */
static void
assert_lines(const char *msg, size_t len)
{
	bool in_headers = true;
	const char *p = msg;
	while (p < msg + len) {
		const char *eol = strstr(p, "\r\n");
		assert_non_null(eol);
		assert_null(memchr(p, '\n', (size_t)(eol - p)));
		assert_null(memchr(p, '\r', (size_t)(eol - p)));
		if (eol == p)
			in_headers = false;
		else if (in_headers)
			assert_true((size_t)(eol - p) <= MAIL_LINE_MAX);
		else
			assert_true((size_t)(eol - p) <= 76);
		p = eol + 2;
	}
}

static char *
build(const struct mail_msg *m, size_t *len)
{
	struct buf b = {0};
	assert_int_equal(mail_message_build(m, &b), 0);
	assert_non_null(b.p);
	assert_lines(b.p, b.len);
	return buf_take(&b, len);
}

static void
test_mail_addr_valid(void **state)
{
	(void)state;
	assert_true(mail_addr_valid("a@b.jp"));
	assert_true(mail_addr_valid("first.last+tag@sub.example.co.jp"));
	assert_false(mail_addr_valid(""));
	assert_false(mail_addr_valid("plain"));
	assert_false(mail_addr_valid("@example.jp"));
	assert_false(mail_addr_valid("user@"));
	assert_false(mail_addr_valid("a@b@c"));
	assert_false(mail_addr_valid("a b@c.jp"));
	assert_false(mail_addr_valid("a@c.jp\r\nBcc: x@y"));
	assert_false(mail_addr_valid("a\t@c.jp"));
	assert_false(mail_addr_valid("<a@c.jp>"));
	assert_false(mail_addr_valid("a@c.jp>, b@d.jp"));
	assert_false(mail_addr_valid("\"a\"@c.jp"));
	assert_false(mail_addr_valid("太郎@c.jp"));
	char longaddr[300];
	memset(longaddr, 'a', sizeof(longaddr));
	memcpy(longaddr + 240, "@example.jp", 12); /* 251 characters */
	assert_true(mail_addr_valid(longaddr));
	memset(longaddr, 'a', sizeof(longaddr));
	memcpy(longaddr + 244, "@example.jp", 12); /* 255 characters */
	assert_false(mail_addr_valid(longaddr));
}

static void
test_mail_header_value_ok(void **state)
{
	(void)state;
	assert_true(mail_header_value_ok(""));
	assert_true(mail_header_value_ok("ご依頼の件が更新されました"));
	assert_true(mail_header_value_ok("tab\there"));
	assert_false(mail_header_value_ok("a\r\nBcc: x@y"));
	assert_false(mail_header_value_ok("a\nb"));
	assert_false(mail_header_value_ok("a\rb"));
	assert_false(mail_header_value_ok("\xff\xfe"));
	assert_false(mail_header_value_ok("\xe3\x81")); /* truncated character */
}

static void
test_mail_parse_from(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	const char *name, *addr;
	assert_int_equal(mail_parse_from("Portal <p@x.jp>", a, &name, &addr), 0);
	assert_string_equal(name, "Portal");
	assert_string_equal(addr, "p@x.jp");
	assert_int_equal(mail_parse_from("  \"Miharashi, Inc.\" <p@x.jp> ", a, &name, &addr), 0);
	assert_string_equal(name, "Miharashi, Inc.");
	assert_string_equal(addr, "p@x.jp");
	assert_int_equal(mail_parse_from("株式会社みはらし <noreply@x.jp>", a, &name, &addr), 0);
	assert_string_equal(name, "株式会社みはらし");
	assert_int_equal(mail_parse_from("p@x.jp", a, &name, &addr), 0);
	assert_string_equal(name, "");
	assert_string_equal(addr, "p@x.jp");
	assert_int_equal(mail_parse_from("<p@x.jp>", a, &name, &addr), 0);
	assert_string_equal(name, "");
	assert_string_equal(addr, "p@x.jp");
	assert_int_equal(mail_parse_from("Portal", a, &name, &addr), -1);
	assert_int_equal(mail_parse_from("Portal <not an address>", a, &name, &addr), -1);
	assert_int_equal(mail_parse_from("Portal\r\nBcc: x@y <p@x.jp>", a, &name, &addr), -1);
	assert_int_equal(mail_parse_from("", a, &name, &addr), -1);
	assert_int_equal(mail_parse_from(NULL, a, &name, &addr), -1);
	arena_free(a);
}

static void
test_mail_from_resolve(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	struct app app = {0};
	app.provider_name = "株式会社みはらし";
	assert_string_equal(mail_from_resolve(&app, NULL, a),
	                    "株式会社みはらし <noreply@localhost>");
	app.cfg.mail_from = "";
	assert_string_equal(mail_from_resolve(&app, NULL, a),
	                    "株式会社みはらし <noreply@localhost>");
	app.cfg.mail_from = "Desk <desk@miharashi.example.jp>";
	assert_string_equal(mail_from_resolve(&app, NULL, a), "Desk <desk@miharashi.example.jp>");
	/* The fallback is itself a valid sender. */
	app.cfg.mail_from = NULL;
	const char *name, *addr;
	assert_int_equal(mail_parse_from(mail_from_resolve(&app, NULL, a), a, &name, &addr), 0);
	assert_string_equal(name, "株式会社みはらし");
	assert_string_equal(addr, "noreply@localhost");
	arena_free(a);
}

static void
test_mail_build_headers(void **state)
{
	(void)state;
	struct mail_msg m = sample();
	size_t len;
	char *msg = build(&m, &len);
	char *h = headers_of(msg);
	char *v;

	assert_string_equal(v = header(h, "Date"), " Tue, 14 Nov 2023 22:13:20 +0000");
	free(v);
	assert_string_equal(v = header(h, "From"),
	                    " \"Miharashi Portal\" <portal@miharashi.example.jp>");
	free(v);
	assert_string_equal(v = header(h, "To"), " \"Taro Aoba\" <taro@aoba.example.jp>");
	free(v);
	assert_string_equal(v = header(h, "Subject"), " Your case was updated");
	free(v);
	assert_string_equal(v = header(h, "MIME-Version"), " 1.0");
	free(v);
	assert_string_equal(v = header(h, "Content-Type"), " text/plain; charset=UTF-8");
	free(v);
	assert_string_equal(v = header(h, "Content-Transfer-Encoding"), " base64");
	free(v);
	assert_string_equal(v = header(h, "Content-Language"), " en");
	free(v);
	assert_string_equal(v = header(h, "Auto-Submitted"), " auto-generated");
	free(v);

	/* <24 random hex digits . id @ the sender's domain> */
	v = header(h, "Message-ID");
	assert_non_null(v);
	assert_int_equal(strlen(v), strlen(" <.42@miharashi.example.jp>") + 24);
	assert_memory_equal(v, " <", 2);
	for (int i = 2; i < 26; i++)
		assert_non_null(strchr("0123456789abcdef", v[i]));
	assert_string_equal(v + 26, ".42@miharashi.example.jp>");

	/* A second build of the same mail gets a different Message-ID. */
	size_t len2;
	char *msg2 = build(&m, &len2);
	char *h2 = headers_of(msg2);
	char *v2 = header(h2, "Message-ID");
	assert_string_not_equal(v, v2);
	free(v);
	free(v2);
	free(h2);
	free(msg2);

	/* Japanese: Content-Language follows the mail. */
	m.lang = LANG_JA;
	m.to_name = "";
	char *msg3 = build(&m, &len);
	char *h3 = headers_of(msg3);
	assert_string_equal(v = header(h3, "Content-Language"), " ja");
	free(v);
	/* Without a name, the bare address. */
	assert_string_equal(v = header(h3, "To"), " taro@aoba.example.jp");
	free(v);
	free(h3);
	free(msg3);
	free(h);
	free(msg);
}

/* Subject values that must come back from the header exactly. */
static void
check_subject(const char *subject, bool expect_encoded)
{
	struct mail_msg m = sample();
	m.subject = subject;
	size_t len;
	char *msg = build(&m, &len);
	char *h = headers_of(msg);
	char *v = header(h, "Subject");
	assert_non_null(v);
	assert_int_equal(strstr(v, "=?UTF-8?B?") != NULL, expect_encoded);
	char *d = decode_words(v);
	assert_string_equal(d, subject);
	free(d);
	free(v);
	free(h);
	free(msg);
}

static void
test_mail_build_subject_encoding(void **state)
{
	(void)state;
	check_subject("Short ASCII", false);
	check_subject("ご依頼 #123 が更新されました", true);
	/* Long Japanese: several words over several lines, each within the limit. */
	check_subject("【みはらしセキュリティ】ご依頼いただいた脆弱性診断の作業が完了しましたので、"
	              "報告書をご確認ください。ご不明な点はお問い合わせください。",
	              true);
	/* Long ASCII: encoded too, so that it can be folded anywhere. */
	check_subject("This subject is plain ASCII but far too long to fit on one header line "
	              "of seventy-eight characters",
	              true);
	/* Something that looks like an encoded word is not sent as is. */
	check_subject("=?UTF-8?B?abc?=", true);
	/* Four-byte characters are never split between words. */
	check_subject("🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒🔒 lock", true);
	check_subject("a🔒b🔒c🔒d🔒e🔒f🔒g🔒h🔒i🔒j🔒k🔒l🔒m🔒n🔒o🔒p🔒q🔒r🔒s🔒t🔒u🔒", true);
}

static void
test_mail_build_names(void **state)
{
	(void)state;
	struct mail_msg m = sample();
	m.from_name = "株式会社みはらしセキュリティ サポートデスク";
	m.to_name = "あおば商事株式会社 情報システム部 部長 青葉 太郎 様";
	m.subject = "Miharashi, Inc. \"quoted\"";
	size_t len;
	char *msg = build(&m, &len);
	char *h = headers_of(msg);
	char *v = header(h, "From");
	char *d = decode_words(v);
	assert_string_equal(
	    d, "株式会社みはらしセキュリティ サポートデスク <portal@miharashi.example.jp>");
	free(d);
	free(v);
	v = header(h, "To");
	d = decode_words(v);
	assert_string_equal(
	    d, "あおば商事株式会社 情報システム部 部長 青葉 太郎 様 <taro@aoba.example.jp>");
	free(d);
	free(v);
	free(h);
	free(msg);

	/* ASCII names with specials are quoted, quotes and backslashes escaped. */
	m = sample();
	m.to_name = "Aoba, Taro \"T\" \\";
	msg = build(&m, &len);
	h = headers_of(msg);
	assert_string_equal(v = header(h, "To"),
	                    " \"Aoba, Taro \\\"T\\\" \\\\\" <taro@aoba.example.jp>");
	free(v);
	free(h);
	free(msg);
}

static void
test_mail_build_refuses_injection(void **state)
{
	(void)state;
	struct mail_msg bad[9];
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		bad[i] = sample();
	bad[0].subject = "Hello\r\nBcc: victim@example.jp";
	bad[1].subject = "Hello\nBcc: victim@example.jp";
	bad[2].subject = "Hello\rX";
	bad[3].to_name = "Taro\r\nBcc: victim@example.jp";
	bad[4].from_name = "Portal\n";
	bad[5].to_addr = "taro@aoba.example.jp\r\nBcc: victim@example.jp";
	bad[6].to_addr = "not-an-address";
	bad[7].subject = "\xc3\x28"; /* not UTF-8 */
	bad[8].body = "\xff body";
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct buf b = {0};
		assert_int_equal(mail_message_build(&bad[i], &b), -1);
		assert_int_equal(b.len, 0);
		buf_free(&b);
	}
}

/* The body part of msg, base64-decoded. */
static char *
decoded_body(const char *msg, size_t *outlen)
{
	const char *p = strstr(msg, "\r\n\r\n");
	assert_non_null(p);
	p += 4;
	struct buf b64 = {0};
	size_t last = 76;
	while (*p) {
		const char *eol = strstr(p, "\r\n");
		assert_non_null(eol);
		size_t n = (size_t)(eol - p);
		/* Every line but the last is exactly 76 characters. */
		assert_int_equal(last, 76);
		assert_true(n > 0 && n <= 76);
		last = n;
		buf_append(&b64, p, n);
		p = eol + 2;
	}
	size_t cap = b64.len + 1;
	unsigned char *bin = malloc(cap);
	assert_int_equal(sodium_base642bin(bin, cap, b64.p ? b64.p : "", b64.len, NULL, outlen,
	                                   NULL, sodium_base64_VARIANT_ORIGINAL),
	                 0);
	bin[*outlen] = '\0';
	buf_free(&b64);
	return (char *)bin;
}

static void
test_mail_build_body_base64(void **state)
{
	(void)state;
	struct mail_msg m = sample();
	struct buf text = {0}, want = {0};
	for (int i = 0; i < 40; i++) {
		buf_printf(&text, "%d行目: ご依頼の件について作業が完了しました。\n", i);
		buf_printf(&want, "%d行目: ご依頼の件について作業が完了しました。\r\n", i);
	}
	buf_puts(&text, ".\nFrom the desk\r\nbare CR\rend");
	buf_puts(&want, ".\r\nFrom the desk\r\nbare CR\r\nend");
	m.body = text.p;
	size_t len, blen;
	char *msg = build(&m, &len);
	char *body = decoded_body(msg, &blen);
	assert_int_equal(blen, want.len);
	assert_memory_equal(body, want.p, want.len);
	free(body);
	free(msg);

	/* An empty body is an empty part. */
	m.body = "";
	msg = build(&m, &len);
	assert_non_null(strstr(msg, "\r\n\r\n"));
	assert_string_equal(strstr(msg, "\r\n\r\n"), "\r\n\r\n");
	free(msg);
	buf_free(&text);
	buf_free(&want);
}

/* A mail one may answer carries its reply address; a bad one builds nothing. */
static void
test_mail_build_reply_to(void **state)
{
	(void)state;
	struct mail_msg m = sample();
	size_t len;
	char *msg = build(&m, &len);
	assert_null(strstr(msg, "Reply-To:"));
	free(msg);
	m.reply_to = "reply+1-2-abcdefghijklmnop@miharashi.example.jp";
	msg = build(&m, &len);
	assert_non_null(
	    strstr(msg, "\r\nReply-To: reply+1-2-abcdefghijklmnop@miharashi.example.jp\r\n"));
	free(msg);
	m.reply_to = "a@b.jp\r\nBcc: x@y.jp";
	struct buf b = {0};
	assert_int_equal(mail_message_build(&m, &b), -1);
	buf_free(&b);
}

int
main(void)
{
	if (sodium_init() < 0)
		return 1;
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_mail_addr_valid),
	    cmocka_unit_test(test_mail_header_value_ok),
	    cmocka_unit_test(test_mail_parse_from),
	    cmocka_unit_test(test_mail_from_resolve),
	    cmocka_unit_test(test_mail_build_headers),
	    cmocka_unit_test(test_mail_build_subject_encoding),
	    cmocka_unit_test(test_mail_build_names),
	    cmocka_unit_test(test_mail_build_refuses_injection),
	    cmocka_unit_test(test_mail_build_body_base64),
	    cmocka_unit_test(test_mail_build_reply_to),
	};
	return cmocka_run_group_tests_name("mail_message", tests, NULL, NULL);
}
