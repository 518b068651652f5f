/* The parts of a multipart body into fields and stored files; see upload_parts.h. */
#include "http/upload_parts.h"

#include <string.h>

#include "core/arena.h"
#include "core/text.h"

/* Adds the finished ordinary field to the form; checks the token when it is the token. */
static int
add_field(struct upload_parts *u)
{
	if (u->nparams >= u->params_max)
		return 400;
	const char *val = u->field.p ? u->field.p : "";
	if (!utf8_valid((const unsigned char *)val, u->field.len) || memchr(val, 0, u->field.len))
		return 400;
	struct params *f = u->form;
	if (f->n % 16 == 0) {
		struct param *np = arena_alloc(u->a, (f->n + 16) * sizeof(*np));
		if (f->n)
			memcpy(np, f->v, f->n * sizeof(*np));
		f->v = np;
	}
	f->v[f->n++] =
	    (struct param){u->field_key, arena_strndup(u->a, val, u->field.len), u->field.len};
	u->nparams++;
	const char *key = u->field_key;
	u->field.len = 0;
	u->field_key = NULL;
	/* The token comes first in our forms: check it before reading any file. */
	if (strcmp(key, "csrf") == 0) {
		u->token_seen = true;
		if (!u->token_ok(u->cls))
			return 403;
	}
	return 0;
}

static void
refuse_file(struct upload_parts *u, enum upload_refusal why, const char *name)
{
	if (u->refused)
		return;
	u->refused = why;
	u->refused_name = name;
}

/* Seals the file being received, if any, as one of the request's files. */
static void
finish_file(struct upload_parts *u)
{
	struct file_put *put = u->put;
	if (!put)
		return;
	u->put = NULL;
	struct incoming_file *f = &u->files[u->nfiles];
	if (file_put_seal(put, &f->stored) != 0) {
		file_put_abort(put); /* no bytes: not an attachment */
		return;
	}
	f->pending = put;
	f->field = u->put_field;
	f->filename = u->put_name;
	u->nfiles++;
}

/* A browser sends C:\fakepath\x.pdf or a bare name; keep the last component. */
static const char *
base_name(struct arena *a, const char *name)
{
	const char *s = strrchr(name, '/');
	const char *b = strrchr(name, '\\');
	if (b && (!s || b > s))
		s = b;
	const char *n = s ? s + 1 : name;
	return text_file_name(a, n, strlen(n), TEXT_FILE_NAME_MAX);
}

/* A new file part: starts storing it unless it is empty or one too many. */
static int
begin_file(struct upload_parts *u, const char *key, const char *filename)
{
	finish_file(u);
	/* A file input left empty sends a part with no name and no bytes. */
	u->skipping = *filename == '\0';
	if (u->skipping)
		return 0;
	const char *name = base_name(u->a, filename);
	if (u->nfiles >= u->files_max) {
		refuse_file(u, UPLOAD_TOO_MANY, name);
		u->skipping = true;
		return 0;
	}
	u->put_name = name;
	u->put_field = arena_strdup(u->a, key);
	u->put = file_put_begin(u->data_dir);
	return u->put ? 0 : 500;
}

static int
file_chunk(struct upload_parts *u, const char *key, const char *filename, const char *data,
           uint64_t off, size_t size)
{
	if (!u->token_seen)
		return 403; /* files before the token: refuse to store them */
	int st;
	if (u->field_key && (st = add_field(u)) != 0)
		return st;
	if (off == 0 && (st = begin_file(u, key, filename)) != 0)
		return st;
	if (u->skipping || !u->put)
		return 0;
	if (file_put_size(u->put) + size > u->file_max) {
		refuse_file(u, UPLOAD_TOO_LARGE, u->put_name);
		file_put_abort(u->put);
		u->put = NULL;
		u->skipping = true;
		return 0;
	}
	if (size && file_put_write(u->put, data, size) != 0)
		return 500;
	return 0;
}

static int
field_chunk(struct upload_parts *u, const char *key, const char *data, uint64_t off, size_t size)
{
	/* A parser may announce a field with an empty chunk at offset 0 and
	 * send its bytes, again at offset 0, with the next packet: that is one
	 * field, not two. */
	if (!u->field_key || strcmp(u->field_key, key) != 0 || (off == 0 && u->field.len > 0)) {
		int st;
		if (u->field_key && (st = add_field(u)) != 0)
			return st;
		finish_file(u);
		u->skipping = false;
		u->field_key = arena_strdup(u->a, key);
		u->field.len = 0;
	}
	if (u->field.len + size > u->field_max)
		return 413;
	buf_append(&u->field, data, size);
	return 0;
}

int
upload_parts_chunk(struct upload_parts *u, const char *key, const char *filename, const char *data,
                   uint64_t off, size_t size)
{
	if (u->status)
		return u->status;
	if (!key)
		return 0;
	if (filename)
		u->status = file_chunk(u, key, filename, data, off, size);
	else
		u->status = field_chunk(u, key, data, off, size);
	return u->status;
}

int
upload_parts_end(struct upload_parts *u)
{
	if (u->status)
		return u->status;
	if (u->field_key && (u->status = add_field(u)) != 0)
		return u->status;
	finish_file(u);
	return 0;
}

void
upload_parts_discard(struct upload_parts *u)
{
	file_put_abort(u->put);
	u->put = NULL;
	buf_free(&u->field);
	for (int i = 0; i < u->nfiles; i++) { /* kept ones are NULL here */
		file_put_abort(u->files[i].pending);
		u->files[i].pending = NULL;
	}
}
