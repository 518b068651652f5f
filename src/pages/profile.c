/*
 * Profile (ユーザー設定, guide 4.13): name, e-mail address (changed only once
 * the new address confirms it), title, phones, time zone and language (both
 * apply at once), the password change, and the authenticator app set-up and
 * removal.
 */
#include "accounts/profile.h"
#include "accounts/staff.h"
#include "app.h"
#include "auth/mfa.h"
#include "auth/policy.h"
#include "core/arena.h"
#include "core/tz.h"
#include "http/request.h"
#include "http/session.h"
#include "pages/pages.h"
#include "store/db.h"
#include "store/users.h"
#include "views/person_fields.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/qr.h"

#include <sodium.h>
#include <string.h>

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

/* The notices after a redirect (?saved=1 …), one table per page. */
enum { PROFILE_SAVED, PROFILE_EMAIL_SENT, PROFILE_EMAIL_CHANGED };
static const struct field_decl profile_done_decl[] = {
    [PROFILE_SAVED] = {.name = "saved", .kind = FIELD_BOOL},
    [PROFILE_EMAIL_SENT] = {.name = "email_sent", .kind = FIELD_BOOL},
    [PROFILE_EMAIL_CHANGED] = {.name = "email_changed", .kind = FIELD_BOOL},
};
static const struct field_decl saved_decl[] = {{.name = "saved", .kind = FIELD_BOOL}};
enum { MFA_ENABLED, MFA_REMOVED };
static const struct field_decl mfa_done_decl[] = {
    [MFA_ENABLED] = {.name = "enabled", .kind = FIELD_BOOL},
    [MFA_REMOVED] = {.name = "removed", .kind = FIELD_BOOL},
};

/* The form with e's values; d (NULL on a first view) holds the refusal. */
static int
profile_form(struct req *r, const struct user *u, const struct user_edit *e, const struct dom *d,
             int status)
{
	begin(r, T(r, "Profile"), "/profile");
	int done = fields_first_flag(r, profile_done_decl, FIELDS_N(profile_done_decl));
	if (d && d->nerrors)
		form_alert(r, ALERT_ERROR, T(r, "Please correct the fields marked below."), false);
	else if (done == PROFILE_SAVED)
		form_alert(r, ALERT_SUCCESS, T(r, "Your profile has been saved."), true);
	else if (done == PROFILE_EMAIL_SENT)
		form_alert(r, ALERT_INFO,
		           T(r, "A confirmation has been sent to the new address. The address "
		                "changes when you open the link in it."),
		           true);
	else if (done == PROFILE_EMAIL_CHANGED)
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
	                              .error = d ? web_error(r, d, "name") : NULL,
	                              .autocomplete = "name",
	                              .maxlength = PERSON_NAME_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "email",
	                              .label = T(r, "E-mail address"),
	                              .type = "email",
	                              .value = e->email,
	                              .error = d ? web_error(r, d, "email") : NULL,
	                              .autocomplete = "email",
	                              .maxlength = PERSON_EMAIL_MAX,
	                              .required = true,
	                              .hint = T(r, "A new address is used once you confirm it from "
	                                           "the mail sent to it.")});
	form_field(r, &(struct field){.name = "title",
	                              .label = T(r, "Title"),
	                              .value = e->title,
	                              .error = d ? web_error(r, d, "title") : NULL,
	                              .autocomplete = "organization-title",
	                              .maxlength = PERSON_NAME_MAX});
	form_field(r, &(struct field){.name = "phone_work",
	                              .label = T(r, "Work phone"),
	                              .type = "tel",
	                              .value = e->phone_work,
	                              .error = d ? web_error(r, d, "phone_work") : NULL,
	                              .autocomplete = "tel",
	                              .maxlength = PERSON_PHONE_MAX});
	form_field(r, &(struct field){.name = "phone_mobile",
	                              .label = T(r, "Mobile phone"),
	                              .type = "tel",
	                              .value = e->phone_mobile,
	                              .error = d ? web_error(r, d, "phone_mobile") : NULL,
	                              .autocomplete = "tel",
	                              .maxlength = PERSON_PHONE_MAX});
	form_select(r, "time_zone", T(r, "Time zone"), tz_choices, tz_choices,
	            (int)tz_choices_count, e->time_zone);
	form_select(r, "lang", T(r, "Language"), lang_values, lang_labels, 2, lang_code(e->lang));
	form_submit(r, T(r, "Save"));
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

