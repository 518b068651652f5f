/* The second step of sign-in; see mfa_signin.h. */
#include "accounts/mfa_signin.h"
#include "accounts/internal.h"
#include "app.h"
#include "auth/limits.h"
#include "auth/mfa.h"
#include "core/arena.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "mail/account_mails.h"
#include "store/db.h"
#include "store/tokens.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "ab***@example.com": enough to recognise one's address, not to learn it. */
static char *
masked(struct dom *d, const char *email)
{
	const char *at = strchr(email, '@');
	if (!at)
		return arena_strdup(d->a, "***");
	size_t keep = at - email > 2 ? 2 : (size_t)(at - email);
	return arena_printf(d->a, "%.*s***%s", (int)keep, email, at);
}

/* The attempt and its user, in or outside a transaction. */
static int
load(struct dom *d, struct db *db, const char *attempt, struct mfa_attempt *out)
{
	memset(out, 0, sizeof(*out));
	int found = session_rows_get_mfa(db, attempt ? attempt : "", d->a, &out->m);
	if (found < 0)
		return DOM_ERROR;
	int64_t now = clock_now();
	if (!found || now - out->m.created_at > MFA_STAGE_SECONDS)
		return DOM_NOT_FOUND;
	if (users_get(db, out->m.user_id, d->a, &out->u) != 1)
		return DOM_ERROR;
	if (out->u.disabled)
		return DOM_NOT_FOUND;
	out->offers_totp = out->u.has_totp;
	/* The e-mail code is there for everyone asked for a second factor, so
	 * that a user whose phone is away can still sign in. */
	out->offers_email = out->u.email && *out->u.email;
	out->email_masked = masked(d, out->u.email);
	int64_t wait = out->m.code_sent_at + MFA_RESEND_SECONDS - now;
	out->resend_wait = wait > 0 ? wait : 0;
	return DOM_OK;
}

int
mfa_attempt_get(struct dom *d, const char *attempt, struct mfa_attempt *out)
{
	struct db *db = db_thread();
	if (!db) {
		memset(out, 0, sizeof(*out));
		return DOM_ERROR;
	}
	return load(d, db, attempt, out);
}

static void
code_hash(const char *code, const char *attempt, char out[65])
{
	/* Bound to the attempt: the same digits mean nothing in another session. */
	size_t n = strlen(code) + strlen(attempt) + 2;
	char *both = malloc(n);
	if (!both) {
		out[0] = '\0';
		return;
	}
	snprintf(both, n, "%s:%s", attempt, code);
	token_hash(both, out);
	sodium_memzero(both, n);
	free(both);
}

/* A new e-mail code for the attempt: its hash stored, the mail queued, in the transaction. */
static bool
send_code(struct dom *d, struct db *db, const char *attempt, const struct user *u)
{
	char code[7], h[65];
	mfa_email_code(code);
	code_hash(code, attempt, h);
	int64_t now = clock_now();
	struct recipient to = {.name = u->name, .email = u->email, .lang = u->lang};
	bool ok = session_rows_email_code(db, attempt, h, now + MFA_CODE_SECONDS, now) == 0 &&
	          mail_sign_in_code(db, d->app, &to, code) == 0 &&
	          account_audit(d, db, "auth.mfa_code_sent", u->login, u->id, u->customer_id) == 0;
	sodium_memzero(code, sizeof(code));
	return ok;
}

/* Begins a transaction and loads the attempt in it; on anything but DOM_OK it is rolled back. */
static int
begin_with(struct dom *d, struct db **db, const char *attempt, struct mfa_attempt *at)
{
	*db = db_thread();
	if (!*db || db_begin(*db) != 0) {
		memset(at, 0, sizeof(*at));
		return DOM_ERROR;
	}
	int st = load(d, *db, attempt, at);
	if (st != DOM_OK)
		db_rollback(*db);
	return st;
}

int
mfa_code_send(struct dom *d, const char *attempt)
{
	struct db *db;
	struct mfa_attempt at;
	int st = begin_with(d, &db, attempt, &at);
	if (st != DOM_OK)
		return st;
	if (strcmp(at.m.method, "email") != 0 || at.m.code_sent_at) {
		db_rollback(db);
		return DOM_CONFLICT;
	}
	return dom_finish(db, send_code(d, db, attempt, &at.u) ? DOM_OK : DOM_ERROR);
}

