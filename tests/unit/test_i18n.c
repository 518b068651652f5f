/*
 * Unit tests of translations (src/core/i18n.c): catalog_load and
 * catalog_lookup on .mo images built here (both byte orders) and on corrupt
 * ones, the embedded catalogs through i18n_init/i18n_tr, Accept-Language
 * negotiation, lang_parse and lang_code.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "core/i18n.h"

struct mo_entry {
	const char *id, *str;
};

/* Sorted by id, as msgfmt writes them. */
static const struct mo_entry sample[] = {
    {"Hello", "こんにちは"},
    {"Sign in", "ログイン"},
    {"Untranslated", ""},
};
enum { SAMPLE_N = sizeof(sample) / sizeof(sample[0]) };

#define MO_HEADER 28

static void
put32(unsigned char *p, uint32_t v, bool big_endian)
{
	for (int i = 0; i < 4; i++)
		p[big_endian ? 3 - i : i] = (unsigned char)(v >> (8 * i));
}

static uint32_t
get32(const unsigned char *p, bool big_endian)
{
	uint32_t v = 0;
	for (int i = 0; i < 4; i++)
		v |= (uint32_t)p[big_endian ? 3 - i : i] << (8 * i);
	return v;
}

/*
 * Writes a .mo image of n entries into out (cap bytes): header, table of
 * original strings at 28, table of translations after it, then the strings,
 * each followed by its NUL. Returns the image length.
 */
static size_t
mo_build(unsigned char *out, size_t cap, const struct mo_entry *e, uint32_t n, bool big_endian)
{
	uint32_t orig = MO_HEADER, trans = orig + 8 * n;
	size_t at = trans + 8 * (size_t)n;
	memset(out, 0, cap);
	put32(out, 0x950412deU, big_endian);
	put32(out + 4, 0, big_endian); /* revision */
	put32(out + 8, n, big_endian);
	put32(out + 12, orig, big_endian);
	put32(out + 16, trans, big_endian);
	put32(out + 20, 0, big_endian); /* no hash table */
	put32(out + 24, (uint32_t)at, big_endian);
	for (uint32_t i = 0; i < n; i++) {
		const char *s[2] = {e[i].id, e[i].str};
		uint32_t table[2] = {orig, trans};
		for (int k = 0; k < 2; k++) {
			size_t len = strlen(s[k]);
			assert_true(at + len + 1 <= cap);
			put32(out + table[k] + 8 * i, (uint32_t)len, big_endian);
			put32(out + table[k] + 8 * i + 4, (uint32_t)at, big_endian);
			memcpy(out + at, s[k], len + 1);
			at += len + 1;
		}
	}
	return at;
}

static void
test_i18n_catalog_load_little_endian(void **state)
{
	(void)state;
	unsigned char img[512];
	size_t len = mo_build(img, sizeof(img), sample, SAMPLE_N, false);
	struct catalog c;
	assert_int_equal(catalog_load(&c, img, len), 0);
	assert_int_equal(c.count, SAMPLE_N);
	assert_string_equal(catalog_lookup(&c, "Hello"), "こんにちは");
	assert_string_equal(catalog_lookup(&c, "Sign in"), "ログイン");
	/* The result points into the image. */
	const char *t = catalog_lookup(&c, "Sign in");
	assert_true((const unsigned char *)t > img && (const unsigned char *)t < img + len);
}

static void
test_i18n_catalog_load_big_endian(void **state)
{
	(void)state;
	unsigned char img[512];
	size_t len = mo_build(img, sizeof(img), sample, SAMPLE_N, true);
	struct catalog c;
	assert_int_equal(catalog_load(&c, img, len), 0);
	assert_int_equal(c.count, SAMPLE_N);
	assert_true(c.swap);
	assert_string_equal(catalog_lookup(&c, "Hello"), "こんにちは");
	assert_string_equal(catalog_lookup(&c, "Sign in"), "ログイン");
	assert_null(catalog_lookup(&c, "Goodbye"));
}

