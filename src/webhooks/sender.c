/*
 * The sender thread and its rounds; see sender.h. Per delivery: claim
 * under a fresh lease, read, unseal the endpoint's secret, sign, post,
 * record under the lease. A crash between post and record sends the
 * delivery again after the lease expires (at-least-once).
 */
#include "webhooks/sender.h"
#include "app.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/poller.h"
#include "store/db.h"
#include "webhooks/post.h"
#include "webhooks/signature.h"
#include "webhooks/webhooks.h"

#include <curl/curl.h>
#include <errno.h>
#include <sodium.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#define BATCH 16

static struct poller P = POLLER_INIT;

int64_t
webhook_next_attempt(int64_t created_at, int64_t n, int64_t now)
{
	int64_t until = created_at + WEBHOOK_RETRY_SECONDS;
	if (now >= until)
		return 0;
	int64_t wait = WEBHOOK_BACKOFF_FIRST;
	for (int64_t i = 1; i < n && wait < WEBHOOK_BACKOFF_MAX; i++)
		wait *= 2;
	if (wait > WEBHOOK_BACKOFF_MAX)
		wait = WEBHOOK_BACKOFF_MAX;
	/* The last try falls on the end of the window rather than past it. */
	return now + wait < until ? now + wait : until;
}

/* Signs and posts a claimed delivery; fills the attempt to record. */
static void
attempt(const struct app *app, bool allow_internal, const struct webhook_delivery_row *w,
        struct arena *a, struct webhook_attempt *at)
{
	struct webhook_answer ans = {0};
	char *secret = webhook_secret_unseal(app->seal_key, w->secret_sealed, a);
	int64_t now = clock_now();
	int rc = -1;
	if (!secret) {
		snprintf(ans.error, sizeof(ans.error), "the endpoint's secret cannot be unsealed");
	} else {
		char sig[WEBHOOK_SIGNATURE_MAX];
		size_t len = strlen(w->payload);
		webhook_sign(secret, now, w->payload, len, sig);
		sodium_memzero(secret, strlen(secret));
		struct webhook_post p = {.url = w->url,
		                         .body = w->payload,
		                         .len = len,
		                         .signature = sig,
		                         .delivery_id = w->event_id,
		                         .event = w->event,
		                         .allow_internal = allow_internal};
		rc = webhook_post(&p, &ans);
	}
	now = clock_now();
	*at = (struct webhook_attempt){
	    .status_code = ans.status,
	    .error = rc == 0 ? NULL : arena_strdup(a, ans.error),
	    .next_at = rc == 0 ? 0 : webhook_next_attempt(w->created_at, w->attempts + 1, now),
	    .finished_at = now};
}

/* 1 attempted, 0 taken by another sender or no longer due, -1 database error. */
static int
deliver_one(const struct app *app, struct db *db, int64_t id, bool allow_internal,
            struct webhook_round *round)
{
	unsigned char rnd[12];
	char lease[2 * sizeof(rnd) + 1];
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(lease, sizeof(lease), rnd, sizeof(rnd));
	int64_t now = clock_now();
	int claimed = webhook_delivery_claim(db, id, lease, now, now + WEBHOOK_LEASE_SECONDS);
	if (claimed != 1)
		return claimed;
	struct arena *a = arena_new();
	struct webhook_delivery_row w;
	if (webhook_delivery_get(db, id, a, &w) != 1) {
		arena_free(a); /* the lease expires by itself */
		return -1;
	}
	struct webhook_attempt at;
	attempt(app, allow_internal, &w, a, &at);
	if (webhook_delivery_record(db, id, lease, &at) < 0)
		log_error("webhook delivery %lld: the attempt was not recorded", (long long)id);
	if (!at.error) {
		round->delivered++;
		log_info("webhook %s %s delivered to %s (HTTP %d, attempt %lld)", w.event,
		         w.event_id, w.url, at.status_code, (long long)w.attempts + 1);
	} else {
		if (at.next_at)
			round->retried++;
		else
			round->failed++;
		log_error("webhook %s %s to %s attempt %lld failed%s: %s", w.event, w.event_id,
		          w.url, (long long)w.attempts + 1, at.next_at ? "" : ", given up",
		          at.error);
	}
	arena_free(a);
	return 1;
}

/* Stops between deliveries when asked to (a CLI round never is). */
static int
deliver_rounds(const struct app *app, struct webhook_round *out)
{
	struct db *db = db_thread();
	if (!db)
		return -1;
	bool allow_internal = webhook_allow_private(db);
	for (;;) {
		int64_t ids[BATCH];
		int n = webhook_delivery_due(db, clock_now(), ids, BATCH);
		if (n < 0)
			return -1;
		for (int i = 0; i < n; i++) {
			if (poller_stopping(&P))
				return 0;
			if (deliver_one(app, db, ids[i], allow_internal, out) < 0)
				return -1;
		}
		if (n < BATCH)
			return 0;
	}
}

int
webhook_deliver_due(const struct app *app, struct webhook_round *out)
{
	memset(out, 0, sizeof(*out));
	if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
		return -1;
	int rc = deliver_rounds(app, out);
	curl_global_cleanup();
	return rc;
}

static void
sender_round(void *ctx)
{
	struct webhook_round r = {0};
	(void)deliver_rounds(ctx, &r);
}

static void
done(void *ctx)
{
	(void)ctx;
	db_thread_close();
}

int
webhook_sender_start(const struct app *app)
{
	if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		log_error("webhooks: cannot initialise libsodium or libcurl");
		return -1;
	}
	int err = poller_start(&P, sender_round, done, (void *)app);
	if (err != 0) {
		curl_global_cleanup();
		log_error("webhooks: cannot start the sender thread: %s",
		          err == EALREADY ? "it is already running" : strerror(err));
		return -1;
	}
	return 0;
}

void
webhook_sender_kick(void)
{
	poller_kick(&P);
}

void
webhook_sender_stop(void)
{
	if (poller_stop(&P))
		curl_global_cleanup();
}
