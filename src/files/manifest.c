/* The backup manifest and the hashing copies behind it; see manifest.h. */
#include "files/manifest.h"
#include "core/fs.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define COPY_CHUNK (256 * 1024)

void
manifest_free(struct manifest *m)
{
	free(m->entries);
	m->entries = NULL;
	m->count = m->cap = 0;
}

static int
is_hex(const char *s, size_t n)
{
	return strlen(s) == n && strspn(s, "0123456789abcdef") == n;
}

int
manifest_path_ok(const char *path)
{
	if (strcmp(path, "madoguchi.db") == 0 || strcmp(path, "secret.key") == 0)
		return 1;
	/* files/ab/cd/<sha256>, where ab and cd are the hash's first digits */
	const char *sha = path + sizeof("files/ab/cd/") - 1;
	return strlen(path) == sizeof("files/ab/cd/") - 1 + 64 && strncmp(path, "files/", 6) == 0 &&
	       is_hex(sha, 64) && path[8] == '/' && path[11] == '/' &&
	       memcmp(path + 6, sha, 2) == 0 && memcmp(path + 9, sha + 2, 2) == 0;
}

void
manifest_file_path(const char *sha256, char *out)
{
	snprintf(out, MANIFEST_PATH_MAX, "files/%.2s/%.2s/%s", sha256, sha256 + 2, sha256);
}

void
manifest_key_check(const unsigned char key[32], char out[33])
{
	static const char what[] = "madoguchi sealing key check";
	unsigned char h[16];
	crypto_generichash(h, sizeof(h), (const unsigned char *)what, sizeof(what) - 1, key, 32);
	sodium_bin2hex(out, 33, h, sizeof(h));
}

int
manifest_add(struct manifest *m, const char *path, uint64_t size, const char *sha256)
{
	if (!manifest_path_ok(path) || !is_hex(sha256, 64))
		return -1;
	for (size_t i = 0; i < m->count; i++)
		if (strcmp(m->entries[i].path, path) == 0)
			return -1;
	if (m->count == m->cap) {
		m->cap = m->cap ? m->cap * 2 : 64;
		m->entries = xrealloc(m->entries, m->cap * sizeof(*m->entries));
	}
	struct manifest_entry *e = &m->entries[m->count++];
	snprintf(e->path, sizeof(e->path), "%s", path);
	memcpy(e->sha256, sha256, 65);
	e->size = size;
	return 0;
}

int
manifest_write(const struct manifest *m, const char *dir)
{
	char tmp[4096], dst[4096];
	snprintf(tmp, sizeof(tmp), "%s/%s.tmp", dir, MANIFEST_NAME);
	snprintf(dst, sizeof(dst), "%s/%s", dir, MANIFEST_NAME);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	FILE *f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		return -1;
	}
	fprintf(f, "madoguchi-backup %d\nschema %d\ncreated %s\nkey %s %s\n", MANIFEST_FORMAT,
	        m->schema, m->created, m->key_source, m->key_check);
	for (size_t i = 0; i < m->count; i++)
		fprintf(f, "file %s %llu %s\n", m->entries[i].sha256,
		        (unsigned long long)m->entries[i].size, m->entries[i].path);
	fprintf(f, "end %zu\n", m->count);
	int rc = fflush(f) == 0 && !ferror(f) && fsync(fd) == 0 ? 0 : -1;
	if (fclose(f) != 0)
		rc = -1;
	if (rc == 0 && rename(tmp, dst) != 0)
		rc = -1;
	if (rc != 0) {
		int e = errno;
		unlink(tmp);
		errno = e;
		return -1;
	}
	return fs_sync_dir(dir);
}

/* The next line of text (without its newline) into buf; 0, or -1 at the end or when too long. */
static int
next_line(const char **p, const char *end, char *buf, size_t n)
{
	if (*p >= end)
		return -1;
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	if (!nl || (size_t)(nl - *p) >= n)
		return -1;
	memcpy(buf, *p, (size_t)(nl - *p));
	buf[nl - *p] = '\0';
	*p = nl + 1;
	return 0;
}

/* A decimal number without sign or leading zeros, the whole of s. */
static int
parse_u64(const char *s, uint64_t *out)
{
	if (!*s || strspn(s, "0123456789") != strlen(s) || (s[0] == '0' && s[1]) || strlen(s) > 19)
		return -1;
	*out = strtoull(s, NULL, 10);
	return 0;
}

/* The header line "<word> <rest>": rest, or NULL when the line starts otherwise. */
static const char *
after_word(const char *line, const char *word)
{
	size_t n = strlen(word);
	return strncmp(line, word, n) == 0 && line[n] == ' ' ? line + n + 1 : NULL;
}

static int
parse_file_line(struct manifest *m, const char *rest)
{
	char sha[65], num[21];
	const char *sp1 = strchr(rest, ' ');
	if (!sp1 || sp1 - rest != 64)
		return -1;
	memcpy(sha, rest, 64);
	sha[64] = '\0';
	const char *sp2 = strchr(sp1 + 1, ' ');
	if (!sp2 || sp2 - sp1 - 1 >= (long)sizeof(num))
		return -1;
	memcpy(num, sp1 + 1, (size_t)(sp2 - sp1 - 1));
	num[sp2 - sp1 - 1] = '\0';
	uint64_t size;
	if (parse_u64(num, &size) != 0)
		return -1;
	return manifest_add(m, sp2 + 1, size, sha);
}

