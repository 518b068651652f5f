/* The users table: customer users and provider staff. */
#ifndef MADOGUCHI_STORE_USERS_H
#define MADOGUCHI_STORE_USERS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/i18n.h"

struct arena;
struct db;
struct dbq;

struct user {
	int64_t id;
	int64_t customer_id; /* 0 for provider staff */
	const char *login;   /* ユーザーID */
	const char *name;
	const char *email;
	const char *time_zone;
	const char *customer_number; /* "" for staff */
	const char *customer_name;
	enum lang lang;
	bool is_staff, is_admin, disabled;
	/* Filled by users_get and contact_get only: */
	const char *title, *phone_work, *phone_mobile;
	bool mfa_required, has_totp;
	int64_t password_changed_at;
};

struct new_user {
	const char *login, *name, *email;
	int64_t customer_id; /* 0: provider staff */
	bool is_admin;
	enum lang lang;
	const char *password_hash; /* NULL: set later through the reset flow */
};

/* What sign-in needs to know of a user ID. */
struct user_auth {
	int64_t id, customer_id;
	const char *password_hash; /* "" when no password is set */
	bool disabled, mfa_required, has_totp;
	const char *email, *name;
	enum lang lang;
};

/* What a user may change of themselves (profile), or an admin of a contact. */
struct user_edit {
	const char *login, *name, *email, *title, *phone_work, *phone_mobile, *time_zone;
	enum lang lang;
	bool is_admin, mfa_required;
};

/* A row of the contacts list, or of the staff list. */
struct contact_row {
	int64_t id;
	const char *login, *name, *email, *title;
	bool is_admin, disabled, mfa_required, has_totp;
};

/* Returns the new id, 0 if the user ID is taken, -1 on error. */
int64_t users_insert(struct db *db, const struct new_user *nu);
/* 1 found, 0 no such user ID, -1 error. */
int users_auth_by_login(struct db *db, const char *login, struct arena *a, struct user_auth *out);
int users_set_password(struct db *db, int64_t user_id, const char *hash);
/* 1 found, 0 not, -1 error; with the profile fields. */
int users_get(struct db *db, int64_t id, struct arena *a, struct user *u);
/* The id of a user ID, 0 if none, -1 on error. */
int64_t users_id_by_login(struct db *db, const char *login);
/* True when another user than except_id has that user ID (-1 on error). */
int users_login_taken(struct db *db, const char *login, int64_t except_id);
/* How many enabled provider admins there are; -1 on error. */
int64_t users_provider_admins(struct db *db);
int users_update_profile(struct db *db, int64_t id, const struct user_edit *e);
int users_set_email(struct db *db, int64_t id, const char *email);

/* TOTP secrets, sealed (see auth/mfa.h). NULLs for absent values. */
int users_totp_get(struct db *db, int64_t id, struct arena *a, char **secret, char **pending,
                   int64_t *last_step);
int users_totp_set_pending(struct db *db, int64_t id, const char *sealed);
int users_totp_confirm(struct db *db, int64_t id, int64_t step);
/* Records step as used; returns 1, or 0 when it (or a later one) was used already. */
int users_totp_use_step(struct db *db, int64_t id, int64_t step);
int users_totp_clear(struct db *db, int64_t id);

/* Contacts: the users of one customer. Every function takes the customer id. */
int64_t contacts_count(struct db *db, int64_t customer_id, const char *q);
int contacts_page(struct db *db, int64_t customer_id, const char *q, int64_t limit, int64_t offset,
                  struct arena *a, struct contact_row **out);
int contact_get(struct db *db, int64_t id, int64_t customer_id, struct arena *a, struct user *u);
/* 0, -1 on error, or 1 when the user ID is taken. */
int contact_update(struct db *db, int64_t id, int64_t customer_id, const struct user_edit *e);
int contact_set_disabled(struct db *db, int64_t id, int64_t customer_id, bool disabled);
/* Enabled admins of the customer other than except_id. */
int64_t contact_other_admins(struct db *db, int64_t customer_id, int64_t except_id);

/* Provider staff: the users without a customer. Every function touches staff only. */
int64_t staff_count(struct db *db, const char *q);
int staff_page(struct db *db, const char *q, int64_t limit, int64_t offset, struct arena *a,
               struct contact_row **out);
/* 1 found, 0 no such member of staff, -1 error; with the profile fields. */
int staff_get(struct db *db, int64_t id, struct arena *a, struct user *u);
int staff_set_disabled(struct db *db, int64_t id, bool disabled);
int staff_set_admin(struct db *db, int64_t id, bool admin);
/* Enabled provider admins other than except_id; -1 on error. */
int64_t staff_other_admins(struct db *db, int64_t except_id);

/* Fills u from the columns of USER_COLUMNS (stmt.c) starting at col. */
void users_from_row(struct dbq *q, int col, struct arena *a, struct user *u);

#endif
