/*
 * The counters behind GET /metrics. They live in one block made at start-up
 * and shared by every server thread: each cell is an atomic counter added to
 * with relaxed order (a scrape needs no ordering between cells), so the
 * request path takes no lock.
 *
 * Cells are indexed by route row, plus one last row for paths no route
 * matched; statuses by a fixed table, plus one cell for any other.
 */
#include "http/metrics.h"
#include "core/buf.h"
#include "core/xalloc.h"
#include "http/router.h"

#include <stdatomic.h>
#include <time.h>

static const int statuses[] = {200, 201, 204, 206, 301, 302, 303, 304, 307, 308,
                               400, 401, 403, 404, 405, 406, 409, 410, 411, 413,
                               414, 415, 416, 422, 429, 431, 500, 501, 502, 503};
enum { NSTATUS = sizeof(statuses) / sizeof(statuses[0]) + 1 }; /* + "other" */

/* Upper bounds of the latency buckets, in microseconds; +Inf follows. */
static const int64_t bounds_us[] = {5000,   10000,   25000,   50000,   100000,  250000,
                                    500000, 1000000, 2500000, 5000000, 10000000};
static const char *const bounds_label[] = {"0.005", "0.01", "0.025", "0.05", "0.1", "0.25",
                                           "0.5",   "1",    "2.5",   "5",    "10"};
enum { NBUCKET = sizeof(bounds_us) / sizeof(bounds_us[0]) + 1 }; /* + "+Inf" */

struct route_cells {
	atomic_uint_fast64_t by_status[NSTATUS];
	atomic_uint_fast64_t bucket[NBUCKET]; /* not cumulative: one bucket per request */
	atomic_uint_fast64_t sum_us;
};

static struct {
	const struct route *table;
	size_t nroutes;
	struct route_cells *cells; /* nroutes + 1 rows */
	time_t started;
} m;

void
metrics_init(const struct route *table, size_t n)
{
	m.table = table;
	m.nroutes = n;
	m.cells = xcalloc(n + 1, sizeof(*m.cells));
	for (size_t i = 0; i <= n; i++) {
		for (int k = 0; k < NSTATUS; k++)
			atomic_init(&m.cells[i].by_status[k], 0);
		for (int k = 0; k < NBUCKET; k++)
			atomic_init(&m.cells[i].bucket[k], 0);
		atomic_init(&m.cells[i].sum_us, 0);
	}
	m.started = time(NULL);
}

static int
status_index(int status)
{
	for (int k = 0; k < NSTATUS - 1; k++)
		if (statuses[k] == status)
			return k;
	return NSTATUS - 1;
}

void
metrics_observe(const struct route *rt, int status, int64_t micros)
{
	if (!m.cells)
		return; /* not serving: the command line */
	size_t row = m.nroutes;
	if (rt && rt >= m.table && rt < m.table + m.nroutes)
		row = (size_t)(rt - m.table);
	struct route_cells *c = &m.cells[row];
	atomic_fetch_add_explicit(&c->by_status[status_index(status)], 1, memory_order_relaxed);
	int b = 0;
	while (b < NBUCKET - 1 && micros > bounds_us[b])
		b++;
	atomic_fetch_add_explicit(&c->bucket[b], 1, memory_order_relaxed);
	atomic_fetch_add_explicit(&c->sum_us, micros > 0 ? (uint64_t)micros : 0,
	                          memory_order_relaxed);
}

/* A label value: backslash, double quote and line feed escaped (format 0.0.4). */
static void
put_label(struct buf *b, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\' || *s == '"')
			buf_putc(b, '\\');
		if (*s == '\n') {
			buf_puts(b, "\\n");
			continue;
		}
		buf_putc(b, *s);
	}
}

/* method="…",route="…" of a row; the last row holds every unmatched path. */
static void
put_route_labels(struct buf *b, size_t row)
{
	static const char *const methods[] = {"GET", "HEAD", "POST", "OTHER"};
	if (row == m.nroutes) {
		buf_puts(b, "method=\"\",route=\"unmatched\"");
		return;
	}
	const struct route *rt = &m.table[row];
	buf_printf(b, "method=\"%s\",route=\"", methods[rt->method]);
	put_label(b, rt->pattern);
	buf_putc(b, '"');
}

static uint64_t
load(atomic_uint_fast64_t *p)
{
	return atomic_load_explicit(p, memory_order_relaxed);
}

void
metrics_render(struct buf *b)
{
	if (!m.cells)
		return;
	buf_puts(b, "# HELP madoguchi_http_requests_total Requests answered, by route pattern "
	            "and status.\n# TYPE madoguchi_http_requests_total counter\n");
	for (size_t i = 0; i <= m.nroutes; i++)
		for (int k = 0; k < NSTATUS; k++) {
			uint64_t n = load(&m.cells[i].by_status[k]);
			if (!n)
				continue;
			buf_puts(b, "madoguchi_http_requests_total{");
			put_route_labels(b, i);
			if (k < NSTATUS - 1)
				buf_printf(b, ",status=\"%d\"} %llu\n", statuses[k],
				           (unsigned long long)n);
			else
				buf_printf(b, ",status=\"other\"} %llu\n", (unsigned long long)n);
		}

	buf_puts(b, "# HELP madoguchi_http_request_duration_seconds Time from the request line "
	            "to the end of the answer, by route pattern.\n"
	            "# TYPE madoguchi_http_request_duration_seconds histogram\n");
	for (size_t i = 0; i <= m.nroutes; i++) {
		uint64_t counts[NBUCKET], total = 0;
		/* One read per bucket, summed here: +Inf and _count agree with the
		 * buckets even while requests are counted meanwhile. */
		for (int k = 0; k < NBUCKET; k++)
			total += counts[k] = load(&m.cells[i].bucket[k]);
		if (!total)
			continue;
		uint64_t cum = 0;
		for (int k = 0; k < NBUCKET; k++) {
			cum += counts[k];
			buf_puts(b, "madoguchi_http_request_duration_seconds_bucket{");
			put_route_labels(b, i);
			buf_printf(b, ",le=\"%s\"} %llu\n",
			           k < NBUCKET - 1 ? bounds_label[k] : "+Inf",
			           (unsigned long long)cum);
		}
		uint64_t us = load(&m.cells[i].sum_us);
		buf_puts(b, "madoguchi_http_request_duration_seconds_sum{");
		put_route_labels(b, i);
		buf_printf(b, "} %llu.%06llu\n", (unsigned long long)(us / 1000000),
		           (unsigned long long)(us % 1000000));
		buf_puts(b, "madoguchi_http_request_duration_seconds_count{");
		put_route_labels(b, i);
		buf_printf(b, "} %llu\n", (unsigned long long)total);
	}

	buf_printf(b,
	           "# HELP process_start_time_seconds Start time of the process since the Unix "
	           "epoch in seconds.\n# TYPE process_start_time_seconds gauge\n"
	           "process_start_time_seconds %lld\n",
	           (long long)m.started);
}
