/*
 * libmicrohttpd glue. Per request: the URI callback allocates the request and
 * its arena; the access handler decodes, routes, checks role, CSRF and body
 * limits, and calls the page handler; the completion callback logs one line
 * and frees everything.
 *
 * A response is queued on a later call of the access handler, never on the
 * first: libmicrohttpd keeps the connection alive only then.
 */
#include "http/server.h"
#include "core/text.h"
#include "app.h"
#include "http/csrf.h"
#include "http/forwarded.h"
#include "core/netaddr.h"
#include "http/metrics.h"
#include "http/session.h"
#include "core/arena.h"
#include "core/assets.h"
#include "core/clock.h"
#include "core/log.h"
#include "files/filestore.h"
#include "store/cases.h"
#include "core/xalloc.h"
#include "http/router.h"
#include "http/upload.h"
#include "http/workpool.h"
#include "store/db.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define DRAIN_SECONDS     30
#define PURGE_SECONDS     600
#define CONN_TIMEOUT      60
#define CONN_MEMORY_LIMIT (64 * 1024) /* request line and headers must fit */
#define SLOW_QUEUE_MAX    256

static const char csp[] = "default-src 'none'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data:; font-src 'self'; connect-src 'self'; "
                          "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

struct server {
	struct app *app;
	struct workpool *slow;
	atomic_uint inflight;
	atomic_ullong seq;
	char rid_prefix[9];
};

/* Called by libmicrohttpd when a request line has been read. */
static void *
on_uri(void *cls, const char *uri, struct MHD_Connection *con)
{
	struct server *s = cls;
	struct arena *a = arena_new();
	struct req *r = arena_zalloc(a, sizeof(*r));
	r->a = a;
	r->app = s->app;
	r->conn = con;
	clock_gettime(CLOCK_MONOTONIC, &r->t0);
	r->raw_uri = arena_strdup(a, uri ? uri : "");
	unsigned long long n = atomic_fetch_add(&s->seq, 1);
	snprintf(r->rid, sizeof(r->rid), "%s%010llx", s->rid_prefix, n & 0xffffffffffULL);
	atomic_fetch_add(&s->inflight, 1);
	return r;
}

static enum http_method
method_of(const char *m)
{
	if (strcmp(m, MHD_HTTP_METHOD_GET) == 0)
		return HTTP_GET;
	if (strcmp(m, MHD_HTTP_METHOD_HEAD) == 0)
		return HTTP_HEAD;
	if (strcmp(m, MHD_HTTP_METHOD_POST) == 0)
		return HTTP_POST;
	return HTTP_OTHER;
}

/* The address of the connection's peer, as inet_ntop writes it; "-" when unknown. */
static const char *
peer_ip(struct req *r)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(r->conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char *ip = arena_alloc(r->a, INET6_ADDRSTRLEN);
	strcpy(ip, "-");
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET,
			          &((const struct sockaddr_in *)(const void *)sa)->sin_addr, ip,
			          INET6_ADDRSTRLEN);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
			          &((const struct sockaddr_in6 *)(const void *)sa)->sin6_addr, ip,
			          INET6_ADDRSTRLEN);
	}
	return ip;
}

struct xff_join {
	struct arena *a;
	const char *joined; /* NULL until a line is found */
};

/* Every X-Forwarded-For line of the request, in order, joined with commas. */
static enum MHD_Result
join_xff(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
	(void)kind;
	struct xff_join *j = cls;
	if (key && value && strcasecmp(key, "X-Forwarded-For") == 0)
		j->joined = j->joined ? arena_printf(j->a, "%s,%s", j->joined, value)
		                      : arena_strdup(j->a, value);
	return MHD_YES;
}

/*
 * The client's address: the peer's, or, when the peer is a trusted proxy,
 * the one its X-Forwarded-For names (http/forwarded.h).
 */
