/*
 * Unit tests of the file store (src/files/filestore.c) in a temporary
 * directory: a file goes in by its SHA-256 and comes back whole, its type
 * is told by libmagic from its first bytes (a PDF behind a ".txt" name is
 * still a PDF; only an "MZ" header makes a DOS program), an empty upload
 * is refused, an aborted one leaves nothing, and uploads sealed on several
 * threads at once share the one libmagic handle without mixing their types
 * up.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <dirent.h>
#include <pthread.h>
#include <unistd.h>

#include "files/filestore.h"
#include "tmpdir.h"

static char dir[] = "/tmp/madoguchi-files-test-XXXXXX";

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

static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n";
static const unsigned char png[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0,    0,   0,
                                    13,   'I', 'H', 'D', 'R',  0,    0,    0,    1,    0,   0,
                                    0,    1,   8,   2,   0,    0,    0,    0x90, 0x77, 0x53};
static const char text[] = "時刻,件数\n01:00,12\n02:00,37\n";

/* Stores data (in pieces of 7 bytes, as a request body comes); 0 or -1. */
static int
put(const void *data, size_t n, struct stored_file *out)
{
	struct file_put *p = file_put_begin(dir);
	if (!p)
		return -1;
	for (size_t at = 0; at < n; at += 7)
		if (file_put_write(p, (const char *)data + at, n - at < 7 ? n - at : 7) != 0) {
			file_put_abort(p);
			return -1;
		}
	return file_put_finish(p, out);
}

static void
test_types_and_content(void **state)
{
	(void)state;
	struct stored_file f;
	assert_int_equal(put(pdf, sizeof(pdf) - 1, &f), 0);
	assert_string_equal(f.mime, "application/pdf");
	assert_int_equal(f.size, sizeof(pdf) - 1);
	assert_int_equal(strlen(f.sha256), 64);
	uint64_t size = 0;
	int fd = filestore_open(dir, f.sha256, &size);
	assert_true(fd >= 0);
	assert_int_equal(size, sizeof(pdf) - 1);
	char back[sizeof(pdf)] = {0};
	assert_int_equal(read(fd, back, sizeof(back)), (ssize_t)(sizeof(pdf) - 1));
	close(fd);
	assert_memory_equal(back, pdf, sizeof(pdf) - 1);

	assert_int_equal(put(png, sizeof(png), &f), 0);
	assert_string_equal(f.mime, "image/png");
	assert_int_equal(put(text, sizeof(text) - 1, &f), 0);
	assert_string_equal(f.mime, "text/csv");
	/* The same bytes again: the same object. */
	struct stored_file again;
	assert_int_equal(put(text, sizeof(text) - 1, &again), 0);
	assert_string_equal(again.sha256, f.sha256);
}

/*
 * Headerless bytes that libmagic takes for a DOS .COM program (a "mov"
 * opcode first) are data; a file with the "MZ" header is a program.
 */
static void
test_only_mz_is_a_dos_program(void **state)
{
	(void)state;
	unsigned char com_like[64] = {0xb8, 0x6e, 0x3f, 0x22, 0x45, 0x56, 0xab, 0x8a};
	struct stored_file f;
	assert_int_equal(put(com_like, sizeof(com_like), &f), 0);
	assert_string_equal(f.mime, "application/octet-stream");
	unsigned char mz[256] = {'M', 'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff};
	assert_int_equal(put(mz, sizeof(mz), &f), 0);
	assert_string_equal(f.mime, "application/x-dosexec");
}

static void
test_empty_and_aborted_keep_nothing(void **state)
{
	(void)state;
	struct stored_file f;
	assert_int_equal(put("", 0, &f), -1);
	struct file_put *p = file_put_begin(dir);
	assert_non_null(p);
	assert_int_equal(file_put_write(p, "half", 4), 0);
	file_put_abort(p);
	char tmp[512];
	snprintf(tmp, sizeof(tmp), "%s/files/tmp", dir);
	DIR *d = opendir(tmp);
	int left = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		left += e->d_name[0] != '.';
	if (d)
		closedir(d);
	assert_int_equal(left, 0);
}

/* Each thread stores its own kind many times and checks each type. */
static void *
sniff_many(void *arg)
{
	long kind = (long)arg;
	for (int i = 0; i < 40; i++) {
		struct stored_file f;
		int rc = kind == 0   ? put(pdf, sizeof(pdf) - 1, &f)
		         : kind == 1 ? put(png, sizeof(png), &f)
		                     : put(text, sizeof(text) - 1, &f);
		const char *want = kind == 0   ? "application/pdf"
		                   : kind == 1 ? "image/png"
		                               : "text/csv";
		if (rc != 0 || strcmp(f.mime, want) != 0)
			return (void *)1;
	}
	return NULL;
}

static void
test_threads_share_one_magic(void **state)
{
	(void)state;
	pthread_t t[6];
	for (long i = 0; i < 6; i++)
		assert_int_equal(pthread_create(&t[i], NULL, sniff_many, (void *)(i % 3)), 0);
	for (int i = 0; i < 6; i++) {
		void *bad = NULL;
		pthread_join(t[i], &bad);
		assert_null(bad);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_types_and_content),
	    cmocka_unit_test(test_empty_and_aborted_keep_nothing),
	    cmocka_unit_test(test_only_mz_is_a_dos_program),
	    cmocka_unit_test(test_threads_share_one_magic),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
