/*
 * The manifest of a backup directory (`madoguchi backup`, `restore`): what
 * the backup holds and the SHA-256 and size of every file, so that a
 * restore verifies each byte before it writes anything. It is written last,
 * to a temporary name first and renamed into place, so a backup without
 * manifest.txt is one that did not finish.
 *
 * manifest.txt is UTF-8 text, one record per line, fields separated by one
 * space:
 *
 *   madoguchi-backup 1                    format and its version
 *   schema 13                             schema version of the database
 *   created 2026-12-07T07:30:00Z          when the backup was taken (UTC)
 *   key file 0f1e…(32 hex digits)         where the sealing key is: "file"
 *                                         (secret.key is in the backup) or
 *                                         "environment" (MADOGUCHI_SECRET_KEY,
 *                                         not in the backup), then a check
 *                                         value that tells the key without
 *                                         revealing it
 *   file <sha256> <size> <path>           one line per file, path last
 *   end <number of file lines>
 *
 * Paths are relative and only of the shapes a data directory has:
 * madoguchi.db, secret.key and files/ab/cd/<sha256>; anything else (an
 * absolute path, "..", an unknown name) makes the manifest invalid.
 */
#ifndef MADOGUCHI_FILES_MANIFEST_H
#define MADOGUCHI_FILES_MANIFEST_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define MANIFEST_NAME     "manifest.txt"
#define MANIFEST_FORMAT   1
#define MANIFEST_PATH_MAX 96

struct manifest_entry {
	char path[MANIFEST_PATH_MAX];
	uint64_t size;
	char sha256[65];
};

struct manifest {
	int schema;
	char created[32];
	char key_source[16]; /* "file" or "environment" */
	char key_check[33];
	struct manifest_entry *entries;
	size_t count, cap;
};

/* Frees what the manifest holds (the struct itself is the caller's). */
void manifest_free(struct manifest *m);
/* Appends an entry; -1 (nothing added) when the path is not one a manifest may name. */
int manifest_add(struct manifest *m, const char *path, uint64_t size, const char *sha256);
/* 1 when path is one of the shapes a manifest may name, else 0. */
int manifest_path_ok(const char *path);
/* The stored file's relative path files/ab/cd/<sha256> into out (MANIFEST_PATH_MAX). */
void manifest_file_path(const char *sha256, char *out);
/* The check value of a sealing key: a keyed hash of a constant, 32 hex digits. */
void manifest_key_check(const unsigned char key[32], char out[33]);

/*
 * Writes dir/manifest.txt: to a temporary file, synced, then renamed into
 * place and the directory synced. Returns 0 or -1 (errno says why).
 */
int manifest_write(const struct manifest *m, const char *dir);
/*
 * Parses the text of a manifest into m (zeroed by the caller). Returns 0,
 * or -1 with m freed and *line set to the first line that is wrong (0 when
 * the text ends early).
 */
int manifest_parse(const char *text, size_t len, struct manifest *m, int *line);
/* Reads and parses dir/manifest.txt: 0, -1 unreadable (errno), -2 invalid (*line). */
int manifest_read(const char *dir, struct manifest *m, int *line);

/* The SHA-256 (hex) and size of a file; 0, or -1 when it cannot be read. */
int file_sha256(const char *path, char sha256[65], uint64_t *size);
/*
 * Copies src to dst (created, never overwritten, with the given mode),
 * syncs it and gives the SHA-256 and size of the bytes copied. Returns 0, or
 * -1 (errno says why; a partial dst is removed).
 */
int file_copy_hashed(const char *src, const char *dst, mode_t mode, char sha256[65],
                     uint64_t *size);
/* Creates every missing folder of path's parents (0700); 0 or -1. */
int mkdir_parents(const char *path);

#endif
