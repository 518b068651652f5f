/*
 * Request bodies that carry files. A multipart/form-data body (forms with
 * files) is parsed by libmicrohttpd's post processor as it arrives: each
 * file streams straight into the file store (files/filestore.h) and
 * ordinary fields are collected into r->form; a raw body (the API's
 * attachments) is one file streamed the same way. Memory stays flat
 * whatever the size of the files. A
 * request whose CSRF field is wrong, whose user may not use the route, or
 * whose file exceeds the limit is refused as soon as that is known, before
 * the rest is read. A file over the size or count limit is left out instead
 * (http/upload_parts.h), so that the page can show the form again.
 */
#ifndef MADOGUCHI_HTTP_UPLOAD_H
#define MADOGUCHI_HTTP_UPLOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "files/filestore.h"

struct req;

#define UPLOAD_FILE_MAX  ATTACHMENT_FILE_MAX
#define UPLOAD_FILES_MAX ATTACHMENT_FILES_MAX
/* The body of a form with files: its files at their largest, and the form around them. */
#define UPLOAD_BODY_MAX ((size_t)UPLOAD_FILES_MAX * UPLOAD_FILE_MAX + 1024 * 1024)
/* The request's files (r->files) are incoming files of the file store (files/filestore.h). */
#define UPLOAD_FIELD_MAX (64 * 1024) /* an ordinary field */

/*
 * Moves upload i into the file store: call it just before recording the
 * file in the database. Uploads a request does not keep are deleted when it
 * ends, so a refused request leaves nothing behind. 0 or -1.
 */
int upload_keep(struct req *r, int i);

/* Starts parsing when the request is multipart/form-data; 0, or an HTTP status. */
int upload_begin(struct req *r);
/*
 * Takes the whole body as one file of up to max bytes (ROUTE_STREAM), of
 * any Content-Type: feeding more answers 413 and drops what was stored. At
 * the end it is r->files[0] under the name "file" (the route's handler
 * names it), or no file at all when the body was empty. 0, or 500.
 */
int upload_begin_raw(struct req *r, uint64_t max);
/*
 * Feeds a chunk of the body. Returns 0 to go on, or the HTTP status to
 * answer at once (403 wrong CSRF token, 413 file too large, 400 malformed,
 * 500 disk error).
 */
int upload_feed(struct req *r, const char *data, size_t len);
/*
 * Ends the body: seals the files (synced, hashed, typed; still temporary).
 * Returns 0, or an HTTP status. The files are then in r->files / r->nfiles.
 */
int upload_finish(struct req *r);
/*
 * Why files were left out of the request (enum upload_refusal of
 * http/upload_parts.h: UPLOAD_OK when none was); *name (may be NULL) gets
 * the file's name.
 */
int upload_refused(const struct req *r, const char **name);
/* True when the request is being parsed as multipart. */
bool upload_active(const struct req *r);

#endif
