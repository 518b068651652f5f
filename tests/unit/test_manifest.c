/*
 * Unit tests of the backup manifest (src/files/manifest.c): what is written
 * reads back the same; only the paths of a data directory are accepted
 * (no absolute path, no "..", a stored file only under its own hash); a
 * manifest cut short, with a wrong count or anything after its end is
 * invalid; a hashing copy gives the SHA-256 of the bytes it wrote.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "files/manifest.h"
#include "tmpdir.h"

static char dir[] = "/tmp/madoguchi-manifest-test-XXXXXX";

#define SHA_ABC "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"

static int
setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

static int
teardown(void **state)
{
	(void)state;
	return tmpdir_remove(dir);
}

static void
paths(void **state)
{
	(void)state;
	char rel[MANIFEST_PATH_MAX];
	manifest_file_path(SHA_ABC, rel);
	assert_string_equal(rel, "files/ba/78/" SHA_ABC);
	assert_true(manifest_path_ok(rel));
	assert_true(manifest_path_ok("madoguchi.db"));
	assert_true(manifest_path_ok("secret.key"));
	assert_false(manifest_path_ok("/etc/passwd"));
	assert_false(manifest_path_ok("../madoguchi.db"));
	assert_false(manifest_path_ok("files/../../" SHA_ABC));
	assert_false(manifest_path_ok("files/aa/78/" SHA_ABC)); /* not under its own hash */
	assert_false(manifest_path_ok("files/BA/78/" SHA_ABC));
	assert_false(manifest_path_ok("files/tmp/upload-123456"));
	assert_false(manifest_path_ok("mail/outbox/1.eml"));
	assert_false(manifest_path_ok(""));
}

static const char good[] = "madoguchi-backup 1\n"
                           "schema 13\n"
                           "created 2026-12-07T07:30:00Z\n"
                           "key file 0123456789abcdef0123456789abcdef\n"
                           "file " SHA_ABC " 3 files/ba/78/" SHA_ABC "\n"
                           "file " SHA_ABC " 0 madoguchi.db\n"
                           "end 2\n";

static void
parse_good(void **state)
{
	(void)state;
	struct manifest m = {0};
	int line;
	assert_int_equal(manifest_parse(good, strlen(good), &m, &line), 0);
	assert_int_equal(m.schema, 13);
	assert_string_equal(m.created, "2026-12-07T07:30:00Z");
	assert_string_equal(m.key_source, "file");
	assert_int_equal(m.count, 2);
	assert_string_equal(m.entries[0].path, "files/ba/78/" SHA_ABC);
	assert_int_equal(m.entries[0].size, 3);
	assert_string_equal(m.entries[1].path, "madoguchi.db");
	manifest_free(&m);
}

/* good with its line n (1-based) replaced by repl ("" drops it). */
static int
parse_with(int n, const char *repl, int *line)
{
	char text[2048] = "";
	const char *p = good;
	for (int i = 1; *p; i++) {
		const char *nl = strchr(p, '\n');
		if (i == n)
			strcat(text, repl);
		else
			strncat(text, p, (size_t)(nl - p + 1));
		p = nl + 1;
	}
	struct manifest m = {0};
	int rc = manifest_parse(text, strlen(text), &m, line);
	manifest_free(&m);
	return rc;
}

static void
parse_bad(void **state)
{
	(void)state;
	int line;
	assert_int_equal(parse_with(1, "madoguchi-backup 2\n", &line), -1);
	assert_int_equal(line, 1);
	assert_int_equal(parse_with(2, "schema x\n", &line), -1);
	assert_int_equal(parse_with(4, "key disk 0123456789abcdef0123456789abcdef\n", &line), -1);
	assert_int_equal(parse_with(5, "file " SHA_ABC " 3 ../../etc/passwd\n", &line), -1);
	assert_int_equal(line, 5);
	assert_int_equal(parse_with(5, "file " SHA_ABC " -3 files/ba/78/" SHA_ABC "\n", &line), -1);
	assert_int_equal(parse_with(6, "file " SHA_ABC " 3 files/ba/78/" SHA_ABC "\n", &line), -1);
	assert_int_equal(parse_with(7, "end 3\n", &line), -1);
	assert_int_equal(parse_with(7, "", &line), -1); /* cut short */
	assert_int_equal(line, 0);
	assert_int_equal(parse_with(7, "end 2\nfile x\n", &line), -1);
	assert_int_equal(parse_with(7, "end 2", &line), -1); /* no final newline */
}

static void
write_read_and_copy(void **state)
{
	(void)state;
	char src[4096], dst[4096], sha[65];
	uint64_t size;
	snprintf(src, sizeof(src), "%s/abc", dir);
	FILE *f = fopen(src, "w");
	assert_non_null(f);
	fputs("abc", f);
	fclose(f);
	snprintf(dst, sizeof(dst), "%s/sub/dir/abc", dir);
	assert_int_equal(mkdir_parents(dst), 0);
	assert_int_equal(file_copy_hashed(src, dst, 0600, sha, &size), 0);
	assert_string_equal(sha, SHA_ABC);
	assert_int_equal(size, 3);
	assert_int_equal(file_copy_hashed(src, dst, 0600, sha, &size), -1); /* never overwrites */
	assert_int_equal(file_sha256(dst, sha, &size), 0);
	assert_string_equal(sha, SHA_ABC);

	struct manifest m = {.schema = 7};
	snprintf(m.created, sizeof(m.created), "2026-12-07T07:30:00Z");
	snprintf(m.key_source, sizeof(m.key_source), "environment");
	unsigned char key[32] = {1, 2, 3};
	manifest_key_check(key, m.key_check);
	assert_int_equal(strlen(m.key_check), 32);
	assert_int_equal(manifest_add(&m, "files/ba/78/" SHA_ABC, 3, SHA_ABC), 0);
	assert_int_equal(manifest_add(&m, "files/ba/78/" SHA_ABC, 3, SHA_ABC), -1); /* twice */
	assert_int_equal(manifest_add(&m, "../x", 3, SHA_ABC), -1);
	assert_int_equal(manifest_write(&m, dir), 0);
	struct manifest back = {0};
	int line;
	assert_int_equal(manifest_read(dir, &back, &line), 0);
	assert_int_equal(back.schema, 7);
	assert_string_equal(back.key_source, "environment");
	assert_string_equal(back.key_check, m.key_check);
	assert_int_equal(back.count, 1);
	assert_string_equal(back.entries[0].sha256, SHA_ABC);
	manifest_free(&back);
	manifest_free(&m);
	snprintf(dst, sizeof(dst), "%s/%s.tmp", dir, MANIFEST_NAME);
	assert_null(fopen(dst, "r")); /* renamed into place */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(paths),
	    cmocka_unit_test(parse_good),
	    cmocka_unit_test(parse_bad),
	    cmocka_unit_test(write_read_and_copy),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
