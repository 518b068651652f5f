/* The content-addressed store; see filestore.h. */
#include "files/filestore.h"
#include "core/fs.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <magic.h>
#include <pthread.h>
#include <stdbool.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct file_put {
	int fd;
	char tmp[4096];
	const char *data_dir;
	uint64_t size;
	crypto_hash_sha256_state sha;
	int failed;
	char sealed_sha[65]; /* set by file_put_seal */
};

/*
 * libmagic: one handle for the process, loaded once and used under a lock
 * (a handle is not thread-safe). Its database is several MiB in memory:
 * one per thread would cost that much again in every thread that ever
 * receives a file, and type detection is a moment of each upload.
 */
static magic_t the_magic;
static pthread_once_t magic_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t magic_lock = PTHREAD_MUTEX_INITIALIZER;

/*
 * What libmagic reads of a file: its default (7 MiB in file 5.4x) is a
 * buffer that size per detection; the types we tell apart show at the start.
 */
#define MAGIC_BYTES_MAX (256 * 1024)

static void
magic_setup(void)
{
	magic_t m = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR);
	size_t max = MAGIC_BYTES_MAX;
	if (m &&
	    (magic_load(m, NULL) != 0 || magic_setparam(m, MAGIC_PARAM_BYTES_MAX, &max) != 0)) {
		log_error("libmagic: %s", magic_error(m));
		magic_close(m);
		m = NULL;
	}
	the_magic = m;
}

void
filestore_preload(void)
{
	pthread_once(&magic_once, magic_setup);
}

static int
mkdir_p(const char *path)
{
	if (mkdir(path, 0700) == 0 || errno == EEXIST)
		return 0;
	log_error("mkdir %s: %s", path, strerror(errno));
	return -1;
}

int
filestore_init(const char *data_dir)
{
	char p[4096];
	snprintf(p, sizeof(p), "%s/files", data_dir);
	if (mkdir_p(p) != 0)
		return -1;
	snprintf(p, sizeof(p), "%s/files/tmp", data_dir);
	return mkdir_p(p);
}

struct file_put *
file_put_begin(const char *data_dir)
{
	if (filestore_init(data_dir) != 0)
		return NULL;
	struct file_put *p = xcalloc(1, sizeof(*p));
	p->data_dir = data_dir;
	snprintf(p->tmp, sizeof(p->tmp), "%s/files/tmp/upload-XXXXXX", data_dir);
	p->fd = mkostemp(p->tmp, O_CLOEXEC);
	if (p->fd < 0) {
		log_error("upload temp file: %s", strerror(errno));
		free(p);
		return NULL;
	}
	crypto_hash_sha256_init(&p->sha);
	return p;
}

int
file_put_write(struct file_put *p, const void *data, uint64_t len)
{
	if (p->failed)
		return -1;
	const unsigned char *c = data;
	uint64_t left = len;
	while (left) {
		ssize_t n = write(p->fd, c, left);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			log_error("upload write: %s", n < 0 ? strerror(errno) : "short write");
			p->failed = 1;
			return -1;
		}
		c += n;
		left -= (uint64_t)n;
	}
	crypto_hash_sha256_update(&p->sha, data, len);
	p->size += len;
	return 0;
}

uint64_t
file_put_size(const struct file_put *p)
{
	return p->size;
}

void
file_put_abort(struct file_put *p)
{
	if (!p)
		return;
	close(p->fd);
	unlink(p->tmp);
	free(p);
}

/*
 * libmagic also names headerless data "application/x-dosexec" when its
 * first bytes look like a DOS .COM program's opening instruction: about one
 * random (encrypted, compressed, captured) file in a hundred. Only a file
 * with the "MZ" header is a DOS or Windows program; the rest stays data.
 */
static bool
starts_with_mz(int fd)
{
	char head[2];
	return pread(fd, head, sizeof(head), 0) == (ssize_t)sizeof(head) && head[0] == 'M' &&
	       head[1] == 'Z';
}

static void
sniff(int fd, char *mime, size_t n)
{
	filestore_preload();
	const char *m = NULL;
	pthread_mutex_lock(&magic_lock);
	if (the_magic && lseek(fd, 0, SEEK_SET) == 0)
		m = magic_descriptor(the_magic, fd);
	snprintf(mime, n, "%s", m && *m ? m : "application/octet-stream");
	pthread_mutex_unlock(&magic_lock);
	if (strcmp(mime, "application/x-dosexec") == 0 && !starts_with_mz(fd))
		snprintf(mime, n, "application/octet-stream");
}

/* data/files/ab/cd/<sha>: two levels keep folders small at millions of files. */
static void
final_path(const char *data_dir, const char *sha, char *out, size_t n, int level)
{
	if (level == 1)
		snprintf(out, n, "%s/files/%.2s", data_dir, sha);
	else if (level == 2)
		snprintf(out, n, "%s/files/%.2s/%.2s", data_dir, sha, sha + 2);
	else
		snprintf(out, n, "%s/files/%.2s/%.2s/%s", data_dir, sha, sha + 2, sha);
}

