/* The user's own account; see profile.h. */
#include "accounts/profile.h"
#include "accounts/staff.h"
#include "accounts/password_context.h"
#include "app.h"
#include "auth/limits.h"
#include "auth/mfa.h"
#include "auth/password.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "mail/account_mails.h"
#include "store/db.h"
#include "store/sessions.h"
#include "store/tokens.h"
#include "store/users.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

/* The actor's own row; DOM_OK, DOM_NOT_FOUND (nobody signed in) or DOM_ERROR. */
static int
load_me(struct dom *d, struct db *db, struct user *u)
{
	if (!d->who.user_id)
		return DOM_NOT_FOUND;
	int found = db ? users_get(db, d->who.user_id, d->a, u) : -1;
	return found < 0 ? DOM_ERROR : found ? DOM_OK : DOM_NOT_FOUND;
}

static bool
password_right(struct dom *d, struct db *db, const char *password)
{
	struct user_auth ua;
	return users_auth_by_login(db, d->who.login, d->a, &ua) == 1 &&
	       password_verify(ua.password_hash, password);
}

/* Queues the confirmation of a new address; only the newest request counts. */
static bool
email_change_start(struct dom *d, struct db *db, const struct user *u, const char *email)
{
	struct recipient to = {.name = u->name, .email = email, .lang = u->lang};
	if (token_void(db, u->id, "email") != 0)
		return false;
	char *raw = token_create(db, "email", u->id, EMAIL_TOKEN_SECONDS, email, d->a);
	return raw && mail_email_confirm(db, d->app, &to, raw) == 0;
}

int
profile_update(struct dom *d, struct person_input *in, bool *email_pending)
{
	*email_pending = false;
	struct db *db = db_thread();
	struct user u;
	int st = load_me(d, db, &u);
	if (st != DOM_OK)
		return st;
	/* A field the channel refused (d->nerrors) changes nothing either. */
	if (person_check(d, in) != DOM_OK || d->nerrors)
		return DOM_INVALID;
	struct user_edit e = {.name = in->name,
	                      .email = in->email,
	                      .title = in->title,
	                      .phone_work = in->phone_work,
	                      .phone_mobile = in->phone_mobile,
	                      .time_zone = in->time_zone};
	(void)lang_parse(in->lang, &e.lang); /* checked by person_check */
	bool changes = strcasecmp(in->email, u.email) != 0;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = users_update_profile(db, u.id, &e) == 0 &&
	          (!changes || email_change_start(d, db, &u, in->email)) &&
	          dom_audit(d, db, "account.updated", u.customer_id, NULL) == 0;
	st = dom_finish(db, ok ? DOM_OK : DOM_ERROR);
	*email_pending = st == DOM_OK && changes;
	return st;
}

