/* The provider admin's start and rescue operations; see staff.h. */
#include "accounts/staff.h"
#include "accounts/internal.h"
#include "accounts/person.h"
#include "accounts/signin.h"
#include "app.h"
#include "core/arena.h"
#include "core/text.h"
#include "domain/domain.h"
#include "store/db.h"
#include "store/guards.h"
#include "store/tokens.h"
#include "store/users.h"

#include <string.h>

/* The command line acts as the system; in the console, a provider admin. */
static bool
may_act(const struct dom *d)
{
	return d->who.user_id == 0 || (d->who.staff && d->who.admin);
}

int
staff_admin_create(struct dom *d, const char *email, const char *name, bool another,
                   const char **link)
{
	*link = NULL;
	if (!may_act(d))
		return DOM_FORBIDDEN;
	email = text_trim(d->a, email);
	name = text_trim(d->a, name);
	if (!person_email_valid(email))
		dom_invalid(d, "email", N_("Enter a valid e-mail address."));
	if (!*name)
		dom_invalid(d, "name", N_("Enter the name."));
	else if (text_chars(name) > PERSON_NAME_MAX || text_has_control(name, false))
		dom_invalid(d, "name", N_("Enter a name of 100 characters at most."));
	if (d->nerrors)
		return DOM_INVALID;
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return DOM_ERROR;
	int64_t admins = users_provider_admins(db);
	if (admins < 0)
		return dom_finish(db, DOM_ERROR);
	if (admins > 0 && !another) {
		db_rollback(db);
		return dom_fail(d, DOM_CONFLICT, N_("A provider admin exists already."));
	}
	const char *login = account_login_key(d, email);
	int64_t id = users_insert(db, &(struct new_user){.login = login,
	                                                 .name = name,
	                                                 .email = email,
	                                                 .customer_id = 0,
	                                                 .is_admin = true,
	                                                 .lang = LANG_JA});
	if (id == 0) {
		db_rollback(db);
		return dom_fail(d, DOM_CONFLICT, N_("This user ID is already in use."));
	}
	char *token = id > 0 ? token_create(db, "reset", id, ADMIN_LINK_SECONDS, NULL, d->a) : NULL;
	bool ok = token && account_audit(d, db, "account.created", login, id, 0) == 0;
	int st = dom_finish(db, ok ? DOM_OK : DOM_ERROR);
	if (st == DOM_OK)
		*link = arena_printf(d->a, "%s/password/reset/%s", d->app->cfg.base_url, token);
	return st;
}

/*
 * The user of a user ID as typed, with the rescue's transaction begun:
 * DOM_OK, or the status to answer (nothing begun then).
 */
static int
begin_rescue(struct dom *d, const char *login, struct db **db, const char **key,
             struct user_auth *ua)
{
	if (!may_act(d))
		return DOM_FORBIDDEN;
	*db = db_thread();
	*key = account_login_key(d, login);
	int found = *db ? users_auth_by_login(*db, *key, d->a, ua) : -1;
	if (found <= 0)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	return db_begin(*db) == 0 ? DOM_OK : DOM_ERROR;
}

int
staff_unlock(struct dom *d, const char *login)
{
	struct db *db;
	const char *key;
	struct user_auth ua;
	int st = begin_rescue(d, login, &db, &key, &ua);
	if (st != DOM_OK)
		return st;
	bool ok = guard_unlock(db, key) == 0 &&
	          account_audit(d, db, "account.enabled", key, ua.id, ua.customer_id) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
staff_reset_mfa(struct dom *d, const char *login)
{
	struct db *db;
	const char *key;
	struct user_auth ua;
	int st = begin_rescue(d, login, &db, &key, &ua);
	if (st != DOM_OK)
		return st;
	bool ok = account_mfa_clear(db, ua.id) == 0 &&
	          account_audit(d, db, "account.mfa_removed", key, ua.id, ua.customer_id) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}
