/*
 * Contacts: who may manage them, the user ID rules, and the operations on a
 * contact's login (disable, enable, remove the authenticator app); see
 * contacts.h. Creating and editing are in contact_edit.c.
 */
#include "accounts/contacts.h"
#include "accounts/contacts_internal.h"
#include "accounts/internal.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "store/db.h"
#include "store/guards.h"
#include "store/sessions.h"
#include "store/tokens.h"

#include <string.h>

bool
contact_login_valid(const char *s)
{
	size_t n = s ? strlen(s) : 0;
	if (n < 1 || n > CONTACT_LOGIN_MAX)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s < 0x21 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

char *
contact_propose_login(struct arena *a, const char *email)
{
	if (!email)
		email = "";
	size_t n = strlen(email);
	if (n > CONTACT_PROPOSE_CUT) {
		n = CONTACT_PROPOSE_CUT;
		while (n && ((unsigned char)email[n] & 0xc0) == 0x80)
			n--; /* never half a character */
	}
	char *p = arena_printf(a, "%.*s.cs", (int)n, email);
	for (char *c = p; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return p;
}

bool
contacts_may_manage(const struct dom *d)
{
	return d->who.user_id && d->who.customer_id && d->who.admin && !d->who.staff;
}

int
contacts_load(struct dom *d, struct db *db, int64_t id, struct contact *out)
{
	memset(out, 0, sizeof(*out));
	if (!contacts_may_manage(d))
		return DOM_FORBIDDEN;
	if (id <= 0)
		return DOM_NOT_FOUND;
	int found = contact_get(db, id, d->who.customer_id, d->a, &out->u);
	if (found <= 0)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	struct guard g = {0};
	if (guard_get(db, out->u.login, &g) != 0)
		return DOM_ERROR;
	out->locked = g.locked_until > clock_now();
	return DOM_OK;
}

int
contacts_audit_for(struct dom *d, struct db *db, int64_t customer_id, const char *event,
                   int64_t target_id, const char *target_login, const char *more)
{
	const char *detail = arena_printf(d->a, "user=%lld login=%s%s%s", (long long)target_id,
	                                  target_login, more ? " " : "", more ? more : "");
	return dom_audit(d, db, event, customer_id, detail);
}

int
contacts_audit(struct dom *d, struct db *db, const char *event, int64_t target_id,
               const char *target_login, const char *more)
{
	return contacts_audit_for(d, db, d->who.customer_id, event, target_id, target_login, more);
}

int
contact_find(struct dom *d, int64_t id, struct contact *out)
{
	struct db *db = db_thread();
	return db ? contacts_load(d, db, id, out) : DOM_ERROR;
}

/* The user's login flag, within its customer (0: staff). */
static int
set_disabled(struct db *db, const struct user *u, int64_t customer_id, bool disabled)
{
	return customer_id ? contact_set_disabled(db, u->id, customer_id, disabled)
	                   : staff_set_disabled(db, u->id, disabled);
}

int
login_disable(struct dom *d, struct db *db, const struct user *u, int64_t customer_id)
{
	if (u->id == d->who.user_id)
		return dom_fail(d, DOM_CONFLICT, N_("You cannot disable your own login."));
	if (u->disabled)
		return DOM_OK;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok =
	    set_disabled(db, u, customer_id, true) == 0 &&
	    session_rows_delete_others(db, u->id, NULL) == 0 && /* NULL: every session */
	    contacts_audit_for(d, db, customer_id, "account.disabled", u->id, u->login, NULL) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
login_enable(struct dom *d, struct db *db, const struct user *u, int64_t customer_id)
{
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = set_disabled(db, u, customer_id, false) == 0 && guard_unlock(db, u->login) == 0 &&
	          contacts_audit_for(d, db, customer_id, "account.enabled", u->id, u->login,
	                             u->disabled ? NULL : "unlock") == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
login_remove_app(struct dom *d, struct db *db, const struct user *u, int64_t customer_id)
{
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = account_mfa_clear(db, u->id) == 0 &&
	          contacts_audit_for(d, db, customer_id, "account.mfa_removed", u->id, u->login,
	                             NULL) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

/* Loads contact id of the actor's customer into out (or a local one). */
static int
load_for_action(struct dom *d, int64_t id, struct contact **out, struct contact *local,
                struct db **db)
{
	if (!*out)
		*out = local;
	*db = db_thread();
	return *db ? contacts_load(d, *db, id, *out) : DOM_ERROR;
}

int
contact_disable(struct dom *d, int64_t id, struct contact *out)
{
	struct contact local;
	struct db *db;
	int st = load_for_action(d, id, &out, &local, &db);
	if (st == DOM_OK && (st = login_disable(d, db, &out->u, d->who.customer_id)) == DOM_OK)
		out->u.disabled = true;
	return st;
}

int
contact_enable(struct dom *d, int64_t id, struct contact *out)
{
	struct contact local;
	struct db *db;
	int st = load_for_action(d, id, &out, &local, &db);
	if (st == DOM_OK && (st = login_enable(d, db, &out->u, d->who.customer_id)) == DOM_OK) {
		out->u.disabled = false;
		out->locked = false;
	}
	return st;
}

int
contact_remove_authenticator(struct dom *d, int64_t id, struct contact *out)
{
	struct contact local;
	struct db *db;
	int st = load_for_action(d, id, &out, &local, &db);
	if (st == DOM_OK && (st = login_remove_app(d, db, &out->u, d->who.customer_id)) == DOM_OK)
		out->u.has_totp = false;
	return st;
}