int
profile_email_confirm(struct dom *d, const char *token)
{
	struct db *db = db_thread();
	struct user u;
	int st = load_me(d, db, &u);
	if (st != DOM_OK)
		return st;
	struct token t;
	int found = token_find(db, "email", token ? token : "", d->a, &t);
	if (found < 0)
		return DOM_ERROR;
	if (!found || t.used || t.expires_at <= clock_now() || t.user_id != u.id)
		return DOM_NOT_FOUND;
	struct recipient old_to = {.name = u.name, .email = u.email, .lang = u.lang};
	if (db_begin(db) != 0)
		return DOM_ERROR;
	/* A token used meanwhile, or an address taken meanwhile, reads as gone. */
	if (token_use(db, t.id) != 1 || users_set_email(db, u.id, t.data) != 0) {
		db_rollback(db);
		return DOM_NOT_FOUND;
	}
	bool ok = mail_email_changed(db, d->app, &old_to, t.data) == 0 &&
	          dom_audit(d, db, "account.email_changed", u.customer_id, NULL) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
profile_password_change(struct dom *d, const char *current, const char *password,
                        const char *confirm, bool failed[RULE__MAX])
{
	memset(failed, 0, RULE__MAX * sizeof(bool));
	struct db *db = db_thread();
	struct user u;
	int st = load_me(d, db, &u);
	if (st != DOM_OK)
		return st;
	if (!password_right(d, db, current)) {
		(void)dom_audit(d, db, "auth.password_change_failed", u.customer_id, NULL);
		return dom_fail(d, DOM_INVALID, N_("The current password is not correct."));
	}
	struct policy_input in = {.password = password,
	                          .confirm = confirm,
	                          .login = u.login,
	                          .name = u.name,
	                          .context = password_context(d, db, &u),
	                          .has_mfa = u.has_totp || u.mfa_required};
	if (!policy_check(policy_current(db), &in, failed))
		return dom_fail(d, DOM_INVALID,
		                N_("The new password does not meet the rules below."));
	if (strcmp(password, current) == 0)
		return dom_fail(d, DOM_INVALID,
		                N_("Choose a password different from the current one."));
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(password, hash) != 0)
		return DOM_ERROR;
	if (db_begin(db) != 0) {
		sodium_memzero(hash, sizeof(hash));
		return DOM_ERROR;
	}
	bool ok = users_set_password(db, u.id, hash) == 0 &&
	          session_rows_delete_others(db, u.id,
	                                     d->who.session_hash ? d->who.session_hash : "") == 0 &&
	          token_void(db, u.id, "trust") == 0 &&
	          dom_audit(d, db, "auth.password_changed", u.customer_id, NULL) == 0;
	sodium_memzero(hash, sizeof(hash));
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
profile_mfa_start(struct dom *d)
{
	if (!d->who.user_id)
		return DOM_NOT_FOUND;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	unsigned char *secret = mfa_new_secret(d->a);
	char *sealed = mfa_seal(d->app->seal_key, secret, d->a);
	sodium_memzero(secret, TOTP_SECRET_BYTES);
	return sealed && users_totp_set_pending(db, d->who.user_id, sealed) == 0 ? DOM_OK
	                                                                         : DOM_ERROR;
}

int
profile_mfa_confirm(struct dom *d, const char *code)
{
	struct db *db = db_thread();
	char *sealed = NULL, *pending = NULL;
	int64_t last = 0;
	if (!d->who.user_id)
		return DOM_NOT_FOUND;
	if (!db || users_totp_get(db, d->who.user_id, d->a, &sealed, &pending, &last) != 1)
		return DOM_ERROR;
	if (!pending)
		return DOM_CONFLICT;
	unsigned char *secret = mfa_unseal(d->app->seal_key, pending, d->a);
	if (!secret)
		return DOM_ERROR;
	int64_t step = mfa_totp_check(secret, code ? code : "", clock_now());
	sodium_memzero(secret, TOTP_SECRET_BYTES);
	if (step < 0)
		return dom_fail(d, DOM_INVALID,
		                N_("The code is not correct. Check the time of your phone and try "
		                   "again."));
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = users_totp_confirm(db, d->who.user_id, step) == 0 &&
	          dom_audit(d, db, "auth.mfa_enabled", d->who.customer_id, NULL) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
profile_mfa_remove(struct dom *d, const char *current)
{
	struct db *db = db_thread();
	if (!d->who.user_id)
		return DOM_NOT_FOUND;
	if (!db)
		return DOM_ERROR;
	if (d->who.staff && staff_mfa_required(db))
		return dom_fail(d, DOM_CONFLICT,
		                N_("Staff must keep an authenticator app. If the device is lost, a "
		                   "provider admin can remove it."));
	if (!password_right(d, db, current))
		return dom_fail(d, DOM_INVALID, N_("The current password is not correct."));
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = users_totp_clear(db, d->who.user_id) == 0 &&
	          dom_audit(d, db, "auth.mfa_removed", d->who.customer_id, NULL) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}
