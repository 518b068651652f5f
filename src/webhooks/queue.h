/*
 * Queuing the deliveries of a case change: called by the case operations
 * inside their own transaction, after the change, so a delivery exists if
 * and only if the change was committed. The case is read again in the
 * transaction, so the payload shows it as the change left it.
 *
 *     db_begin(db);
 *     ... the change ...
 *     webhooks_queue(d, db, &(struct webhook_change){...})  -> 0 or fail
 *     dom_finish(db, ...);   (commits, then wakes the sender)
 */
#ifndef MADOGUCHI_WEBHOOKS_QUEUE_H
#define MADOGUCHI_WEBHOOKS_QUEUE_H

#include <stdbool.h>
#include <stdint.h>

#include "webhooks/webhooks.h"

struct db;
struct dom;

struct webhook_change {
	enum webhook_event event;
	const char *number; /* the case */
	int previous_state; /* case.state_changed: the enum case_state it left; else -1 */
	int64_t comment_id; /* comment.created: its activity id */
	const char *body;   /* comment.created */
	bool internal; /* comment.created: an internal note (only to endpoints that take them) */
};

/* One delivery per enabled endpoint that takes the event. 0, or -1 (roll back). */
int webhooks_queue(struct dom *d, struct db *db, const struct webhook_change *ch);

#endif