static void
test_i18n_catalog_lookup_miss(void **state)
{
	(void)state;
	unsigned char img[512];
	size_t len = mo_build(img, sizeof(img), sample, SAMPLE_N, false);
	struct catalog c;
	assert_int_equal(catalog_load(&c, img, len), 0);
	static const char *const misses[] = {"",     "A",        "Hell", "Hello ",  "hello",
	                                     "Sign", "Sign in!", "Zzz",  "ログイン"};
	for (size_t i = 0; i < sizeof(misses) / sizeof(misses[0]); i++)
		if (catalog_lookup(&c, misses[i]) != NULL)
			fail_msg("catalog_lookup found \"%s\"", misses[i]);
	/* An empty translation is no translation. */
	assert_null(catalog_lookup(&c, "Untranslated"));
}

static void
test_i18n_catalog_empty(void **state)
{
	(void)state;
	unsigned char img[64];
	size_t len = mo_build(img, sizeof(img), sample, 0, false);
	assert_int_equal(len, MO_HEADER);
	struct catalog c;
	assert_int_equal(catalog_load(&c, img, len), 0);
	assert_int_equal(c.count, 0);
	assert_null(catalog_lookup(&c, "Hello"));
}

static void
test_i18n_catalog_many_entries(void **state)
{
	(void)state;
	/* Enough entries for the binary search to take several steps. */
	static char ids[40][8], strs[40][8];
	struct mo_entry e[40];
	for (int i = 0; i < 40; i++) {
		ids[i][0] = 'a' + (char)(i / 10);
		ids[i][1] = '0' + (char)(i % 10);
		ids[i][2] = '\0';
		strs[i][0] = 'T';
		memcpy(strs[i] + 1, ids[i], 3);
		e[i].id = ids[i];
		e[i].str = strs[i];
	}
	unsigned char img[2048];
	size_t len = mo_build(img, sizeof(img), e, 40, false);
	struct catalog c;
	assert_int_equal(catalog_load(&c, img, len), 0);
	for (int i = 0; i < 40; i++)
		assert_string_equal(catalog_lookup(&c, ids[i]), strs[i]);
	assert_null(catalog_lookup(&c, "a"));
	assert_null(catalog_lookup(&c, "e0"));
	assert_null(catalog_lookup(&c, "0"));
	assert_null(catalog_lookup(&c, "a05"));
}

/* Loads a copy of img with one 32-bit field changed; returns catalog_load's result. */
static int
load_patched(const unsigned char *img, size_t len, size_t off, uint32_t v)
{
	unsigned char copy[512];
	assert_true(len <= sizeof(copy));
	memcpy(copy, img, len);
	put32(copy + off, v, false);
	struct catalog c;
	return catalog_load(&c, copy, len);
}

static void
test_i18n_catalog_corrupt_short(void **state)
{
	(void)state;
	unsigned char img[512];
	size_t len = mo_build(img, sizeof(img), sample, SAMPLE_N, false);
	struct catalog c;
	assert_int_equal(catalog_load(&c, img, 0), -1);
	assert_int_equal(catalog_load(&c, img, 4), -1);
	assert_int_equal(catalog_load(&c, img, MO_HEADER - 1), -1);
	/* Cut anywhere inside the tables or strings. */
	for (size_t cut = MO_HEADER; cut < len; cut++)
		if (catalog_load(&c, img, cut) != -1)
			fail_msg("catalog_load accepted the image cut at %zu of %zu", cut, len);
}

static void
test_i18n_catalog_corrupt_magic(void **state)
{
	(void)state;
	unsigned char img[512];
	size_t len = mo_build(img, sizeof(img), sample, SAMPLE_N, false);
	assert_int_equal(load_patched(img, len, 0, 0), -1);
	assert_int_equal(load_patched(img, len, 0, 0x950412dfU), -1);
	assert_int_equal(load_patched(img, len, 0, 0x12345678U), -1);
	/* An unknown major revision. */
	assert_int_equal(load_patched(img, len, 4, 0x00020000U), -1);
	/* A known minor revision is fine. */
	assert_int_equal(load_patched(img, len, 4, 0x00000001U), 0);
	assert_int_equal(load_patched(img, len, 4, 0x00010001U), 0);
}

