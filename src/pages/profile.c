/*
 * Profile (ユーザー設定, guide 4.13): name, e-mail address (changed only once
 * the new address confirms it), title, phones, time zone and language (both
 * apply at once), the password change, and the authenticator app set-up and
 * removal.
 */
#include "app.h"
#include "auth/limits.h"
#include "auth/mfa.h"
#include "web/qr.h"
#include "auth/password.h"
#include "auth/policy.h"
#include "http/session.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/tz.h"
#include "http/request.h"
#include "mail/account_mails.h"
#include "mail/sender.h"
#include "pages/pages.h"
#include "pages/signin.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/tokens.h"
#include "store/users.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <sodium.h>
#include <string.h>
#include <strings.h>

#define NAME_MAX_LEN  100
#define FIELD_MAX_LEN 100

static const char *const lang_values[] = {"ja", "en"};
static const char *const lang_labels[] = {"日本語", "English"};

static void
sub_nav(struct req *r, const char *current)
{
	static const struct {
		const char *href, *label;
	} items[] = {{"/profile", N_("Profile")},
	             {"/profile/password", N_("Change password")},
	             {"/profile/mfa", N_("Multi-factor authentication")}};
	struct buf *b = &r->out;
	html_lit(b, "<nav class=\"subnav\"");
	html_attr(b, "aria-label", T(r, "Profile"));
	html_lit(b, "><ul>");
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		html_lit(b, "<li><a");
		html_attr(b, "href", items[i].href);
		if (strcmp(current, items[i].href) == 0)
			html_lit(b, " aria-current=\"page\"");
		html_lit(b, ">");
		html_text(b, T(r, items[i].label));
		html_lit(b, "</a></li>");
	}
	html_lit(b, "</ul></nav>");
}

static void
begin(struct req *r, const char *title, const char *path)
{
	struct page p = {.title = title, .menu = "profile"};
	layout_begin(r, &p);
	html_lit(&r->out, "<h1 class=\"page-title\">");
	html_text(&r->out, title);
	html_lit(&r->out, "</h1>");
	sub_nav(r, path);
}

static void
audit(struct req *r, struct db *db, const char *event)
{
	struct audit_event ev = {.event = event,
	                         .actor_id = r->user->id,
	                         .customer_id = r->user->customer_id,
	                         .login = r->user->login,
	                         .ip = r->remote_ip,
	                         .user_agent = r->user_agent};
	audit_add(db, &ev);
}

/* Errors of the profile form, one per field. */
struct profile_errors {
	const char *name, *email, *title, *phone_work, *phone_mobile, *time_zone, *lang;
	bool any;
};

