/*
 * The names a user's password must not contain besides the user ID and the
 * person's name (auth/policy.h): the provider's names and the words its
 * admins list (setting "password.context_words": romanised names, brands),
 * the company's name, and the address's local part and first domain label.
 * "Miharashi2025!" is the first guess against a provider called Miharashi.
 */
#ifndef MADOGUCHI_ACCOUNTS_PASSWORD_CONTEXT_H
#define MADOGUCHI_ACCOUNTS_PASSWORD_CONTEXT_H

struct db;
struct dom;
struct user;

/* A NULL-terminated list in d's arena, for policy_input.context. */
const char *const *password_context(struct dom *d, struct db *db, const struct user *u);

#endif