static const char *
client_ip(struct req *r)
{
	const char *peer = peer_ip(r);
	const struct config *cfg = &r->app->cfg;
	struct netaddr pa;
	if (cfg->ntrusted_proxies == 0 || netaddr_parse(peer, strlen(peer), &pa) != 0 ||
	    !netrange_list_contains(cfg->trusted_proxies, cfg->ntrusted_proxies, &pa))
		return peer;
	struct xff_join j = {r->a, NULL};
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, join_xff, &j);
	struct netaddr client =
	    forwarded_client(&pa, j.joined, cfg->trusted_proxies, cfg->ntrusted_proxies);
	char *ip = arena_alloc(r->a, NETADDR_TEXT_MAX);
	netaddr_format(&client, ip);
	return ip;
}

/* The largest body the request's route takes; a streamed file's, as configured. */
static uint64_t
body_limit(const struct req *r)
{
	if (!r->route)
		return 0;
	uint64_t limit = r->route->body_limit;
	if ((r->route->flags & ROUTE_STREAM) && r->app->cfg.upload_max &&
	    r->app->cfg.upload_max < limit)
		limit = r->app->cfg.upload_max;
	return limit;
}

/* First call: decode the request line, find the route, check the declared size. */
static void
begin_request(struct req *r, const char *method)
{
	r->method_name = arena_strdup(r->a, method);
	r->method = method_of(method);
	const char *q = strchr(r->raw_uri, '?');
	size_t plen = q ? (size_t)(q - r->raw_uri) : strlen(r->raw_uri);
	r->path = parse_path(r->a, r->raw_uri, plen);
	if (q && parse_urlencoded(r->a, q + 1, strlen(q + 1), &r->query) != 0)
		r->path = NULL; /* an undecodable query is a bad request too */
	r->remote_ip = client_ip(r);
	r->user_agent = req_in_header(r, MHD_HTTP_HEADER_USER_AGENT);
	if (r->path)
		r->route = router_match(routes_table()->rows, routes_table()->n, r->method, r->path,
		                        r->pp, r->a, &r->path_matched_other_method);
	const char *cl = req_in_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && strtoull(cl, NULL, 10) > body_limit(r))
		r->body_too_large = true;
}

/* Chooses the language of a visitor: their cookie, else Accept-Language. */
static void
pick_visitor_lang(struct req *r)
{
	if (lang_parse(req_cookie_value(r, "mg_lang"), &r->lang) != 0)
		r->lang = i18n_negotiate(req_in_header(r, MHD_HTTP_HEADER_ACCEPT_LANGUAGE));
}

static bool
is_form_body(const struct req *r)
{
	const char *ct = req_in_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	return ct && strncasecmp(ct, "application/x-www-form-urlencoded", 33) == 0;
}

/* Sends visitors to sign in, remembering where they were going. */
static int
to_sign_in(struct req *r)
{
	if (r->method != HTTP_GET && r->method != HTTP_HEAD)
		return req_redirect(r, r->session_expired ? "/login?expired=1" : "/login");
	struct buf u = {0};
	buf_puts(&u, "/login?");
	if (r->session_expired)
		buf_puts(&u, "expired=1&");
	buf_puts(&u, "next=");
	/* The query is kept: the page comes back as it was asked for. */
	text_pct_encode_keep(&u, r->raw_uri, "/");
	int st = req_redirect(r, u.p);
	buf_free(&u);
	return st;
}

/* Cookies, language and session: who is asking. 0, or -1 on a database error. */
static int
identify(struct req *r)
{
	r->identified = true;
	parse_cookies(r->a, req_in_header(r, MHD_HTTP_HEADER_COOKIE), &r->cookies);
	pick_visitor_lang(r);
	if (r->route && (r->route->flags & (ROUTE_NO_SESSION | ROUTE_API)))
		return 0;
	return session_load(r);
}

/*
 * A multipart route is checked before its body is read: who may send it,
 * and then the parser that streams files to the store. Returns 0 to read
 * the body, or the status to answer with.
 */