static int
profile_form(struct req *r, const struct user *u, const struct user_edit *e,
             const struct profile_errors *err, int status)
{
	begin(r, T(r, "Profile"), "/profile");
	if (err && err->any)
		form_alert(r, ALERT_ERROR, T(r, "Please correct the fields marked below."), false);
	else if (req_query(r, "saved"))
		form_alert(r, ALERT_SUCCESS, T(r, "Your profile has been saved."), true);
	else if (req_query(r, "email_sent"))
		form_alert(r, ALERT_INFO,
		           T(r, "A confirmation has been sent to the new address. The address "
		                "changes when you open the link in it."),
		           true);
	else if (req_query(r, "email_changed"))
		form_alert(r, ALERT_SUCCESS, T(r, "Your e-mail address has been changed."), true);
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/profile\" data-ctrl-s>");
	form_csrf(r);
	form_required_legend(r);
	html_lit(b, "<p>");
	html_textf(b, T(r, "User ID: %s"), u->login);
	html_lit(b, "</p>");
	form_field(r, &(struct field){.name = "name",
	                              .label = T(r, "Name"),
	                              .value = e->name,
	                              .error = err ? err->name : NULL,
	                              .autocomplete = "name",
	                              .maxlength = NAME_MAX_LEN,
	                              .required = true});
	form_field(r, &(struct field){.name = "email",
	                              .label = T(r, "E-mail address"),
	                              .type = "email",
	                              .value = e->email,
	                              .error = err ? err->email : NULL,
	                              .autocomplete = "email",
	                              .maxlength = 254,
	                              .required = true,
	                              .hint = T(r, "A new address is used once you confirm it from "
	                                           "the mail sent to it.")});
	form_field(r, &(struct field){.name = "title",
	                              .label = T(r, "Title"),
	                              .value = e->title,
	                              .error = err ? err->title : NULL,
	                              .autocomplete = "organization-title",
	                              .maxlength = FIELD_MAX_LEN});
	form_field(r, &(struct field){.name = "phone_work",
	                              .label = T(r, "Work phone"),
	                              .type = "tel",
	                              .value = e->phone_work,
	                              .error = err ? err->phone_work : NULL,
	                              .autocomplete = "tel",
	                              .maxlength = 30});
	form_field(r, &(struct field){.name = "phone_mobile",
	                              .label = T(r, "Mobile phone"),
	                              .type = "tel",
	                              .value = e->phone_mobile,
	                              .error = err ? err->phone_mobile : NULL,
	                              .autocomplete = "tel",
	                              .maxlength = 30});
	form_select(r, "time_zone", T(r, "Time zone"), tz_choices, tz_choices,
	            (int)tz_choices_count, e->time_zone);
	form_select(r, "lang", T(r, "Language"), lang_values, lang_labels, 2, lang_code(e->lang));
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Save"));
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return status;
}

static int
load_me(struct req *r, struct user *u)
{
	struct db *db = db_thread();
	return db && users_get(db, r->user->id, r->a, u) == 1 ? 0 : -1;
}

int
page_profile(struct req *r)
{
	struct user u;
	if (load_me(r, &u) != 0)
		return 500;
	struct user_edit e = {.name = u.name,
	                      .email = u.email,
	                      .title = u.title,
	                      .phone_work = u.phone_work,
	                      .phone_mobile = u.phone_mobile,
	                      .time_zone = u.time_zone,
	                      .lang = u.lang};
	return profile_form(r, &u, &e, NULL, 200);
}

/* A one-line text field: trimmed by the browser, checked here. */
static const char *
check_text(struct req *r, const char *v, size_t max, bool required)
{
	if (!v || !*v)
		return required ? T(r, "This field is required.") : NULL;
	if (strlen(v) > max * 4) /* bytes: a UTF-8 character takes up to 4 */
		return T(r, "This is too long.");
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20)
			return T(r, "Line breaks and control characters are not allowed.");
	return NULL;
}

bool
email_valid(const char *e)
{
	if (!e || strlen(e) > 254)
		return false;
	const char *at = strchr(e, '@');
	if (!at || at == e || !at[1] || strchr(at + 1, '@') || !strchr(at + 1, '.'))
		return false;
	for (const char *c = e; *c; c++)
		if ((unsigned char)*c <= 0x20 || *c == 0x7f || strchr("<>()[],;:\\\"", *c))
			return false;
	return true;
}

/* Queues the confirmation of a new address (the address itself changes later). */
static int
start_email_change(struct req *r, struct db *db, const struct user *u, const char *email)
{
	struct recipient to = {.name = u->name, .email = email, .lang = u->lang};
	if (token_void(db, u->id, "email") != 0) /* only the newest request counts */
		return -1;
	char *raw = token_create(db, "email", u->id, EMAIL_TOKEN_SECONDS, email, r->a);
	return raw && mail_email_confirm(db, r->app, &to, raw) == 0 ? 0 : -1;
}

