/* The polling thread; see poller.h. */
#include "core/poller.h"

#include <errno.h>
#include <signal.h>
#include <time.h>

#define POLL_SECONDS 1

static void *
run(void *arg)
{
	struct poller *p = arg;
	pthread_mutex_lock(&p->mu);
	while (!atomic_load(&p->stop)) {
		p->kicked = false;
		pthread_mutex_unlock(&p->mu);
		p->round(p->ctx);
		pthread_mutex_lock(&p->mu);
		if (p->kicked || atomic_load(&p->stop))
			continue;
		struct timespec until;
		clock_gettime(CLOCK_MONOTONIC, &until);
		until.tv_sec += POLL_SECONDS;
		pthread_cond_timedwait(&p->cv, &p->mu, &until);
	}
	pthread_mutex_unlock(&p->mu);
	if (p->done)
		p->done(p->ctx);
	return NULL;
}

int
poller_start(struct poller *p, void (*round)(void *ctx), void (*done)(void *ctx), void *ctx)
{
	pthread_mutex_lock(&p->mu);
	if (p->running) {
		pthread_mutex_unlock(&p->mu);
		return EALREADY;
	}
	if (!p->cv_ready) {
		pthread_condattr_t attr;
		pthread_condattr_init(&attr);
		pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
		pthread_cond_init(&p->cv, &attr);
		pthread_condattr_destroy(&attr);
		p->cv_ready = true;
	}
	p->round = round;
	p->done = done;
	p->ctx = ctx;
	p->kicked = true; /* a first round at once: work may wait from before */
	atomic_store(&p->stop, false);
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	int err = pthread_create(&p->thread, NULL, run, p);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	p->running = err == 0;
	pthread_mutex_unlock(&p->mu);
	return err;
}

void
poller_kick(struct poller *p)
{
	pthread_mutex_lock(&p->mu);
	if (p->running) {
		p->kicked = true;
		pthread_cond_signal(&p->cv);
	}
	pthread_mutex_unlock(&p->mu);
}

bool
poller_stopping(struct poller *p)
{
	return atomic_load(&p->stop);
}

bool
poller_stop(struct poller *p)
{
	pthread_mutex_lock(&p->mu);
	if (!p->running) {
		pthread_mutex_unlock(&p->mu);
		return false;
	}
	atomic_store(&p->stop, true);
	pthread_cond_signal(&p->cv);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->thread, NULL);
	pthread_mutex_lock(&p->mu);
	p->running = false;
	pthread_mutex_unlock(&p->mu);
	return true;
}