static int
begin_upload(struct req *r)
{
	if (!r->path || r->body_too_large)
		return 0; /* answered by dispatch or the size check */
	if (identify(r) != 0)
		return 500;
	if (!role_allows(r->route->role, r->user))
		return r->user ? 404 : to_sign_in(r);
	int gated = r->user ? routes_gate(r) : 0;
	if (gated)
		return gated;
	const char *site = req_in_header(r, "Sec-Fetch-Site");
	if (site && strcmp(site, "cross-site") == 0)
		return 403;
	return upload_begin(r);
}

/*
 * A route whose body is one file: its admit hook (the API's token, scope
 * and the case) answers before the body is read, then the file streams
 * into the store. Returns 0 to read the body, or the status to answer with.
 */
static int
begin_stream(struct req *r)
{
	if (!r->path || r->body_too_large)
		return 0; /* answered by dispatch or the size check */
	if (identify(r) != 0)
		return 500;
	if (!role_allows(r->route->role, r->user))
		return r->user ? 404 : to_sign_in(r);
	int st = routes_admit(r);
	return st ? st : upload_begin_raw(r, body_limit(r));
}

/*
 * The checks every route declares, then its handler. Returns the status;
 * the body is in r->out (or r->asset).
 */
static int
dispatch(struct req *r)
{
	if (!r->path)
		return 400;
	if (!r->identified && identify(r) != 0)
		return 500;
	if (!r->route) {
		if (r->path_matched_other_method) {
			req_header(
			    r, MHD_HTTP_HEADER_ALLOW,
			    router_allowed(routes_table()->rows, routes_table()->n, r->path, r->a));
			return 405;
		}
		return 404;
	}
	if (r->body_too_large)
		return 413;
	const struct route *rt = r->route;
	if (!role_allows(rt->role, r->user))
		return r->user ? 404 : to_sign_in(r);
	int gated = r->user ? routes_gate(r) : 0;
	if (gated)
		return gated;
	if (r->method == HTTP_POST && !upload_active(r) && !(rt->flags & ROUTE_API)) {
		if (r->body.len && !is_form_body(r))
			return 400;
		if (parse_urlencoded(r->a, r->body.p ? r->body.p : "", r->body.len, &r->form) != 0)
			return 400;
	}
	if (rt->flags & ROUTE_CSRF) {
		const char *site = req_in_header(r, "Sec-Fetch-Site");
		if ((site && strcmp(site, "cross-site") == 0) || !csrf_check(r))
			return 403;
	}
	return rt->fn(r);
}

static void
add_common_headers(struct req *r, struct MHD_Response *resp)
{
	MHD_add_response_header(resp, "X-Request-Id", r->rid);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Opener-Policy", "same-origin");
	MHD_add_response_header(resp, "Cross-Origin-Resource-Policy", "same-origin");
	/* Static files are the same for everyone: no page policies, no Vary. */
	bool page = !(r->route && (r->route->flags & ROUTE_NO_SESSION) && r->status < 400);
	if (page) {
		MHD_add_response_header(resp, "Content-Security-Policy", csp);
		MHD_add_response_header(resp, "X-Frame-Options", "DENY");
		MHD_add_response_header(resp, "Permissions-Policy",
		                        "camera=(), microphone=(), geolocation=(), payment=()");
	}
	if (r->app->cfg.tls)
		MHD_add_response_header(resp, "Strict-Transport-Security",
		                        "max-age=31536000; includeSubDomains");
	bool cache_set = false;
	for (int i = 0; i < r->nheaders; i++) {
		MHD_add_response_header(resp, r->headers[i].name, r->headers[i].value);
		cache_set |= strcasecmp(r->headers[i].name, MHD_HTTP_HEADER_CACHE_CONTROL) == 0;
	}
	if (!cache_set) /* pages carry personal data: never stored by caches */
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	if (r->content_type && !r->no_body)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, r->content_type);
	if (page) {
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_LANGUAGE, lang_code(r->lang));
		MHD_add_response_header(resp, MHD_HTTP_HEADER_VARY, "Cookie, Accept-Language");
	}
}

