/* Password reset; see reset.h. */
#include "accounts/reset.h"
#include "accounts/password_context.h"
#include "accounts/internal.h"
#include "accounts/signin.h"
#include "auth/limits.h"
#include "auth/password.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "mail/account_mails.h"
#include "store/db.h"
#include "store/guards.h"
#include "store/sessions.h"
#include "store/tokens.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

int
password_reset_check_id(struct dom *d, const char *user_id)
{
	if (!user_id || !*user_id || strlen(user_id) > RESET_USER_ID_MAX)
		return dom_invalid(d, "user_id", N_("Enter your user ID (40 characters at most)."));
	return DOM_OK;
}

bool
password_reset_id_locked(struct dom *d, const char *user_id)
{
	struct guard g;
	struct db *db = db_thread();
	return db && guard_get(db, account_login_key(d, user_id), &g) == 0 &&
	       g.locked_until > clock_now();
}

/*
 * Matching ID and address: void older links, make a new one and mail it.
 * During the pause after a completed reset no link is made.
 */
static bool
issue_link(struct dom *d, struct db *db, const char *key, const struct user_auth *ua,
           const struct guard *g, int64_t now)
{
	if (g->reset_done_at && now - g->reset_done_at < RESET_PAUSE_SECONDS)
		return account_audit(d, db, "auth.reset_paused", key, ua->id, ua->customer_id) == 0;
	struct recipient to = {.name = ua->name, .email = ua->email, .lang = ua->lang};
	char *raw;
	return guard_reset_ok(db, key) == 0 && token_void(db, ua->id, "reset") == 0 &&
	       (raw = token_create(db, "reset", ua->id, RESET_TOKEN_SECONDS, NULL, d->a)) &&
	       mail_reset_link(db, d->app, &to, key, raw, 0) == 0 &&
	       account_audit(d, db, "auth.reset_requested", key, ua->id, ua->customer_id) == 0;
}

int
password_reset_request(struct dom *d, const char *user_id, const char *email)
{
	if (password_reset_check_id(d, user_id) != DOM_OK)
		return DOM_INVALID;
	if (!email || !*email || strlen(email) > RESET_EMAIL_MAX || !strchr(email, '@'))
		return dom_invalid(d, "email", N_("Enter a valid e-mail address."));
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	char *key = account_login_key(d, user_id);
	int64_t now = clock_now();
	/* One transaction from the block check to the count: parallel guesses
	 * cannot slip past the limit. */
	if (db_begin(db) != 0)
		return DOM_ERROR;
	struct guard g;
	if (guard_get(db, key, &g) != 0) {
		db_rollback(db);
		return DOM_ERROR;
	}
	if (g.reset_blocked_until > now) {
		db_rollback(db);
		return dom_fail(d, DOM_CONFLICT,
		                N_("Reset is unavailable for 20 minutes after 5 failed "
		                   "verifications. Check your registered address with your "
		                   "administrator and try again later."));
	}
	struct user_auth ua = {0};
	int found = users_auth_by_login(db, key, d->a, &ua);
	if (found < 0) {
		db_rollback(db);
		return DOM_ERROR;
	}
	bool ok;
	if (found && !ua.disabled && strcasecmp(ua.email, email) == 0)
		ok = issue_link(d, db, key, &ua, &g, now);
	else
		ok = guard_reset_failed(db, key, RESET_FAILURES, now + RESET_BLOCK_SECONDS) >= 0 &&
		     account_audit(d, db, "auth.reset_failed", key, found ? ua.id : 0,
		                   found ? ua.customer_id : 0) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

/* The live link of token, in or outside a transaction; DOM_OK, DOM_NOT_FOUND or DOM_ERROR. */
static int
find_link(struct dom *d, struct db *db, const char *token, struct reset_link *out)
{
	memset(out, 0, sizeof(*out));
	struct token t;
	int found = token_find(db, "reset", token ? token : "", d->a, &t);
	if (found < 0)
		return DOM_ERROR;
	if (!found || t.used || t.expires_at <= clock_now())
		return DOM_NOT_FOUND;
	found = users_get(db, t.user_id, d->a, &out->u);
	if (found < 0)
		return DOM_ERROR;
	if (!found || out->u.disabled)
		return DOM_NOT_FOUND;
	out->token_id = t.id;
	out->profile = policy_current(db);
	out->has_mfa = out->u.has_totp || out->u.mfa_required;
	return DOM_OK;
}

int
password_reset_link(struct dom *d, const char *token, struct reset_link *out)
{
	struct db *db = db_thread();
	if (!db) {
		memset(out, 0, sizeof(*out));
		return DOM_ERROR;
	}
	return find_link(d, db, token, out);
}

/*
 * Everything a completed reset changes, in the transaction: the password,
 * the link used, other links and trusted browsers voided, every session
 * ended, the ID unlocked and paused for reset, the audit line, the mail.
 * DOM_OK, DOM_NOT_FOUND (the link was used meanwhile) or DOM_ERROR.
 */
static int
apply(struct dom *d, struct db *db, const struct reset_link *l, const char *hash)
{
	const struct user *u = &l->u;
	struct recipient to = {.name = u->name, .email = u->email, .lang = u->lang};
	int used = token_use(db, l->token_id);
	if (used != 1)
		return used == 0 ? DOM_NOT_FOUND : DOM_ERROR;
	bool ok =
	    users_set_password(db, u->id, hash) == 0 && token_void(db, u->id, "reset") == 0 &&
	    token_void(db, u->id, "trust") == 0 &&
	    session_rows_delete_others(db, u->id, NULL) == 0 &&
	    guard_reset_done(db, u->login, clock_now()) == 0 &&
	    account_audit(d, db, "auth.password_reset", u->login, u->id, u->customer_id) == 0 &&
	    mail_reset_done(db, d->app, &to) == 0;
	return ok ? DOM_OK : DOM_ERROR;
}

int
password_reset_complete(struct dom *d, const char *token, const char *password, const char *confirm,
                        struct reset_link *link, bool failed[RULE__MAX])
{
	memset(failed, 0, sizeof(bool) * RULE__MAX);
	int st = password_reset_link(d, token, link);
	if (st != DOM_OK)
		return st;
	struct policy_input in = {.password = password,
	                          .confirm = confirm,
	                          .login = link->u.login,
	                          .name = link->u.name,
	                          .context = password_context(d, db_thread(), &link->u),
	                          .has_mfa = link->has_mfa};
	if (!policy_check(link->profile, &in, failed))
		return dom_invalid(d, "password",
		                   N_("The password does not meet the rules below."));
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(password, hash) != 0)
		return DOM_ERROR;
	struct db *db = db_thread();
	if (db_begin(db) != 0) {
		sodium_memzero(hash, sizeof(hash));
		return DOM_ERROR;
	}
	st = apply(d, db, link, hash);
	sodium_memzero(hash, sizeof(hash));
	if (st != DOM_OK) {
		db_rollback(db);
		return st;
	}
	return dom_finish(db, DOM_OK);
}
