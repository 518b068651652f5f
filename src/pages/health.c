/*
 * The operator's endpoints: GET /healthz (the process runs), GET /readyz
 * (the database answers) and GET /metrics (Prometheus text format). They
 * take no session and write no access log line unless they fail.
 */
#include "app.h"
#include "core/clock.h"
#include "http/metrics.h"
#include "http/request.h"
#include "pages/pages.h"
#include "store/db.h"
#include "store/ops.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

int
page_health(struct req *r)
{
	r->content_type = "text/plain; charset=utf-8";
	buf_puts(&r->out, "ok\n");
	return 200;
}

int
page_ready(struct req *r)
{
	struct db *db = db_thread();
	r->content_type = "text/plain; charset=utf-8";
	if (!db || ops_ready(db) != 0) {
		buf_puts(&r->out, "database unavailable\n");
		return 503;
	}
	buf_puts(&r->out, "ok\n");
	return 200;
}

static bool
is_loopback(const char *ip)
{
	return strncmp(ip, "127.", 4) == 0 || strcmp(ip, "::1") == 0 ||
	       strncmp(ip, "::ffff:127.", 11) == 0;
}

/*
 * "Authorization: Bearer <token>" with the configured token. Both sides are
 * hashed first so that the comparison takes the same time whatever the
 * length or the first differing byte.
 */
static bool
bearer_matches(const struct req *r, const char *token)
{
	const char *h = req_in_header(r, "Authorization");
	if (!token || !h || strncasecmp(h, "Bearer ", 7) != 0)
		return false;
	unsigned char want[32], got[32];
	crypto_generichash(want, sizeof(want), (const unsigned char *)token, strlen(token), NULL,
	                   0);
	crypto_generichash(got, sizeof(got), (const unsigned char *)h + 7, strlen(h + 7), NULL, 0);
	bool ok = sodium_memcmp(want, got, sizeof(want)) == 0;
	sodium_memzero(want, sizeof(want));
	return ok;
}

/* A gauge with its HELP and TYPE lines; a value the database could not give is left out. */
static void
put_gauge(struct buf *b, const char *name, const char *help, const char *labels, int64_t v)
{
	if (help)
		buf_printf(b, "# HELP %s %s\n# TYPE %s gauge\n", name, help, name);
	if (v >= 0)
		buf_printf(b, "%s%s %lld\n", name, labels, (long long)v);
}

/*
 * Loopback peers (unless --metrics-loopback=0) and holders of the token
 * see the metrics; everyone else gets 404, as for a page that does not
 * exist.
 */
int
page_metrics(struct req *r)
{
	const struct config *cfg = &r->app->cfg;
	bool allowed = (cfg->metrics_loopback && is_loopback(r->remote_ip)) ||
	               bearer_matches(r, cfg->metrics_token);
	if (!allowed)
		return 404;
	r->content_type = "text/plain; version=0.0.4; charset=utf-8";
	metrics_render(&r->out);

	struct db *db = db_thread();
	int64_t pending = -1, failed = -1, sessions = -1, bytes = -1;
	if (db) {
		if (ops_outbox_depth(db, &pending, &failed) != 0)
			pending = failed = -1;
		int64_t now = clock_now();
		sessions = ops_sessions_active(db, now - (int64_t)cfg->idle_minutes * 60,
		                               now - (int64_t)cfg->absolute_hours * 3600);
		bytes = ops_db_bytes(db);
	}
	put_gauge(&r->out, "madoguchi_mail_outbox",
	          "Mails not yet delivered: pending never failed, failed wait for a retry.",
	          "{state=\"pending\"}", pending);
	put_gauge(&r->out, "madoguchi_mail_outbox", NULL, "{state=\"failed\"}", failed);
	put_gauge(&r->out, "madoguchi_sessions_active",
	          "Signed-in sessions neither idle nor expired.", "", sessions);
	put_gauge(&r->out, "madoguchi_database_size_bytes",
	          "Size of the database file (page count times page size).", "", bytes);
	return 200;
}
