/*
 * Worker threads for slow requests. Argon2id takes tens of milliseconds and
 * 64 MiB; run on a polling thread it would stall every other connection that
 * thread serves. Routes flagged ROUTE_SLOW are therefore suspended, run here,
 * and resumed to send their response. The queue is bounded: when it is full
 * the request is answered 503 at once instead of piling up.
 */
#ifndef MADOGUCHI_HTTP_WORKPOOL_H
#define MADOGUCHI_HTTP_WORKPOOL_H

#include <stdbool.h>

struct workpool;

struct workpool *workpool_start(unsigned threads, unsigned queue_max);
/* Queues fn(arg); false when the queue is full or the pool is stopping. */
bool workpool_submit(struct workpool *wp, void (*fn)(void *), void *arg);
/* Runs what is queued, then joins the threads and frees the pool. */
void workpool_stop(struct workpool *wp);

#endif
