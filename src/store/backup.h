/*
 * What backups and checks ask of the database (`madoguchi backup`, `check`):
 * a consistent copy taken while the portal writes on, the stored files the
 * rows refer to, and SQLite's own integrity check.
 */
#ifndef MADOGUCHI_STORE_BACKUP_H
#define MADOGUCHI_STORE_BACKUP_H

#include <stdint.h>

struct db;

/*
 * Writes a copy of the whole database to dst (which must not exist): one
 * read transaction, so it holds every transaction committed before it began
 * and none that commits while it runs; writers are not held up (WAL).
 * Returns 0 or -1 (logged).
 */
int backup_copy_into(struct db *db, const char *dst);
/*
 * Removes the sign-in sessions from a copy, their bytes overwritten: a
 * backup holds no live credentials, and a restored portal asks everyone to
 * sign in again. 0 or -1.
 */
int backup_drop_sessions(struct db *copy);
/*
 * Calls fn once per stored file the rows refer to (attachments of cases,
 * work requests and knowledge articles), with its SHA-256 and recorded
 * size, in hash order; stops when fn returns non-zero. Returns 0, fn's
 * non-zero answer, or -1 when the database fails.
 */
int backup_each_file(struct db *db, int (*fn)(void *ctx, const char *sha256, uint64_t size),
                     void *ctx);
/*
 * SQLite's integrity check: fn is called with each problem it reports.
 * Returns the number of problems (0: intact), or -1 when it cannot run.
 */
int backup_integrity(struct db *db, void (*fn)(void *ctx, const char *problem), void *ctx);

#endif
