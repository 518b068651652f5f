/* Rows of user_tokens; see tokens.h. */
#include "store/tokens.h"
#include "core/arena.h"
#include "core/clock.h"
#include "store/db.h"

#include <sodium.h>
#include <string.h>

#define RAW_BYTES 32
#define RAW_B64                                                                                    \
	((size_t)sodium_base64_ENCODED_LEN(RAW_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING))

void
token_hash(const char *raw, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)raw, strlen(raw));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

char *
token_create(struct db *db, const char *kind, int64_t user_id, int64_t ttl, const char *data,
             struct arena *a)
{
	unsigned char rnd[RAW_BYTES];
	randombytes_buf(rnd, sizeof(rnd));
	char *raw = arena_alloc(a, RAW_B64);
	sodium_bin2base64(raw, RAW_B64, rnd, sizeof(rnd), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(rnd, sizeof(rnd));
	char hash[65];
	token_hash(raw, hash);
	struct dbq *q = db_query(db, STMT_TOKEN_INSERT);
	if (!q)
		return NULL;
	int64_t now = clock_now();
	q_bind_text(q, 1, kind);
	q_bind_text(q, 2, hash);
	q_bind_int(q, 3, user_id);
	q_bind_int(q, 4, now);
	q_bind_int(q, 5, now + ttl);
	q_bind_text(q, 6, data ? data : "");
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? raw : NULL;
}

int
token_find(struct db *db, const char *kind, const char *raw, struct arena *a, struct token *out)
{
	if (!raw || strlen(raw) != RAW_B64 - 1)
		return 0;
	char hash[65];
	token_hash(raw, hash);
	struct dbq *q = db_query(db, STMT_TOKEN_GET);
	if (!q)
		return -1;
	q_bind_text(q, 1, hash);
	q_bind_text(q, 2, kind);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		out->id = q_int(q, 0);
		out->user_id = q_int(q, 1);
		out->expires_at = q_int(q, 2);
		out->used = q_int(q, 3) != 0;
		out->data = q_text(q, 4, a);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
token_use(struct db *db, int64_t id)
{
	struct dbq *q = db_query(db, STMT_TOKEN_USE);
	if (!q)
		return -1;
	int64_t now = clock_now();
	q_bind_int(q, 1, now);
	q_bind_int(q, 2, id);
	q_bind_int(q, 3, now);
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	return db_changes(db) == 1;
}

int
token_void(struct db *db, int64_t user_id, const char *kind)
{
	struct dbq *q = db_query(db, STMT_TOKEN_VOID);
	if (!q)
		return -1;
	q_bind_int(q, 1, clock_now());
	q_bind_int(q, 2, user_id);
	q_bind_text(q, 3, kind);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}
