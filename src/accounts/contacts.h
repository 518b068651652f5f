/*
 * Contacts (連絡先, guide 5.1): a customer admin manages the users of their
 * own company — creates them with an invitation mail that leads into the
 * set-password flow, edits them, disables and enables their login (enabling
 * also clears a lockout) and removes a lost authenticator app. Users are
 * never deleted, only disabled. The operations every channel calls: the
 * customer pages, later the API and the command line.
 *
 * The actor must be a customer admin: anyone else (a customer user who is
 * not one, staff, the system) gets DOM_FORBIDDEN, which the pages answer
 * as 404 like a page that does not exist. A contact is looked up within the
 * actor's customer only: another customer's user is DOM_NOT_FOUND, exactly
 * like a missing one, and leaves no trace.
 *
 * Field errors name the input fields: those of person_check ("name",
 * "email", "title", "phone_work", "phone_mobile", "time_zone", "lang") and
 * "user_id".
 */
#ifndef MADOGUCHI_ACCOUNTS_CONTACTS_H
#define MADOGUCHI_ACCOUNTS_CONTACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "accounts/person.h"
#include "store/users.h"

struct arena;
struct dom;

#define CONTACT_LOGIN_MAX   40 /* bytes: user IDs are printable ASCII (what sign-in accepts) */
#define CONTACT_PROPOSE_CUT 37 /* the address is cut to this when it is longer (SPEC §2) */

/* A contact as stored, and whether wrong passwords have locked its user ID. */
struct contact {
	struct user u;
	bool locked; /* until the lock expires or the login is enabled */
};

/*
 * What a create or edit form sends. The operation trims and normalizes the
 * fields in place (the user ID lower-cased), so that a refused form can be
 * shown again as the rules read it; an empty user ID gets the recommended
 * one filled in. person.lang NULL reads as Japanese, person.time_zone NULL
 * as TZ_DEFAULT.
 */
struct contact_in {
	struct person_input person;
	const char *login; /* ユーザーID */
	bool is_admin, mfa_required;
};

/*
 * The recommended user ID of an address (SPEC §2, guide 5.1.2): the address
 * plus ".cs", the address cut to 37 characters first when it has 38 or more,
 * lower-cased.
 */
char *contact_propose_login(struct arena *a, const char *email);
/* 1 to 40 printable ASCII characters without spaces. */
bool contact_login_valid(const char *login);

/* The contact id of the actor's customer. DOM_OK, DOM_FORBIDDEN, DOM_NOT_FOUND or DOM_ERROR. */
int contact_find(struct dom *d, int64_t id, struct contact *out);

/*
 * Creates a user of the actor's customer without a password and mails them
 * an invitation with a set-password link valid 72 hours (account.created).
 * *id_out: the new user's id. A user ID is unique across the whole portal.
 */
int contact_create(struct dom *d, struct contact_in *in, int64_t *id_out);
/*
 * The same for a customer given by id: a provider admin creates the first
 * users of a new customer (or any later one); a customer admin only for
 * their own company. An unknown customer is DOM_NOT_FOUND.
 */
int contact_create_for(struct dom *d, int64_t customer_id, struct contact_in *in, int64_t *id_out);

/*
 * Saves the edit form of contact id (account.updated with the names of the
 * fields that changed; nothing when none did). A new address is mailed to
 * the old one (account.email_changed). The last enabled admin cannot remove
 * their own admin flag (DOM_CONFLICT). out: the contact as stored — after
 * the change on DOM_OK, as it was on DOM_INVALID and DOM_CONFLICT; NULL
 * when not wanted.
 */
int contact_save(struct dom *d, int64_t id, struct contact_in *in, struct contact *out);

/*
 * ログイン無効化: disables the login and ends every session of the user
 * (account.disabled); nothing when it is disabled already. An admin cannot
 * disable their own login (DOM_CONFLICT). out as for contact_save.
 */
int contact_disable(struct dom *d, int64_t id, struct contact *out);
/* ログイン有効化: enables the login and clears a lockout (account.enabled). */
int contact_enable(struct dom *d, int64_t id, struct contact *out);
/*
 * 認証アプリを解除: for a user who lost their authenticator. Browsers trusted
 * with it are forgotten too (account.mfa_removed); the user can set up a
 * new one.
 */
int contact_remove_authenticator(struct dom *d, int64_t id, struct contact *out);

#endif