static enum MHD_Result
respond(struct req *r, int status)
{
	if (status >= 400 && r->out.len == 0 && !r->asset)
		routes_error_page(r, status);
	r->status = status;
	struct MHD_Response *resp;
	if (r->asset && !r->no_body) {
		resp = MHD_create_response_from_buffer(r->asset->len, (void *)r->asset->data,
		                                       MHD_RESPMEM_PERSISTENT);
		r->bytes_sent = r->asset->len;
	} else if (r->file_fd > 0) {
		resp = MHD_create_response_from_fd((size_t)r->file_size, r->file_fd);
		if (!resp)
			close(r->file_fd);
		r->file_fd = -1; /* the response owns it now */
		r->bytes_sent = (size_t)r->file_size;
	} else {
		size_t len = 0;
		char *body = r->no_body ? NULL : buf_take(&r->out, &len);
		resp = MHD_create_response_from_buffer(len, body, MHD_RESPMEM_MUST_FREE);
		r->bytes_sent = len;
	}
	if (!resp)
		return MHD_NO;
	add_common_headers(r, resp);
	if (r->method == HTTP_HEAD)
		r->bytes_sent = 0; /* the library sends the headers only */
	enum MHD_Result ok = MHD_queue_response(r->conn, (unsigned)status, resp);
	MHD_destroy_response(resp);
	r->done = true;
	return ok;
}

/*
 * Message framing that a proxy in front could read otherwise than we do
 * (RFC 9112 §6.1, §6.3): Content-Length beside Transfer-Encoding lets a
 * second request hide in a body, and a transfer coding other than plain
 * chunked has no length we can trust. An HTTP/1.1 request must name its
 * Host (§3.2). Each is answered at once and the connection closed.
 */
static int
framing_refusal(const struct req *r, const char *version)
{
	const char *te = req_in_header(r, MHD_HTTP_HEADER_TRANSFER_ENCODING);
	if (te && req_in_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH))
		return 400;
	if (te) {
		while (*te == ' ' || *te == '\t')
			te++;
		size_t n = strlen(te);
		while (n && (te[n - 1] == ' ' || te[n - 1] == '\t'))
			n--;
		if (n != 7 || strncasecmp(te, "chunked", 7) != 0)
			return 501;
	}
	if (version && strcmp(version, MHD_HTTP_VERSION_1_1) == 0 &&
	    !req_in_header(r, MHD_HTTP_HEADER_HOST))
		return 400;
	return 0;
}

/*
 * What can be refused from the request line and headers alone: a declared
 * body larger than the route takes, a body for a path that does not exist,
 * and, for multipart and streamed routes, a user who may not send it. 0
 * when nothing.
 */
static int
first_refusal(struct req *r)
{
	if (r->body_too_large)
		return r->route ? 413 : r->path_matched_other_method ? 405 : 404;
	if (r->route && (r->route->flags & ROUTE_MULTIPART) && r->method == HTTP_POST)
		return begin_upload(r);
	if (r->route && (r->route->flags & ROUTE_STREAM) && r->method == HTTP_POST)
		return begin_stream(r);
	return 0;
}

/*
 * libmicrohttpd accepts a response only before the body or after all of it.
 * Small bodies are read and dropped so that every client sees the answer;
 * one declared too large to be worth reading is answered at once (the
 * connection then closes).
 */
static bool
early_answer_possible(const struct req *r)
{
	const char *cl = req_in_header(r, MHD_HTTP_HEADER_CONTENT_LENGTH);
	return cl && strtoull(cl, NULL, 10) > 1024 * 1024;
}

static enum MHD_Result
respond_refusal(struct req *r)
{
	if (!r->identified && r->path)
		identify(r);
	if (r->refusal == 405)
		req_header(r, MHD_HTTP_HEADER_ALLOW,
		           router_allowed(routes_table()->rows, routes_table()->n, r->path, r->a));
	return respond(r, r->refusal);
}

