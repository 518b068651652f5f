/*
 * Creating and editing contacts: one set of rules for both forms — the
 * person's fields (person_check), the user ID (1 to 40 printable ASCII
 * characters, lower-cased, unique across the whole portal; an empty one gets
 * the recommended one filled in), and the last enabled admin who may not
 * step down; see contacts.h.
 */
#include "accounts/contacts.h"
#include "accounts/contacts_internal.h"
#include "accounts/signin.h"
#include "auth/limits.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/tz.h"
#include "domain/domain.h"
#include "mail/account_mails.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "store/tokens.h"

#include <string.h>

static const char login_taken[] = N_("This user ID is already in use. User IDs are unique across "
                                     "the whole portal, other customers included.");

/* The user ID of in, after the person's fields were checked. DOM_OK or DOM_ERROR. */
static int
check_login(struct dom *d, struct db *db, struct contact_in *in, int64_t except_id)
{
	in->login = account_login_key(d, in->login);
	if (!*in->login) {
		if (dom_error(d, "email")) {
			dom_invalid(d, "user_id", N_("Enter a user ID."));
			return DOM_OK;
		}
		in->login = contact_propose_login(d->a, in->person.email);
		dom_invalid(
		    d, "user_id",
		    N_("Enter a user ID. The recommended one has been filled in: check it and "
		       "send the form again."));
		return DOM_OK;
	}
	if (!contact_login_valid(in->login)) {
		dom_invalid(
		    d, "user_id",
		    N_("Use 1 to 40 characters for the user ID: letters, digits and symbols, "
		       "without spaces."));
		return DOM_OK;
	}
	int taken = users_login_taken(db, in->login, except_id);
	if (taken < 0)
		return DOM_ERROR;
	if (taken)
		dom_invalid(d, "user_id", login_taken);
	return DOM_OK;
}

/* Every field of in, each error at once. DOM_OK, DOM_INVALID or DOM_ERROR. */
static int
check(struct dom *d, struct db *db, struct contact_in *in, int64_t except_id)
{
	if (!in->person.lang)
		in->person.lang = "ja";
	if (!in->person.time_zone)
		in->person.time_zone = TZ_DEFAULT;
	person_check(d, &in->person);
	if (check_login(d, db, in, except_id) != DOM_OK)
		return DOM_ERROR;
	return d->nerrors ? DOM_INVALID : DOM_OK;
}

static struct user_edit
edit_of(const struct contact_in *in)
{
	const struct person_input *p = &in->person;
	struct user_edit e = {.login = in->login,
	                      .name = p->name,
	                      .email = p->email,
	                      .title = p->title,
	                      .phone_work = p->phone_work,
	                      .phone_mobile = p->phone_mobile,
	                      .time_zone = p->time_zone,
	                      .is_admin = in->is_admin,
	                      .mfa_required = in->mfa_required};
	if (lang_parse(p->lang, &e.lang) != 0)
		e.lang = LANG_JA;
	return e;
}

int
contact_create(struct dom *d, struct contact_in *in, int64_t *id_out)
{
	*id_out = 0;
	if (!contacts_may_manage(d))
		return DOM_FORBIDDEN;
	return contact_create_for(d, d->who.customer_id, in, id_out);
}

int
contact_create_for(struct dom *d, int64_t customer, struct contact_in *in, int64_t *id_out)
{
	*id_out = 0;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	bool own = contacts_may_manage(d) && customer == d->who.customer_id;
	if (!own && !(d->who.staff && d->who.admin))
		return DOM_FORBIDDEN;
	struct cadm_customer c;
	int found = customer > 0 ? cadm_customer_get(db, customer, d->a, &c) : 0;
	if (found <= 0)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	int st = check(d, db, in, 0);
	if (st != DOM_OK)
		return st;
	struct user_edit e = edit_of(in);
	struct new_user nu = {.login = e.login,
	                      .name = e.name,
	                      .email = e.email,
	                      .customer_id = customer,
	                      .is_admin = e.is_admin,
	                      .lang = e.lang,
	                      .password_hash = NULL};
	struct recipient to = {.name = e.name, .email = e.email, .lang = e.lang};
	if (db_begin(db) != 0)
		return DOM_ERROR;
	int64_t id = users_insert(db, &nu);
	if (id == 0) { /* taken meanwhile */
		db_rollback(db);
		return dom_invalid(d, "user_id", login_taken);
	}
	char *token = NULL;
	bool ok = id > 0 && contact_update(db, id, customer, &e) == 0 &&
	          (token = token_create(db, "reset", id, INVITE_TOKEN_SECONDS, NULL, d->a)) &&
	          mail_reset_link(db, d->app, &to, e.login, token, 1) == 0 &&
	          contacts_audit_for(d, db, customer, "account.created", id, e.login, NULL) == 0;
	st = dom_finish(db, ok ? DOM_OK : DOM_ERROR);
	if (st != DOM_OK)
		return st;
	*id_out = id;
	return DOM_OK;
}

