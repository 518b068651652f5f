/*
 * The second step of sign-in (本人確認を行う): a code from the authenticator
 * app or one sent by e-mail. The MFA-stage session of the browser's cookie
 * names the attempt; the rules (codes bound to it, the count of wrong codes
 * that a resend never resets, the resend wait, TOTP replays) are
 * accounts/mfa_signin.h's. Success starts the real session under a new id,
 * and may trust the browser for 8 hours.
 */
#include "accounts/mfa_signin.h"
#include "auth/limits.h"
#include "core/arena.h"
#include "http/request.h"
#include "http/session.h"
#include "pages/pages.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

struct mfa_ctx {
	char hash[65];
	struct mfa_attempt at;
};

/* Loads the attempt of the cookie and its user; 0 when there is none (start over). */
static int
load(struct req *r, struct dom *d, struct mfa_ctx *c)
{
	web_dom(r, d);
	struct mfa_row m;
	int found = session_load_mfa(r, &m, c->hash);
	if (found <= 0)
		return found;
	int st = mfa_attempt_get(d, c->hash, &c->at);
	if (st != DOM_OK)
		return st == DOM_NOT_FOUND ? 0 : -1;
	r->lang = c->at.u.lang;
	return 1;
}

static void
choose_form(struct req *r, struct mfa_ctx *c)
{
	struct buf *b = &r->out;
	html_lit(b, "<p>");
	html_text(b, T(r, "Choose how to get your verification code."));
	html_lit(b, "</p><form class=\"stack\" method=\"post\" action=\"/login/mfa/method\">");
	form_csrf(r);
	if (c->at.offers_totp) {
		html_lit(b, "<button class=\"btn btn-secondary btn-block\" type=\"submit\" "
		            "name=\"method\" value=\"totp\">");
		html_text(b, T(r, "Get a code from your authenticator app"));
		html_lit(b, "</button>");
	}
	if (c->at.offers_email) {
		html_lit(b, "<button class=\"btn btn-secondary btn-block\" type=\"submit\" "
		            "name=\"method\" value=\"email\">");
		html_text(b, T(r, "Get a code sent to"));
		html_lit(b, " ");
		html_text(b, c->at.email_masked);
		html_lit(b, "</button>");
	}
	html_lit(b, "</form>");
}

/*
 * error is about the code typed (shown by the field) unless alert is set
 * (a refused resend: shown once, above the form).
 */
static void
code_form(struct req *r, struct mfa_ctx *c, const char *error, bool alert)
{
	struct buf *b = &r->out;
	bool email = strcmp(c->at.m.method, "email") == 0;
	if (email)
		form_alert(r, ALERT_INFO,
		           arena_printf(r->a,
		                        T(r, "A 6-digit verification code was sent to %s. It is "
		                             "valid for 5 minutes from now."),
		                        c->at.email_masked),
		           false);
	if (error && alert)
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
	                              .error = alert ? NULL : error,
	                              .extra_class = "field-code"});
	form_checkbox(r, "trust", T(r, "Don't ask for MFA in this browser for the next 8 hours"),
	              false);
	form_submit(r, T(r, "Verify"));
	if (email) {
		int64_t wait = c->at.resend_wait;
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
	if (c->at.offers_totp && c->at.offers_email) {
		html_lit(b, "<form method=\"post\" action=\"/login/mfa/method\">");
		form_csrf(r);
		form_hidden(r, "method", email ? "totp" : "email");
		html_lit(b, "<button class=\"btn btn-link\" type=\"submit\">");
		html_text(b, T(r, "Try another method"));
		html_lit(b, "</button></form>");
	}
}

static int
render_as(struct req *r, struct mfa_ctx *c, int status, const char *error, bool alert)
{
	struct page p = {.title = T(r, "Verify your identity"), .bare = true};
	layout_begin(r, &p);
	html_lit(&r->out, "<div class=\"card form login-form\"><h1 class=\"page-title\">");
	html_text(&r->out, p.title);
	html_lit(&r->out, "</h1>");
	if (!*c->at.m.method) {
		if (error)
			form_alert(r, ALERT_ERROR, error, false);
		choose_form(r, c);
	} else
		code_form(r, c, error, alert);
	html_lit(&r->out, "</div>");
	layout_end(r);
	return status;
}

