/*
 * Sign-in (ログイン): GET shows the form, POST checks the user ID and
 * password. A failure says the same thing whether or not the user ID exists,
 * and takes the same time (password_verify checks a dummy hash).
 */
#include "app.h"
#include "auth/csrf.h"
#include "auth/password.h"
#include "auth/session.h"
#include "core/log.h"
#include "http/request.h"
#include "pages/pages.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/users.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

#define LANG_COOKIE_AGE (365L * 24 * 3600)

static void
write_alert(struct req *r, const char *kind, const char *msg)
{
	struct buf *b = &r->out;
	html_lit(b, "<div");
	html_attr(b, "class", kind);
	html_attr(b, "role", strstr(kind, "error") ? "alert" : "status");
	html_lit(b, ">");
	html_text(b, msg);
	html_lit(b, "</div>");
}

/* The form, with an optional error and what the user typed as user ID. */
static int
render_form(struct req *r, const char *error, const char *user_id, const char *next)
{
	struct page p = {.title = T(r, "Sign in"), .bare = true};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (error)
		write_alert(r, "alert alert-error", error);
	else if (req_query(r, "signed_out"))
		write_alert(r, "alert alert-info", T(r, "You have signed out."));
	else if (req_query(r, "expired") || r->session_expired)
		write_alert(r, "alert alert-info",
		            T(r, "Your session has timed out. Please sign in again."));
	html_lit(b, "<form class=\"card form login-form\" method=\"post\" action=\"/login\">"
	            "<input type=\"hidden\" name=\"csrf\"");
	html_attr(b, "value", csrf_token(r));
	html_lit(b, ">");
	if (next && req_safe_local_path(next)) {
		html_lit(b, "<input type=\"hidden\" name=\"next\"");
		html_attr(b, "value", next);
		html_lit(b, ">");
	}
	html_lit(b, "<div class=\"field\"><label for=\"user_id\">");
	html_text(b, T(r, "User ID"));
	html_lit(b, "</label><input id=\"user_id\" name=\"user_id\" type=\"text\" "
	            "autocomplete=\"username\" autocapitalize=\"none\" spellcheck=\"false\" "
	            "maxlength=\"40\" required");
	html_attr(b, "value", user_id ? user_id : "");
	if (error)
		html_lit(b, " aria-invalid=\"true\" aria-describedby=\"login-error\"");
	html_lit(b, "></div><div class=\"field\"><label for=\"password\">");
	html_text(b, T(r, "Password"));
	html_lit(b, "</label><input id=\"password\" name=\"password\" type=\"password\" "
	            "autocomplete=\"current-password\" required></div>");
	if (error) {
		html_lit(b, "<p id=\"login-error\" class=\"field-error\">");
		html_text(b, error);
		html_lit(b, "</p>");
	}
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Sign in"));
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return error ? 401 : 200;
}

int
page_login_form(struct req *r)
{
	if (r->user)
		return req_redirect(r, "/");
	return render_form(r, NULL, NULL, req_query(r, "next"));
}

static void
audit_login(struct req *r, const char *event, const char *login, const struct user_auth *ua)
{
	struct audit_event ev = {
	    .event = event,
	    .actor_id = ua ? ua->id : 0,
	    .customer_id = ua ? ua->customer_id : 0,
	    .login = login,
	    .ip = r->remote_ip,
	    .user_agent = r->user_agent,
	};
	struct db *db = db_thread();
	if (!db || audit_add(db, &ev) != 0)
		log_error("rid=%s audit %s not recorded", r->rid, event);
}

int
page_login_submit(struct req *r)
{
	const char *login = req_form(r, "user_id");
	const char *password = req_form(r, "password");
	const char *next = req_form(r, "next");
	if (!login || !*login || !password || !*password)
		return render_form(r, T(r, "Enter your user ID and password."), login, next);
	if (strlen(login) > 40 || strlen(password) > 1024)
		return render_form(r, T(r, "The user ID or password is incorrect."), login, next);

	struct db *db = db_thread();
	if (!db)
		return 500;
	struct user_auth ua = {0};
	int found = users_auth_by_login(db, login, r->a, &ua);
	if (found < 0)
		return 500;
	bool ok = password_verify(found ? ua.password_hash : NULL, password);
	if (!ok || ua.disabled) {
		audit_login(r, "login.failure", login, found ? &ua : NULL);
		return render_form(r, T(r, "The user ID or password is incorrect."), login, next);
	}
	if (password_needs_rehash(ua.password_hash)) {
		char h[PASSWORD_HASH_MAX];
		if (password_hash(password, h) == 0)
			users_set_password(db, ua.id, h);
	}
	if (session_start(r, ua.id) != 0)
		return 500;
	audit_login(r, "login.success", login, &ua);
	return req_redirect(r, next && req_safe_local_path(next) ? next : "/");
}

int
page_logout(struct req *r)
{
	struct audit_event ev = {
	    .event = "logout",
	    .actor_id = r->user->id,
	    .customer_id = r->user->customer_id,
	    .login = r->user->login,
	    .ip = r->remote_ip,
	    .user_agent = r->user_agent,
	};
	struct db *db = db_thread();
	if (db)
		audit_add(db, &ev);
	/* The sign-in page that follows keeps the user's language. */
	req_cookie(r, "mg_lang", lang_code(r->user->lang), LANG_COOKIE_AGE);
	session_end(r);
	return req_redirect(r, "/login?signed_out=1");
}

/* GET /lang?to=en&next=/login: a visitor's choice of language (a cookie). */
int
page_lang(struct req *r)
{
	enum lang l;
	const char *next = req_query(r, "next");
	if (lang_parse(req_query(r, "to"), &l) == 0)
		req_cookie(r, "mg_lang", lang_code(l), LANG_COOKIE_AGE);
	return req_redirect(r, next && req_safe_local_path(next) ? next : "/login");
}
