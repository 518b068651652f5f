/*
 * What an operator watches: whether the database answers, and the gauges
 * of GET /metrics (mail waiting to go out, sessions in use, file size).
 * Each function runs one short read on the calling thread's connection.
 */
#ifndef MADOGUCHI_STORE_OPS_H
#define MADOGUCHI_STORE_OPS_H

#include <stdint.h>

struct db;

/* 0 when a read of the schema succeeds, -1 otherwise: the readiness probe. */
int ops_ready(struct db *db);
/*
 * Undelivered mails: *pending never failed yet, *failed failed at least once
 * and wait for their next attempt. 0, or -1 on a database error.
 */
int ops_outbox_depth(struct db *db, int64_t *pending, int64_t *failed);
/* Sessions neither idle since before idle_before nor created before created_before. */
int64_t ops_sessions_active(struct db *db, int64_t idle_before, int64_t created_before);
/* The database file's size in bytes (pages times page size), or -1. */
int64_t ops_db_bytes(struct db *db);

#endif
