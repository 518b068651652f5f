/*
 * The signed-in user's own account (ユーザー設定, guide 4.13): the person's
 * fields (a new e-mail address takes effect only once a link sent to it is
 * opened), the password change, and pairing or removing an authenticator
 * app. Every operation acts on d->who.user_id and nobody else.
 */
#ifndef MADOGUCHI_ACCOUNTS_PROFILE_H
#define MADOGUCHI_ACCOUNTS_PROFILE_H

#include <stdbool.h>

#include "accounts/person.h"
#include "auth/policy.h"

struct dom;

/*
 * Saves the fields (person_check's rules). When the address changes, the
 * stored one stays and a confirmation goes to the new one: *email_pending.
 */
int profile_update(struct dom *d, struct person_input *in, bool *email_pending);
/* Opens the link of a new address: DOM_OK, or DOM_NOT_FOUND (unknown, used, expired, another's). */
int profile_email_confirm(struct dom *d, const char *token);

/*
 * Changes the password and ends the user's other sessions (the one of
 * d->who.session_hash stays). DOM_INVALID with d->message: the current
 * password is wrong, the new one breaks a rule (failed[] says which) or
 * equals the current one.
 */
int profile_password_change(struct dom *d, const char *current, const char *password,
                            const char *confirm, bool failed[RULE__MAX]);

/* Starts pairing: a new pending secret, replacing an unconfirmed one. */
int profile_mfa_start(struct dom *d);
/*
 * Finishes pairing with a code of the app. DOM_CONFLICT when nothing is
 * pending; DOM_INVALID with d->message when the code is wrong.
 */
int profile_mfa_confirm(struct dom *d, const char *code);
/* Removes the app after the current password; DOM_INVALID with d->message when it is wrong. */
int profile_mfa_remove(struct dom *d, const char *current);

#endif
