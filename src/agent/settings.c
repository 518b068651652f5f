/*
 * The provider's settings (provider admins): the provider's names shown in
 * pages and mails, the privacy-policy address, and the password profile
 * (the guide's rules or NIST SP 800-63B-4). Changes apply to later forms;
 * names shown in the page chrome apply after a restart.
 */
#include "app.h"
#include "auth/policy.h"
#include "cases/auto_close.h"
#include "cases/report_delivery.h"
#include "core/arena.h"
#include "http/request.h"
#include "agent/console.h"
#include "provider/settings.h"
#include "store/db.h"
#include "store/settings.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

static const char *const profile_values[] = {"guide", "nist", NULL};

/* The form's fields; limits and messages are provider_settings_save's. */
enum { SET_SHORT_NAME, SET_PROFILE, SET_WORDS, SET_AUTO_CLOSE, SET_MONTHLY_REPORTS };
static const struct field_decl settings_decl[] = {
    [SET_SHORT_NAME] = {.name = "short_name",
                        .kind = FIELD_LINE,
                        .required = true,
                        .max_chars = PROVIDER_SHORT_NAME_MAX,
                        .msgid = N_("Enter the short name (20 characters at most)."),
                        .missing = N_("Enter the short name (20 characters at most).")},
    [SET_PROFILE] = {.name = "password_profile",
                     .kind = FIELD_CHOICE,
                     .required = true,
                     .choices = profile_values,
                     .msgid = N_("Choose password rules from the list."),
                     .missing = N_("Choose password rules from the list.")},
    [SET_WORDS] = {.name = "password_words",
                   .kind = FIELD_LINE,
                   .max_chars = PROVIDER_PASSWORD_WORDS_MAX,
                   .msgid = N_("Enter the words on one line, 500 characters at most.")},
    [SET_AUTO_CLOSE] = {.name = "auto_close_days",
                        .kind = FIELD_LINE,
                        .max_chars = 8,
                        .msgid = N_("Enter a number of days from 0 to 90.")},
    [SET_MONTHLY_REPORTS] = {.name = "monthly_reports", .kind = FIELD_BOOL},
};
static const struct field_decl saved_decl[] = {{.name = "saved", .kind = FIELD_BOOL}};

static int
render(struct req *r, int status, const char *error, const struct provider_settings_in *in,
       const char *auto_close_error)
{
	struct page p = {.title = T(r, "Portal settings"), .menu = "settings"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (error)
		form_alert(r, ALERT_ERROR, error, false);
	else if (fields_first_flag(r, saved_decl, 1) == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The settings have been saved."), true);
	const char *labels[] = {T(r, "The guide's rules (12–40 characters, four kinds)"),
	                        T(r, "NIST SP 800-63B-4 (15 characters, 12 with MFA; no "
	                             "composition rules)")};
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/console/settings\">");
	form_csrf(r);
	form_field(r, &(struct field){.name = "short_name",
	                              .label = T(r, "Provider's short name (shown in the state "
	                                            "\"… working\")"),
	                              .value = in->short_name,
	                              .maxlength = PROVIDER_SHORT_NAME_MAX,
	                              .required = true});
	form_select(r, "password_profile", T(r, "Password rules"), profile_values, labels, 2,
	            in->password_profile);
	form_field(r, &(struct field){.name = "password_words",
	                              .label = T(r, "Words no password may contain"),
	                              .value = in->password_words,
	                              .maxlength = PROVIDER_PASSWORD_WORDS_MAX,
	                              .hint = T(r, "Separated by spaces, e.g. your name in Latin "
	                                           "letters and your brands. The provider's and "
	                                           "the customer's names and the parts of the "
	                                           "user's address are refused as well.")});
	form_field(r,
	           &(struct field){.name = "auto_close_days",
	                           .label = T(r, "Resolved cases close by themselves after (days)"),
	                           .type = "number",
	                           .value = in->auto_close_days,
	                           .error = auto_close_error,
	                           .maxlength = 2,
	                           .hint = T(r, "Counted from the resolution when the customer "
	                                        "does not answer; the contact is told a day "
	                                        "before. 0: never.")});
	form_checkbox(r, "monthly_reports",
	              T(r, "Deliver the monthly report on the 1st: a case of the category "
	                   "\"Monthly report delivery\" with the previous month's PDF, for every "
	                   "customer with a contract"),
	              in->monthly_reports == 1);
	form_submit(r, T(r, "Save"));
	layout_end(r);
	return status;
}

int
page_console_settings(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	const char *profile = policy_current(db) == POLICY_NIST ? "nist" : "guide";
	const char *short_name = settings_get(db, "provider.short_name", r->a);
	const char *words = settings_get(db, "password.context_words", r->a);
	struct provider_settings_in in = {
	    short_name ? short_name : r->app->provider_short, profile, words ? words : "",
	    arena_printf(r->a, "%d", case_auto_close_days(db)), report_delivery_since(db) != 0};
	return render(r, 200, NULL, &in, NULL);
}

int
page_console_settings_save(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(settings_decl)];
	fields_read(r, FROM_FORM, settings_decl, FIELDS_N(settings_decl), &d, v);
	struct provider_settings_in in = {v[SET_SHORT_NAME].text, v[SET_PROFILE].text,
	                                  v[SET_WORDS].text,
	                                  /* left empty or not sent: kept */
	                                  v[SET_AUTO_CLOSE].present ? v[SET_AUTO_CLOSE].text : NULL,
	                                  /* a check box: not sent is off */
	                                  v[SET_MONTHLY_REPORTS].num == 1};
	int st = provider_settings_save(&d, &in);
	if (st == DOM_INVALID) {
		const char *e = web_error(r, &d, "short_name");
		if (!e)
			e = web_error(r, &d, "password_profile");
		if (!e)
			e = web_error(r, &d, "password_words");
		if (!e)
			e = T(r, "Check the fields marked below. Nothing was saved.");
		if (dom_error(&d, "password_profile"))
			in.password_profile = "guide";
		return render(r, 422, e, &in, web_error(r, &d, "auto_close_days"));
	}
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, "/console/settings?saved=1");
}
