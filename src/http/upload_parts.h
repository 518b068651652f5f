/*
 * The parts of a multipart/form-data body, as a parser hands them over
 * (key, file name, a chunk of data at an offset), turned into form fields
 * and files streaming into the file store. It knows nothing of the
 * connection, so the rules below can be fuzzed on their own
 * (tests/fuzz/fuzz_upload.c); http/upload.c feeds it from libmicrohttpd.
 *
 * The rules:
 * - the CSRF field comes before any file: a file before it, or a wrong
 *   token, refuses the request (403) before a byte of the file is stored;
 * - a file over the size limit, or one beyond the count limit, is left
 *   out and the refusal remembered, and parsing goes on, so the page can
 *   show the form again with every field kept and a message by the file
 *   input (a client that sends 3 GB does not lose its text over it);
 * - an ordinary field over its limit, more fields than the parser takes,
 *   or text that is not UTF-8 refuses the request (413 / 400): no form
 *   asks for that;
 * - whatever is refused or left unkept is deleted when the parts are
 *   discarded, so nothing half-written stays.
 */
#ifndef MADOGUCHI_HTTP_UPLOAD_PARTS_H
#define MADOGUCHI_HTTP_UPLOAD_PARTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "files/filestore.h"
#include "http/parse.h"

struct arena;

enum upload_refusal {
	UPLOAD_OK = 0,
	UPLOAD_TOO_LARGE, /* a file over file_max: refused_name names it */
	UPLOAD_TOO_MANY,  /* more than files_max files */
};

struct upload_parts {
	/* Set by the caller. */
	struct arena *a;
	const char *data_dir;
	uint64_t file_max;
	int files_max;
	size_t field_max, params_max;
	/* Answers whether the form's token field (already in form) is right. */
	bool (*token_ok)(void *cls);
	void *cls;
	struct params *form;         /* ordinary fields are added here */
	struct incoming_file *files; /* files_max entries */
	int nfiles;

	/* What was left out (first refusal wins). */
	enum upload_refusal refused;
	const char *refused_name;

	/* Parsing state. */
	struct file_put *put;
	const char *put_field, *put_name;
	struct buf field;
	const char *field_key;
	size_t nparams;
	bool token_seen;
	bool skipping; /* the current file part is empty or left out */
	int status;    /* the refusal of the whole request, once set */
};

/* One chunk of a part; filename is NULL for an ordinary field. 0 or an HTTP status. */
int upload_parts_chunk(struct upload_parts *u, const char *key, const char *filename,
                       const char *data, uint64_t off, size_t size);
/* The body has ended with its closing boundary: the last part is complete. 0 or a status. */
int upload_parts_end(struct upload_parts *u);
/* Deletes the file being received and every file not kept (incoming_keep). */
void upload_parts_discard(struct upload_parts *u);

#endif
