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
#include "store/db.h"
#include "webhooks/post.h"
#include "webhooks/signature.h"
#include "webhooks/webhooks.h"

#include <curl/curl.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <string.h>
#include <time.h>

#define POLL_SECONDS 1
#define BATCH        16

static struct {
	pthread_mutex_t mu;
	pthread_cond_t cv; /* on CLOCK_MONOTONIC: wall-clock steps do not stall polling */
	pthread_t thread;
	bool running; /* under mu */
	bool kicked;  /* under mu */
	atomic_bool stop;
} S = {.mu = PTHREAD_MUTEX_INITIALIZER};

static pthread_once_t cv_once = PTHREAD_ONCE_INIT;

static void
cv_init(void)
{
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&S.cv, &attr);
	pthread_condattr_destroy(&attr);
}

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
			if (atomic_load(&S.stop))
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

static void *
run(void *arg)
{
	const struct app *app = arg;
	pthread_mutex_lock(&S.mu);
	while (!atomic_load(&S.stop)) {
		S.kicked = false;
		pthread_mutex_unlock(&S.mu);
		struct webhook_round r = {0};
		(void)deliver_rounds(app, &r);
		pthread_mutex_lock(&S.mu);
		if (S.kicked || atomic_load(&S.stop))
			continue;
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += POLL_SECONDS;
		pthread_cond_timedwait(&S.cv, &S.mu, &until);
	}
	pthread_mutex_unlock(&S.mu);
	db_thread_close();
	return NULL;
}

int
webhook_sender_start(const struct app *app)
{
	if (sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
		log_error("webhooks: cannot initialise libsodium or libcurl");
		return -1;
	}
	pthread_once(&cv_once, cv_init);
	pthread_mutex_lock(&S.mu);
	if (S.running) {
		pthread_mutex_unlock(&S.mu);
		curl_global_cleanup();
		log_error("webhooks: the sender is already running");
		return -1;
	}
	S.kicked = true; /* a first round at once: deliveries may wait from before */
	atomic_store(&S.stop, false);
	/* Signals belong to the main thread: the sender starts with all blocked. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int err = pthread_create(&S.thread, NULL, run, (void *)app);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	S.running = err == 0;
	pthread_mutex_unlock(&S.mu);
	if (err != 0) {
		curl_global_cleanup();
		log_error("webhooks: cannot start the sender thread: %s", strerror(err));
		return -1;
	}
	return 0;
}

void
webhook_sender_kick(void)
{
	pthread_mutex_lock(&S.mu);
	if (S.running) {
		S.kicked = true;
		pthread_cond_signal(&S.cv);
	}
	pthread_mutex_unlock(&S.mu);
}

void
webhook_sender_stop(void)
{
	pthread_mutex_lock(&S.mu);
	if (!S.running) {
		pthread_mutex_unlock(&S.mu);
		return;
	}
	atomic_store(&S.stop, true);
	pthread_cond_signal(&S.cv);
	pthread_mutex_unlock(&S.mu);
	pthread_join(S.thread, NULL);
	pthread_mutex_lock(&S.mu);
	S.running = false;
	pthread_mutex_unlock(&S.mu);
	curl_global_cleanup();
}