int
file_put_seal(struct file_put *p, struct stored_file *out)
{
	unsigned char h[crypto_hash_sha256_BYTES];
	if (p->failed || p->size == 0 || fsync(p->fd) != 0)
		return -1;
	crypto_hash_sha256_final(&p->sha, h);
	sodium_bin2hex(out->sha256, sizeof(out->sha256), h, sizeof(h));
	out->size = p->size;
	sniff(p->fd, out->mime, sizeof(out->mime));
	memcpy(p->sealed_sha, out->sha256, sizeof(p->sealed_sha));
	return 0;
}

int
file_put_commit(struct file_put *p)
{
	char l1[4096], l2[4096], dst[4096];
	const char *sha = p->sealed_sha;
	final_path(p->data_dir, sha, l1, sizeof(l1), 1);
	final_path(p->data_dir, sha, l2, sizeof(l2), 2);
	final_path(p->data_dir, sha, dst, sizeof(dst), 3);
	if (!*sha || mkdir_p(l1) != 0 || mkdir_p(l2) != 0)
		goto fail;
	if (rename(p->tmp, dst) != 0) {
		log_error("store %s: %s", dst, strerror(errno));
		goto fail;
	}
	if (fs_sync_dir(l2) != 0)
		log_error("fsync %s: %s", l2, strerror(errno));
	close(p->fd);
	free(p);
	return 0;
fail:
	file_put_abort(p);
	return -1;
}

int
file_put_finish(struct file_put *p, struct stored_file *out)
{
	if (file_put_seal(p, out) != 0) {
		file_put_abort(p);
		return -1;
	}
	return file_put_commit(p);
}

int
filestore_open(const char *data_dir, const char *sha256, uint64_t *size)
{
	if (!sha256 || strlen(sha256) != 64 || strspn(sha256, "0123456789abcdef") != 64)
		return -1;
	char path[4096];
	final_path(data_dir, sha256, path, sizeof(path), 3);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat st;
	if (fstat(fd, &st) != 0) {
		close(fd);
		return -1;
	}
	*size = (uint64_t)st.st_size;
	return fd;
}

/* dir/name into out; -1 when it does not fit. */
static int
join(char *out, size_t n, const char *dir, const char *name)
{
	int w = snprintf(out, n, "%s/%s", dir, name);
	return w < 0 || (size_t)w >= n ? -1 : 0;
}

/* Calls fn for each entry name of dir but "." and "..". */
static int
each_entry(const char *dir, int (*fn)(const char *dir, const char *name, void *ctx), void *ctx)
{
	DIR *d = opendir(dir);
	if (!d)
		return errno == ENOENT ? 0 : -1;
	int total = 0;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		int n = fn(dir, e->d_name, ctx);
		if (n > 0)
			total += n;
	}
	closedir(d);
	return total;
}

struct sweep {
	int64_t before;
	int (*referenced)(void *ctx, const char *sha256);
	void *ctx;
};

static int
sweep_file(const char *dir, const char *name, void *p)
{
	struct sweep *s = p;
	char path[4096];
	if (join(path, sizeof(path), dir, name) != 0)
		return 0;
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_mtime >= s->before)
		return 0;
	if (strlen(name) != 64 || s->referenced(s->ctx, name) != 0)
		return 0; /* referenced, unknown, or the database could not say */
	if (unlink(path) != 0)
		return 0;
	log_info("file store: removed %s, referred to by nothing", name);
	return 1;
}

static int
sweep_level2(const char *dir, const char *name, void *p)
{
	char path[4096];
	if (join(path, sizeof(path), dir, name) != 0)
		return 0;
	return each_entry(path, sweep_file, p);
}

static int
sweep_level1(const char *dir, const char *name, void *p)
{
	if (strcmp(name, "tmp") == 0)
		return 0;
	char path[4096];
	if (join(path, sizeof(path), dir, name) != 0)
		return 0;
	return each_entry(path, sweep_level2, p);
}

/* Uploads interrupted by a crash leave their temporary file: a day is plenty. */
static int
sweep_tmp(const char *dir, const char *name, void *p)
{
	const struct sweep *s = p;
	char path[4096];
	if (join(path, sizeof(path), dir, name) != 0)
		return 0;
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_mtime < s->before - 86400 &&
	    unlink(path) == 0)
		return 1;
	return 0;
}

int
filestore_sweep(const char *data_dir, int64_t before,
                int (*referenced)(void *ctx, const char *sha256), void *ctx)
{
	struct sweep s = {before, referenced, ctx};
	char path[4096];
	snprintf(path, sizeof(path), "%s/files", data_dir);
	int n = each_entry(path, sweep_level1, &s);
	snprintf(path, sizeof(path), "%s/files/tmp", data_dir);
	int t = each_entry(path, sweep_tmp, &s);
	return n < 0 || t < 0 ? -1 : n + t;
}

int
incoming_keep(struct incoming_file *f)
{
	if (!f->pending)
		return 0;
	int rc = file_put_commit(f->pending);
	f->pending = NULL;
	return rc;
}