/* Worker pool side of a ROUTE_SLOW request: dispatch, then wake the connection. */
static void
run_deferred(void *p)
{
	struct req *r = p;
	r->deferred_status = dispatch(r);
	MHD_resume_connection(r->conn);
}

/*
 * Suspends the connection and queues the request on the worker pool; the
 * access handler is called again once the worker resumes it.
 */
static void
defer(struct server *s, struct req *r)
{
	r->deferred = true;
	MHD_suspend_connection(r->conn);
	if (!workpool_submit(s->slow, run_deferred, r)) {
		r->deferred_status = 503;
		MHD_resume_connection(r->conn);
	}
}

static enum MHD_Result
on_access(void *cls, struct MHD_Connection *con, const char *url, const char *method,
          const char *version, const char *upload_data, size_t *upload_data_size, void **con_cls)
{
	(void)con;
	(void)url;
	struct server *s = cls;
	struct req *r = *con_cls;
	if (!r)
		return MHD_NO;
	if (!r->method_name) {
		begin_request(r, method);
		int framing = framing_refusal(r, version);
		if (framing) {
			r->refusal = framing;
			req_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
			return respond_refusal(r);
		}
		int st = first_refusal(r);
		if (st && early_answer_possible(r)) {
			r->refusal = st; /* declared too big to read: answer before the body */
			return respond_refusal(r);
		}
		r->refusal = st;
		return MHD_YES;
	}
	if (*upload_data_size) {
		size_t n = *upload_data_size;
		*upload_data_size = 0;
		if (r->done || r->refusal)
			return MHD_YES; /* read and dropped; answered at the end */
		if (upload_active(r)) {
			r->refusal = upload_feed(r, upload_data, n);
			return MHD_YES;
		}
		if (r->body.len + n > body_limit(r)) {
			r->body_too_large = true;
			r->refusal = r->route ? 413 : r->path_matched_other_method ? 405 : 404;
			return MHD_YES;
		}
		buf_append(&r->body, upload_data, n);
		return MHD_YES;
	}
	if (r->refusal && !r->done)
		return respond_refusal(r);
	if (r->done)
		return MHD_YES;
	if (upload_active(r) && !r->deferred) {
		int st = upload_finish(r);
		if (st)
			return respond(r, st);
	}
	if (!r->deferred && r->route && !r->body_too_large && (r->route->flags & ROUTE_SLOW)) {
		defer(s, r);
		return MHD_YES;
	}
	int status = r->deferred ? r->deferred_status : dispatch(r);
	if (status >= 500)
		log_error("rid=%s %s failed with %d", r->rid, r->path ? r->path : "-", status);
	return respond(r, status);
}

static void
on_completed(void *cls, struct MHD_Connection *con, void **con_cls,
             enum MHD_RequestTerminationCode toe)
{
	(void)con;
	struct server *s = cls;
	struct req *r = *con_cls;
	if (!r)
		return;
	*con_cls = NULL;
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long long us =
	    (long long)(t1.tv_sec - r->t0.tv_sec) * 1000000 + (t1.tv_nsec - r->t0.tv_nsec) / 1000;
	/* The path only: query strings may carry tokens. */
	char path[256];
	size_t i = 0;
	const char *shown =
	    r->route && (r->route->flags & ROUTE_SECRET_PATH) ? r->route->pattern : r->raw_uri;
	for (const char *p = shown; *p && *p != '?' && i < sizeof(path) - 1; p++)
		path[i++] = (unsigned char)*p < 0x21 || *p == 0x7f ? '_' : *p;
	path[i] = '\0';
	if (r->status)
		metrics_observe(r->route, r->status, us);
	/* Probes come every few seconds: their line would bury the visitors'. */
	bool quiet = r->route && (r->route->flags & ROUTE_QUIET) && r->status < 400 &&
	             toe == MHD_REQUEST_TERMINATED_COMPLETED_OK;
	if (!quiet)
		log_info("rid=%s %s %s %d %zuB %lldus%s", r->rid,
		         r->method_name ? r->method_name : "-", path, r->status, r->bytes_sent, us,
		         toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " aborted");
	if (r->file_fd > 0) /* a file response that was never queued */
		close(r->file_fd);
	buf_free(&r->out);
	buf_free(&r->body);
	arena_free(r->a);
	atomic_fetch_sub(&s->inflight, 1);
}

