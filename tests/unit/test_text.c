/*
 * Unit tests of core/text: trimming (the ideographic space included),
 * lengths in characters, and the file names kept from what clients send.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/text.h"

static const char *
name(struct arena *a, const char *s, size_t max)
{
	return text_file_name(a, s, strlen(s), max);
}

static void
test_trim_and_length(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(text_trim(a, "\xe3\x80\x80 青葉\t\n"), "青葉");
	assert_true(text_blank("\xe3\x80\x80 \xc2\xa0"));
	assert_int_equal(text_chars("日本語abc"), 6);
	arena_free(a);
}

static void
test_file_names_keep_what_people_read(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(name(a, "報告書.pdf", 255), "報告書.pdf");
	/* Control characters and bidirectional controls go; separators become "_". */
	assert_string_equal(name(a, "a\r\nb\x7f.txt", 255), "ab.txt");
	assert_string_equal(name(a, "invoice\xe2\x80\xaegpj.exe", 255), "invoicegpj.exe");
	assert_string_equal(name(a, "\xe2\x81\xa6x\xe2\x81\xa9\xe2\x80\x8f.txt", 255), "x.txt");
	assert_string_equal(name(a, "../etc/passwd", 255), ".._etc_passwd");
	assert_string_equal(name(a, "\xe3\x80\x80 spaced.txt ", 255), "spaced.txt");
	/* Invalid UTF-8 is dropped byte by byte; nothing left gives "file". */
	assert_string_equal(name(a, "ok\xff\xc3(.txt", 255), "ok(.txt");
	assert_string_equal(name(a, "\xe2\x80\xae\r\n", 255), "file");
	assert_string_equal(name(a, "", 255), "file");
	arena_free(a);
}

static void
test_long_names_are_shortened_keeping_the_extension(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char jp[90 * 3 + 5];
	for (int i = 0; i < 90; i++)
		memcpy(jp + i * 3, "あ", 3);
	memcpy(jp + 270, ".pdf", 5);
	const char *n = name(a, jp, 255);
	assert_true(strlen(n) <= 255);
	assert_int_equal(text_chars(n), 83 + 4); /* 249 bytes of あ, then ".pdf" */
	assert_memory_equal(n + strlen(n) - 4, ".pdf", 4);
	assert_true(utf8_valid((const unsigned char *)n, strlen(n)));
	/* No extension worth keeping: cut on a character boundary. */
	char ext[300];
	memset(ext, 'x', sizeof(ext) - 1);
	ext[sizeof(ext) - 1] = '\0';
	ext[10] = '.';
	assert_int_equal(strlen(name(a, ext, 255)), 255);
	arena_free(a);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_trim_and_length),
	    cmocka_unit_test(test_file_names_keep_what_people_read),
	    cmocka_unit_test(test_long_names_are_shortened_keeping_the_extension),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
