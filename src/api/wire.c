/*
 * The API's wire: bearer tokens, rate limit, JSON in and out, problem
 * documents (RFC 9457) and idempotent replays; see wire.h.
 */
#include "api/wire.h"
#include "api/api.h"
#include "app.h"
#include "cases/case_json.h"
#include "core/arena.h"
#include "core/clock.h"
#include "files/filestore.h"
#include "http/request.h"
#include "cases/cases.h"
#include "store/api_tokens.h"
#include "store/db.h"
#include "store/tokens.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define IDEM_KEY_MAX       200
#define IDEM_TTL           (24 * 3600)
#define IDEM_WAIT_MS       15000 /* a repeat waits this long for the first request */
#define RATE_BURST_SECONDS 60    /* a token may send this many seconds' worth at once */
#define RATE_DEFAULT       2     /* requests a second, when the configuration names none */
#define RATE_SLOTS         256

static const char *
status_title(int status)
{
	switch (status) {
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 409:
		return "Conflict";
	case 413:
		return "Content Too Large";
	case 415:
		return "Unsupported Media Type";
	case 422:
		return "Unprocessable Content";
	case 429:
		return "Too Many Requests";
	default:
		return "Internal Server Error";
	}
}

int
api_json(struct req *r, int status, json_t *value)
{
	char *s = json_dumps(value, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(value);
	r->out.len = 0;
	if (s) {
		buf_puts(&r->out, s);
		free(s);
	}
	r->content_type = "application/json";
	return status;
}

/* The problem document of status, its detail translated; extra members may be added. */
static json_t *
problem_doc(struct req *r, int status, const char *detail)
{
	json_t *p = json_object();
	json_object_set_new(p, "type", json_string("about:blank"));
	json_object_set_new(p, "title", json_string(status_title(status)));
	json_object_set_new(p, "status", json_integer(status));
	if (detail)
		json_object_set_new(p, "detail", json_string(T(r, detail)));
	return p;
}

static int
send_problem(struct req *r, int status, json_t *p)
{
	api_json(r, status, p);
	r->content_type = "application/problem+json";
	return status;
}

int
api_problem(struct req *r, int status, const char *detail)
{
	if (status == 401)
		req_header(r, "WWW-Authenticate", "Bearer realm=\"madoguchi\"");
	return send_problem(r, status, problem_doc(r, status, detail));
}

void
api_error_page(struct req *r, int status)
{
	const char *detail = status == 404   ? N_("No such resource.")
	                     : status == 413 ? N_("The request body is too large.")
	                     : status == 405 ? N_("This method is not allowed here.")
	                                     : NULL;
	api_problem(r, status, detail);
}

int
api_dom_problem(struct api_call *c, int st)
{
	struct req *r = c->r;
	switch (st) {
	case DOM_INVALID: {
		json_t *p = problem_doc(
		    r, 422, c->d.message ? c->d.message : N_("Some fields are not valid."));
		json_t *errs = json_array();
		for (int i = 0; i < c->d.nerrors; i++) {
			json_t *e = json_object();
			json_object_set_new(e, "field", json_string(c->d.errors[i].field));
			json_object_set_new(e, "detail", json_string(T(r, c->d.errors[i].msgid)));
			json_array_append_new(errs, e);
		}
		json_object_set_new(p, "errors", errs);
		return send_problem(r, 422, p);
	}
	case DOM_NOT_FOUND:
	case DOM_FORBIDDEN: /* what the actor may not touch does not exist for it */
		return api_problem(r, 404, N_("No such resource."));
	case DOM_CONFLICT:
		return api_problem(r, 409,
		                   c->d.message ? c->d.message
		                                : N_("The object's state does not allow this."));
	default:
		return api_problem(r, 500, NULL);
	}
}

/* ---- rate limit: a token bucket per token, in memory ---- */

struct bucket {
	int64_t token_id;
	double level;
	struct timespec at;
};
static struct bucket buckets[RATE_SLOTS];
static pthread_mutex_t buckets_lock = PTHREAD_MUTEX_INITIALIZER;

/* 0 when the token may go on at per_sec requests a second, else the seconds to wait. */
static int
rate_take(int64_t token_id, unsigned per_sec)
{
	if (!per_sec)
		per_sec = RATE_DEFAULT;
	const double burst = (double)per_sec * RATE_BURST_SECONDS;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	pthread_mutex_lock(&buckets_lock);
	struct bucket *b = &buckets[(uint64_t)token_id % RATE_SLOTS];
	if (b->token_id != token_id)
		*b = (struct bucket){token_id, burst, now};
	double dt =
	    (double)(now.tv_sec - b->at.tv_sec) + (double)(now.tv_nsec - b->at.tv_nsec) / 1e9;
	b->at = now;
	b->level += dt * per_sec;
	if (b->level > burst)
		b->level = burst;
	int wait = 0;
	if (b->level >= 1)
		b->level -= 1;
	else
		wait = (int)((1 - b->level) / per_sec) + 1;
	pthread_mutex_unlock(&buckets_lock);
	return wait;
}

/* The bearer secret of the Authorization header, or NULL. */
static const char *
bearer(const struct req *r)
{
	const char *h = req_in_header(r, "Authorization");
	if (!h || strncasecmp(h, "Bearer ", 7) != 0)
		return NULL;
	h += 7;
	while (*h == ' ')
		h++;
	return *h ? h : NULL;
}

int
api_begin(struct api_call *c, struct req *r, int scope)
{
	memset(c, 0, sizeof(*c));
	c->r = r;
	c->d.app = r->app;
	c->d.a = r->a;
	struct db *db = db_thread();
	if (!db)
		return api_problem(r, 500, NULL);
	const char *secret = bearer(r);
	if (!secret)
		return api_problem(r, 401, N_("Send an API token: Authorization: Bearer <token>."));
	int rc = api_token_authenticate(db, r->a, secret, r->remote_ip, &c->tok, &c->d.who);
	if (rc == API_AUTH_ERROR)
		return api_problem(r, 500, NULL);
	if (rc != API_AUTH_OK)
		return api_problem(r, 401,
		                   N_("The API token is not valid, has expired or was revoked."));
	c->d.who.lang = r->lang;
	c->customer_id = c->tok.customer_id ? c->tok.customer_id : c->d.who.customer_id;
	int wait = rate_take(c->tok.id, r->app->cfg.api_rate);
	if (wait) {
		char s[16];
		snprintf(s, sizeof(s), "%d", wait);
		req_header(r, "Retry-After", s);
		return api_problem(r, 429,
		                   N_("Too many requests with this token; try again later."));
	}
	if (scope < API_SCOPE__MAX && !api_scopes_have(c->tok.scopes, (enum api_scope)scope))
		return api_problem(r, 403, N_("The API token lacks the scope this request needs."));
	return 0;
}

int
api_case_find(struct api_call *c, const char *number, struct case_row *out)
{
	int st = case_find(&c->d, number, out);
	if (st == DOM_OK && c->customer_id && out->customer_id != c->customer_id)
		return DOM_NOT_FOUND;
	return st;
}

json_t *
api_body(struct req *r, int *status)
{
	const char *ct = req_in_header(r, "Content-Type");
	size_t n = ct ? strcspn(ct, "; ") : 0;
	if (!ct || n != 16 || strncasecmp(ct, "application/json", 16) != 0) {
		*status = api_problem(r, 415, N_("Send the body as application/json."));
		return NULL;
	}
	json_error_t err;
	json_t *v =
	    json_loadb(r->body.p ? r->body.p : "", r->body.len, JSON_REJECT_DUPLICATES, &err);
	if (!v || !json_is_object(v)) {
		json_decref(v);
		*status = api_problem(r, 400, N_("The body is not a JSON object."));
		return NULL;
	}
	return v;
}

const char *
api_str(json_t *o, const char *key, bool *bad)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return NULL;
	if (!json_is_string(v)) {
		*bad = true;
		return NULL;
	}
	return json_string_value(v);
}

