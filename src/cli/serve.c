/* `madoguchi serve` and `madoguchi migrate`. */
#include "app.h"
#include "cli/cli.h"
#include "http/server.h"
#include "store/db.h"
#include "store/migrate.h"

#include <stdio.h>

int
cli_serve(struct app *app)
{
	int rc = server_run(app) == 0 ? 0 : 1;
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
