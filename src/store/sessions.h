/* The sessions table. Rows are keyed by the hash of the cookie, never the cookie. */
#ifndef MADOGUCHI_STORE_SESSIONS_H
#define MADOGUCHI_STORE_SESSIONS_H

#include <stdint.h>

struct arena;
struct db;
struct user;

int session_rows_insert(struct db *db, const char *id_hash, int64_t user_id, int64_t now,
                        const char *ip, const char *user_agent);
/* 1 found (times and user filled), 0 none, -1 error. */
int session_rows_get(struct db *db, const char *id_hash, struct arena *a, int64_t *created_at,
                     int64_t *seen_at, struct user *u);
int session_rows_touch(struct db *db, const char *id_hash, int64_t now);
int session_rows_delete(struct db *db, const char *id_hash);
int session_rows_delete_user(struct db *db, int64_t user_id);
/* Deletes sessions idle since before idle_before or created before created_before. */
int session_rows_purge(struct db *db, int64_t idle_before, int64_t created_before);

#endif
