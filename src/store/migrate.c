/* Applies the embedded migrations; see migrate.h. */
#include "store/migrate.h"
#include "core/assets.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "store/db.h"

#include <stdlib.h>
#include <string.h>

#define MIGRATION_DIR "migrations/sqlite/"

static const char create_table[] = "CREATE TABLE IF NOT EXISTS schema_migrations ("
                                   "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                   "applied_at INTEGER NOT NULL)";

/* The version number of an embedded migration, or -1 if a is not one. */
static int
migration_number(const struct asset *a)
{
	size_t plen = sizeof(MIGRATION_DIR) - 1;
	if (strncmp(a->name, MIGRATION_DIR, plen) != 0)
		return -1;
	const char *p = a->name + plen;
	char *end;
	long v = strtol(p, &end, 10);
	if (end == p || *end != '_' || v <= 0)
		return -1;
	return (int)v;
}

int
migrate_latest(void)
{
	int latest = 0;
	for (size_t i = 0; i < assets_count; i++) {
		int v = migration_number(&assets_table[i]);
		if (v > latest)
			latest = v;
	}
	return latest;
}

int
migrate_version(struct db *db)
{
	if (db_exec(db, create_table) != 0)
		return -1;
	struct dbq *q = db_query(db, STMT_MIGRATION_MAX);
	if (!q)
		return -1;
	int v = q_step(q) == DB_ROW ? (int)q_int(q, 0) : -1;
	q_end(q);
	return v;
}

/* One migration and its bookkeeping row, all or nothing. */
static int
apply_one(struct db *db, const struct asset *a, int version)
{
	char *sql = xstrndup((const char *)a->data, a->len);
	int rc = -1;
	if (db_begin(db) != 0)
		goto out;
	if (db_exec(db, sql) != 0)
		goto rollback;
	struct dbq *q = db_query(db, STMT_MIGRATION_ADD);
	if (!q)
		goto rollback;
	q_bind_int(q, 1, version);
	q_bind_text(q, 2, a->name + sizeof(MIGRATION_DIR) - 1);
	q_bind_int(q, 3, clock_now());
	int st = q_step(q);
	q_end(q);
	if (st != DB_DONE || db_commit(db) != 0)
		goto rollback;
	log_info("migration %s applied", a->name);
	rc = 0;
	goto out;
rollback:
	db_rollback(db);
	log_error("migration %s failed; nothing of it was kept", a->name);
out:
	free(sql);
	return rc;
}

int
migrate_run(struct db *db)
{
	int current = migrate_version(db);
	if (current < 0)
		return -1;
	int applied = 0;
	/* Assets are sorted by name and names are zero-padded: in order. */
	for (size_t i = 0; i < assets_count; i++) {
		int v = migration_number(&assets_table[i]);
		if (v <= current)
			continue;
		if (apply_one(db, &assets_table[i], v) != 0)
			return -1;
		applied++;
	}
	return applied;
}
