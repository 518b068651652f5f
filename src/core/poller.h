/*
 * A background thread that runs rounds of work: one round at start, then
 * one a second, and one at once when kicked (after a commit that queued
 * work). The mail sender and the webhook sender are pollers over their
 * outboxes. Signals stay with the main thread: the poller's thread starts
 * with all of them blocked.
 *
 *     static struct poller P = POLLER_INIT;
 *     poller_start(&P, round, done, ctx);   ... poller_kick(&P); ... poller_stop(&P);
 */
#ifndef MADOGUCHI_CORE_POLLER_H
#define MADOGUCHI_CORE_POLLER_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

struct poller {
	pthread_mutex_t mu;
	pthread_cond_t cv; /* on CLOCK_MONOTONIC: wall-clock steps do not stall polling */
	pthread_t thread;
	bool cv_ready, running, kicked; /* under mu */
	atomic_bool stop;
	void (*round)(void *ctx);
	void (*done)(void *ctx); /* on the thread, as it ends (NULL: nothing) */
	void *ctx;
};

#define POLLER_INIT                                                                                \
	{                                                                                          \
		.mu = PTHREAD_MUTEX_INITIALIZER                                                    \
	}

/* Starts the thread: 0, or an errno value (already running: EALREADY). */
int poller_start(struct poller *p, void (*round)(void *ctx), void (*done)(void *ctx), void *ctx);
/* Asks for a round now; cheap, safe from any thread, a no-op when not running. */
void poller_kick(struct poller *p);
/* Whether the poller is asked to stop: a long round checks it between items. */
bool poller_stopping(struct poller *p);
/* Stops after the round in progress and joins the thread: true, or false when not running. */
bool poller_stop(struct poller *p);

#endif
