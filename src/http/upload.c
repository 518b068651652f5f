/* multipart/form-data parsing into the file store; see upload.h. */
#include "http/upload.h"
#include "app.h"
#include "http/csrf.h"
#include "core/text.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "http/request.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

struct upload_state {
	struct MHD_PostProcessor *pp;
	struct file_put *put; /* the file being received, if any */
	const char *put_field, *put_name;
	struct buf field; /* the ordinary field being received */
	const char *field_key;
	int status; /* set by the iterator to stop parsing */
	bool csrf_seen;
	bool skipping; /* the current part is an empty file input */
	struct req *r;
	size_t nparams;
};

bool
upload_active(const struct req *r)
{
	return r->upload != NULL;
}

/* Adds a finished ordinary field to r->form. */
static int
add_param(struct req *r, struct upload_state *u)
{
	if (u->nparams >= PARSE_MAX_PARAMS)
		return 400;
	const char *val = u->field.p ? u->field.p : "";
	if (!utf8_valid((const unsigned char *)val, u->field.len) || memchr(val, 0, u->field.len))
		return 400;
	if (r->form.n % 16 == 0) {
		struct param *np = arena_alloc(r->a, (r->form.n + 16) * sizeof(*np));
		if (r->form.n)
			memcpy(np, r->form.v, r->form.n * sizeof(*np));
		r->form.v = np;
	}
	r->form.v[r->form.n++] =
	    (struct param){u->field_key, arena_strndup(r->a, val, u->field.len), u->field.len};
	u->nparams++;
	/* The token comes first in our forms: check it before reading any file. */
	if (strcmp(u->field_key, "csrf") == 0) {
		u->csrf_seen = true;
		if (!csrf_check(r))
			return 403;
	}
	u->field.len = 0;
	u->field_key = NULL;
	return 0;
}

static int
finish_file(struct req *r, struct upload_state *u)
{
	if (!u->put)
		return 0;
	if (r->nfiles >= UPLOAD_FILES_MAX) {
		file_put_abort(u->put);
		u->put = NULL;
		return 413;
	}
	struct incoming_file *f = &r->files[r->nfiles];
	struct file_put *put = u->put;
	u->put = NULL;
	if (file_put_seal(put, &f->stored) != 0) {
		file_put_abort(put); /* no bytes: not an attachment */
		return 0;
	}
	f->pending = put;
	f->field = u->put_field;
	f->filename = u->put_name;
	r->nfiles++;
	return 0;
}

/* A browser sends C:\fakepath\x.pdf or a bare name; keep the last component. */
static const char *
base_name(struct req *r, const char *name)
{
	const char *s = strrchr(name, '/');
	const char *b = strrchr(name, '\\');
	if (b && (!s || b > s))
		s = b;
	const char *n = s ? s + 1 : name;
	return text_file_name(r->a, n, strlen(n), TEXT_FILE_NAME_MAX);
}

static enum MHD_Result
on_part(void *cls, enum MHD_ValueKind kind, const char *key, const char *filename,
        const char *content_type, const char *transfer_encoding, const char *data, uint64_t off,
        size_t size)
{
	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	struct req *r = cls;
	struct upload_state *u = r->upload;
	if (!key)
		return MHD_YES;
	if (filename) {
		if (!u->csrf_seen) {
			u->status = 403; /* files before the token: refuse to store them */
			return MHD_NO;
		}
		if (u->field_key && (u->status = add_param(r, u)) != 0)
			return MHD_NO;
		if (off == 0) {
			if ((u->status = finish_file(r, u)) != 0)
				return MHD_NO;
			/* A file input left empty sends a part with no name and no bytes. */
			u->skipping = *filename == '\0';
			if (u->skipping)
				return MHD_YES;
			u->put_name = base_name(r, filename);
			u->put_field = arena_strdup(r->a, key);
			u->put = file_put_begin(r->app->cfg.data_dir);
			if (!u->put) {
				u->status = 500;
				return MHD_NO;
			}
		}
		if (u->skipping || !u->put)
			return MHD_YES;
		if (file_put_size(u->put) + size > UPLOAD_FILE_MAX) {
			u->status = 413;
			return MHD_NO;
		}
		if (size && file_put_write(u->put, data, size) != 0) {
			u->status = 500;
			return MHD_NO;
		}
		return MHD_YES;
	}
	/* The library may announce a field with an empty chunk at offset 0 and
	 * send its bytes, again at offset 0, with the next packet: that is one
	 * field, not two. */
	if (!u->field_key || strcmp(u->field_key, key) != 0 || (off == 0 && u->field.len > 0)) {
		if (u->field_key && (u->status = add_param(r, u)) != 0)
			return MHD_NO;
		if ((u->status = finish_file(r, u)) != 0)
			return MHD_NO;
		u->field_key = arena_strdup(r->a, key);
		u->field.len = 0;
	}
	if (u->field.len + size > UPLOAD_FIELD_MAX) {
		u->status = 413;
		return MHD_NO;
	}
	buf_append(&u->field, data, size);
	return MHD_YES;
}

/* Runs at the end of the request whatever happened: nothing half-written stays. */
static void
cleanup(void *p)
{
	struct upload_state *u = p;
	if (u->pp)
		MHD_destroy_post_processor(u->pp);
	file_put_abort(u->put);
	buf_free(&u->field);
	for (int i = 0; i < u->r->nfiles; i++) /* not kept: the request refused them */
		file_put_abort(u->r->files[i].pending);
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
	u->r = r;
	r->files = arena_zalloc(r->a, UPLOAD_FILES_MAX * sizeof(*r->files));
	u->pp = MHD_create_post_processor(r->conn, 64 * 1024, on_part, r);
	if (!u->pp)
		return 400;
	r->upload = u;
	arena_defer(r->a, cleanup, u);
	return 0;
}

int
upload_feed(struct req *r, const char *data, size_t len)
{
	struct upload_state *u = r->upload;
	if (MHD_post_process(u->pp, data, len) != MHD_YES)
		return u->status ? u->status : 400;
	return 0;
}

int
upload_finish(struct req *r)
{
	struct upload_state *u = r->upload;
	/* MHD_NO: the body ended before the closing boundary (a cut connection,
	 * a client that gave up): what arrived of the last part is not a file. */
	bool complete = MHD_destroy_post_processor(u->pp) == MHD_YES;
	u->pp = NULL;
	if (u->status)
		return u->status;
	if (!complete)
		return u->status = 400;
	if (u->field_key && (u->status = add_param(r, u)) != 0)
		return u->status;
	return finish_file(r, u);
}