static void
mhd_log(void *cls, const char *fmt, va_list ap)
{
	(void)cls;
	char msg[512];
	vsnprintf(msg, sizeof(msg), fmt, ap);
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == '\r'))
		msg[--n] = '\0';
	log_error("http: %s", msg);
}

/* "host:port" or "[v6]:port" into a socket address. */
static int
parse_listen(const char *s, struct sockaddr_storage *ss)
{
	memset(ss, 0, sizeof(*ss));
	char host[128];
	const char *colon = strrchr(s, ':');
	if (!colon || (size_t)(colon - s) >= sizeof(host))
		return -1;
	memcpy(host, s, (size_t)(colon - s));
	host[colon - s] = '\0';
	char *end;
	long port = strtol(colon + 1, &end, 10);
	if (*end || port < 0 || port > 65535)
		return -1;
	size_t hl = strlen(host);
	if (hl >= 2 && host[0] == '[' && host[hl - 1] == ']') {
		host[hl - 1] = '\0';
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		return inet_pton(AF_INET6, host + 1, &a6->sin6_addr) == 1 ? 0 : -1;
	}
	struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
	a4->sin_family = AF_INET;
	a4->sin_port = htons((uint16_t)port);
	return inet_pton(AF_INET, hl ? host : "0.0.0.0", &a4->sin_addr) == 1 ? 0 : -1;
}

/* The actual port, for "127.0.0.1:0" (tests ask the kernel for a free one). */
static unsigned
bound_port(struct MHD_Daemon *d)
{
	const union MHD_DaemonInfo *info = MHD_get_daemon_info(d, MHD_DAEMON_INFO_BIND_PORT);
	return info ? info->port : 0;
}

static int
referenced(void *ctx, const char *sha256)
{
	return file_referenced(ctx, sha256);
}

/* Every PURGE_SECONDS: expired sessions out, unreferenced stored files out, the jobs. */
static void
housekeeping(struct app *app)
{
	if (session_purge(&app->cfg) != 0)
		log_error("session purge failed");
	struct db *db = db_thread();
	if (db && filestore_sweep(app->cfg.data_dir, clock_now() - 3600, referenced, db) < 0)
		log_error("file store sweep failed");
	server_jobs(app);
}

/*
 * The listening socket is made here rather than by the library so that the
 * port is known before the first request: with --listen host:0 the kernel
 * picks it, and links in mails must carry the real one.
 */
