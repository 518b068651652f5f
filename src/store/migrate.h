/*
 * Versioned schema migrations: the files migrations/sqlite/NNNN_name.sql,
 * embedded in the binary, applied in order, each in its own transaction
 * together with its row in schema_migrations. Run by `madoguchi migrate` and
 * at every start of `serve`.
 */
#ifndef MADOGUCHI_STORE_MIGRATE_H
#define MADOGUCHI_STORE_MIGRATE_H

struct db;

/* Applies what is missing; returns how many were applied, or -1. */
int migrate_run(struct db *db);
/* The newest version applied, or -1 on error. */
int migrate_version(struct db *db);
/* The newest version this binary knows. */
int migrate_latest(void);

#endif