json_t *
api_time(int64_t t)
{
	return case_json_time(t);
}

int64_t
api_parse_time(const char *s)
{
	struct tm tm = {0};
	const char *end = strptime(s, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (!end || *end) {
		memset(&tm, 0, sizeof(tm));
		end = strptime(s, "%Y-%m-%d", &tm);
		if (!end || *end)
			return -1;
	}
	return (int64_t)timegm(&tm);
}

/* ---- Idempotency-Key ---- */

static bool
key_ok(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > IDEM_KEY_MAX)
		return false;
	for (const char *p = k; *p; p++)
		if (*p < 0x21 || *p > 0x7e)
			return false;
	return true;
}

/* SHA-256 of what makes two requests the same: method, path, query and body. */
static void
fingerprint(const struct req *r, char out[65])
{
	crypto_hash_sha256_state st;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&st);
	crypto_hash_sha256_update(&st, (const unsigned char *)r->method_name,
	                          strlen(r->method_name));
	crypto_hash_sha256_update(&st, (const unsigned char *)" ", 1);
	crypto_hash_sha256_update(&st, (const unsigned char *)r->path, strlen(r->path));
	crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
	/* Only when there is one: keys stored before queries counted stay valid. */
	const char *query = strchr(r->raw_uri, '?');
	if (query) {
		crypto_hash_sha256_update(&st, (const unsigned char *)query, strlen(query));
		crypto_hash_sha256_update(&st, (const unsigned char *)"\n", 1);
	}
	if (r->body.len)
		crypto_hash_sha256_update(&st, (const unsigned char *)r->body.p, r->body.len);
	/* A streamed body is known by the digest of its file. */
	for (int i = 0; i < r->nfiles; i++)
		crypto_hash_sha256_update(&st, (const unsigned char *)r->files[i].stored.sha256,
		                          strlen(r->files[i].stored.sha256));
	crypto_hash_sha256_final(&st, h);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

