/* What the webhook files share among themselves (not a channel's API). */
#ifndef MADOGUCHI_WEBHOOKS_INTERNAL_H
#define MADOGUCHI_WEBHOOKS_INTERNAL_H

#include <stdbool.h>

/*
 * Checks a URL typed at registration: http or https, a host, no user
 * name or password, and not a literal internal address (nor localhost)
 * unless allow_private. NULL when it is fine, else the msgid of the
 * field error.
 */
const char *webhook_target_refusal(const char *url, bool allow_private);

#endif