int
page_profile_save(struct req *r)
{
	struct user u;
	if (load_me(r, &u) != 0)
		return 500;
	struct user_edit e = {.name = req_form(r, "name"),
	                      .email = req_form(r, "email"),
	                      .title = req_form(r, "title"),
	                      .phone_work = req_form(r, "phone_work"),
	                      .phone_mobile = req_form(r, "phone_mobile"),
	                      .time_zone = req_form(r, "time_zone"),
	                      .lang = u.lang};
	struct profile_errors err = {0};
	err.name = check_text(r, e.name, NAME_MAX_LEN, true);
	err.title = check_text(r, e.title, FIELD_MAX_LEN, false);
	err.phone_work = check_text(r, e.phone_work, 30, false);
	err.phone_mobile = check_text(r, e.phone_mobile, 30, false);
	if (!email_valid(e.email))
		err.email = T(r, "Enter a valid e-mail address.");
	if (!tz_valid(e.time_zone)) {
		err.time_zone = T(r, "Choose a time zone from the list.");
		e.time_zone = u.time_zone;
	}
	if (lang_parse(req_form(r, "lang"), &e.lang) != 0)
		err.lang = T(r, "Choose a language from the list.");
	err.any = err.name || err.email || err.title || err.phone_work || err.phone_mobile ||
	          err.time_zone || err.lang;
	if (err.any)
		return profile_form(r, &u, &e, &err, 422);
	if (!e.title)
		e.title = "";
	if (!e.phone_work)
		e.phone_work = "";
	if (!e.phone_mobile)
		e.phone_mobile = "";
	bool email_changes = strcasecmp(e.email, u.email) != 0;
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return 500;
	if (users_update_profile(db, u.id, &e) != 0 ||
	    (email_changes && start_email_change(r, db, &u, e.email) != 0)) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "account.updated");
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	if (email_changes)
		mail_sender_kick();
	/* The new language shows on the very next page. */
	req_cookie(r, "mg_lang", lang_code(e.lang), 365L * 24 * 3600);
	return req_redirect(r, email_changes ? "/profile?email_sent=1" : "/profile?saved=1");
}

/* GET /profile/email/:token: the new address confirmed by its owner. */
int
page_profile_email_confirm(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct token t;
	int found = token_find(db, "email", r->pp[0], r->a, &t);
	if (found < 0)
		return 500;
	if (!found || t.used || t.expires_at <= clock_now() || t.user_id != r->user->id)
		return 404;
	struct user u;
	if (load_me(r, &u) != 0)
		return 500;
	struct recipient old_to = {.name = u.name, .email = u.email, .lang = u.lang};
	if (db_begin(db) != 0)
		return 500;
	if (token_use(db, t.id) != 1 || users_set_email(db, u.id, t.data) != 0 ||
	    mail_email_changed(db, r->app, &old_to, t.data) != 0) {
		db_rollback(db);
		return 404;
	}
	audit(r, db, "account.email_changed");
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	mail_sender_kick();
	return req_redirect(r, "/profile?email_changed=1");
}

static int
password_form(struct req *r, int status, const char *error, const bool *failed)
{
	struct db *db = db_thread();
	struct user u;
	if (load_me(r, &u) != 0)
		return 500;
	begin(r, T(r, "Change password"), "/profile/password");
	if (error)
		form_alert(r, ALERT_ERROR, error, false);
	else if (req_query(r, "saved"))
		form_alert(r, ALERT_SUCCESS,
		           T(r, "Your password has been changed. Your other sessions have been "
		                "signed out."),
		           true);
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/profile/password\">");
	form_csrf(r);
	html_lit(b, "<input type=\"text\" name=\"username\" autocomplete=\"username\" hidden");
	html_attr(b, "value", u.login);
	html_lit(b, ">");
	form_field(r, &(struct field){.name = "current",
	                              .label = T(r, "Current password"),
	                              .type = "password",
	                              .autocomplete = "current-password",
	                              .required = true});
	form_field(r, &(struct field){.name = "password",
	                              .label = T(r, "New password"),
	                              .type = "password",
	                              .autocomplete = "new-password",
	                              .required = true});
	form_field(r, &(struct field){.name = "confirm",
	                              .label = T(r, "New password (again)"),
	                              .type = "password",
	                              .autocomplete = "new-password",
	                              .required = true});
	form_password_rules(r, policy_current(db), u.has_totp || u.mfa_required, failed, "password",
	                    "confirm");
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\" "
	            "data-needs-rules>");
	html_text(b, T(r, "Change password"));
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return status;
}

