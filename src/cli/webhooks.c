/* `madoguchi webhooks`: one round of the webhook sender, with what it did. */
#include "cli/cli.h"
#include "store/db.h"
#include "webhooks/sender.h"

#include <stdio.h>

int
cli_webhooks(struct app *app)
{
	struct webhook_round r;
	int rc = webhook_deliver_due(app, &r);
	db_thread_close();
	if (rc != 0)
		return 1;
	printf("webhooks: %d delivered, %d to retry, %d failed\n", r.delivered, r.retried,
	       r.failed);
	return 0;
}