int
page_profile_save(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[PERSON_F__MAX];
	fields_read(r, FROM_FORM, person_decl, PERSON_F__MAX, &d, v);
	struct person_input in;
	person_input_from(v, &in);
	bool email_pending = false;
	int st = profile_update(&d, &in, &email_pending);
	if (st == DOM_INVALID) {
		struct user u;
		if (load_me(r, &u) != 0)
			return 500;
		struct user_edit e = {.name = in.name,
		                      .email = in.email,
		                      .title = in.title,
		                      .phone_work = in.phone_work,
		                      .phone_mobile = in.phone_mobile,
		                      .time_zone =
		                          dom_error(&d, "time_zone") ? u.time_zone : in.time_zone};
		if (!in.lang || lang_parse(in.lang, &e.lang) != 0)
			e.lang = u.lang;
		return profile_form(r, &u, &e, &d, 422);
	}
	if (st != DOM_OK)
		return web_status(st);
	/* The new language shows on the very next page. */
	req_cookie(r, "mg_lang", in.lang, 365L * 24 * 3600);
	return req_redirect(r, email_pending ? "/profile?email_sent=1" : "/profile?saved=1");
}

/* GET /profile/email/:token: the new address confirmed by its owner. */
int
page_profile_email_confirm(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int st = profile_email_confirm(&d, r->pp[0]);
	return st == DOM_OK ? req_redirect(r, "/profile?email_changed=1") : web_status(st);
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
	else if (fields_first_flag(r, saved_decl, 1) == 0)
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
	html_text(b, T(r, "Change")); /* the guide's 変更 */
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return status;
}

int
page_profile_password_form(struct req *r)
{
	return password_form(r, 200, NULL, NULL);
}

/* Passwords as typed: the rules (and the password policy) judge them. */
static const struct field_decl password_decl[] = {
    {.name = "current", .kind = FIELD_ASIS},
    {.name = "password", .kind = FIELD_ASIS},
    {.name = "confirm", .kind = FIELD_ASIS},
};

int
page_profile_password(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	d.who.session_hash = session_hash_of(r); /* this session stays signed in */
	bool failed[RULE__MAX];
	struct field_value v[FIELDS_N(password_decl)];
	fields_read(r, FROM_FORM, password_decl, FIELDS_N(password_decl), &d, v);
	int st = profile_password_change(&d, v[0].text, v[1].text, v[2].text, failed);
	if (st == DOM_INVALID)
		return password_form(r, 422, T(r, d.message), failed);
	return st == DOM_OK ? req_redirect(r, "/profile/password?saved=1") : web_status(st);
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
	int done = fields_first_flag(r, mfa_done_decl, FIELDS_N(mfa_done_decl));
	if (error)
		form_alert(r, ALERT_ERROR, error, false);
	else if (done == MFA_ENABLED)
		form_alert(r, ALERT_SUCCESS, T(r, "Your authenticator app is set up."), true);
	else if (done == MFA_REMOVED)
		form_alert(r, ALERT_SUCCESS, T(r, "Your authenticator app has been removed."),
		           true);
	bool staff_keeps = r->user->is_staff && staff_mfa_required(db);
	if (!sealed && staff_keeps)
		form_alert(r, ALERT_INFO,
		           T(r, "Staff must use an authenticator app. Set it up below to open the "
		                "console."),
		           false);
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\">");
	if (sealed && staff_keeps) {
		html_lit(b, "<p>");
		html_text(b,
		          T(r, "An authenticator app is set up for your account. Staff must keep "
		               "it; if the device is lost, a provider admin can remove it."));
		html_lit(b, "</p>");
	} else if (sealed) {
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
		form_submit(r, T(r, "Pair the device")); /* the guide's デバイスのペアリング */
	} else {
		html_lit(b, "<p>");
		html_text(b, T(r, "Set up a time-based one-time password (TOTP) app on your phone "
		                  "to protect your sign-in with a second factor."));
		html_lit(b, "</p><form method=\"post\" action=\"/profile/mfa/start\">");
		form_csrf(r);
		form_submit(r, T(r, "Set up an authenticator app"));
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
	struct dom d;
	web_dom(r, &d);
	int st = profile_mfa_start(&d);
	return st == DOM_OK ? req_redirect(r, "/profile/mfa") : web_status(st);
}

static const struct field_decl code_decl[] = {{.name = "code", .kind = FIELD_ASIS}};
static const struct field_decl current_decl[] = {{.name = "current", .kind = FIELD_ASIS}};

int
page_profile_mfa_confirm(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value code;
	fields_read(r, FROM_FORM, code_decl, 1, &d, &code);
	int st = profile_mfa_confirm(&d, code.text);
	if (st == DOM_INVALID)
		return mfa_page(r, 422, T(r, d.message));
	if (st == DOM_CONFLICT) /* nothing pending: the page offers to start */
		return req_redirect(r, "/profile/mfa");
	return st == DOM_OK ? req_redirect(r, "/profile/mfa?enabled=1") : web_status(st);
}

int
page_profile_mfa_remove(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value current;
	fields_read(r, FROM_FORM, current_decl, 1, &d, &current);
	int st = profile_mfa_remove(&d, current.text);
	if (st == DOM_INVALID || st == DOM_CONFLICT)
		return mfa_page(r, web_status(st), T(r, d.message));
	return st == DOM_OK ? req_redirect(r, "/profile/mfa?removed=1") : web_status(st);
}