static void
test_i18n_catalog_corrupt_offsets(void **state)
{
	(void)state;
	unsigned char img[512];
	size_t len = mo_build(img, sizeof(img), sample, SAMPLE_N, false);
	const uint32_t L = (uint32_t)len;
	/* Tables outside the image. */
	assert_int_equal(load_patched(img, len, 12, L), -1);
	assert_int_equal(load_patched(img, len, 12, L - 8 * SAMPLE_N + 1), -1);
	assert_int_equal(load_patched(img, len, 12, 0xfffffff0U), -1);
	assert_int_equal(load_patched(img, len, 12, 0xffffffffU), -1);
	assert_int_equal(load_patched(img, len, 16, L), -1);
	assert_int_equal(load_patched(img, len, 16, 0xfffffff8U), -1);
	/* A string outside the image, for an original and for a translation. */
	const size_t orig0 = MO_HEADER, trans0 = MO_HEADER + 8 * SAMPLE_N;
	assert_int_equal(load_patched(img, len, orig0 + 4, L), -1);
	assert_int_equal(load_patched(img, len, orig0 + 4, 0xffffffffU), -1);
	assert_int_equal(load_patched(img, len, trans0 + 8 + 4, L + 100), -1);
	/* A length that runs past the end. */
	assert_int_equal(load_patched(img, len, orig0, L), -1);
	assert_int_equal(load_patched(img, len, orig0, 0xffffffffU), -1);
	assert_int_equal(load_patched(img, len, trans0 + 16, 0xfffffff0U), -1);
	/* The last string reaching exactly the end of the image (no room for its NUL). */
	uint32_t last_off = get32(img + trans0 + 16 + 4, false);
	assert_int_equal(load_patched(img, len, trans0 + 16, L - last_off), -1);
}

static void
test_i18n_catalog_corrupt_unterminated(void **state)
{
	(void)state;
	unsigned char img[512];
	size_t len = mo_build(img, sizeof(img), sample, SAMPLE_N, false);
	const size_t orig0 = MO_HEADER, trans0 = MO_HEADER + 8 * SAMPLE_N;
	/* Overwrite the NUL after each string in turn. */
	for (uint32_t i = 0; i < SAMPLE_N; i++) {
		size_t tables[2] = {orig0, trans0};
		for (int k = 0; k < 2; k++) {
			size_t slen = get32(img + tables[k] + 8 * i, false);
			size_t soff = get32(img + tables[k] + 8 * i + 4, false);
			unsigned char copy[512];
			memcpy(copy, img, len);
			copy[soff + slen] = 'x';
			struct catalog c;
			if (catalog_load(&c, copy, len) != -1)
				fail_msg("catalog_load accepted entry %u/%d without its NUL", i, k);
		}
	}
	/* A declared length shorter than the string: the byte at off+len is not NUL. */
	assert_int_equal(load_patched(img, len, orig0, 2), -1);
}

static void
test_i18n_catalog_corrupt_count(void **state)
{
	(void)state;
	unsigned char img[512];
	size_t len = mo_build(img, sizeof(img), sample, SAMPLE_N, false);
	assert_int_equal(load_patched(img, len, 8, 0xffffffffU), -1);
	assert_int_equal(load_patched(img, len, 8, 0x80000000U), -1);
	assert_int_equal(load_patched(img, len, 8, 0x20000000U), -1);
	assert_int_equal(load_patched(img, len, 8, (uint32_t)(len / 16 + 1)), -1);
	assert_int_equal(load_patched(img, len, 8, SAMPLE_N + 1), -1);
	/* Fewer entries than written is still a valid (smaller) catalog. */
	assert_int_equal(load_patched(img, len, 8, 1), 0);
}

static void
test_i18n_tr_embedded(void **state)
{
	(void)state;
	assert_int_equal(i18n_init(), 0);
	assert_string_equal(i18n_tr(LANG_JA, "Sign in"), "ログイン");
	assert_string_equal(i18n_tr(LANG_EN, "Sign in"), "Sign in");
	/* An unknown msgid comes back as itself, the same pointer. */
	static const char unknown[] = "No such message id, surely";
	assert_ptr_equal(i18n_tr(LANG_JA, unknown), unknown);
	assert_ptr_equal(i18n_tr(LANG_EN, unknown), unknown);
	/* A language out of range is untranslated. */
	static const char sign_in[] = "Sign in";
	assert_ptr_equal(i18n_tr(LANG__MAX, sign_in), sign_in);
	/* Loading again is harmless. */
	assert_int_equal(i18n_init(), 0);
	assert_string_equal(i18n_tr(LANG_JA, "Sign in"), "ログイン");
}

