/*
 * The second step of sign-in (本人確認を行う): a code from the authenticator
 * app or one sent by e-mail. The MFA-stage session binds the codes to this
 * sign-in attempt; wrong codes are counted on it and a resend never resets
 * the count; after MFA_FAILURES the attempt is thrown away. Success starts
 * the real session under a new id, and may trust the browser for 8 hours.
 */
#include "app.h"
#include "auth/limits.h"
#include "auth/mfa.h"
#include "http/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "http/request.h"
#include "mail/account_mails.h"
#include "mail/sender.h"
#include "pages/pages.h"
#include "pages/signin.h"
#include "store/db.h"
#include "store/sessions.h"
#include "store/tokens.h"
#include "store/users.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct mfa_ctx {
	struct mfa_row m;
	char hash[65];
	struct user u;
};

/* Loads the attempt and its user; 0 when there is none (start over). */
static int
load(struct req *r, struct mfa_ctx *c)
{
	int found = session_load_mfa(r, &c->m, c->hash);
	if (found <= 0)
		return found;
	struct db *db = db_thread();
	if (!db || users_get(db, c->m.user_id, r->a, &c->u) != 1)
		return -1;
	if (c->u.disabled)
		return 0;
	r->lang = c->u.lang;
	return 1;
}

static void
code_hash(const char *code, const char *session_hash, char out[65])
{
	/* Bound to the attempt: the same digits mean nothing in another session. */
	char *both = NULL;
	size_t n = strlen(code) + strlen(session_hash) + 2;
	both = malloc(n);
	if (!both) {
		out[0] = '\0';
		return;
	}
	snprintf(both, n, "%s:%s", session_hash, code);
	token_hash(both, out);
	sodium_memzero(both, n);
	free(both);
}

