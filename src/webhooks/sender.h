/*
 * The webhook sender: one thread that delivers the outbox of
 * webhook_deliveries, polling every second and woken at once after a
 * commit that queued deliveries (dom_finish). Each delivery is claimed
 * with a lease before it is sent, so instances sharing the database never
 * send one row at once; rows left by a stopped or crashed process are
 * picked up at the next start (or when their lease expires).
 *
 * A delivery is done when the receiver answers 2xx; otherwise it is tried
 * again after 30 s, 1, 2, 4 … minutes (at most an hour apart) until 24
 * hours after it was queued, then marked failed. Delivery is
 * at-least-once: receivers deduplicate on the payload's id.
 */
#ifndef MADOGUCHI_WEBHOOKS_SENDER_H
#define MADOGUCHI_WEBHOOKS_SENDER_H

#include <stdint.h>

struct app;

#define WEBHOOK_LEASE_SECONDS 60 /* longer than any one attempt */
#define WEBHOOK_BACKOFF_FIRST 30
#define WEBHOOK_BACKOFF_MAX   3600
#define WEBHOOK_RETRY_SECONDS 86400 /* after it was queued */

/*
 * When to try again a delivery queued at created_at that has just failed
 * its n-th attempt (n >= 1) at now: 0 when it is given up.
 */
int64_t webhook_next_attempt(int64_t created_at, int64_t n, int64_t now);

struct webhook_round {
	int delivered, retried, failed;
};
/* Delivers what is due now, in the calling thread (`madoguchi webhooks`). 0 or -1. */
int webhook_deliver_due(const struct app *app, struct webhook_round *out);

/* Starts the thread (0, or -1 logged); app must outlive webhook_sender_stop(). */
int webhook_sender_start(const struct app *app);
/* Asks for a round now; cheap, safe from any thread, a no-op when not running. */
void webhook_sender_kick(void);
/* Stops after the delivery in progress; waits at most one delivery timeout. */
void webhook_sender_stop(void);

#endif
