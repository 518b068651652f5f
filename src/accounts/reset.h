/*
 * Password reset and first sign-in (guide 4.4, 5.2), the same for every
 * channel: ① the user ID, ② the registered e-mail address, ③ a single-use
 * link by mail that sets the new password.
 *
 * Step ② answers the same whether or not the ID and address match, so that
 * nobody learns which IDs exist or which address an ID has. A mismatch
 * counts as a failed verification (RESET_FAILURES in a row block reset for
 * RESET_BLOCK_SECONDS, per ID as typed, like the sign-in lockout); a match
 * voids older links and mails a new one valid RESET_TOKEN_SECONDS, except
 * during the RESET_PAUSE_SECONDS after a completed reset. A completed reset
 * sets the password (auth/policy.h decides), uses the link, voids the other
 * links and trusted browsers, ends every session of the user, unlocks the
 * ID, starts the pause and mails a confirmation.
 */
#ifndef MADOGUCHI_ACCOUNTS_RESET_H
#define MADOGUCHI_ACCOUNTS_RESET_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/policy.h"
#include "store/users.h"

struct dom;

/* The longest user ID and e-mail address the forms take. */
#define RESET_USER_ID_MAX 40
#define RESET_EMAIL_MAX   254

/* Step ①: DOM_OK, or DOM_INVALID with an error for "user_id". */
int password_reset_check_id(struct dom *d, const char *user_id);

/*
 * True when the ID (as typed) is locked for sign-in at the moment: the
 * reset pages say so to anyone who asks, since completing a reset unlocks it.
 */
bool password_reset_id_locked(struct dom *d, const char *user_id);

/*
 * Step ②: the user ID and the address it should have. DOM_OK whether they
 * match or not (the same answer either way; a link is mailed only on a
 * match outside the pause), DOM_INVALID with an error for "user_id" or
 * "email", DOM_CONFLICT (message) while reset is blocked for the ID after
 * failed verifications, DOM_ERROR.
 */
int password_reset_request(struct dom *d, const char *user_id, const char *email);

/* A live link: its token and the user it resets. */
struct reset_link {
	int64_t token_id;
	struct user u;
	enum policy_profile profile; /* the password rules that apply */
	bool has_mfa;                /* the user has a second factor (the rules allow shorter) */
};

/*
 * The link of a mailed token: DOM_OK (out filled), DOM_NOT_FOUND when it
 * is unknown, used, expired or voided, or its user is disabled; DOM_ERROR.
 */
int password_reset_link(struct dom *d, const char *token, struct reset_link *out);

/*
 * Step ③: sets the new password through the link. DOM_OK (link filled:
 * the user whose password it was), DOM_INVALID with an error for
 * "password" and failed[] telling which rules the password breaks (a NULL
 * confirm is not compared: for a channel that asks only once),
 * DOM_NOT_FOUND when the link is not live (also when a concurrent request
 * used it meanwhile), DOM_ERROR. link is filled whenever the link is live.
 */
int password_reset_complete(struct dom *d, const char *token, const char *password,
                            const char *confirm, struct reset_link *link, bool failed[RULE__MAX]);

#endif
