/* The periodic jobs; see jobs.h. */
#include "jobs.h"
#include "cases/auto_close.h"
#include "cases/report_delivery.h"
#include "core/arena.h"
#include "core/log.h"
#include "domain/domain.h"
#include "http/server.h"

int
jobs_run(const struct app *app, struct jobs_result *out)
{
	struct arena *a = arena_new();
	struct dom d = {.app = app, .a = a}; /* the system */
	struct auto_close_run ac;
	int st = cases_auto_close(&d, &ac);
	out->warned = ac.warned;
	out->closed = ac.closed;
	/* The reports go out even when auto-close failed: the two do not depend on each other. */
	int rst = monthly_reports_deliver(&d, &out->reports);
	arena_free(a);
	if (st != DOM_OK)
		log_error("jobs: auto-close failed after %d warned, %d closed", ac.warned,
		          ac.closed);
	else if (ac.warned || ac.closed)
		log_info("jobs: auto-close: %d warned, %d closed", ac.warned, ac.closed);
	if (rst != DOM_OK)
		log_error("jobs: monthly reports failed after %d delivered", out->reports);
	else if (out->reports)
		log_info("jobs: monthly reports: %d delivered", out->reports);
	return st == DOM_OK && rst == DOM_OK ? 0 : -1;
}

static void
tick(const struct app *app)
{
	struct jobs_result r;
	(void)jobs_run(app, &r);
}

void (*const server_jobs)(const struct app *app) = tick;
