/*
 * The portal's periodic jobs: the auto-close of resolved cases
 * (cases/auto_close.h) and the delivery of the monthly reports on the 1st
 * (cases/report_delivery.h). The server runs them every housekeeping round;
 * `madoguchi jobs` runs them once (for a timer of the operator's own, or to
 * catch up after a long stop).
 */
#ifndef MADOGUCHI_JOBS_H
#define MADOGUCHI_JOBS_H

struct app;

struct jobs_result {
	int warned, closed; /* auto-close: contacts told, cases closed */
	int reports;        /* monthly reports delivered */
};

/* One round as the system: 0, or -1 when a job failed (logged). */
int jobs_run(const struct app *app, struct jobs_result *out);

#endif
