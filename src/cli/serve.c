/* `madoguchi serve` and `madoguchi migrate`. */
#include "app.h"
#include "cli/cli.h"
#include "http/server.h"
#include "mail/sender.h"
#include "store/db.h"
#include "store/migrate.h"
#include "webhooks/sender.h"

#include <stdio.h>

int
cli_serve(struct app *app)
{
	/* Started first so that mail queued before this start goes out, and
	 * stopped after the last request so that none of theirs waits. */
	if (mail_sender_start(app) != 0) {
		db_thread_close();
		return 1;
	}
	if (webhook_sender_start(app) != 0) {
		mail_sender_stop();
		db_thread_close();
		return 1;
	}
	int rc = server_run(app) == 0 ? 0 : 1;
	webhook_sender_stop();
	mail_sender_stop();
	db_thread_close();
	return rc;
}

/* app_init has applied the migrations; this reports where the schema stands. */
int
cli_migrate(struct app *app)
{
	(void)app;
	struct db *db = db_thread();
	int v = db ? migrate_version(db) : -1;
	db_thread_close();
	if (v < 0)
		return 1;
	printf("schema version %d (latest %d)\n", v, migrate_latest());
	return 0;
}
