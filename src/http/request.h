/*
 * One HTTP request while it is served: what the client sent (decoded and
 * checked), who is signed in, and the response being built. Everything hangs
 * off the request's arena and is released when the request completes.
 */
#ifndef MADOGUCHI_HTTP_REQUEST_H
#define MADOGUCHI_HTTP_REQUEST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/buf.h"
#include "core/i18n.h"
#include "http/parse.h"
#include "store/users.h"

struct app;
struct arena;
struct asset;
struct route;
struct upload_state;
struct incoming_file;
struct MHD_Connection;

enum http_method { HTTP_GET, HTTP_HEAD, HTTP_POST, HTTP_OTHER };

#define REQ_MAX_PATH_PARAMS 4
#define REQ_MAX_HEADERS     16

struct header {
	const char *name, *value;
};

struct req {
	struct arena *a;
	const struct app *app;
	struct MHD_Connection *conn;
	char rid[20]; /* request id, also sent as X-Request-Id */
	struct timespec t0;

	enum http_method method;
	const char *method_name;
	const char *raw_uri; /* as received: path and query */
	const char *path;    /* decoded, checked; NULL if refused */
	struct params query, form, cookies;
	const char *remote_ip, *user_agent;

	const struct route *route;
	const char *pp[REQ_MAX_PATH_PARAMS]; /* values of :name path segments */
	bool path_matched_other_method;      /* for 405 */

	/* The request body, collected up to the route's limit. */
	struct buf body;
	bool body_too_large;

	bool identified; /* cookies, language and session looked at */
	int refusal;     /* a status decided before the body is all read */
	/* multipart/form-data: state while parsing, then the stored files. */
	struct upload_state *upload;
	struct incoming_file *files;
	int nfiles;
	/* What a route's admit hook prepared for its handler (ROUTE_STREAM). */
	void *channel;

	/* Signed-in user and session, or NULL. */
	struct user *user;
	const char *session_id; /* raw cookie value of the session */
	bool session_expired;   /* a session cookie came, but it had timed out */
	enum lang lang;

	/* The response. */
	int status;
	struct buf out;
	const char *content_type;
	struct header headers[REQ_MAX_HEADERS];
	int nheaders;
	const struct asset *asset; /* when serving an embedded file */
	int file_fd;               /* -1/0: none; else a file to send, closed by the server */
	uint64_t file_size;        /* its size in bytes */
	bool no_body;              /* 304 and HEAD */
	bool done;                 /* a response was queued */
	bool deferred;             /* handed to the worker pool (ROUTE_SLOW) */
	int deferred_status;       /* what the worker's dispatch returned */
	size_t bytes_sent;
};

/* The translated text of msgid in the request's language. */
#define T(r, msgid) i18n_tr((r)->lang, msgid)

/* Adds a response header (name and value are copied into the arena). */
void req_header(struct req *r, const char *name, const char *value);
/* Sets a cookie: HttpOnly, SameSite=Lax, Path=/, Secure under TLS; max_age < 0: session. */
void req_cookie(struct req *r, const char *name, const char *value, long max_age);
/* 303 See Other to a local path; returns the status for the handler to return. */
int req_redirect(struct req *r, const char *location);
/* A request header, or NULL. */
const char *req_in_header(const struct req *r, const char *name);
/* A cookie value, or NULL. */
const char *req_cookie_value(const struct req *r, const char *name);
/* A form field (POST body), or NULL. */
const char *req_form(const struct req *r, const char *name);
/* A query string argument, or NULL. */
const char *req_query(const struct req *r, const char *name);
/* The id in the path's i-th :name segment; 0 when it is not a positive decimal id. */
int64_t req_path_id(const struct req *r, int i);
/* True when path is a local path safe to redirect to ("/x", never "//x"). */
bool req_safe_local_path(const char *path);

#endif