static int
open_listener(const struct sockaddr_storage *ss)
{
	int fd = socket(ss->ss_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -1;
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	socklen_t len =
	    ss->ss_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
	if (bind(fd, (const struct sockaddr *)ss, len) != 0 || listen(fd, 1024) != 0) {
		int e = errno;
		close(fd);
		errno = e;
		return -1;
	}
	return fd;
}

/* Without --base-url, the default is made from the address actually bound. */
static void
fix_base_url(struct app *app, int fd)
{
	if (!app->cfg.owned[1])
		return; /* given by the operator: theirs to get right */
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	if (getsockname(fd, (struct sockaddr *)&ss, &len) != 0)
		return;
	char host[INET6_ADDRSTRLEN] = "";
	unsigned port;
	if (ss.ss_family == AF_INET6) {
		const struct sockaddr_in6 *a6 = (const void *)&ss;
		inet_ntop(AF_INET6, &a6->sin6_addr, host, sizeof(host));
		port = ntohs(a6->sin6_port);
	} else {
		const struct sockaddr_in *a4 = (const void *)&ss;
		inet_ntop(AF_INET, &a4->sin_addr, host, sizeof(host));
		port = ntohs(a4->sin_port);
	}
	size_t n = strlen(host) + 32;
	char *url = xmalloc(n);
	snprintf(url, n, ss.ss_family == AF_INET6 ? "http://[%s]:%u" : "http://%s:%u", host, port);
	free(app->cfg.owned[1]);
	app->cfg.owned[1] = url;
	app->cfg.base_url = url;
}

static void
drain(struct server *s)
{
	for (int i = 0; i < DRAIN_SECONDS * 10 && atomic_load(&s->inflight) > 0; i++) {
		struct timespec ts = {0, 100 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
}

int
server_run(struct app *app)
{
	struct server s = {.app = app};
	unsigned char rnd[3];
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(s.rid_prefix, sizeof(s.rid_prefix), rnd, sizeof(rnd));

	struct sockaddr_storage ss;
	if (parse_listen(app->cfg.listen, &ss) != 0) {
		log_error("--listen: expected host:port, got %s", app->cfg.listen);
		return -1;
	}
	int lfd = open_listener(&ss);
	if (lfd < 0) {
		log_error("cannot listen on %s: %s", app->cfg.listen, strerror(errno));
		return -1;
	}
	fix_base_url(app, lfd);
	/* Signals go to this thread only, where sigtimedwait() takes them. */
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	metrics_init(routes_table()->rows, routes_table()->n);
	/* The process's memory at start includes libmagic's database. */
	filestore_preload();
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	s.slow = workpool_start(ncpu > 0 ? (unsigned)ncpu : 2, SLOW_QUEUE_MAX);
	if (!s.slow) {
		log_error("cannot start the worker threads");
		return -1;
	}
	unsigned flags =
	    MHD_USE_EPOLL_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	if (ss.ss_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	struct MHD_Daemon *d = MHD_start_daemon(
	    flags, 0, NULL, NULL, on_access, &s, MHD_OPTION_EXTERNAL_LOGGER, mhd_log, NULL,
	    MHD_OPTION_LISTEN_SOCKET, lfd, MHD_OPTION_THREAD_POOL_SIZE, app->cfg.threads,
	    MHD_OPTION_CONNECTION_LIMIT, app->cfg.max_connections, MHD_OPTION_CONNECTION_TIMEOUT,
	    (unsigned)CONN_TIMEOUT, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY_LIMIT,
	    MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u, MHD_OPTION_URI_LOG_CALLBACK, on_uri, &s,
	    MHD_OPTION_NOTIFY_COMPLETED, on_completed, &s, MHD_OPTION_END);
	if (!d) {
		log_error("cannot serve on %s: %s", app->cfg.listen, strerror(errno));
		close(lfd);
		workpool_stop(s.slow);
		return -1;
	}
	log_info("listening on %s port %u with %u threads", app->cfg.listen, bound_port(d),
	         app->cfg.threads);
	/* A line tests and scripts can wait for. */
	printf("madoguchi: serving on port %u\n", bound_port(d));
	fflush(stdout);

	for (;;) {
		struct timespec ts = {PURGE_SECONDS, 0};
		int sig = sigtimedwait(&set, NULL, &ts);
		if (sig == SIGTERM || sig == SIGINT) {
			log_info("signal %d: finishing requests in flight", sig);
			break;
		}
		if (sig < 0 && errno == EAGAIN)
			housekeeping(app);
	}
	/* Stop accepting; the socket is ours (MHD_OPTION_LISTEN_SOCKET) to close. */
	if (MHD_quiesce_daemon(d) != MHD_INVALID_SOCKET)
		close(lfd);
	drain(&s);
	workpool_stop(s.slow);
	MHD_stop_daemon(d);
	log_info("stopped; %u requests were still in flight", atomic_load(&s.inflight));
	return 0;
}
