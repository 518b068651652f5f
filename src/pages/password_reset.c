/*
 * Password reset and first sign-in (guide 4.4, 5.2): ① 特定 the user ID,
 * ② 検証 the registered e-mail address, ③ リセット through a single-use link
 * sent by mail. The answer after ② is the same whether or not the ID and
 * address match. A mismatch counts as a failed verification (5 in a row
 * block reset for 20 minutes, per ID as typed); a completed reset pauses
 * reset for 24 hours, unlocks the ID, ends the user's sessions and trusted
 * browsers, and sends a confirmation.
 */
#include "app.h"
#include "auth/limits.h"
#include "auth/password.h"
#include "auth/policy.h"
#include "core/arena.h"
#include "core/clock.h"
#include "http/request.h"
#include "mail/account_mails.h"
#include "mail/sender.h"
#include "pages/pages.h"
#include "pages/signin.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/guards.h"
#include "store/sessions.h"
#include "store/tokens.h"
#include "store/users.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

static void
steps(struct req *r, int current)
{
	static const char *const names[] = {N_("Identify"), N_("Verify"), N_("Reset")};
	struct buf *b = &r->out;
	html_lit(b, "<ol class=\"steps\">");
	for (int i = 0; i < 3; i++) {
		html_lit(b, "<li");
		if (i == current)
			html_lit(b, " aria-current=\"step\" class=\"current\"");
		html_lit(b, ">");
		html_text(b, T(r, names[i]));
		html_lit(b, "</li>");
	}
	html_lit(b, "</ol>");
}

static void
begin(struct req *r, const char *title, int step)
{
	struct page p = {.title = title, .bare = true};
	layout_begin(r, &p);
	html_lit(&r->out, "<div class=\"card form login-form\"><h1 class=\"page-title\">");
	html_text(&r->out, title);
	html_lit(&r->out, "</h1>");
	steps(r, step);
}

static void
end(struct req *r)
{
	html_lit(&r->out, "<p class=\"form-links\"><a href=\"/login\">");
	html_text(&r->out, T(r, "Back to sign-in"));
	html_lit(&r->out, "</a></p></div>");
	layout_end(r);
}

/* The lock state of an ID, said to anyone who asks (the guide's reset page does). */
static void
lock_status(struct req *r, const char *key)
{
	struct guard g;
	struct db *db = db_thread();
	if (db && guard_get(db, key, &g) == 0 && g.locked_until > clock_now())
		form_alert(r, ALERT_INFO,
		           T(r, "This user ID is locked for sign-in at the moment. Completing the "
		                "reset unlocks it."),
		           false);
}

static int
identify_form(struct req *r, int status, const char *error, const char *user_id)
{
	begin(r, T(r, "Reset your password"), 0);
	html_lit(&r->out, "<p>");
	html_text(&r->out, T(r, "Enter your user ID. If you have forgotten it, ask your "
	                        "administrator."));
	html_lit(&r->out, "</p><form method=\"post\" action=\"/password/reset\">");
	form_csrf(r);
	form_field(r, &(struct field){.name = "user_id",
	                              .label = T(r, "User ID"),
	                              .value = user_id,
	                              .error = error,
	                              .autocomplete = "username",
	                              .maxlength = 40,
	                              .required = true,
	                              .autofocus = true});
	html_lit(&r->out, "<div class=\"actions\"><button class=\"btn btn-primary\" "
	                  "type=\"submit\">");
	html_text(&r->out, T(r, "Next"));
	html_lit(&r->out, "</button></div></form>");
	end(r);
	return status;
}

int
page_reset_identify_form(struct req *r)
{
	return identify_form(r, 200, NULL, NULL);
}

static int
verify_form(struct req *r, int status, const char *error, const char *user_id, const char *email)
{
	begin(r, T(r, "Reset your password"), 1);
	lock_status(r, signin_normalize(r, user_id));
	html_lit(&r->out, "<p>");
	html_text(&r->out, T(r, "Enter the e-mail address registered for your user ID. A link to "
	                        "reset your password will be sent to it."));
	html_lit(&r->out, "</p><p class=\"note\">");
	html_text(&r->out, T(r, "An address that does not match counts as a failed verification. "
	                        "After 5 in a row, reset is unavailable for 20 minutes."));
	html_lit(&r->out, "</p><form method=\"post\" action=\"/password/reset/verify\">");
	form_csrf(r);
	form_hidden(r, "user_id", user_id);
	form_field(r, &(struct field){.name = "email",
	                              .label = T(r, "E-mail address"),
	                              .type = "email",
	                              .value = email,
	                              .error = error,
	                              .autocomplete = "email",
	                              .maxlength = 254,
	                              .required = true,
	                              .autofocus = true});
	html_lit(&r->out, "<div class=\"actions\"><button class=\"btn btn-primary\" "
	                  "type=\"submit\">");
	html_text(&r->out, T(r, "Next"));
	html_lit(&r->out, "</button></div></form>");
	end(r);
	return status;
}