/* Answers the recorded first response again. */
static int
replay(struct req *r, const struct api_idem_row *row)
{
	r->out.len = 0;
	buf_puts(&r->out, row->body);
	r->content_type = row->status >= 400 ? "application/problem+json" : "application/json";
	req_header(r, "Idempotent-Replayed", "true");
	return row->status;
}

/* A repeat: waits for the first request to finish, then answers as it did. */
static int
repeat(struct api_call *c, struct db *db, const char *key, const char *fp)
{
	struct api_idem_row row;
	for (int waited = 0;; waited += 50) {
		int rc = api_idem_get(db, c->tok.id, key, c->r->a, &row);
		if (rc < 0)
			return api_problem(c->r, 500, NULL);
		if (rc == 0)
			return -1; /* the first one failed and let go of the key: run it */
		if (strcmp(row.fingerprint, fp) != 0)
			return api_problem(
			    c->r, 422, N_("This Idempotency-Key was used for another request."));
		if (row.status)
			return replay(c->r, &row);
		if (waited >= IDEM_WAIT_MS)
			return api_problem(
			    c->r, 409, N_("A request with this Idempotency-Key is still running."));
		usleep(50 * 1000);
	}
}

int
api_idempotent(struct api_call *c, int (*fn)(struct api_call *c))
{
	const char *key = req_in_header(c->r, "Idempotency-Key");
	if (!key)
		return fn(c);
	if (!key_ok(key))
		return api_problem(c->r, 400,
		                   N_("The Idempotency-Key must be 1 to 200 visible "
		                      "ASCII characters."));
	struct db *db = db_thread();
	if (!db)
		return api_problem(c->r, 500, NULL);
	char fp[65];
	fingerprint(c->r, fp);
	int64_t now = clock_now();
	if (api_idem_purge(db, now - IDEM_TTL) != 0)
		return api_problem(c->r, 500, NULL);
	for (int tries = 0; tries < 3; tries++) {
		int claimed = api_idem_claim(db, c->tok.id, key, fp, now);
		if (claimed < 0)
			return api_problem(c->r, 500, NULL);
		if (claimed == 0) {
			int st = repeat(c, db, key, fp);
			if (st >= 0)
				return st;
			continue;
		}
		int st = fn(c);
		/* A failure of ours is not an answer to keep: a retry may succeed. */
		if (st >= 500 ||
		    api_idem_store(db, c->tok.id, key, st, c->r->out.p ? c->r->out.p : "") != 0)
			api_idem_drop(db, c->tok.id, key);
		return st;
	}
	return api_problem(c->r, 409, N_("A request with this Idempotency-Key is still running."));
}
