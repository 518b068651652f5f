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
#include <stdint.h>

#include "store/users.h"

struct dom;
struct db;

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

/*
 * Staff management in the console (staff_members.c): a provider admin lists
 * the staff, invites a member (a mail with a set-password link valid 72
 * hours), makes them an agent or an admin, disables and enables their login
 * (enabling also clears a lockout) and removes a lost authenticator app.
 * Staff are never deleted. At least one enabled provider admin always
 * remains: nobody disables their own login or takes away the last admin's
 * role. Anyone but a provider admin gets DOM_FORBIDDEN; a customer's user
 * is DOM_NOT_FOUND here, like a missing one.
 *
 * Field errors name the input fields "name", "email", "user_id", "lang".
 */
struct staff_member {
	struct user u;
	bool locked; /* after 5 wrong passwords in a row, until it expires or is enabled */
};

struct staff_members {
	struct contact_row *rows;
	int n;
	int64_t total;
};

/* One page (from 1) of the staff whose name, user ID or address contains term. */
int staff_members(struct dom *d, const char *term, int64_t page, int64_t per_page,
                  struct staff_members *out);
int staff_find(struct dom *d, int64_t id, struct staff_member *out);

/* The invitation form; trimmed in place, an empty user ID becomes the address. */
struct staff_in {
	const char *name, *email, *login, *lang;
	bool is_admin;
};

int staff_invite(struct dom *d, struct staff_in *in, int64_t *id_out);
/* Agent (admin false) or provider admin (account.role_changed). */
int staff_set_role(struct dom *d, int64_t id, bool admin, struct staff_member *out);
/* Disables the login and ends every session of the member (account.disabled). */
int staff_disable(struct dom *d, int64_t id, struct staff_member *out);
/* Enables the login and clears a lockout (account.enabled). */
int staff_enable(struct dom *d, int64_t id, struct staff_member *out);
/* For a lost device: the member pairs a new app at the next sign-in. */
int staff_remove_authenticator(struct dom *d, int64_t id, struct staff_member *out);

/*
 * Whether staff must use an authenticator app (SPEC §9: MFA is mandatory for
 * staff). On unless a provider admin turned it off (the demo data does). A
 * member of staff without an app may then only set one up: every other page
 * leads to the set-up page until it is paired.
 */
bool staff_mfa_required(struct db *db);
/* The setting behind it, and its value when off (the demo data writes it). */
#define STAFF_MFA_SETTING  "security.staff_mfa"
#define STAFF_MFA_OPTIONAL "optional"
/* True when u is staff, has no authenticator app and must have one. */
bool staff_mfa_setup_due(const struct user *u);
/* A provider admin turns the rule on or off (settings.updated). */
int staff_set_mfa_policy(struct dom *d, bool required);

#endif