static void
test_i18n_negotiate(void **state)
{
	(void)state;
	static const struct {
		const char *header;
		enum lang want;
	} cases[] = {
	    {"en-US,en;q=0.9,ja;q=0.8", LANG_EN},
	    {"ja,en", LANG_JA},
	    {"en,ja", LANG_EN},
	    {"fr", LANG_JA},
	    {"en;q=0, ja", LANG_JA},
	    {"en;q=0", LANG_JA},
	    {"*", LANG_JA},
	    {"EN", LANG_EN},
	    {"En-gB", LANG_EN},
	    {"ja-JP", LANG_JA},
	    {"", LANG_JA},
	    {"english", LANG_JA},
	    {"enx", LANG_JA},
	    {"fr, en;q=0.1", LANG_EN},
	    {"ja;q=0.5, en;q=0.6", LANG_EN},
	    {"ja;q=0.5, en;q=0.5", LANG_JA},
	    {"en;q=0.5, ja;q=0.5", LANG_EN},
	    {"*;q=0.1, en;q=0.5", LANG_EN},
	    {"en;q=0.1, *;q=0.5", LANG_JA},
	    {"en ; q=0.9", LANG_EN},
	    {" , ,en", LANG_EN},
	    {"en;q=1.5", LANG_EN},
	    {"en;q=-1", LANG_JA},
	    {"ja;q=0, en;q=0", LANG_JA},
	    {"de-DE, fr;q=0.9, en;q=0.8, ja;q=0.7", LANG_EN},
	    {";;;,,,", LANG_JA},
	    {"en;level=1;q=0.4, ja;q=0.3", LANG_EN},
	    /* Not a number: the q-value must not count (and must not be UB). */
	    {"en;q=nan", LANG_JA},
	    {"en;q=inf", LANG_EN},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		enum lang got = i18n_negotiate(cases[i].header);
		if (got != cases[i].want)
			fail_msg("i18n_negotiate(\"%s\") = %d, want %d", cases[i].header, got,
			         cases[i].want);
	}
	assert_int_equal(i18n_negotiate(NULL), LANG_JA);
}

static void
test_i18n_lang_parse(void **state)
{
	(void)state;
	enum lang l = LANG__MAX;
	assert_int_equal(lang_parse("ja", &l), 0);
	assert_int_equal(l, LANG_JA);
	assert_int_equal(lang_parse("en", &l), 0);
	assert_int_equal(l, LANG_EN);
	l = LANG_EN;
	static const char *const bad[] = {"", "EN", "Ja", "fr", "en-US", "e", "jaa", " en"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		if (lang_parse(bad[i], &l) != -1)
			fail_msg("lang_parse accepted \"%s\"", bad[i]);
		assert_int_equal(l, LANG_EN);
	}
	assert_int_equal(lang_parse(NULL, &l), -1);

	assert_string_equal(lang_code(LANG_JA), "ja");
	assert_string_equal(lang_code(LANG_EN), "en");
	assert_string_equal(lang_code(LANG__MAX), "ja");
	/* Round trip. */
	for (int i = 0; i < LANG__MAX; i++) {
		assert_int_equal(lang_parse(lang_code((enum lang)i), &l), 0);
		assert_int_equal(l, i);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_i18n_catalog_load_little_endian),
	    cmocka_unit_test(test_i18n_catalog_load_big_endian),
	    cmocka_unit_test(test_i18n_catalog_lookup_miss),
	    cmocka_unit_test(test_i18n_catalog_empty),
	    cmocka_unit_test(test_i18n_catalog_many_entries),
	    cmocka_unit_test(test_i18n_catalog_corrupt_short),
	    cmocka_unit_test(test_i18n_catalog_corrupt_magic),
	    cmocka_unit_test(test_i18n_catalog_corrupt_offsets),
	    cmocka_unit_test(test_i18n_catalog_corrupt_unterminated),
	    cmocka_unit_test(test_i18n_catalog_corrupt_count),
	    cmocka_unit_test(test_i18n_tr_embedded),
	    cmocka_unit_test(test_i18n_negotiate),
	    cmocka_unit_test(test_i18n_lang_parse),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