int
page_profile_password_form(struct req *r)
{
	return password_form(r, 200, NULL, NULL);
}

int
page_profile_password(struct req *r)
{
	struct db *db = db_thread();
	struct user u;
	struct user_auth ua;
	if (!db || load_me(r, &u) != 0 || users_auth_by_login(db, u.login, r->a, &ua) != 1)
		return 500;
	if (!password_verify(ua.password_hash, req_form(r, "current"))) {
		signin_audit(r, "auth.password_change_failed", u.login, u.id, u.customer_id);
		return password_form(r, 422, T(r, "The current password is not correct."), NULL);
	}
	bool failed[RULE__MAX];
	struct policy_input in = {.password = req_form(r, "password"),
	                          .confirm = req_form(r, "confirm"),
	                          .login = u.login,
	                          .name = u.name,
	                          .has_mfa = u.has_totp || u.mfa_required};
	if (!policy_check(policy_current(db), &in, failed))
		return password_form(
		    r, 422, T(r, "The new password does not meet the rules below."), failed);
	if (strcmp(in.password, req_form(r, "current")) == 0)
		return password_form(
		    r, 422, T(r, "Choose a password different from the current one."), NULL);
	char hash[PASSWORD_HASH_MAX];
	if (password_hash(in.password, hash) != 0)
		return 500;
	int rc = -1;
	if (db_begin(db) == 0) {
		rc = users_set_password(db, u.id, hash) == 0 && session_end_others(r, u.id) == 0 &&
		             token_void(db, u.id, "trust") == 0
		         ? 0
		         : -1;
		if (rc == 0)
			audit(r, db, "auth.password_changed");
		if (rc != 0 || db_commit(db) != 0) {
			db_rollback(db);
			rc = -1;
		}
	}
	sodium_memzero(hash, sizeof(hash));
	return rc == 0 ? req_redirect(r, "/profile/password?saved=1") : 500;
}

static int
mfa_page(struct req *r, int status, const char *error)
{
	struct db *db = db_thread();
	char *sealed = NULL, *pending = NULL;
	int64_t last = 0;
	if (!db || users_totp_get(db, r->user->id, r->a, &sealed, &pending, &last) != 1)
		return 500;
	begin(r, T(r, "Multi-factor authentication"), "/profile/mfa");
	if (error)
		form_alert(r, ALERT_ERROR, error, false);
	else if (req_query(r, "enabled"))
		form_alert(r, ALERT_SUCCESS, T(r, "Your authenticator app is set up."), true);
	else if (req_query(r, "removed"))
		form_alert(r, ALERT_SUCCESS, T(r, "Your authenticator app has been removed."),
		           true);
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\">");
	if (sealed) {
		html_lit(b, "<p>");
		html_text(b, T(r, "An authenticator app is set up for your account."));
		html_lit(b, "</p><form method=\"post\" action=\"/profile/mfa/remove\"");
		html_attr(b, "data-confirm", T(r, "Remove the authenticator app?"));
		html_lit(b, ">");
		form_csrf(r);
		form_field(r, &(struct field){.name = "current",
		                              .label = T(r, "Current password"),
		                              .type = "password",
		                              .autocomplete = "current-password",
		                              .required = true});
		html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" "
		            "type=\"submit\">");
		html_text(b, T(r, "Remove the authenticator app"));
		html_lit(b, "</button></div></form>");
	} else if (pending) {
		unsigned char *secret = mfa_unseal(r->app->seal_key, pending, r->a);
		if (!secret)
			return 500;
		char *uri = mfa_otpauth_uri(r->app->provider_name, r->user->login, secret, r->a);
		char *b32 = mfa_base32(secret, r->a);
		sodium_memzero(secret, TOTP_SECRET_BYTES);
		if (!uri || !b32)
			return 500;
		html_lit(b, "<ol class=\"mfa-steps\"><li>");
		html_text(b, T(r, "Scan this QR code with your authenticator app."));
		html_lit(b, "<div class=\"qr-wrap\">");
		if (qr_svg(b, uri, T(r, "QR code for the authenticator app")) != 0)
			return 500;
		html_lit(b, "</div></li><li>");
		html_text(b, T(r, "Or enter this key in the app:"));
		html_lit(b, " <code class=\"secret\" data-testid=\"totp-secret\">");
		html_text(b, b32);
		html_lit(b, "</code></li><li>");
		html_text(b, T(r, "Enter the 6-digit code the app shows to finish pairing."));
		html_lit(b, "</li></ol><form method=\"post\" action=\"/profile/mfa/confirm\">");
		form_csrf(r);
		form_field(r, &(struct field){.name = "code",
		                              .label = T(r, "6-digit verification code"),
		                              .autocomplete = "one-time-code",
		                              .maxlength = 7,
		                              .required = true,
		                              .extra_class = "field-code"});
		html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" "
		            "type=\"submit\">");
		html_text(b, T(r, "Verify"));
		html_lit(b, "</button></div></form>");
	} else {
		html_lit(b, "<p>");
		html_text(b, T(r, "Set up a time-based one-time password (TOTP) app on your phone "
		                  "to protect your sign-in with a second factor."));
		html_lit(b, "</p><form method=\"post\" action=\"/profile/mfa/start\">");
		form_csrf(r);
		html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" "
		            "type=\"submit\">");
		html_text(b, T(r, "Set up an authenticator app"));
		html_lit(b, "</button></div></form>");
	}
	html_lit(b, "</section>");
	layout_end(r);
	return status;
}

