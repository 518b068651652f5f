/* The database's part of backups and checks; see backup.h. */
#include "store/backup.h"
#include "core/arena.h"
#include "store/db.h"

#include <string.h>

int
backup_copy_into(struct db *db, const char *dst)
{
	struct dbq *q = db_query(db, STMT_BACKUP_INTO);
	if (!q)
		return -1;
	q_bind_text(q, 1, dst);
	int rc = q_step(q) == DB_DONE ? 0 : -1;
	q_end(q);
	return rc;
}

int
backup_drop_sessions(struct db *copy)
{
	if (db_exec(copy, "PRAGMA secure_delete=ON") != 0)
		return -1;
	struct dbq *q = db_query(copy, STMT_BACKUP_DROP_SESSIONS);
	if (!q)
		return -1;
	int rc = q_step(q) == DB_DONE ? 0 : -1;
	q_end(q);
	return rc;
}

int
backup_each_file(struct db *db, int (*fn)(void *ctx, const char *sha256, uint64_t size), void *ctx)
{
	struct dbq *q = db_query(db, STMT_BACKUP_FILES);
	if (!q)
		return -1;
	int rc, step;
	while ((step = q_step(q)) == DB_ROW) {
		/* an arena per row: a store may hold millions of files */
		struct arena *a = arena_new();
		int64_t size = q_int(q, 1);
		rc = fn(ctx, q_text(q, 0, a), size < 0 ? 0 : (uint64_t)size);
		arena_free(a);
		if (rc != 0)
			goto out;
	}
	rc = step == DB_DONE ? 0 : -1;
out:
	q_end(q);
	return rc;
}

int
backup_integrity(struct db *db, void (*fn)(void *ctx, const char *problem), void *ctx)
{
	struct dbq *q = db_query(db, STMT_INTEGRITY_CHECK);
	if (!q)
		return -1;
	struct arena *a = arena_new();
	int problems = 0, step;
	while ((step = q_step(q)) == DB_ROW) {
		const char *row = q_text(q, 0, a);
		if (strcmp(row, "ok") != 0) {
			fn(ctx, row);
			problems++;
		}
	}
	q_end(q);
	arena_free(a);
	return step == DB_DONE ? problems : -1;
}
