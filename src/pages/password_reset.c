/*
 * Password reset and first sign-in (guide 4.4, 5.2): ① 特定 the user ID,
 * ② 検証 the registered e-mail address, ③ リセット through a single-use link
 * sent by mail. The pages read the forms and show the steps; the rules (the
 * same answer whether or not the ID and address match, the block after
 * failed verifications, the pause after a completed reset, the password
 * policy, what a completed reset ends) are accounts/reset.h's.
 */
#include "accounts/reset.h"
#include "core/arena.h"
#include "http/request.h"
#include "pages/pages.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

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
lock_status(struct req *r, const char *user_id)
{
	struct dom d;
	web_dom(r, &d);
	if (password_reset_id_locked(&d, user_id))
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
	form_submit(r, T(r, "Next"));
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
	lock_status(r, user_id);
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
	form_submit(r, T(r, "Next"));
	end(r);
	return status;
}

/*
 * The steps' fields. Each is sent exactly once: a form that sends one twice
 * (two addresses, say) is refused outright. The lengths are the rules'
 * (accounts/reset.h); only a wire far past them is refused here.
 */
#define WIRE_MAX (64 * 1024)
enum { RESET_USER_ID, RESET_EMAIL };
static const struct field_decl request_decl[] = {
    [RESET_USER_ID] = {.name = "user_id", .kind = FIELD_LINE, .once = true, .max_chars = WIRE_MAX},
    [RESET_EMAIL] = {.name = "email", .kind = FIELD_LINE, .once = true, .max_chars = WIRE_MAX},
};
static const struct field_decl password_decl[] = {
    {.name = "password", .kind = FIELD_ASIS, .once = true},
    {.name = "confirm", .kind = FIELD_ASIS, .once = true},
};

/* Step ① submitted: show step ② for that ID (whether it exists or not). */
int
page_reset_identify(struct req *r)
{
	struct field_value v;
	int bad = fields_read(r, FROM_FORM, request_decl + RESET_USER_ID, 1, NULL, &v);
	const char *id = v.text;
	struct dom d;
	web_dom(r, &d);
	if (bad || password_reset_check_id(&d, id) != DOM_OK)
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
	/* The guide's [完了]: the request is done, back to sign-in. */
	html_lit(&r->out, "</p><p class=\"actions\"><a class=\"btn btn-primary\" href=\"/login\">");
	html_text(&r->out, T(r, "Done"));
	html_lit(&r->out, "</a></p></div>");
	layout_end(r);
	return 200;
}

int
page_reset_verify(struct req *r)
{
	struct field_value v[FIELDS_N(request_decl)];
	int bad = fields_read(r, FROM_FORM, request_decl, FIELDS_N(request_decl), NULL, v);
	const char *id = v[RESET_USER_ID].text;
	const char *email = v[RESET_EMAIL].text;
	if (bad)
		return identify_form(r, 400, T(r, "The form was not valid. Please start again."),
		                     NULL);
	struct dom d;
	web_dom(r, &d);
	int st = password_reset_request(&d, id, email);
	if (st == DOM_INVALID && dom_error(&d, "user_id"))
		return identify_form(r, 422, web_error(r, &d, "user_id"), id);
	if (st == DOM_INVALID)
		return verify_form(r, 422, web_error(r, &d, "email"), id, email);
	if (st == DOM_CONFLICT)
		return verify_form(r, 423, T(r, d.message), id, email);
	if (st != DOM_OK)
		return 500;
	return done_page(r);
}

/* The live link of the URL and its user; 0 when invalid, used or expired, -1 error. */
static int
load_link(struct req *r, struct reset_link *l)
{
	struct dom d;
	web_dom(r, &d);
	int st = password_reset_link(&d, r->pp[0], l);
	if (st == DOM_OK)
		r->lang = l->u.lang;
	return st == DOM_OK ? 1 : st == DOM_NOT_FOUND ? 0 : -1;
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
set_form(struct req *r, const struct reset_link *c, int status, const bool *failed)
{
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
	form_password_rules(r, c->profile, c->has_mfa, failed, "password", "confirm");
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
	struct reset_link c;
	int found = load_link(r, &c);
	if (found < 0)
		return 500;
	return found ? set_form(r, &c, 200, NULL) : invalid_link(r);
}

int
page_reset_set(struct req *r)
{
	struct reset_link c;
	struct field_value v[FIELDS_N(password_decl)];
	if (fields_read(r, FROM_FORM, password_decl, FIELDS_N(password_decl), NULL, v) > 0) {
		int found = load_link(r, &c);
		if (found < 0)
			return 500;
		if (!found)
			return invalid_link(r);
		return set_form(r, &c, 400, (bool[RULE__MAX]){[RULE_CONFIRM] = true});
	}
	struct dom d;
	web_dom(r, &d);
	bool failed[RULE__MAX];
	int st = password_reset_complete(&d, r->pp[0], v[0].text, v[1].text, &c, failed);
	if (c.u.id)
		r->lang = c.u.lang;
	if (st == DOM_OK)
		return req_redirect(r, "/login?reset=1");
	if (st == DOM_NOT_FOUND)
		return invalid_link(r);
	if (st != DOM_INVALID)
		return 500;
	return set_form(r, &c, 422, failed);
}
