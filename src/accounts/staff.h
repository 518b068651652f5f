/*
 * Starting and rescuing the provider's side (SPEC §9): the first provider
 * admin, made from the command line with a one-time link to set the
 * password (valid 24 hours; no password ever passes through a command
 * line), and the rescue of any user who is locked out or lost the
 * authenticator app. Only the system (the command line) or a provider admin
 * may call these.
 */
#ifndef MADOGUCHI_ACCOUNTS_STAFF_H
#define MADOGUCHI_ACCOUNTS_STAFF_H

#include <stdbool.h>

struct dom;

#define ADMIN_LINK_SECONDS (24 * 3600)

/*
 * Creates a provider admin whose user ID is the address. DOM_CONFLICT when
 * an enabled provider admin exists and another is not asked for, or the
 * user ID is taken; DOM_INVALID for the address or the name ("email",
 * "name"). *link: the set-password URL, in d's arena.
 */
int staff_admin_create(struct dom *d, const char *email, const char *name, bool another,
                       const char **link);
/* Lifts the lockout of a user ID. DOM_NOT_FOUND for an unknown one. */
int staff_unlock(struct dom *d, const char *login);
/* Removes the user's authenticator app and trusted browsers: the next sign-in pairs anew. */
int staff_reset_mfa(struct dom *d, const char *login);

#endif
