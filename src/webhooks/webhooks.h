/*
 * Webhooks: endpoints the provider's admins register in the console to be
 * told about cases (docs/api.md, "Webhooks"). An endpoint has a URL (http
 * or https), a secret that signs every delivery, the events it takes and
 * whether internal notes are sent to it; it can be disabled and deleted.
 * Every change is audited. Targets inside a network (netscope.h) are
 * refused unless the provider allows them (the setting
 * webhooks.allow_private), at registration for a literal address and at
 * delivery for every address a name resolves to.
 *
 * Field errors name the inputs: "url", "secret", "events".
 */
#ifndef MADOGUCHI_WEBHOOKS_WEBHOOKS_H
#define MADOGUCHI_WEBHOOKS_WEBHOOKS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/webhooks.h"

struct db;
struct dom;

#define WEBHOOK_URL_MAX         2000 /* characters */
#define WEBHOOK_SECRET_MIN      16   /* characters of an entered secret */
#define WEBHOOK_SECRET_MAX      200
#define WEBHOOK_LOG_ROWS        50 /* deliveries shown per endpoint */
#define WEBHOOK_PRIVATE_SETTING "webhooks.allow_private"

enum webhook_event {
	WEBHOOK_CASE_CREATED,
	WEBHOOK_CASE_UPDATED, /* assignee changed, files added without a comment */
	WEBHOOK_COMMENT_CREATED,
	WEBHOOK_CASE_STATE_CHANGED,
	WEBHOOK_EVENT__MAX
};

/* "case.created", …; the event of a code, -1 when unknown. */
const char *webhook_event_code(enum webhook_event e);
int webhook_event_parse(const char *code);
/* Whether the event list (space separated) holds e. */
bool webhook_events_have(const char *events, enum webhook_event e);

struct webhook_endpoint_in {
	const char *url;
	const char *secret; /* NULL or empty: one is generated */
	bool events[WEBHOOK_EVENT__MAX];
	bool include_internal;
};

/*
 * Registers an endpoint, enabled; *secret (in the context's arena) is the
 * one to show once. DOM_OK, DOM_INVALID, DOM_FORBIDDEN or DOM_ERROR.
 */
int webhook_endpoint_create(struct dom *d, const struct webhook_endpoint_in *in,
                            const char **secret, int64_t *id_out);
/* Enables or disables an endpoint: DOM_OK, DOM_NOT_FOUND, DOM_FORBIDDEN, DOM_ERROR. */
int webhook_endpoint_enable(struct dom *d, int64_t id, bool enabled);
/* Deletes an endpoint and its delivery log. */
int webhook_endpoint_remove(struct dom *d, int64_t id);
/* Every endpoint (provider admins). */
int webhook_endpoints_op(struct dom *d, struct webhook_endpoint_row **out, int *n);
/* One endpoint with its latest deliveries (provider admins). */
int webhook_log_op(struct dom *d, int64_t id, struct webhook_endpoint_row *ep,
                   struct webhook_delivery_row **log, int *n);
/* Queues the payload of a delivery of the endpoint again, due at once. */
int webhook_redeliver(struct dom *d, int64_t endpoint_id, int64_t delivery_id);

/* Whether the provider allows targets in internal ranges (default: no). */
bool webhook_allow_private(struct db *db);
/* Sets it (provider admins), audited. */
int webhook_allow_private_set(struct dom *d, bool allow);

#endif
