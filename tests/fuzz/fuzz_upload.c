/*
 * libFuzzer target: the parts of a multipart body (http/upload_parts.c) in
 * any order a parser could hand them over — fields and files interleaved,
 * chunks at odd offsets, empty file inputs, the token missing, wrong,
 * repeated or late, files over the size and count limits (made small here
 * so that they are reached). The input is read as records:
 *
 *   kind key name offset length data…   (one byte each, then `length` bytes)
 *
 * kind 0 field chunk, 1 file chunk, 2 token chunk, 3 end of body.
 * Whatever arrives: no crash, no leak; every file kept is within the limits
 * and arrived after a right token; every field is UTF-8 without NUL; and
 * once the parts are discarded, no temporary file is left behind.
 */
#include <dirent.h>
#include <ftw.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/text.h"
#include "http/upload_parts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static const char *const KEYS[] = {"subject", "description", "files", "service", "csrf", ""};
static const char *const NAMES[] = {"a.txt",
                                    "",
                                    "C:\\fakepath\\b.pdf",
                                    "../../etc/passwd",
                                    "\xe6\x97\xa5\xe6\x9c\xac.txt",
                                    "x\xe2\x80\xae"
                                    "exe.gpj",
                                    "\r\n.txt",
                                    "\xff\xfe"};
#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static char *data_dir;

static bool
token_ok(void *cls)
{
	const char *got = params_get(cls, "csrf");
	return got && params_count(cls, "csrf") == 1 && strcmp(got, "right") == 0;
}

/* Temporary uploads still on disk. */
static int
pending(void)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/files/tmp", data_dir);
	DIR *d = opendir(path);
	check(d != NULL);
	int n = 0;
	struct dirent *e;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

static int
remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* The store's folders go with the process (libFuzzer ends through exit). */
static void
remove_data_dir(void)
{
	nftw(data_dir, remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

static void
setup(void)
{
	if (data_dir)
		return;
	static char tmpl[] = "/tmp/madoguchi-fuzz-upload-XXXXXX";
	data_dir = mkdtemp(tmpl);
	check(data_dir && filestore_init(data_dir) == 0);
	atexit(remove_data_dir);
}

static void
check_result(const struct upload_parts *u, int status)
{
	check(status == 0 || status == 400 || status == 403 || status == 413);
	check(u->nfiles >= 0 && u->nfiles <= u->files_max);
	if (u->nfiles)
		check(u->token_seen && token_ok(u->form));
	for (int i = 0; i < u->nfiles; i++) {
		check(u->files[i].stored.size > 0 && u->files[i].stored.size <= u->file_max);
		check(u->files[i].pending != NULL);
		size_t n = strlen(u->files[i].filename);
		check(n >= 1 && utf8_valid((const unsigned char *)u->files[i].filename, n));
		check(!text_has_control(u->files[i].filename, false));
	}
	for (size_t i = 0; i < u->form->n; i++) {
		const struct param *p = &u->form->v[i];
		check(utf8_valid((const unsigned char *)p->val, p->vlen));
		check(memchr(p->val, 0, p->vlen) == NULL);
		check(p->vlen <= u->field_max);
	}
	if (u->refused == UPLOAD_TOO_LARGE || u->refused == UPLOAD_TOO_MANY)
		check(u->refused_name != NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	setup();
	if (size < 2)
		return 0;
	struct arena *a = arena_new();
	struct params form = {0};
	struct incoming_file files[4];
	memset(files, 0, sizeof(files));
	struct upload_parts u = {.a = a,
	                         .data_dir = data_dir,
	                         .file_max = 8 + data[0] % 64,
	                         .files_max = 1 + data[1] % 4,
	                         .field_max = 64,
	                         .params_max = 8,
	                         .token_ok = token_ok,
	                         .cls = &form,
	                         .form = &form,
	                         .files = files};
	size_t i = 2;
	int status = 0;
	bool ended = false;
	while (i + 5 <= size && !status && !ended) {
		uint8_t kind = data[i] % 4, key = data[i + 1], name = data[i + 2];
		uint64_t off = data[i + 3];
		size_t len = data[i + 4];
		i += 5;
		if (len > size - i)
			len = size - i;
		const char *chunk = (const char *)data + i;
		i += len;
		switch (kind) {
		case 0:
			status =
			    upload_parts_chunk(&u, KEYS[key % COUNT(KEYS)], NULL, chunk, off, len);
			break;
		case 1:
			status = upload_parts_chunk(&u, KEYS[key % COUNT(KEYS)],
			                            NAMES[name % COUNT(NAMES)], chunk, off, len);
			break;
		case 2: /* the token: right, wrong, or whatever the chunk says */
			status = upload_parts_chunk(&u, "csrf", NULL,
			                            key % 3 == 0   ? "right"
			                            : key % 3 == 1 ? "wrong"
			                                           : chunk,
			                            0, key % 3 == 2 ? len : 5);
			break;
		default:
			status = upload_parts_end(&u);
			ended = true;
			break;
		}
	}
	if (ended && status == 0)
		check_result(&u, status);
	else
		check(status == 0 || status == 400 || status == 403 || status == 413);
	upload_parts_discard(&u);
	check(pending() == 0);
	arena_free(a);
	return 0;
}
