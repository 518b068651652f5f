/* Reads and writes rows of the settings table. */
#include "store/settings.h"
#include "core/clock.h"
#include "store/db.h"

char *
settings_get(struct db *db, const char *key, struct arena *a)
{
	struct dbq *q = db_query(db, STMT_SETTING_GET);
	if (!q)
		return NULL;
	q_bind_text(q, 1, key);
	char *v = q_step(q) == DB_ROW ? q_text(q, 0, a) : NULL;
	q_end(q);
	return v;
}

int
settings_put(struct db *db, const char *key, const char *value)
{
	struct dbq *q = db_query(db, STMT_SETTING_PUT);
	if (!q)
		return -1;
	q_bind_text(q, 1, key);
	q_bind_text(q, 2, value);
	q_bind_int(q, 3, clock_now());
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}