static int
render(struct req *r, struct mfa_ctx *c, int status, const char *error)
{
	return render_as(r, c, status, error, false);
}

int
page_mfa_form(struct req *r)
{
	struct dom d;
	struct mfa_ctx c;
	int found = load(r, &d, &c);
	if (found < 0)
		return 500;
	if (found == 0)
		return req_redirect(r, "/login?restart=1");
	return render(r, &c, 200, NULL);
}

/* The step's fields, judged by the rules of the MFA step (accounts/mfa_signin.h). */
static const struct field_decl method_decl[] = {{.name = "method", .kind = FIELD_LINE}};
enum { MFA_CODE, MFA_TRUST };
static const struct field_decl verify_decl[] = {
    [MFA_CODE] = {.name = "code", .kind = FIELD_ASIS},
    [MFA_TRUST] = {.name = "trust", .kind = FIELD_BOOL},
};

int
page_mfa_method(struct req *r)
{
	struct dom d;
	struct mfa_ctx c;
	int found = load(r, &d, &c);
	if (found < 0)
		return 500;
	if (found == 0)
		return req_redirect(r, "/login?restart=1");
	struct field_value method;
	fields_read(r, FROM_FORM, method_decl, 1, NULL, &method);
	int st = mfa_choose(&d, c.hash, method.text);
	if (st == DOM_INVALID)
		return render(r, &c, 422, web_error(r, &d, "method"));
	if (st == DOM_NOT_FOUND)
		return req_redirect(r, "/login?restart=1");
	if (st != DOM_OK)
		return 500;
	return req_redirect(r, "/login/mfa");
}

int
page_mfa_resend(struct req *r)
{
	struct dom d;
	struct mfa_ctx c;
	int found = load(r, &d, &c);
	if (found < 0)
		return 500;
	if (found == 0)
		return req_redirect(r, "/login?restart=1");
	int st = mfa_resend(&d, c.hash);
	if (st == DOM_CONFLICT)
		return render_as(r, &c, 429, T(r, d.message), true);
	if (st == DOM_NOT_FOUND)
		return req_redirect(r, "/login?restart=1");
	if (st != DOM_OK)
		return 500;
	return req_redirect(r, "/login/mfa");
}

int
page_mfa_verify(struct req *r)
{
	struct dom d;
	struct mfa_ctx c;
	int found = load(r, &d, &c);
	if (found < 0)
		return 500;
	if (found == 0)
		return req_redirect(r, "/login?restart=1");
	struct field_value v[FIELDS_N(verify_decl)];
	fields_read(r, FROM_FORM, verify_decl, FIELDS_N(verify_decl), NULL, v);
	struct mfa_signed_in in;
	switch (mfa_verify(&d, c.hash, v[MFA_CODE].text, v[MFA_TRUST].present, &in)) {
	case MFA_VERIFY_OK:
		break;
	case MFA_VERIFY_WRONG:
		return render(r, &c, 401, T(r, d.message));
	case MFA_VERIFY_EXHAUSTED:
		session_end(r);
		return req_redirect(r, "/login?restart=1");
	case MFA_VERIFY_GONE:
		return req_redirect(r, "/login?restart=1");
	case MFA_VERIFY_NO_METHOD:
		return render(r, &c, 422, NULL);
	case MFA_VERIFY_ERROR:
	default:
		return 500;
	}
	if (session_start(r, in.user_id) != 0)
		return 500;
	if (in.trust_token)
		req_cookie(r, TRUST_COOKIE, in.trust_token, TRUST_SECONDS);
	req_cookie(r, "mg_lang", lang_code(in.lang), 365L * 24 * 3600);
	return req_redirect(r, req_safe_local_path(in.next) ? in.next : "/");
}
