/*
 * Staff management and the staff's MFA rule; see staff.h. The same
 * lockout, session and authenticator primitives as the contacts of a
 * customer, with the provider's own rule: one enabled admin always remains.
 */
#include "accounts/contacts.h"
#include "accounts/contacts_internal.h"
#include "accounts/internal.h"
#include "accounts/person.h"
#include "accounts/signin.h"
#include "accounts/staff.h"
#include "auth/limits.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/text.h"
#include "domain/domain.h"
#include "mail/account_mails.h"
#include "store/db.h"
#include "store/guards.h"
#include "store/sessions.h"
#include "store/settings.h"
#include "store/tokens.h"

#include <string.h>

static const char last_admin[] = N_("At least one enabled provider admin must remain.");

static bool
is_provider_admin(const struct dom *d)
{
	return d->who.user_id && d->who.staff && d->who.admin;
}

int
staff_members(struct dom *d, const char *term, int64_t page, int64_t per_page,
              struct staff_members *out)
{
	memset(out, 0, sizeof(*out));
	if (!is_provider_admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	out->total = staff_count(db, term);
	out->n = staff_page(db, term, per_page, (page - 1) * per_page, d->a, &out->rows);
	return out->total < 0 || out->n < 0 ? DOM_ERROR : DOM_OK;
}

static int
load(struct dom *d, struct db *db, int64_t id, struct staff_member *out)
{
	memset(out, 0, sizeof(*out));
	if (!is_provider_admin(d))
		return DOM_FORBIDDEN;
	if (id <= 0)
		return DOM_NOT_FOUND;
	int found = staff_get(db, id, d->a, &out->u);
	if (found <= 0)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	struct guard g = {0};
	if (guard_get(db, out->u.login, &g) != 0)
		return DOM_ERROR;
	out->locked = g.locked_until > clock_now();
	return DOM_OK;
}

int
staff_find(struct dom *d, int64_t id, struct staff_member *out)
{
	struct db *db = db_thread();
	return db ? load(d, db, id, out) : DOM_ERROR;
}

/* The fields of an invitation, each error at once; the user ID checked for use. */
static int
check_invite(struct dom *d, struct db *db, struct staff_in *in)
{
	in->name = text_trim(d->a, in->name);
	in->email = text_trim(d->a, in->email);
	if (!in->lang || (strcmp(in->lang, "ja") != 0 && strcmp(in->lang, "en") != 0))
		dom_invalid(d, "lang", N_("Choose a language from the list."));
	if (!*in->name)
		dom_invalid(d, "name", N_("Enter the name."));
	else if (text_chars(in->name) > PERSON_NAME_MAX || text_has_control(in->name, false))
		dom_invalid(d, "name", N_("Enter a name of 100 characters at most."));
	if (!person_email_valid(in->email))
		dom_invalid(d, "email", N_("Enter a valid e-mail address."));
	bool typed = in->login && !text_blank(in->login);
	in->login = account_login_key(d, typed ? in->login : in->email);
	if (!contact_login_valid(in->login)) {
		if (typed)
			dom_invalid(
			    d, "user_id",
			    N_("Use 1 to 40 characters for the user ID: letters, digits and "
			       "symbols, without spaces."));
		else if (!dom_error(d, "email"))
			dom_invalid(d, "user_id",
			            N_("Enter a user ID: the e-mail address is longer than 40 "
			               "characters."));
		return d->nerrors ? DOM_INVALID : DOM_OK;
	}
	if (d->nerrors)
		return DOM_INVALID;
	int taken = users_login_taken(db, in->login, 0);
	if (taken < 0)
		return DOM_ERROR;
	if (taken)
		dom_invalid(
		    d, "user_id",
		    N_("This user ID is already in use. User IDs are unique across the whole "
		       "portal, customers' users included."));
	return d->nerrors ? DOM_INVALID : DOM_OK;
}

int
staff_invite(struct dom *d, struct staff_in *in, int64_t *id_out)
{
	*id_out = 0;
	if (!is_provider_admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int st = check_invite(d, db, in);
	if (st != DOM_OK)
		return st;
	enum lang lang = LANG_JA;
	(void)lang_parse(in->lang, &lang);
	if (db_begin(db) != 0)
		return DOM_ERROR;
	int64_t id = users_insert(db, &(struct new_user){.login = in->login,
	                                                 .name = in->name,
	                                                 .email = in->email,
	                                                 .customer_id = 0,
	                                                 .is_admin = in->is_admin,
	                                                 .lang = lang});
	if (id == 0) { /* taken meanwhile */
		db_rollback(db);
		return dom_invalid(d, "user_id", N_("This user ID is already in use."));
	}
	struct recipient to = {.name = in->name, .email = in->email, .lang = lang};
	char *token = NULL;
	bool ok = id > 0 &&
	          (token = token_create(db, "reset", id, INVITE_TOKEN_SECONDS, NULL, d->a)) &&
	          mail_reset_link(db, d->app, &to, in->login, token, 1) == 0 &&
	          contacts_audit(d, db, "account.created", id, in->login,
	                         in->is_admin ? "role=admin" : "role=agent") == 0;
	st = dom_finish(db, ok ? DOM_OK : DOM_ERROR);
	if (st == DOM_OK)
		*id_out = id;
	return st;
}

/* Loads the member of id into out (or a local) with the operation's transaction begun. */
static int
begin_change(struct dom *d, int64_t id, struct staff_member *out, struct db **db)
{
	*db = db_thread();
	int st = *db ? load(d, *db, id, out) : DOM_ERROR;
	if (st != DOM_OK)
		return st;
	return db_begin(*db) == 0 ? DOM_OK : DOM_ERROR;
}

int
staff_set_role(struct dom *d, int64_t id, bool admin, struct staff_member *out)
{
	struct staff_member local;
	if (!out)
		out = &local;
	struct db *db;
	int st = begin_change(d, id, out, &db);
	if (st != DOM_OK)
		return st;
	const struct user *u = &out->u;
	if (u->is_admin == admin)
		return dom_finish(db, DOM_OK);
	if (!admin && !u->disabled) {
		int64_t others = staff_other_admins(db, u->id);
		if (others < 0)
			return dom_finish(db, DOM_ERROR);
		if (others == 0) {
			db_rollback(db);
			return dom_fail(d, DOM_CONFLICT, last_admin);
		}
	}
	bool ok = staff_set_admin(db, u->id, admin) == 0 &&
	          contacts_audit(d, db, "account.role_changed", u->id, u->login,
	                         admin ? "role=admin" : "role=agent") == 0;
	st = dom_finish(db, ok ? DOM_OK : DOM_ERROR);
	if (st == DOM_OK)
		out->u.is_admin = admin;
	return st;
}

/* Loads member id into out (or a local one) for one of the login actions. */
static int
load_for_action(struct dom *d, int64_t id, struct staff_member **out, struct staff_member *local,
                struct db **db)
{
	if (!*out)
		*out = local;
	*db = db_thread();
	return *db ? load(d, *db, id, *out) : DOM_ERROR;
}

int
staff_disable(struct dom *d, int64_t id, struct staff_member *out)
{
	struct staff_member local;
	struct db *db;
	int st = load_for_action(d, id, &out, &local, &db);
	if (st == DOM_OK && (st = login_disable(d, db, &out->u, 0)) == DOM_OK)
		out->u.disabled = true;
	return st;
}

int
staff_enable(struct dom *d, int64_t id, struct staff_member *out)
{
	struct staff_member local;
	struct db *db;
	int st = load_for_action(d, id, &out, &local, &db);
	if (st == DOM_OK && (st = login_enable(d, db, &out->u, 0)) == DOM_OK) {
		out->u.disabled = false;
		out->locked = false;
	}
	return st;
}

int
staff_remove_authenticator(struct dom *d, int64_t id, struct staff_member *out)
{
	struct staff_member local;
	struct db *db;
	int st = load_for_action(d, id, &out, &local, &db);
	if (st == DOM_OK && (st = login_remove_app(d, db, &out->u, 0)) == DOM_OK)
		out->u.has_totp = false;
	return st;
}

bool
staff_mfa_required(struct db *db)
{
	struct arena *a = arena_new();
	const char *v = db ? settings_get(db, STAFF_MFA_SETTING, a) : NULL;
	bool off = v && strcmp(v, STAFF_MFA_OPTIONAL) == 0;
	arena_free(a);
	return !off; /* unset or unreadable: the safe side */
}

bool
staff_mfa_setup_due(const struct user *u)
{
	return u && u->is_staff && !u->has_totp && staff_mfa_required(db_thread());
}

int
staff_set_mfa_policy(struct dom *d, bool required)
{
	if (!is_provider_admin(d) && d->who.user_id != 0)
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return DOM_ERROR;
	bool ok =
	    settings_put(db, STAFF_MFA_SETTING, required ? "required" : STAFF_MFA_OPTIONAL) == 0 &&
	    dom_audit(d, db, "settings.updated", 0,
	              required ? "staff_mfa=required" : "staff_mfa=optional") == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}
