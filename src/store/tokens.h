/*
 * One-time tokens sent to users: password reset and invitation links
 * ("reset"), e-mail address confirmation ("email"), trusted browsers
 * ("trust"), satisfaction ratings ("rating"). The user gets 256 random bits;
 * the table keeps their SHA-256.
 */
#ifndef MADOGUCHI_STORE_TOKENS_H
#define MADOGUCHI_STORE_TOKENS_H

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct db;

struct token {
	int64_t id, user_id, expires_at;
	bool used;
	const char *data;
};

/* A new token for user_id valid ttl seconds; the raw value in the arena, NULL on error. */
char *token_create(struct db *db, const char *kind, int64_t user_id, int64_t ttl, const char *data,
                   struct arena *a);
/* 1 found (whatever its state), 0 not, -1 error. */
int token_find(struct db *db, const char *kind, const char *raw, struct arena *a,
               struct token *out);
/* Marks a live token used: 1 done, 0 it was already used or expired, -1 error. */
int token_use(struct db *db, int64_t id);
/* Voids every live token of that kind of the user. */
int token_void(struct db *db, int64_t user_id, const char *kind);
/* The hex SHA-256 of a token (also used for session and trust cookies). */
void token_hash(const char *raw, char out[65]);

#endif