int
mfa_choose(struct dom *d, const char *attempt, const char *method)
{
	struct db *db;
	struct mfa_attempt at;
	int st = begin_with(d, &db, attempt, &at);
	if (st != DOM_OK)
		return st;
	bool totp = method && strcmp(method, "totp") == 0 && at.offers_totp;
	bool email = method && strcmp(method, "email") == 0 && at.offers_email;
	if (!totp && !email) {
		db_rollback(db);
		return dom_invalid(d, "method", N_("Choose one of the methods offered."));
	}
	bool ok = session_rows_mfa_method(db, attempt, totp ? "totp" : "email", false) == 0;
	/* A code already sent to this attempt stays valid: switching is not a resend. */
	if (ok && email && !*at.m.code_hash)
		ok = send_code(d, db, attempt, &at.u);
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
mfa_resend(struct dom *d, const char *attempt)
{
	struct db *db;
	struct mfa_attempt at;
	int st = begin_with(d, &db, attempt, &at);
	if (st != DOM_OK)
		return st;
	if (strcmp(at.m.method, "email") != 0) {
		db_rollback(db);
		return DOM_OK;
	}
	if (clock_now() - at.m.code_sent_at < MFA_RESEND_SECONDS) {
		db_rollback(db);
		return dom_fail(d, DOM_CONFLICT, N_("Please wait before asking for another code."));
	}
	return dom_finish(db, send_code(d, db, attempt, &at.u) ? DOM_OK : DOM_ERROR);
}

/* The code is right: the TOTP step is marked used, or the e-mail code matches. */
static bool
code_ok(struct dom *d, struct db *db, const char *attempt, const struct mfa_attempt *at,
        const char *code)
{
	int64_t now = clock_now();
	if (!code)
		return false;
	if (strcmp(at->m.method, "totp") == 0) {
		char *sealed = NULL, *pending = NULL;
		int64_t last = 0;
		if (users_totp_get(db, at->u.id, d->a, &sealed, &pending, &last) != 1 || !sealed)
			return false;
		unsigned char *secret = mfa_unseal(d->app->seal_key, sealed, d->a);
		if (!secret)
			return false;
		int64_t step = mfa_totp_check(secret, code, now);
		sodium_memzero(secret, TOTP_SECRET_BYTES);
		/* A step at or before the last one used is a replayed code. */
		return step > last && users_totp_use_step(db, at->u.id, step) == 1;
	}
	char digits[7], h[65];
	if (!*at->m.code_hash || now > at->m.code_expires || !mfa_normalize_code(code, digits))
		return false;
	code_hash(digits, attempt, h);
	return strlen(h) == 64 && sodium_memcmp(h, at->m.code_hash, 64) == 0;
}

enum mfa_verify_result
mfa_verify(struct dom *d, const char *attempt, const char *code, bool trust,
           struct mfa_signed_in *out)
{
	memset(out, 0, sizeof(*out));
	struct db *db;
	struct mfa_attempt at;
	/* The count is read and raised in one transaction: parallel guesses
	 * cannot slip past the limit. */
	int st = begin_with(d, &db, attempt, &at);
	if (st != DOM_OK)
		return st == DOM_NOT_FOUND ? MFA_VERIFY_GONE : MFA_VERIFY_ERROR;
	if (at.m.failures >= MFA_FAILURES) {
		db_rollback(db);
		return MFA_VERIFY_GONE;
	}
	if (!*at.m.method) {
		db_rollback(db);
		return MFA_VERIFY_NO_METHOD;
	}
	const struct user *u = &at.u;
	if (!code_ok(d, db, attempt, &at, code)) {
		bool ok =
		    session_rows_mfa_fail(db, attempt) == 0 &&
		    account_audit(d, db, "auth.mfa_failed", u->login, u->id, u->customer_id) == 0;
		if (dom_finish(db, ok ? DOM_OK : DOM_ERROR) != DOM_OK)
			return MFA_VERIFY_ERROR;
		if (at.m.failures + 1 >= MFA_FAILURES)
			return MFA_VERIFY_EXHAUSTED;
		dom_fail(d, DOM_INVALID, N_("The code is not correct, or it has expired."));
		return MFA_VERIFY_WRONG;
	}
	/* A trusted browser is a convenience: the sign-in goes on without it. */
	out->trust_token =
	    trust ? token_create(db, "trust", u->id, TRUST_SECONDS, NULL, d->a) : NULL;
	bool ok = account_audit(d, db, "auth.login", u->login, u->id, u->customer_id) == 0;
	if (dom_finish(db, ok ? DOM_OK : DOM_ERROR) != DOM_OK) {
		out->trust_token = NULL;
		return MFA_VERIFY_ERROR;
	}
	out->user_id = u->id;
	out->lang = u->lang;
	out->next = at.m.next;
	return MFA_VERIFY_OK;
}
