/*
 * Rows of the integration API: bearer tokens (api_tokens, kept as the
 * SHA-256 of their secret), the first answers of requests sent with an
 * Idempotency-Key (api_idempotency) and the external ids of raised cases
 * (case_external_ids). Functions a customer's token reaches take the
 * customer id; 0 means the provider (all customers).
 */
#ifndef MADOGUCHI_STORE_API_TOKENS_H
#define MADOGUCHI_STORE_API_TOKENS_H

#include <stdint.h>

struct arena;
struct db;

struct api_token_row {
	int64_t id, customer_id, created_by;
	int64_t created_at, expires_at, revoked_at, last_used_at; /* 0: none */
	const char *name, *prefix, *scopes, *last_used_ip, *customer_number, *creator_name;
};

struct api_token_new {
	const char *name, *hash, *prefix, *scopes;
	int64_t customer_id, created_by, created_at, expires_at; /* 0: none */
};

/* Inserts a token in the caller's transaction. Its id, or -1. */
int64_t api_token_insert(struct db *db, const struct api_token_new *t);
/* The token whose secret hashes to hash (hex SHA-256). 1 found, 0 not, -1 error. */
int api_token_by_hash(struct db *db, const char *hash, struct arena *a, struct api_token_row *out);
/* Records a use (at most once a minute is written). 0 or -1. */
int api_token_touch(struct db *db, int64_t id, int64_t now, const char *ip);
/* Revokes a live token of the customer (0: any). 1 done, 0 no such live token, -1 error. */
int api_token_revoke(struct db *db, int64_t id, int64_t customer_id, int64_t now);
/* Tokens of the customer (0: all), live ones first, newest first. Count or -1. */
int api_token_list(struct db *db, int64_t customer_id, struct arena *a, struct api_token_row **out);

/*
 * Claims (token, key) for a request: 1 claimed, 0 the key exists already
 * (read it with api_idem_get), -1 error.
 */
int api_idem_claim(struct db *db, int64_t token_id, const char *key, const char *fingerprint,
                   int64_t now);
struct api_idem_row {
	const char *fingerprint, *body;
	int status; /* 0: the first request is still running */
	int64_t created_at;
};
/* 1 found, 0 not, -1 error. */
int api_idem_get(struct db *db, int64_t token_id, const char *key, struct arena *a,
                 struct api_idem_row *out);
/* Keeps the first answer. 0 or -1. */
int api_idem_store(struct db *db, int64_t token_id, const char *key, int status, const char *body);
/* Forgets a claim whose request failed, so that a retry runs again. */
int api_idem_drop(struct db *db, int64_t token_id, const char *key);
/* Forgets every answer recorded before `before`. */
int api_idem_purge(struct db *db, int64_t before);

/* The number of the customer's open case raised with external_id: 1 (number set), 0, -1. */
int api_external_open(struct db *db, int64_t customer_id, const char *external_id, struct arena *a,
                      const char **number);
/* Links a case to its external id. 0 or -1. */
int api_external_add(struct db *db, int64_t case_id, int64_t customer_id, const char *external_id);

struct api_case_cursor {
	int64_t updated_at, id;
};
struct api_case_filter {
	int64_t customer_id;          /* 0: all */
	const char *state, *category; /* "" or NULL: any */
	int64_t updated_since;
	struct api_case_cursor after;
	int limit;
};
/*
 * Case numbers matching f in (updated_at, id) order, with the cursor of
 * each. Count or -1.
 */
int api_case_page(struct db *db, const struct api_case_filter *f, struct arena *a,
                  const char ***numbers, struct api_case_cursor **cursors);

#endif