int
signin_send_email_code(struct req *r, const char *session_hash, int64_t user_id)
{
	struct db *db = db_thread();
	struct user u;
	if (!db || users_get(db, user_id, r->a, &u) != 1)
		return -1;
	char code[7], h[65];
	mfa_email_code(code);
	code_hash(code, session_hash, h);
	int64_t now = clock_now();
	if (db_begin(db) != 0)
		return -1;
	struct recipient to = {.name = u.name, .email = u.email, .lang = u.lang};
	if (session_rows_email_code(db, session_hash, h, now + MFA_CODE_SECONDS, now) != 0 ||
	    mail_sign_in_code(db, r->app, &to, code) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	sodium_memzero(code, sizeof(code));
	mail_sender_kick();
	signin_audit(r, "auth.mfa_code_sent", u.login, u.id, u.customer_id);
	return 0;
}

/* "ab***@example.com": enough to recognise one's address, not to learn it. */
static char *
masked(struct req *r, const char *email)
{
	const char *at = strchr(email, '@');
	if (!at)
		return arena_strdup(r->a, "***");
	size_t keep = at - email > 2 ? 2 : (size_t)(at - email);
	return arena_printf(r->a, "%.*s***%s", (int)keep, email, at);
}

static void
choose_form(struct req *r, struct mfa_ctx *c)
{
	struct buf *b = &r->out;
	html_lit(b, "<p>");
	html_text(b, T(r, "Choose how to get your verification code."));
	html_lit(b, "</p><form class=\"stack\" method=\"post\" action=\"/login/mfa/method\">");
	form_csrf(r);
	html_lit(b, "<button class=\"btn btn-secondary btn-block\" type=\"submit\" name=\"method\" "
	            "value=\"totp\">");
	html_text(b, T(r, "Get a code from your authenticator app"));
	html_lit(b, "</button><button class=\"btn btn-secondary btn-block\" type=\"submit\" "
	            "name=\"method\" value=\"email\">");
	html_text(b, T(r, "Get a code sent to"));
	html_lit(b, " ");
	html_text(b, masked(r, c->u.email));
	html_lit(b, "</button></form>");
}

static void
code_form(struct req *r, struct mfa_ctx *c, const char *error)
{
	struct buf *b = &r->out;
	bool email = strcmp(c->m.method, "email") == 0;
	int64_t now = clock_now();
	if (email)
		form_alert(r, ALERT_INFO,
		           arena_printf(r->a,
		                        T(r, "A 6-digit verification code was sent to %s. It is "
		                             "valid for 5 minutes from now."),
		                        masked(r, c->u.email)),
		           false);
	if (error)
		form_alert(r, ALERT_ERROR, error, false);
	html_lit(b, "<p>");
	html_text(b, email ? T(r, "Enter the code sent to your e-mail")
	                   : T(r, "Enter the code shown in your authenticator app"));
	html_lit(b, "</p><form method=\"post\" action=\"/login/mfa\">");
	form_csrf(r);
	form_field(r, &(struct field){.name = "code",
	                              .label = T(r, "6-digit verification code"),
	                              .autocomplete = "one-time-code",
	                              .maxlength = 7,
	                              .required = true,
	                              .autofocus = true,
	                              .error = error,
	                              .extra_class = "field-code"});
	form_checkbox(r, "trust", T(r, "Don't ask for MFA in this browser for the next 8 hours"),
	              false);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Verify"));
	html_lit(b, "</button></div></form>");
	if (email) {
		int64_t wait = c->m.code_sent_at + MFA_RESEND_SECONDS - now;
		html_lit(b, "<form method=\"post\" action=\"/login/mfa/resend\">");
		form_csrf(r);
		html_lit(b, "<button class=\"btn btn-link\" type=\"submit\"");
		if (wait > 0) {
			buf_printf(b, " disabled data-countdown=\"%lld\"", (long long)wait);
			html_attr(b, "data-countdown-text", T(r, "Resend code (in %d seconds)"));
			html_attr(b, "data-ready-text", T(r, "Resend code"));
		}
		html_lit(b, ">");
		if (wait > 0)
			html_textf(b, T(r, "Resend code (in %d seconds)"), (int)wait);
		else
			html_text(b, T(r, "Resend code"));
		html_lit(b, "</button></form>");
	}
	if (c->u.has_totp && c->u.mfa_required) {
		html_lit(b, "<form method=\"post\" action=\"/login/mfa/method\">");
		form_csrf(r);
		form_hidden(r, "method", email ? "totp" : "email");
		html_lit(b, "<button class=\"btn btn-link\" type=\"submit\">");
		html_text(b, T(r, "Try another method"));
		html_lit(b, "</button></form>");
	}
}

static int
render(struct req *r, struct mfa_ctx *c, int status, const char *error)
{
	struct page p = {.title = T(r, "Verify your identity"), .bare = true};
	layout_begin(r, &p);
	html_lit(&r->out, "<div class=\"card form login-form\"><h1 class=\"page-title\">");
	html_text(&r->out, p.title);
	html_lit(&r->out, "</h1>");
	if (!*c->m.method)
		choose_form(r, c);
	else
		code_form(r, c, error);
	html_lit(&r->out, "</div>");
	layout_end(r);
	return status;
}

int
page_mfa_form(struct req *r)
{
	struct mfa_ctx c;
	int found = load(r, &c);
	if (found < 0)
		return 500;
	if (found == 0)
		return req_redirect(r, "/login?restart=1");
	return render(r, &c, 200, NULL);
}

int
page_mfa_method(struct req *r)
{
	struct mfa_ctx c;
	int found = load(r, &c);
	if (found < 0)
		return 500;
	if (found == 0)
		return req_redirect(r, "/login?restart=1");
	const char *m = req_form(r, "method");
	bool totp = m && strcmp(m, "totp") == 0 && c.u.has_totp;
	bool email = m && strcmp(m, "email") == 0 && c.u.mfa_required;
	if (!totp && !email)
		return render(r, &c, 422, T(r, "Choose one of the methods offered."));
	struct db *db = db_thread();
	if (session_rows_mfa_method(db, c.hash, totp ? "totp" : "email", false) != 0)
		return 500;
	/* A code already sent to this attempt stays valid: switching is not a resend. */
	if (email && !*c.m.code_hash && signin_send_email_code(r, c.hash, c.u.id) != 0)
		return 500;
	return req_redirect(r, "/login/mfa");
}

int
page_mfa_resend(struct req *r)
{
	struct mfa_ctx c;
	int found = load(r, &c);
	if (found < 0)
		return 500;
	if (found == 0)
		return req_redirect(r, "/login?restart=1");
	if (strcmp(c.m.method, "email") != 0)
		return req_redirect(r, "/login/mfa");
	if (clock_now() - c.m.code_sent_at < MFA_RESEND_SECONDS)
		return render(r, &c, 429, T(r, "Please wait before asking for another code."));
	if (signin_send_email_code(r, c.hash, c.u.id) != 0)
		return 500;
	return req_redirect(r, "/login/mfa");
}

/* The code is right: the TOTP step is marked used, or the e-mail code matches. */
static bool
code_ok(struct req *r, struct mfa_ctx *c, const char *code)
{
	struct db *db = db_thread();
	int64_t now = clock_now();
	if (strcmp(c->m.method, "totp") == 0) {
		char *sealed = NULL, *pending = NULL;
		int64_t last = 0;
		if (users_totp_get(db, c->u.id, r->a, &sealed, &pending, &last) != 1 || !sealed)
			return false;
		unsigned char *secret = mfa_unseal(r->app->seal_key, sealed, r->a);
		if (!secret)
			return false;
		int64_t step = mfa_totp_check(secret, code, now);
		sodium_memzero(secret, TOTP_SECRET_BYTES);
		/* A step at or before the last one used is a replayed code. */
		return step > last && users_totp_use_step(db, c->u.id, step) == 1;
	}
	char digits[7], h[65];
	if (!*c->m.code_hash || now > c->m.code_expires || !mfa_normalize_code(code, digits))
		return false;
	code_hash(digits, c->hash, h);
	return strlen(h) == 64 && sodium_memcmp(h, c->m.code_hash, 64) == 0;
}

int
page_mfa_verify(struct req *r)
{
	struct mfa_ctx c;
	int found = load(r, &c);
	if (found < 0)
		return 500;
	if (found == 0 || c.m.failures >= MFA_FAILURES)
		return req_redirect(r, "/login?restart=1");
	if (!*c.m.method)
		return render(r, &c, 422, NULL);
	struct db *db = db_thread();
	if (!code_ok(r, &c, req_form(r, "code"))) {
		session_rows_mfa_fail(db, c.hash);
		signin_audit(r, "auth.mfa_failed", c.u.login, c.u.id, c.u.customer_id);
		if (c.m.failures + 1 >= MFA_FAILURES) {
			session_end(r);
			return req_redirect(r, "/login?restart=1");
		}
		return render(r, &c, 401, T(r, "The code is not correct, or it has expired."));
	}
	if (session_start(r, c.u.id) != 0)
		return 500;
	if (req_form(r, "trust")) {
		char *raw = token_create(db, "trust", c.u.id, TRUST_SECONDS, NULL, r->a);
		if (raw)
			req_cookie(r, TRUST_COOKIE, raw, TRUST_SECONDS);
	}
	signin_audit(r, "auth.login", c.u.login, c.u.id, c.u.customer_id);
	req_cookie(r, "mg_lang", lang_code(c.u.lang), 365L * 24 * 3600);
	return req_redirect(r, req_safe_local_path(c.m.next) ? c.m.next : "/");
}
