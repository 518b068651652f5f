/*
 * The payload of a case change and its rows in the outbox; see queue.h.
 * The payload is built once per endpoint (each delivery has an id of its
 * own) and kept as the exact bytes that are signed and sent, so a retry
 * or a redelivery sends the same body.
 */
#include "webhooks/queue.h"
#include "cases/case_json.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "store/cases.h"
#include "store/db.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>

/* "wh_" and 32 hex digits: unique without asking the database. */
static const char *
new_event_id(struct arena *a)
{
	unsigned char rnd[16];
	randombytes_buf(rnd, sizeof(rnd));
	char hex[2 * sizeof(rnd) + 1];
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	return arena_printf(a, "wh_%s", hex);
}

static json_t *
comment_json(const struct dom *d, const struct webhook_change *ch, int64_t at)
{
	json_t *author = json_pack("{s:I,s:s,s:b}", "id", (json_int_t)d->who.user_id, "name",
	                           d->who.name ? d->who.name : "", "staff", d->who.staff);
	return json_pack("{s:I,s:s,s:b,s:o,s:o}", "id", (json_int_t)ch->comment_id, "body",
	                 ch->body ? ch->body : "", "internal", ch->internal, "author", author,
	                 "created_at", case_json_time(at));
}

/* The body of one delivery, in the arena; NULL on error. */
static const char *
payload(struct dom *d, const struct webhook_change *ch, const struct case_row *c,
        const char *event_id, int64_t now)
{
	json_t *o = json_object();
	json_object_set_new(o, "id", json_string(event_id));
	json_object_set_new(o, "event", json_string(webhook_event_code(ch->event)));
	json_object_set_new(o, "occurred_at", case_json_time(now));
	json_object_set_new(o, "case", case_json(c));
	if (ch->event == WEBHOOK_COMMENT_CREATED)
		json_object_set_new(o, "comment", comment_json(d, ch, now));
	if (ch->event == WEBHOOK_CASE_STATE_CHANGED && ch->previous_state >= 0)
		json_object_set_new(
		    o, "previous_state",
		    json_string(case_state_code((enum case_state)ch->previous_state)));
	char *s = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	if (!s)
		return NULL;
	const char *out = arena_strdup(d->a, s);
	free(s);
	return out;
}

static bool
takes(const struct webhook_endpoint_row *ep, const struct webhook_change *ch)
{
	if (!webhook_events_have(ep->events, ch->event))
		return false;
	return !(ch->event == WEBHOOK_COMMENT_CREATED && ch->internal && !ep->include_internal);
}

int
webhooks_queue(struct dom *d, struct db *db, const struct webhook_change *ch)
{
	struct webhook_endpoint_row *eps;
	int n = webhook_endpoint_enabled(db, d->a, &eps);
	if (n < 0)
		return -1;
	struct case_row c;
	bool read = false;
	int64_t now = clock_now();
	for (int i = 0; i < n; i++) {
		if (!takes(&eps[i], ch))
			continue;
		if (!read && case_get(db, ch->number, 0, d->a, &c) != 1)
			return -1;
		read = true;
		const char *id = new_event_id(d->a);
		struct webhook_delivery_new w = {.endpoint_id = eps[i].id,
		                                 .created_at = now,
		                                 .event_id = id,
		                                 .event = webhook_event_code(ch->event),
		                                 .payload = payload(d, ch, &c, id, now)};
		if (!w.payload || webhook_delivery_insert(db, &w) <= 0)
			return -1;
	}
	return 0;
}
