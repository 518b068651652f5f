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
	bool disabled;
};

/* Returns the new id, 0 if the user ID is taken, -1 on error. */
int64_t users_insert(struct db *db, const struct new_user *nu);
/* 1 found, 0 no such user ID, -1 error. */
int users_auth_by_login(struct db *db, const char *login, struct arena *a, struct user_auth *out);
int users_set_password(struct db *db, int64_t user_id, const char *hash);
/* Fills u from the columns of USER_COLUMNS (stmt.c) starting at col. */
void users_from_row(struct dbq *q, int col, struct arena *a, struct user *u);

#endif
