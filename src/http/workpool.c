/* A fixed pool of threads over a bounded ring of jobs; see workpool.h. */
#include "http/workpool.h"
#include "core/xalloc.h"
#include "store/db.h"

#include <pthread.h>
#include <stdlib.h>

struct job {
	void (*fn)(void *);
	void *arg;
};

struct workpool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct job *ring;
	unsigned cap, head, len;
	bool stopping;
	unsigned nthreads;
	pthread_t *threads;
};

static void *
worker(void *p)
{
	struct workpool *wp = p;
	for (;;) {
		pthread_mutex_lock(&wp->mu);
		while (wp->len == 0 && !wp->stopping)
			pthread_cond_wait(&wp->cv, &wp->mu);
		if (wp->len == 0) {
			pthread_mutex_unlock(&wp->mu);
			break;
		}
		struct job j = wp->ring[wp->head];
		wp->head = (wp->head + 1) % wp->cap;
		wp->len--;
		pthread_mutex_unlock(&wp->mu);
		j.fn(j.arg);
	}
	db_thread_close();
	return NULL;
}

struct workpool *
workpool_start(unsigned threads, unsigned queue_max)
{
	struct workpool *wp = xcalloc(1, sizeof(*wp));
	pthread_mutex_init(&wp->mu, NULL);
	pthread_cond_init(&wp->cv, NULL);
	wp->cap = queue_max;
	wp->ring = xcalloc(queue_max, sizeof(*wp->ring));
	wp->threads = xcalloc(threads, sizeof(*wp->threads));
	for (unsigned i = 0; i < threads; i++) {
		if (pthread_create(&wp->threads[i], NULL, worker, wp) != 0)
			break;
		wp->nthreads++;
	}
	if (wp->nthreads == 0) {
		workpool_stop(wp);
		return NULL;
	}
	return wp;
}

bool
workpool_submit(struct workpool *wp, void (*fn)(void *), void *arg)
{
	pthread_mutex_lock(&wp->mu);
	bool ok = !wp->stopping && wp->len < wp->cap;
	if (ok) {
		wp->ring[(wp->head + wp->len) % wp->cap] = (struct job){fn, arg};
		wp->len++;
		pthread_cond_signal(&wp->cv);
	}
	pthread_mutex_unlock(&wp->mu);
	return ok;
}

void
workpool_stop(struct workpool *wp)
{
	if (!wp)
		return;
	pthread_mutex_lock(&wp->mu);
	wp->stopping = true;
	pthread_cond_broadcast(&wp->cv);
	pthread_mutex_unlock(&wp->mu);
	for (unsigned i = 0; i < wp->nthreads; i++)
		pthread_join(wp->threads[i], NULL);
	pthread_mutex_destroy(&wp->mu);
	pthread_cond_destroy(&wp->cv);
	free(wp->ring);
	free(wp->threads);
	free(wp);
}