int
page_profile_mfa(struct req *r)
{
	return mfa_page(r, 200, NULL);
}

/* A new pending secret (replacing any earlier unconfirmed one). */
int
page_profile_mfa_start(struct req *r)
{
	struct db *db = db_thread();
	unsigned char *secret = mfa_new_secret(r->a);
	char *sealed = mfa_seal(r->app->seal_key, secret, r->a);
	sodium_memzero(secret, TOTP_SECRET_BYTES);
	if (!db || !sealed || users_totp_set_pending(db, r->user->id, sealed) != 0)
		return 500;
	return req_redirect(r, "/profile/mfa");
}

int
page_profile_mfa_confirm(struct req *r)
{
	struct db *db = db_thread();
	char *sealed = NULL, *pending = NULL;
	int64_t last = 0;
	if (!db || users_totp_get(db, r->user->id, r->a, &sealed, &pending, &last) != 1)
		return 500;
	if (!pending)
		return req_redirect(r, "/profile/mfa");
	unsigned char *secret = mfa_unseal(r->app->seal_key, pending, r->a);
	if (!secret)
		return 500;
	int64_t step = mfa_totp_check(secret, req_form(r, "code"), clock_now());
	sodium_memzero(secret, TOTP_SECRET_BYTES);
	if (step < 0)
		return mfa_page(r, 422,
		                T(r, "The code is not correct. Check the time of your "
		                     "phone and try again."));
	if (db_begin(db) != 0)
		return 500;
	if (users_totp_confirm(db, r->user->id, step) != 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "auth.mfa_enabled");
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r, "/profile/mfa?enabled=1");
}

int
page_profile_mfa_remove(struct req *r)
{
	struct db *db = db_thread();
	struct user_auth ua;
	if (!db || users_auth_by_login(db, r->user->login, r->a, &ua) != 1)
		return 500;
	if (!password_verify(ua.password_hash, req_form(r, "current")))
		return mfa_page(r, 422, T(r, "The current password is not correct."));
	if (db_begin(db) != 0)
		return 500;
	if (users_totp_clear(db, r->user->id) != 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "auth.mfa_removed");
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r, "/profile/mfa?removed=1");
}
