/* The sessions table. Rows are keyed by the hash of the cookie, never the cookie. */
#ifndef MADOGUCHI_STORE_SESSIONS_H
#define MADOGUCHI_STORE_SESSIONS_H

#include <stdbool.h>
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

/* A session half-way through sign-in: the password was right, MFA is pending. */
struct mfa_row {
	int64_t user_id, created_at;
	const char *method; /* "" (to choose), "totp" or "email" */
	int64_t failures;
	const char *code_hash; /* e-mail code, hex SHA-256; "" if none sent */
	int64_t code_expires, code_sent_at;
	bool trust; /* "trust this browser for 8 hours" was ticked */
	const char *next;
};

int session_rows_insert_mfa(struct db *db, const char *id_hash, int64_t user_id, int64_t now,
                            const char *ip, const char *user_agent, const char *method,
                            const char *next);
/* 1 found, 0 none, -1 error. */
int session_rows_get_mfa(struct db *db, const char *id_hash, struct arena *a, struct mfa_row *m);
int session_rows_mfa_fail(struct db *db, const char *id_hash);
int session_rows_mfa_method(struct db *db, const char *id_hash, const char *method, bool trust);
int session_rows_email_code(struct db *db, const char *id_hash, const char *code_hash,
                            int64_t expires, int64_t sent_at);
/* Ends every session of the user but the one given (NULL: all). */
int session_rows_delete_others(struct db *db, int64_t user_id, const char *keep_hash);

#endif
