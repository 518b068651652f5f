/*
 * Sign-in (ログイン): the user ID and password step. A wrong password says
 * the same thing whether or not the user ID exists, and takes the same time
 * (password_verify checks a dummy hash). Five wrong passwords in a row lock
 * the user ID for 20 minutes, tracked per ID as typed so that unknown IDs
 * lock too; a source address with too many failures is refused for a while.
 * When the user has a second factor, the password step ends in an MFA-stage
 * session (login_mfa.c) unless this browser is trusted.
 */
#include "app.h"
#include "auth/limits.h"
#include "http/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "http/request.h"
#include "pages/pages.h"
#include "pages/signin.h"
#include "accounts/mfa_signin.h"
#include "accounts/signin.h"
#include "web/actor.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/tokens.h"
#include "store/users.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <ctype.h>
#include <string.h>

#define LANG_COOKIE_AGE (365L * 24 * 3600)

/* The notices a redirect to the form asks for. */
enum { NOTE_SIGNED_OUT, NOTE_RESET, NOTE_RESTART, NOTE_EXPIRED };
static const struct field_decl note_decl[] = {
    [NOTE_SIGNED_OUT] = {.name = "signed_out", .kind = FIELD_BOOL},
    [NOTE_RESET] = {.name = "reset", .kind = FIELD_BOOL},
    [NOTE_RESTART] = {.name = "restart", .kind = FIELD_BOOL},
    [NOTE_EXPIRED] = {.name = "expired", .kind = FIELD_BOOL},
};

/*
 * The sign-in form's fields and the page to go to next: read without
 * errors of their own, since the sign-in's rules judge them.
 */
enum { LOGIN_USER_ID, LOGIN_PASSWORD, LOGIN_NEXT };
#define NEXT_MAX 2000 /* characters of a local path to return to */
static const struct field_decl login_decl[] = {
    [LOGIN_USER_ID] = {.name = "user_id", .kind = FIELD_LINE},
    [LOGIN_PASSWORD] = {.name = "password", .kind = FIELD_ASIS},
    [LOGIN_NEXT] = {.name = "next", .kind = FIELD_LINE, .max_chars = NEXT_MAX},
};

/* The form, with an optional error and what the user typed as user ID. */
static int
render_form(struct req *r, int status, const char *error, const char *user_id, const char *next)
{
	struct page p = {.title = T(r, "Sign in"), .bare = true};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	int note = fields_first_flag(r, note_decl, FIELDS_N(note_decl));
	if (error)
		form_alert_id(r, ALERT_ERROR, error, false, "login-error");
	else if (note == NOTE_SIGNED_OUT)
		form_alert(r, ALERT_INFO, T(r, "You have signed out."), true);
	else if (note == NOTE_RESET)
		form_alert(r, ALERT_SUCCESS, T(r, "Your password has been set. Sign in with it."),
		           true);
	else if (note == NOTE_RESTART)
		form_alert(r, ALERT_ERROR,
		           T(r, "Too many wrong codes, or the sign-in took too long. Please sign "
		                "in again."),
		           false);
	else if (note == NOTE_EXPIRED || r->session_expired)
		form_alert(r, ALERT_INFO, T(r, "Your session has timed out. Please sign in again."),
		           true);
	html_lit(b, "<form class=\"card form login-form\" method=\"post\" action=\"/login\">");
	form_csrf(r);
	if (next && req_safe_local_path(next))
		form_hidden(r, "next", next);
	form_field(r, &(struct field){.name = "user_id",
	                              .label = T(r, "User ID"),
	                              .value = user_id,
	                              .autocomplete = "username",
	                              .maxlength = 40,
	                              .required = true,
	                              .autofocus = !user_id});
	form_field(r, &(struct field){.name = "password",
	                              .label = T(r, "Password"),
	                              .type = "password",
	                              .autocomplete = "current-password",
	                              .required = true,
	                              .autofocus = user_id != NULL});
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Sign in"));
	html_lit(b, "</button></div><p class=\"form-links\"><a href=\"/password/reset\">");
	html_text(b, T(r, "Forgot your password?"));
	html_lit(b, "</a></p><p class=\"note\">");
	html_text(b, T(r, "After 5 wrong passwords in a row the user ID is locked for 20 "
	                  "minutes. It unlocks by itself afterwards."));
	html_lit(b, "</p></form>");
	layout_end(r);
	return status;
}

int
page_login_form(struct req *r)
{
	if (r->user)
		return req_redirect(r, "/");
	struct field_value next;
	fields_read(r, FROM_QUERY, login_decl + LOGIN_NEXT, 1, NULL, &next);
	return render_form(r, 200, NULL, NULL, next.text);
}

void
signin_audit(struct req *r, const char *event, const char *login, int64_t user_id,
             int64_t customer_id)
{
	struct audit_event ev = {
	    .event = event,
	    .actor_id = user_id,
	    .customer_id = customer_id,
	    .login = login,
	    .ip = r->remote_ip,
	    .user_agent = r->user_agent,
	};
	struct db *db = db_thread();
	if (!db || audit_add(db, &ev) != 0)
		log_error("rid=%s audit %s not recorded", r->rid, event);
}

