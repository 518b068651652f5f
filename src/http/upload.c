/* Request bodies into the file store: multipart forms and raw files; see upload.h. */
#include "http/upload.h"
#include "app.h"
#include "http/csrf.h"
#include "core/arena.h"
#include "http/request.h"
#include "http/upload_parts.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

struct upload_state {
	struct MHD_PostProcessor *pp; /* multipart; NULL for a raw body */
	struct upload_parts parts;
	/* A raw body: the file it is, up to raw_max bytes. */
	bool raw;
	struct file_put *put;
	uint64_t raw_max;
};

bool
upload_active(const struct req *r)
{
	return r->upload != NULL;
}

static enum MHD_Result
on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
        const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
        size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	struct upload_state *u = cls;
	return upload_parts_chunk(&u->parts, key, filename, data, off, size) ? MHD_NO : MHD_YES;
}

static bool
token_ok(void *cls)
{
	return csrf_check(cls);
}

/* Runs at the end of the request whatever happened: nothing half-written stays. */
static void
cleanup(void *p)
{
	struct upload_state *u = p;
	if (u->pp)
		MHD_destroy_post_processor(u->pp);
	upload_parts_discard(&u->parts);
	file_put_abort(u->put);
}

int
upload_keep(struct req *r, int i)
{
	if (i < 0 || i >= r->nfiles)
		return -1;
	return incoming_keep(&r->files[i]);
}

int
upload_begin(struct req *r)
{
	const char *ct = req_in_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return 0;
	struct upload_state *u = arena_zalloc(r->a, sizeof(*u));
	r->files = arena_zalloc(r->a, UPLOAD_FILES_MAX * sizeof(*r->files));
	u->parts = (struct upload_parts){.a = r->a,
	                                 .data_dir = r->app->cfg.data_dir,
	                                 .file_max = UPLOAD_FILE_MAX,
	                                 .files_max = UPLOAD_FILES_MAX,
	                                 .field_max = UPLOAD_FIELD_MAX,
	                                 .params_max = PARSE_MAX_PARAMS,
	                                 .token_ok = token_ok,
	                                 .cls = r,
	                                 .form = &r->form,
	                                 .files = r->files};
	u->pp = MHD_create_post_processor(r->conn, 64 * 1024, on_part, u);
	if (!u->pp)
		return 400;
	r->upload = u;
	arena_defer(r->a, cleanup, u);
	return 0;
}

int
upload_begin_raw(struct req *r, uint64_t max)
{
	struct upload_state *u = arena_zalloc(r->a, sizeof(*u));
	u->raw = true;
	u->raw_max = max;
	u->parts.files = r->files = arena_zalloc(r->a, sizeof(*r->files));
	u->put = file_put_begin(r->app->cfg.data_dir);
	if (!u->put)
		return 500;
	r->upload = u;
	arena_defer(r->a, cleanup, u);
	return 0;
}

/* A chunk of a raw body; over the limit the file is dropped at once, not at the end. */
static int
feed_raw(struct upload_state *u, const char *data, size_t len)
{
	if (!u->put)
		return 500;
	if (file_put_size(u->put) + len > u->raw_max) {
		file_put_abort(u->put);
		u->put = NULL;
		return 413;
	}
	return file_put_write(u->put, data, len) == 0 ? 0 : 500;
}

/* The end of a raw body: the sealed file, or none when the body was empty. */
static int
finish_raw(struct req *r, struct upload_state *u)
{
	struct incoming_file *f = &r->files[0];
	if (!u->put)
		return 500; /* refused while it arrived: answered already */
	if (file_put_seal(u->put, &f->stored) != 0) {
		bool empty = file_put_size(u->put) == 0;
		file_put_abort(u->put);
		u->put = NULL;
		return empty ? 0 : 500;
	}
	f->pending = u->put;
	f->field = "";
	f->filename = "file";
	u->put = NULL;
	u->parts.nfiles = r->nfiles = 1;
	return 0;
}

int
upload_feed(struct req *r, const char *data, size_t len)
{
	struct upload_state *u = r->upload;
	if (u->raw)
		return feed_raw(u, data, len);
	if (MHD_post_process(u->pp, data, len) != MHD_YES)
		return u->parts.status ? u->parts.status : 400;
	return 0;
}

int
upload_finish(struct req *r)
{
	struct upload_state *u = r->upload;
	if (u->raw)
		return finish_raw(r, u);
	/* MHD_NO: the body ended before the closing boundary (a cut connection,
	 * a client that gave up): what arrived of the last part is not a file. */
	bool complete = MHD_destroy_post_processor(u->pp) == MHD_YES;
	u->pp = NULL;
	if (u->parts.status)
		return u->parts.status;
	if (!complete)
		return u->parts.status = 400;
	int st = upload_parts_end(&u->parts);
	r->nfiles = u->parts.nfiles;
	return st;
}

int
upload_refused(const struct req *r, const char **name)
{
	const struct upload_state *u = r->upload;
	if (!u || u->raw || !u->parts.refused)
		return UPLOAD_OK;
	if (name)
		*name = u->parts.refused_name;
	return u->parts.refused;
}
