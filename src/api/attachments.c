/*
 * A case's attachments over the API: attach a file (the raw body, streamed
 * into the file store with its SHA-256 computed on the way), list them, and
 * download one through the one file sender. Attaching goes through the
 * same domain operation as a comment with files on the case's page
 * (case_comment), so the portal's rules hold: the case's customer, closed
 * cases take nothing, programs are refused, the audit names the token.
 *
 * The file's name comes in Content-Disposition (RFC 6266, filename* for
 * UTF-8 names) or, for clients that cannot set it, in ?filename=; an
 * optional ?comment= goes with it, and ?internal=true makes it a staff
 * work note's file.
 */
#include "api/api.h"
#include "api/wire.h"
#include "cases/cases.h"
#include "core/arena.h"
#include "core/text.h"
#include "files/filestore.h"
#include "http/disposition.h"
#include "http/download.h"
#include "http/router.h"
#include "http/request.h"
#include "store/cases.h"
#include "store/db.h"

#include <inttypes.h>
#include <string.h>

static json_t *
attachment_json(struct req *r, const char *number, const struct attachment_row *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_integer(f->id));
	json_object_set_new(o, "case", json_string(number));
	json_object_set_new(o, "filename", json_string(f->filename));
	json_object_set_new(o, "size", json_integer(f->size));
	json_object_set_new(o, "mime", json_string(f->mime));
	json_object_set_new(o, "sha256", json_string(f->sha256 ? f->sha256 : ""));
	json_object_set_new(o, "internal", json_boolean(f->internal));
	json_object_set_new(o, "created_at", api_time(f->created_at));
	json_object_set_new(o, "download",
	                    json_string(arena_printf(r->a, "/api/v1/cases/%s/attachments/%" PRId64,
	                                             number, f->id)));
	return o;
}

/* ---- POST /api/v1/cases/{number}/attachments ---- */

/* "true", "false" or absent; -1 for anything else. */
static int
flag_query(struct req *r, const char *name)
{
	const char *v = req_query(r, name);
	if (!v)
		return 0;
	return strcmp(v, "true") == 0 ? 1 : strcmp(v, "false") == 0 ? 0 : -1;
}

/* Token, scope and case, before the file is read. */
static int
attach_admit(struct req *r)
{
	struct api_call *c = arena_zalloc(r->a, sizeof(*c));
	int st = api_begin(c, r, API_SCOPE_ATTACHMENTS_WRITE);
	if (st)
		return st;
	int internal = flag_query(r, "internal");
	if (internal < 0)
		return api_problem(r, 400, N_("internal must be true or false."));
	if (internal && !c->d.who.staff)
		return api_problem(r, 403, N_("Only provider tokens may add internal notes."));
	/* Another customer's case, none, or a closed one: refused before its file is read. */
	struct case_row k;
	st = api_case_find(c, r->pp[0], &k);
	if (st == DOM_OK)
		st = case_check_writable(&c->d, &k);
	if (st != DOM_OK)
		return api_dom_problem(c, st);
	r->channel = c;
	return 0;
}

/* The name the client gave the file, made safe; NULL when it gave none. */
static const char *
file_name(struct req *r)
{
	const char *name = disposition_filename(r->a, req_in_header(r, "Content-Disposition"));
	if (!name)
		name = req_query(r, "filename");
	if (!name || text_blank(name))
		return NULL;
	return text_file_name(r->a, name, strlen(name), TEXT_FILE_NAME_MAX);
}

/* The attachment just recorded, as its answer. */
static int
send_attached(struct api_call *c, const struct case_row *k, int64_t id)
{
	struct attachment_row *v = NULL;
	int n = case_attachments(db_thread(), k->id, true, c->r->a, &v);
	for (int i = 0; i < n; i++) {
		if (v[i].id != id)
			continue;
		req_header(
		    c->r, "Location",
		    arena_printf(c->r->a, "/api/v1/cases/%s/attachments/%" PRId64, k->number, id));
		return api_json(c->r, 201, attachment_json(c->r, k->number, &v[i]));
	}
	return api_problem(c->r, 500, NULL);
}

static int
attach(struct api_call *c)
{
	struct req *r = c->r;
	if (r->nfiles != 1) {
		dom_invalid(&c->d, "file", N_("The body is empty: send the file's bytes."));
		return api_dom_problem(c, DOM_INVALID);
	}
	const char *name = file_name(r);
	if (!name) {
		dom_invalid(&c->d, "filename",
		            N_("Name the file in Content-Disposition (filename*=UTF-8''…) or in "
		               "?filename=."));
		return api_dom_problem(c, DOM_INVALID);
	}
	r->files[0].filename = name;
	const char *comment = req_query(r, "comment");
	int64_t id = 0;
	struct case_comment_in in = {.number = r->pp[0],
	                             .body = comment ? comment : "",
	                             .internal = flag_query(r, "internal") == 1,
	                             .files = {r->files, 1, &id}};
	struct case_row k;
	int st = api_case_find(c, in.number, &k);
	if (st == DOM_OK)
		st = case_comment(&c->d, &in, &k);
	const char *refused = dom_error(&c->d, "files");
	if (st == DOM_INVALID && refused)
		return api_problem(r, 415, refused);
	/* The comment travels in the query: its error names it as the client sent it. */
	for (int i = 0; i < c->d.nerrors; i++)
		if (strcmp(c->d.errors[i].field, "body") == 0)
			c->d.errors[i].field = "comment";
	return st == DOM_OK ? send_attached(c, &k, id) : api_dom_problem(c, st);
}

int
api_case_attach(struct req *r)
{
	struct api_call *c = r->channel;
	if (!c) /* the admit hook answers every request it does not pass on */
		return api_problem(r, 500, NULL);
	return api_idempotent(c, attach);
}

int
api_admit(struct req *r)
{
	return r->route && r->route->fn == api_case_attach ? attach_admit(r) : 0;
}

/* ---- GET /api/v1/cases/{number}/attachments ---- */

int
api_case_attachments(struct req *r)
{
	struct api_call c;
	int st = api_begin(&c, r, API_SCOPE_CASES_READ);
	if (st)
		return st;
	struct case_row k;
	st = api_case_find(&c, r->pp[0], &k);
	if (st != DOM_OK)
		return api_dom_problem(&c, st);
	struct attachment_row *v = NULL;
	int n = case_attachments(db_thread(), k.id, c.d.who.staff, r->a, &v);
	if (n < 0)
		return api_problem(r, 500, NULL);
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, attachment_json(r, k.number, &v[i]));
	return api_json(r, 200, json_pack("{s:o}", "items", items));
}

/* ---- GET /api/v1/cases/{number}/attachments/{id} ---- */

int
api_case_attachment(struct req *r)
{
	struct api_call c;
	int st = api_begin(&c, r, API_SCOPE_CASES_READ);
	if (st)
		return st;
	struct case_row k;
	st = api_case_find(&c, r->pp[0], &k);
	if (st != DOM_OK)
		return api_dom_problem(&c, st);
	int64_t id = req_path_id(r, 1);
	struct attachment_row f;
	int found =
	    id ? case_attachment_get(db_thread(), k.number, id, actor_scope(&c.d.who), r->a, &f)
	       : 0;
	if (found < 0)
		return api_problem(r, 500, NULL);
	if (!found)
		return api_problem(r, 404, N_("No such resource."));
	return http_send_stored(r, f.sha256, f.mime, f.filename);
}