char *
signin_normalize(struct req *r, const char *login)
{
	struct dom d;
	web_dom(r, &d);
	return account_login_key(&d, login);
}

/* True when the browser's trust cookie was issued to this user and is live. */
static bool
browser_trusted(struct req *r, struct db *db, int64_t user_id)
{
	struct token t;
	const char *raw = req_cookie_value(r, TRUST_COOKIE);
	return raw && token_find(db, "trust", raw, r->a, &t) == 1 && !t.used &&
	       t.user_id == user_id && t.expires_at > clock_now();
}

/* The status and message of a refused sign-in. */
static int
refusal(struct req *r, enum sign_in_result res, const char **msg)
{
	switch (res) {
	case SIGN_IN_EMPTY:
		*msg = T(r, "Enter your user ID and password.");
		return 422;
	case SIGN_IN_THROTTLED:
		*msg = T(r, "Too many failed sign-ins from your network. Please wait a few minutes "
		            "and try again.");
		return 429;
	case SIGN_IN_LOCKED:
		*msg = T(r, "This user ID is locked after 5 wrong passwords in a row. Try again "
		            "later, or ask your administrator to enable it.");
		return 423;
	case SIGN_IN_NOW_LOCKED:
		*msg =
		    T(r, "This user ID is now locked for 20 minutes after 5 wrong passwords in a "
		         "row. Try again later, or ask your administrator to enable it.");
		return 401;
	case SIGN_IN_WRONG:
		*msg = T(r, "The user ID or password is incorrect.");
		return 401;
	case SIGN_IN_OK:
	case SIGN_IN_ERROR:
		break;
	}
	return 500;
}

int
page_login_submit(struct req *r)
{
	struct field_value v[FIELDS_N(login_decl)];
	fields_read(r, FROM_FORM, login_decl, FIELDS_N(login_decl), NULL, v);
	const char *login = v[LOGIN_USER_ID].present ? v[LOGIN_USER_ID].text : NULL;
	const char *next = v[LOGIN_NEXT].text;
	struct dom d;
	web_dom(r, &d);
	struct user_auth ua;
	enum sign_in_result res = account_sign_in(&d, login, v[LOGIN_PASSWORD].text, &ua);
	if (res != SIGN_IN_OK) {
		const char *msg = NULL;
		int status = refusal(r, res, &msg);
		return msg ? render_form(r, status, msg, login, next) : status;
	}
	struct db *db = db_thread();
	const char *key = account_login_key(&d, login);
	const char *dest = next && req_safe_local_path(next) ? next : "/";
	bool need_mfa = ua.has_totp || ua.mfa_required;
	if (need_mfa && !browser_trusted(r, db, ua.id)) {
		const char *method = ua.has_totp && ua.mfa_required ? ""
		                     : ua.has_totp                  ? "totp"
		                                                    : "email";
		char hash[65];
		if (session_start_mfa(r, ua.id, method, dest, hash) != 0)
			return 500;
		signin_audit(r, "auth.password_ok", key, ua.id, ua.customer_id);
		if (strcmp(method, "email") == 0 && mfa_code_send(&d, hash) != DOM_OK)
			return 500;
		return req_redirect(r, "/login/mfa");
	}
	if (session_start(r, ua.id) != 0)
		return 500;
	signin_audit(r, need_mfa ? "auth.login_trusted_browser" : "auth.login", key, ua.id,
	             ua.customer_id);
	req_cookie(r, "mg_lang", lang_code(ua.lang), LANG_COOKIE_AGE);
	return req_redirect(r, dest);
}

int
page_logout(struct req *r)
{
	signin_audit(r, "auth.logout", r->user->login, r->user->id, r->user->customer_id);
	/* The sign-in page that follows keeps the user's language. */
	req_cookie(r, "mg_lang", lang_code(r->user->lang), LANG_COOKIE_AGE);
	session_end(r);
	return req_redirect(r, "/login?signed_out=1");
}

/* GET /lang?to=en&next=/login: a visitor's choice of language (a cookie). */
int
page_lang(struct req *r)
{
	static const struct field_decl lang_decl[] = {
	    {.name = "to", .kind = FIELD_LINE, .max_chars = 8},
	    {.name = "next", .kind = FIELD_LINE, .max_chars = NEXT_MAX},
	};
	struct field_value v[FIELDS_N(lang_decl)];
	fields_read(r, FROM_QUERY, lang_decl, FIELDS_N(lang_decl), NULL, v);
	enum lang l;
	const char *next = v[1].text;
	if (lang_parse(v[0].text, &l) == 0)
		req_cookie(r, "mg_lang", lang_code(l), LANG_COOKIE_AGE);
	return req_redirect(r, req_safe_local_path(next) ? next : "/login");
}