/* The names of the fields that differ, for the audit trail; NULL when none does. */
static const char *
changed_fields(struct dom *d, const struct user *u, const struct user_edit *e)
{
	struct buf c = {0};
	struct {
		const char *name;
		bool changed;
	} fs[] = {
	    {"login", strcmp(u->login, e->login) != 0},
	    {"name", strcmp(u->name, e->name) != 0},
	    {"email", strcmp(u->email, e->email) != 0},
	    {"title", strcmp(u->title, e->title) != 0},
	    {"phone_work", strcmp(u->phone_work, e->phone_work) != 0},
	    {"phone_mobile", strcmp(u->phone_mobile, e->phone_mobile) != 0},
	    {"lang", u->lang != e->lang},
	    {"time_zone", strcmp(u->time_zone, e->time_zone) != 0},
	    {"admin", u->is_admin != e->is_admin},
	    {"mfa_required", u->mfa_required != e->mfa_required},
	};
	for (size_t i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		if (!fs[i].changed)
			continue;
		buf_puts(&c, c.len ? "," : "fields=");
		buf_puts(&c, fs[i].name);
	}
	const char *s = c.p ? arena_strdup(d->a, c.p) : NULL;
	buf_free(&c);
	return s;
}

/* The changes of a valid form, in the transaction. DOM_OK, DOM_INVALID, DOM_CONFLICT, DOM_ERROR. */
static int
apply(struct dom *d, struct db *db, const struct user *u, const struct user_edit *e,
      const char *fields)
{
	bool drops_own_admin = u->id == d->who.user_id && u->is_admin && !e->is_admin;
	bool email_changed = strcmp(u->email, e->email) != 0;
	/* Counted inside the transaction: two admins cannot both step down at once. */
	int64_t others = drops_own_admin ? contact_other_admins(db, u->customer_id, u->id) : 1;
	if (others < 0)
		return DOM_ERROR;
	if (others == 0)
		return dom_fail(
		    d, DOM_CONFLICT,
		    N_("You are the only enabled administrator of your company, so you "
		       "cannot remove your own administrator flag. Make another user an "
		       "administrator first."));
	int rc = contact_update(db, u->id, d->who.customer_id, e);
	if (rc == 1) /* taken meanwhile */
		return dom_invalid(d, "user_id", login_taken);
	struct recipient old_to = {.name = u->name, .email = u->email, .lang = u->lang};
	bool ok = rc == 0 &&
	          contacts_audit(d, db, "account.updated", u->id, e->login, fields) == 0 &&
	          (!email_changed ||
	           (contacts_audit(d, db, "account.email_changed", u->id, e->login, NULL) == 0 &&
	            mail_email_changed(db, d->app, &old_to, e->email) == 0));
	return ok ? DOM_OK : DOM_ERROR;
}

int
contact_save(struct dom *d, int64_t id, struct contact_in *in, struct contact *out)
{
	struct contact local;
	if (!out)
		out = &local;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int st = contacts_load(d, db, id, out);
	if (st != DOM_OK || (st = check(d, db, in, out->u.id)) != DOM_OK)
		return st;
	const struct user before = out->u;
	struct user_edit e = edit_of(in);
	const char *fields = changed_fields(d, &before, &e);
	if (!fields)
		return DOM_OK;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	st = apply(d, db, &before, &e, fields);
	struct contact after;
	if (st == DOM_OK && contacts_load(d, db, before.id, &after) != DOM_OK)
		st = DOM_ERROR;
	if ((st = dom_finish(db, st)) != DOM_OK)
		return st;
	*out = after;
	return DOM_OK;
}
