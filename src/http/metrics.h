/*
 * Request accounting for GET /metrics: a counter per route and status and a
 * latency histogram per route, labelled by the route's pattern (never the
 * path asked for, so the number of series stays bounded). Counting is a few
 * relaxed atomic additions, without locks, from any server thread.
 */
#ifndef MADOGUCHI_HTTP_METRICS_H
#define MADOGUCHI_HTTP_METRICS_H

#include <stddef.h>
#include <stdint.h>

struct buf;
struct route;

/*
 * Makes the counters for the rows of table (n of them) and notes the start
 * time. Called once by the server before its threads start.
 */
void metrics_init(const struct route *table, size_t n);
/*
 * Counts one answered request: its route row (NULL for a path no row
 * matched), the status sent and how long it took in microseconds.
 */
void metrics_observe(const struct route *rt, int status, int64_t micros);
/*
 * Appends the request counters, the histogram and the process start time
 * in the Prometheus text format (version 0.0.4). Series never counted are
 * left out.
 */
void metrics_render(struct buf *b);

#endif