int
manifest_parse(const char *text, size_t len, struct manifest *m, int *line)
{
	const char *p = text, *end = text + len;
	char buf[256];
	const char *v;
	uint64_t n;
	*line = 1;
	if (next_line(&p, end, buf, sizeof(buf)) != 0)
		goto early;
	if (!(v = after_word(buf, "madoguchi-backup")) || parse_u64(v, &n) != 0 ||
	    n != MANIFEST_FORMAT)
		goto bad;
	(*line)++;
	if (next_line(&p, end, buf, sizeof(buf)) != 0)
		goto early;
	if (!(v = after_word(buf, "schema")) || parse_u64(v, &n) != 0 || n == 0 || n > 1000000)
		goto bad;
	m->schema = (int)n;
	(*line)++;
	if (next_line(&p, end, buf, sizeof(buf)) != 0)
		goto early;
	if (!(v = after_word(buf, "created")) || strlen(v) >= sizeof(m->created) || !*v ||
	    strchr(v, ' '))
		goto bad;
	snprintf(m->created, sizeof(m->created), "%s", v);
	(*line)++;
	if (next_line(&p, end, buf, sizeof(buf)) != 0)
		goto early;
	if (!(v = after_word(buf, "key")))
		goto bad;
	if ((v = after_word(v, "file")) != NULL)
		snprintf(m->key_source, sizeof(m->key_source), "file");
	else if ((v = after_word(buf + 4, "environment")) != NULL)
		snprintf(m->key_source, sizeof(m->key_source), "environment");
	if (!v || !is_hex(v, 32))
		goto bad;
	memcpy(m->key_check, v, 33);
	for (;;) {
		(*line)++;
		if (next_line(&p, end, buf, sizeof(buf)) != 0)
			goto early;
		if ((v = after_word(buf, "file")) != NULL) {
			if (parse_file_line(m, v) != 0)
				goto bad;
			continue;
		}
		if (!(v = after_word(buf, "end")) || parse_u64(v, &n) != 0 || n != m->count)
			goto bad;
		break;
	}
	if (p != end)
		goto bad; /* nothing may follow the end line */
	return 0;
early:
	*line = 0;
bad:
	manifest_free(m);
	return -1;
}

int
manifest_read(const char *dir, struct manifest *m, int *line)
{
	char path[4096];
	snprintf(path, sizeof(path), "%s/%s", dir, MANIFEST_NAME);
	FILE *f = fopen(path, "re");
	if (!f)
		return -1;
	/* A manifest lists one line per file: a few MiB at millions of attachments. */
	size_t cap = 64 * 1024, len = 0;
	char *text = xmalloc(cap);
	size_t got;
	while ((got = fread(text + len, 1, cap - len, f)) > 0) {
		len += got;
		if (len == cap)
			text = xrealloc(text, cap *= 2);
	}
	int err = ferror(f);
	fclose(f);
	int rc = err ? -1 : manifest_parse(text, len, m, line) == 0 ? 0 : -2;
	free(text);
	return rc;
}

int
file_sha256(const char *path, char sha256[65], uint64_t *size)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	unsigned char *buf = xmalloc(COPY_CHUNK);
	uint64_t total = 0;
	ssize_t n;
	while ((n = read(fd, buf, COPY_CHUNK)) != 0) {
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
		total += (uint64_t)n;
	}
	int e = errno;
	free(buf);
	close(fd);
	if (n < 0) {
		errno = e;
		return -1;
	}
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(sha256, 65, h, sizeof(h));
	*size = total;
	return 0;
}

static int
write_all(int fd, const unsigned char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
file_copy_hashed(const char *src, const char *dst, mode_t mode, char sha256[65], uint64_t *size)
{
	int in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0)
		return -1;
	int out = open(dst, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, mode);
	if (out < 0) {
		int e = errno;
		close(in);
		errno = e;
		return -1;
	}
	crypto_hash_sha256_state st;
	crypto_hash_sha256_init(&st);
	unsigned char *buf = xmalloc(COPY_CHUNK);
	uint64_t total = 0;
	int rc = 0;
	for (;;) {
		ssize_t n = read(in, buf, COPY_CHUNK);
		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0)
			break;
		if (n < 0 || write_all(out, buf, (size_t)n) != 0) {
			rc = -1;
			break;
		}
		crypto_hash_sha256_update(&st, buf, (unsigned long long)n);
		total += (uint64_t)n;
	}
	if (rc == 0 && fsync(out) != 0)
		rc = -1;
	int e = errno;
	free(buf);
	close(in);
	if (close(out) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0) {
		unlink(dst);
		errno = e;
		return -1;
	}
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(sha256, 65, h, sizeof(h));
	*size = total;
	return 0;
}

int
mkdir_parents(const char *path)
{
	char p[4096];
	if (snprintf(p, sizeof(p), "%s", path) >= (int)sizeof(p))
		return -1;
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST)
			return -1;
		*s = '/';
	}
	return 0;
}
