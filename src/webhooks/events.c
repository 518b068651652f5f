/*
 * The names of the webhook events; see webhooks.h. They are the
 * receivers' vocabulary, not audit events (scripts/check-events leaves
 * this file out).
 */
#include "webhooks/webhooks.h"

#include "core/text.h"

#include <string.h>

static const char *const codes[WEBHOOK_EVENT__MAX] = {
    [WEBHOOK_CASE_CREATED] = "case.created",
    [WEBHOOK_CASE_UPDATED] = "case.updated",
    [WEBHOOK_COMMENT_CREATED] = "comment.created",
    [WEBHOOK_CASE_STATE_CHANGED] = "case.state_changed",
};

const char *
webhook_event_code(enum webhook_event e)
{
	return e < WEBHOOK_EVENT__MAX ? codes[e] : "";
}

int
webhook_event_parse(const char *code)
{
	for (int i = 0; code && i < WEBHOOK_EVENT__MAX; i++)
		if (strcmp(code, codes[i]) == 0)
			return i;
	return -1;
}

bool
webhook_events_have(const char *events, enum webhook_event e)
{
	return text_list_has(events, webhook_event_code(e));
}
