/*
 * Signing in with a user ID and password, the same for every channel that
 * takes a password: the per-address throttle, the lockout after 5 wrong
 * passwords in a row, the password check and the audit events of a refusal.
 * What follows a right password (MFA, the session) is the channel's.
 *
 * The attempt is counted before the slow password check, in the
 * transaction that checks the lock, so that parallel attempts cannot slip
 * past it: at most 5 wrong passwords are ever evaluated for a locked ID.
 */
#ifndef MADOGUCHI_ACCOUNTS_SIGNIN_H
#define MADOGUCHI_ACCOUNTS_SIGNIN_H

#include "store/users.h"

struct dom;

enum sign_in_result {
	SIGN_IN_OK,         /* out holds the user */
	SIGN_IN_EMPTY,      /* no user ID or no password */
	SIGN_IN_WRONG,      /* unknown ID, wrong password, or a disabled user */
	SIGN_IN_NOW_LOCKED, /* this wrong password locked the ID */
	SIGN_IN_LOCKED,     /* the ID is locked: the password was not looked at */
	SIGN_IN_THROTTLED,  /* too many failures from this address */
	SIGN_IN_ERROR,      /* the database failed */
};

/* login: as typed (compared lower-cased, surrounding spaces ignored). */
enum sign_in_result account_sign_in(struct dom *d, const char *login, const char *password,
                                    struct user_auth *out);
/* A user ID as typed, lower-cased and trimmed: the key of users and guards. */
char *account_login_key(struct dom *d, const char *login);

#endif
