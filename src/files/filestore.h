/*
 * The content-addressed file store for attachments: data/files/ab/cd/<sha256>.
 * An upload streams into a temporary file in data/files/tmp/ while its
 * SHA-256 is computed; at the end the file is synced and renamed into place
 * (atomic on one file system), so a stored file is always complete and two
 * uploads of the same bytes share one file. The MIME type comes from the
 * content (libmagic), never from the name the browser gave.
 */
#ifndef MADOGUCHI_FILES_FILESTORE_H
#define MADOGUCHI_FILES_FILESTORE_H

#include <stdint.h>

struct file_put;

/*
 * What one comment, case or request takes in files (SPEC §4), whichever
 * channel they come by: the portal's forms and replies by e-mail.
 */
#define ATTACHMENT_FILE_MAX  (2ULL * 1024 * 1024 * 1024) /* 2 GB per file */
#define ATTACHMENT_FILES_MAX 10

struct stored_file {
	char sha256[65];
	uint64_t size;
	char mime[128];
};

/*
 * Loads libmagic's database now rather than at the first upload (the
 * server calls it once when it starts; uploads call it too). Idempotent.
 */
void filestore_preload(void);
/* Creates the store's folders under data_dir; 0 or -1. */
int filestore_init(const char *data_dir);
/* Starts an upload; NULL on error (logged). */
struct file_put *file_put_begin(const char *data_dir);
/* Appends bytes; -1 when the disk refuses them (the upload is then doomed). */
int file_put_write(struct file_put *p, const void *data, uint64_t len);
/* Bytes written so far. */
uint64_t file_put_size(const struct file_put *p);
/*
 * Syncs, hashes, sniffs and moves the file into place; frees p. An empty
 * upload is refused. Returns 0 and fills out, or -1 (nothing kept).
 */
int file_put_finish(struct file_put *p, struct stored_file *out);
/*
 * The two halves of file_put_finish, for uploads that a request may still
 * refuse: seal syncs, hashes and sniffs (the file stays a temporary one;
 * -1 for an empty or failed upload, p kept either way); commit moves it
 * into the store and frees p (-1: nothing kept, p freed).
 */
int file_put_seal(struct file_put *p, struct stored_file *out);
int file_put_commit(struct file_put *p);
/*
 * A file that arrived with a request or a message, sealed but still
 * temporary until an operation keeps it (incoming_keep) just before
 * recording it; files nobody keeps are thrown away with their request, so a
 * refused request leaves nothing behind.
 */
struct incoming_file {
	const char *field;    /* the form field, e.g. "files" ("" outside forms) */
	const char *filename; /* as sent (UTF-8 checked), never a path */
	struct stored_file stored;
	struct file_put *pending; /* sealed, not yet in the store; NULL once kept */
};
/* Moves f into the store (idempotent). 0 or -1. */
int incoming_keep(struct incoming_file *f);
/* Throws the upload away; frees p. Safe with NULL. */
void file_put_abort(struct file_put *p);
/* Opens a stored file for reading; the descriptor, or -1. size filled. */
int filestore_open(const char *data_dir, const char *sha256, uint64_t *size);

/*
 * Removes stored files older than `before` (Unix time) that no row refers
 * to (referenced() answers 0), and abandoned temporary uploads. Files newer
 * than `before` are left alone: their rows may still be committing.
 * Returns how many files were removed, or -1.
 */
int filestore_sweep(const char *data_dir, int64_t before,
                    int (*referenced)(void *ctx, const char *sha256), void *ctx);

#endif
