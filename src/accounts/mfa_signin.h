/*
 * The second step of sign-in (本人確認を行う), the same for every channel:
 * a code from the authenticator app (TOTP) or one sent by e-mail, after a
 * right password (signin.h). The attempt is the MFA-stage session the
 * channel started for the right password, named by the hash of its id
 * (store/sessions.h); it lapses after MFA_STAGE_SECONDS.
 *
 * E-mail codes are bound to the attempt and live MFA_CODE_SECONDS; a new
 * one may be asked for every MFA_RESEND_SECONDS. Wrong codes are counted
 * on the attempt and a resend never resets the count; after MFA_FAILURES
 * the attempt is over. A TOTP step is accepted once: a code at or before
 * the last step used is a replay. What follows a right code (the real
 * session, its cookie, the trust cookie) is the channel's.
 */
#ifndef MADOGUCHI_ACCOUNTS_MFA_SIGNIN_H
#define MADOGUCHI_ACCOUNTS_MFA_SIGNIN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/i18n.h"
#include "store/sessions.h"
#include "store/users.h"

struct dom;

/* An attempt as the channel shows it. */
struct mfa_attempt {
	struct mfa_row m;         /* method ("" until chosen), failures, next … */
	struct user u;            /* who is signing in */
	bool offers_totp;         /* the user has an authenticator app */
	bool offers_email;        /* the user must use MFA: e-mail codes are offered */
	const char *email_masked; /* "ab***@example.com": recognisable, not readable */
	int64_t resend_wait;      /* seconds before another e-mail code may be sent; 0: now */
};

/*
 * The attempt: DOM_OK (out filled), DOM_NOT_FOUND when there is none, it
 * lapsed or its user is disabled (sign in again), DOM_ERROR.
 */
int mfa_attempt_get(struct dom *d, const char *attempt, struct mfa_attempt *out);

/*
 * The first code of an attempt whose method is e-mail: made, stored (its
 * hash) and mailed. DOM_OK, DOM_NOT_FOUND, DOM_CONFLICT when the method is
 * not e-mail or a code was sent already (that is a resend), DOM_ERROR.
 */
int mfa_code_send(struct dom *d, const char *attempt);

/*
 * Chooses the method, "totp" or "email", among those offered; choosing
 * e-mail sends a code unless one was sent to this attempt already
 * (switching is not a resend). DOM_OK, DOM_INVALID (error for "method"),
 * DOM_NOT_FOUND, DOM_ERROR.
 */
int mfa_choose(struct dom *d, const char *attempt, const char *method);

/*
 * Sends a new e-mail code. DOM_OK (sent, or nothing to do: the method is
 * not e-mail), DOM_CONFLICT (message) before MFA_RESEND_SECONDS since the
 * last one, DOM_NOT_FOUND, DOM_ERROR.
 */
int mfa_resend(struct dom *d, const char *attempt);

enum mfa_verify_result {
	MFA_VERIFY_OK,        /* out filled: start the session */
	MFA_VERIFY_WRONG,     /* wrong or expired code, counted (d->message) */
	MFA_VERIFY_EXHAUSTED, /* wrong, and it was the last try: the attempt is over */
	MFA_VERIFY_GONE,      /* no attempt, it lapsed, or its tries were used up */
	MFA_VERIFY_NO_METHOD, /* no method chosen yet */
	MFA_VERIFY_ERROR,
};

/* A sign-in completed by its second factor. */
struct mfa_signed_in {
	int64_t user_id;
	enum lang lang;
	const char *next;        /* where the sign-in was going, as the channel gave it */
	const char *trust_token; /* the raw trusted-browser token when trust was asked, or NULL */
};

/*
 * Checks code for the attempt's method; trust: "trust this browser for
 * TRUST_SECONDS" (a "trust" token). Writes auth.mfa_failed or auth.login.
 */
enum mfa_verify_result mfa_verify(struct dom *d, const char *attempt, const char *code, bool trust,
                                  struct mfa_signed_in *out);

#endif