/* Step ① submitted: show step ② for that ID (whether it exists or not). */
int
page_reset_identify(struct req *r)
{
	const char *id = req_form(r, "user_id");
	if (params_count(&r->form, "user_id") != 1 || !id || !*id || strlen(id) > 40)
		return identify_form(r, 422, T(r, "Enter your user ID (40 characters at most)."),
		                     id);
	return verify_form(r, 200, NULL, id, NULL);
}

/* The answer of step ② in every case. */
static int
done_page(struct req *r)
{
	begin(r, T(r, "Check your e-mail"), 2);
	form_alert(r, ALERT_SUCCESS,
	           T(r, "If the user ID and e-mail address match our records, a link to reset "
	                "your password has been sent to that address. It is valid for 1 hour."),
	           false);
	html_lit(&r->out, "<p class=\"note\">");
	html_text(&r->out, T(r, "After a completed reset, reset is unavailable for 24 hours."));
	html_lit(&r->out, "</p>");
	end(r);
	return 200;
}

/*
 * Matching ID and address: void older links, make a new one and mail it, in
 * one transaction. During the 24-hour pause no link is made; the answer on
 * screen stays the same.
 */
static int
issue_link(struct req *r, struct db *db, const char *key, const struct user_auth *ua,
           const struct guard *g)
{
	if (g->reset_done_at && clock_now() - g->reset_done_at < RESET_PAUSE_SECONDS) {
		signin_audit(r, "auth.reset_paused", key, ua->id, ua->customer_id);
		return 0;
	}
	if (db_begin(db) != 0)
		return -1;
	struct recipient to = {.name = ua->name, .email = ua->email, .lang = ua->lang};
	char *raw;
	if (guard_reset_ok(db, key) != 0 || token_void(db, ua->id, "reset") != 0 ||
	    !(raw = token_create(db, "reset", ua->id, RESET_TOKEN_SECONDS, NULL, r->a)) ||
	    mail_reset_link(db, r->app, &to, key, raw, 0) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	mail_sender_kick();
	signin_audit(r, "auth.reset_requested", key, ua->id, ua->customer_id);
	return 0;
}

int
page_reset_verify(struct req *r)
{
	const char *id = req_form(r, "user_id");
	const char *email = req_form(r, "email");
	/* A form that sends a field twice (two addresses, say) is refused outright. */
	if (params_count(&r->form, "user_id") != 1 || params_count(&r->form, "email") != 1)
		return identify_form(r, 400, T(r, "The form was not valid. Please start again."),
		                     NULL);
	if (!id || !*id || strlen(id) > 40)
		return identify_form(r, 422, T(r, "Enter your user ID (40 characters at most)."),
		                     id);
	if (!email || !*email || strlen(email) > 254 || !strchr(email, '@'))
		return verify_form(r, 422, T(r, "Enter a valid e-mail address."), id, email);
	struct db *db = db_thread();
	if (!db)
		return 500;
	char *key = signin_normalize(r, id);
	struct guard g;
	if (guard_get(db, key, &g) != 0)
		return 500;
	if (g.reset_blocked_until > clock_now())
		return verify_form(r, 423,
		                   T(r, "Reset is unavailable for 20 minutes after 5 failed "
		                        "verifications. Check your registered address with your "
		                        "administrator and try again later."),
		                   id, email);
	struct user_auth ua = {0};
	int found = users_auth_by_login(db, key, r->a, &ua);
	if (found < 0)
		return 500;
	if (found && !ua.disabled && strcasecmp(ua.email, email) == 0) {
		if (issue_link(r, db, key, &ua, &g) != 0)
			return 500;
		return done_page(r);
	}
	if (db_begin(db) != 0)
		return 500;
	if (guard_reset_failed(db, key, RESET_FAILURES, clock_now() + RESET_BLOCK_SECONDS) < 0 ||
	    db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	signin_audit(r, "auth.reset_failed", key, found ? ua.id : 0, found ? ua.customer_id : 0);
	return done_page(r);
}

struct reset_ctx {
	struct token t;
	struct user u;
};

/* The live token of the URL and its user; 0 when invalid, used or expired. */
static int
load_token(struct req *r, struct reset_ctx *c)
{
	struct db *db = db_thread();
	if (!db)
		return -1;
	int found = token_find(db, "reset", r->pp[0], r->a, &c->t);
	if (found <= 0)
		return found;
	if (c->t.used || c->t.expires_at <= clock_now())
		return 0;
	if (users_get(db, c->t.user_id, r->a, &c->u) != 1 || c->u.disabled)
		return 0;
	r->lang = c->u.lang;
	return 1;
}

static int
invalid_link(struct req *r)
{
	begin(r, T(r, "Reset your password"), 2);
	form_alert(r, ALERT_ERROR,
	           T(r, "This link is not valid: it has expired, it was used already, or a newer "
	                "one was sent. Please ask for a new one."),
	           false);
	html_lit(&r->out, "<p><a href=\"/password/reset\">");
	html_text(&r->out, T(r, "Reset your password"));
	html_lit(&r->out, "</a></p>");
	end(r);
	return 404;
}

static int
set_form(struct req *r, struct reset_ctx *c, int status, const bool *failed)
{
	struct db *db = db_thread();
	enum policy_profile prof = policy_current(db);
	begin(r, T(r, "Set a new password"), 2);
	lock_status(r, c->u.login);
	if (failed)
		form_alert(r, ALERT_ERROR, T(r, "The password does not meet the rules below."),
		           false);
	html_lit(&r->out, "<p>");
	html_textf(&r->out, T(r, "User ID: %s"), c->u.login);
	html_lit(&r->out, "</p><form method=\"post\"");
	html_attr(&r->out, "action", arena_printf(r->a, "/password/reset/%s", r->pp[0]));
	html_lit(&r->out, ">");
	form_csrf(r);
	html_lit(&r->out, "<input type=\"text\" name=\"username\" autocomplete=\"username\" "
	                  "hidden");
	html_attr(&r->out, "value", c->u.login);
	html_lit(&r->out, ">");
	form_field(r, &(struct field){.name = "password",
	                              .label = T(r, "New password"),
	                              .type = "password",
	                              .autocomplete = "new-password",
	                              .required = true,
	                              .autofocus = true});
	form_field(r, &(struct field){.name = "confirm",
	                              .label = T(r, "New password (again)"),
	                              .type = "password",
	                              .autocomplete = "new-password",
	                              .required = true});
	form_password_rules(r, prof, c->u.has_totp || c->u.mfa_required, failed, "password",
	                    "confirm");
	html_lit(&r->out, "<div class=\"actions\"><button class=\"btn btn-primary\" "
	                  "type=\"submit\" data-needs-rules>");
	html_text(&r->out, T(r, "Reset password"));
	html_lit(&r->out, "</button></div></form>");
	end(r);
	return status;
}

int
page_reset_set_form(struct req *r)
{
	struct reset_ctx c;
	int found = load_token(r, &c);
	if (found < 0)
		return 500;
	return found ? set_form(r, &c, 200, NULL) : invalid_link(r);
}

/*
 * Everything a completed reset changes, in one transaction: the password,
 * the link used, other links and trusted browsers voided, every session
 * ended, the ID unlocked and paused for reset, the audit line, the mail.
 */
static int
apply_reset(struct req *r, struct db *db, struct reset_ctx *c, const char *hash)
{
	if (db_begin(db) != 0)
		return -1;
	struct recipient to = {.name = c->u.name, .email = c->u.email, .lang = c->u.lang};
	struct audit_event ev = {.event = "auth.password_reset",
	                         .actor_id = c->u.id,
	                         .customer_id = c->u.customer_id,
	                         .login = c->u.login,
	                         .ip = r->remote_ip,
	                         .user_agent = r->user_agent};
	if (token_use(db, c->t.id) != 1 || users_set_password(db, c->u.id, hash) != 0 ||
	    token_void(db, c->u.id, "reset") != 0 || token_void(db, c->u.id, "trust") != 0 ||
	    session_rows_delete_others(db, c->u.id, NULL) != 0 ||
	    guard_reset_done(db, c->u.login, clock_now()) != 0 || audit_add(db, &ev) != 0 ||
	    mail_reset_done(db, r->app, &to) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	mail_sender_kick();
	return 0;
}

int
page_reset_set(struct req *r)
{
	struct reset_ctx c;
	int found = load_token(r, &c);
	if (found < 0)
		return 500;
	if (!found)
		return invalid_link(r);
	if (params_count(&r->form, "password") != 1 || params_count(&r->form, "confirm") != 1)
		return set_form(r, &c, 400, (bool[RULE__MAX]){[RULE_CONFIRM] = true});
	struct db *db = db_thread();
	bool failed[RULE__MAX];
	struct policy_input in = {.password = req_form(r, "password"),
	                          .confirm = req_form(r, "confirm"),
	                          .login = c.u.login,
	                          .name = c.u.name,
	                          .has_mfa = c.u.has_totp || c.u.mfa_required};
	if (!policy_check(policy_current(db), &in, failed))
		return set_form(r, &c, 422, failed);
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(in.password, hash) != 0)
		return 500;
	int rc = apply_reset(r, db, &c, hash);
	sodium_memzero(hash, sizeof(hash));
	if (rc != 0)
		return invalid_link(r); /* used by a concurrent request meanwhile */
	return req_redirect(r, "/login?reset=1");
}
