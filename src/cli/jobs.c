/* `madoguchi jobs`: one round of the periodic jobs (jobs.h), with what it did. */
#include "cli/cli.h"
#include "jobs.h"

#include <stdio.h>

int
cli_jobs(struct app *app)
{
	struct jobs_result r;
	if (jobs_run(app, &r) != 0)
		return 1;
	printf("auto-close: %d warned, %d closed\n", r.warned, r.closed);
	printf("monthly reports: %d delivered\n", r.reports);
	return 0;
}
