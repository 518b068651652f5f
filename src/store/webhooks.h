/*
 * Rows of the webhooks: the provider's endpoints (webhook_endpoints) and
 * the outbox of their deliveries (webhook_deliveries). Inserts run inside
 * the caller's transaction; the sender's claim is one conditional UPDATE
 * with a lease, so several instances may share the table.
 */
#ifndef MADOGUCHI_STORE_WEBHOOKS_H
#define MADOGUCHI_STORE_WEBHOOKS_H

#include <stdbool.h>
#include <stdint.h>

struct arena;
struct db;

struct webhook_endpoint_row {
	int64_t id, created_at;
	const char *url, *events, *secret_sealed;
	bool include_internal, enabled;
};

struct webhook_endpoint_new {
	const char *url, *secret_sealed, *events;
	bool include_internal;
	int64_t created_by, created_at;
};

/* Its id, or -1. */
int64_t webhook_endpoint_insert(struct db *db, const struct webhook_endpoint_new *e);
/* Every endpoint, oldest first (secret_sealed ""). Count or -1. */
int webhook_endpoint_list(struct db *db, struct arena *a, struct webhook_endpoint_row **out);
/* Enabled endpoints only, with their sealed secrets. Count or -1. */
int webhook_endpoint_enabled(struct db *db, struct arena *a, struct webhook_endpoint_row **out);
/* 1 found, 0 not, -1 error. */
int webhook_endpoint_get(struct db *db, int64_t id, struct arena *a,
                         struct webhook_endpoint_row *out);
/* 1 changed, 0 no such endpoint, -1 error. */
int webhook_endpoint_set_enabled(struct db *db, int64_t id, bool enabled);
/* The endpoint and its deliveries. 1 deleted, 0 no such endpoint, -1 error. */
int webhook_endpoint_delete(struct db *db, int64_t id);

struct webhook_delivery_new {
	int64_t endpoint_id, created_at;
	const char *event_id, *event, *payload;
};

struct webhook_delivery_row {
	int64_t id, endpoint_id, created_at, attempts;
	int64_t next_attempt_at, delivered_at, failed_at; /* 0: none */
	int status_code;                                  /* 0: no answer (yet) */
	const char *event_id, *event, *payload, *last_error;
	const char *url, *secret_sealed; /* of its endpoint */
};

/* Queues a delivery due at once, in the caller's transaction. Its id, or -1. */
int64_t webhook_delivery_insert(struct db *db, const struct webhook_delivery_new *d);
/* Ids of up to max deliveries due at now and not held by a claim. Count or -1. */
int webhook_delivery_due(struct db *db, int64_t now, int64_t *ids, int max);
/*
 * Claims delivery id until locked_until under lease, when it is due and
 * nobody holds it: 1 claimed, 0 another sender has it or it is not due,
 * -1 error.
 */
int webhook_delivery_claim(struct db *db, int64_t id, const char *lease, int64_t now,
                           int64_t locked_until);
/* With its endpoint's URL and sealed secret. 1 found, 0 not, -1 error. */
int webhook_delivery_get(struct db *db, int64_t id, struct arena *a,
                         struct webhook_delivery_row *out);

/* How one attempt of a claimed delivery ended. */
struct webhook_attempt {
	int status_code;     /* 0: no HTTP answer */
	const char *error;   /* NULL when delivered */
	int64_t next_at;     /* 0: no further attempt */
	int64_t finished_at; /* delivered_at, or failed_at when error and next_at 0 */
};
/* Records an attempt under the lease and releases it. 1, 0 (lease lost), -1. */
int webhook_delivery_record(struct db *db, int64_t id, const char *lease,
                            const struct webhook_attempt *at);
/* The endpoint's latest deliveries, newest first (payload ""). Count or -1. */
int webhook_delivery_log(struct db *db, int64_t endpoint_id, int limit, struct arena *a,
                         struct webhook_delivery_row **out);

#endif
