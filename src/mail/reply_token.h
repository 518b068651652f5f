/*
 * The reply address of a case mail: a sub-address of the configured
 * inbound address (--mail-inbound reply@example.com) whose tag names the
 * case and the recipient and is signed, reply+<case>-<user>-<mac>@example.com.
 * The MAC is HMAC-SHA-256 under the application's reply key, cut to 80
 * bits and written in lower-case base32, so the whole tag is short,
 * survives servers that change the case of a local part, and holds only
 * characters every mail system takes. A reply is accepted for that case
 * and that customer only when the tag verifies.
 */
#ifndef MADOGUCHI_MAIL_REPLY_TOKEN_H
#define MADOGUCHI_MAIL_REPLY_TOKEN_H

#include <stdint.h>

struct app;
struct arena;

/* Longest tag with its NUL: two 19-digit ids, two dashes, 16 MAC characters. */
#define REPLY_TOKEN_MAX 64

/* The tag of (case, user). 0, or -1 when an id is not positive. */
int reply_token_make(const unsigned char key[32], int64_t case_id, int64_t user_id,
                     char out[REPLY_TOKEN_MAX]);
/*
 * Verifies a tag (any letter case) and reads its ids. 0, or -1 when it is
 * malformed, altered or signed with another key.
 */
int reply_token_check(const unsigned char key[32], const char *token, int64_t *case_id,
                      int64_t *user_id);
/* The reply address of (case, user), or NULL when no inbound address is configured. */
const char *reply_address(const struct app *app, int64_t case_id, int64_t user_id, struct arena *a);
/*
 * The tag of addr when it is a sub-address of inbound (local+tag@domain,
 * letter case ignored), else NULL.
 */
const char *reply_token_of(const char *inbound, const char *addr, struct arena *a);

#endif
