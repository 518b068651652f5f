/*
 * Staff management in the console (provider admins): the list of staff
 * (search over name, user ID and address, 20 a page) with the rule that
 * staff must use an authenticator app, the invitation form (the mail leads
 * into the set-password flow) and a member's page: role (agent or provider
 * admin), disable and enable the login, remove a lost authenticator app.
 * The rules are the operations of accounts/staff.h; a customer's user is
 * not found here, like a missing one.
 */
#include "accounts/person.h"
#include "accounts/staff.h"
#include "agent/console.h"
#include "core/arena.h"
#include "core/buf.h"
#include "http/parse.h"
#include "http/request.h"
#include "store/db.h"
#include "views/login_actions.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"

#include <string.h>

#define PER_PAGE   20
#define SEARCH_MAX 100 /* characters of the search term */

static const char *const role_values[] = {"agent", "admin", NULL};
static const char *const lang_values[] = {"ja", "en", NULL};

static const struct field_decl search_fields[] = {
    {.name = "q", .kind = FIELD_LINE, .max_chars = SEARCH_MAX},
};

static const struct field_decl invite_fields[] = {
    {.name = "name", .kind = FIELD_LINE, .max_chars = PERSON_NAME_MAX},
    {.name = "email", .kind = FIELD_LINE, .max_chars = PERSON_EMAIL_MAX},
    {.name = "user_id", .kind = FIELD_LINE, .max_chars = 40},
    {.name = "role", .kind = FIELD_CHOICE, .required = true, .choices = role_values},
    {.name = "lang", .kind = FIELD_CHOICE, .required = true, .choices = lang_values},
};

static const struct field_decl role_fields[] = {
    {.name = "role", .kind = FIELD_CHOICE, .required = true, .choices = role_values},
};

static const struct field_decl policy_saved_decl[] = {{.name = "policy", .kind = FIELD_BOOL}};

static const struct field_decl policy_fields[] = {
    {.name = "required", .kind = FIELD_BOOL},
};

static void
note(struct req *r, const char *text)
{
	html_lit(&r->out, "<p class=\"muted field-hint\">");
	html_text(&r->out, text);
	html_lit(&r->out, "</p>");
}

static const char *
role_label(struct req *r, bool admin)
{
	return admin ? T(r, "Provider admin") : T(r, "Agent");
}

static void
search_form(struct req *r, const char *term)
{
	struct buf *b = &r->out;
	html_lit(
	    b, "<form class=\"card form contacts-search\" method=\"get\" action=\"/console/staff\" "
	       "role=\"search\">");
	form_field(r, &(struct field){.name = "q",
	                              .label = T(r, "Search by name, user ID or e-mail address"),
	                              .type = "search",
	                              .value = term,
	                              .maxlength = SEARCH_MAX});
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\">");
	html_text(b, T(r, "Search"));
	html_lit(b, "</button> <a class=\"btn btn-primary\" href=\"/console/staff/new\">");
	html_text(b, T(r, "Invite a member of staff"));
	html_lit(b, "</a></div></form>");
}

static void
staff_table(struct req *r, const struct staff_members *l, const char *caption)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", caption);
	html_lit(b, "><table class=\"table staff\"><thead><tr>");
	listing_th(r, N_("Name"));
	listing_th(r, N_("User ID"));
	listing_th(r, N_("E-mail address"));
	listing_th(r, N_("Role"));
	listing_th(r, N_("Authenticator app"));
	listing_th(r, N_("Status"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < l->n; i++) {
		const struct contact_row *s = &l->rows[i];
		html_lit(b, "<tr><td><a");
		html_attr(b, "href", arena_printf(r->a, "/console/staff/%lld", (long long)s->id));
		html_lit(b, ">");
		html_text(b, *s->name ? s->name : s->login);
		html_lit(b, "</a></td><td>");
		html_text(b, s->login);
		html_lit(b, "</td><td>");
		html_text(b, s->email);
		html_lit(b, "</td><td>");
		html_text(b, role_label(r, s->is_admin));
		html_lit(b, "</td><td>");
		html_text(b, s->has_totp ? T(r, "Set up") : T(r, "Not set up"));
		html_lit(b, "</td><td>");
		html_text(b, s->disabled ? T(r, "Disabled") : T(r, "Enabled"));
		html_lit(b, "</td></tr>");
	}
	html_lit(b, "</tbody></table></div>");
}

/* The rule that staff use an authenticator app, with its switch. */
static void
policy_form(struct req *r, bool required)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, T(r, "Multi-factor authentication for staff"));
	html_lit(b,
	         "</h2><form class=\"form\" method=\"post\" action=\"/console/staff/mfa-policy\">");
	form_csrf(r);
	form_checkbox(r, "required", T(r, "Staff must use an authenticator app"), required);
	note(r, T(r, "A member of staff without one is asked to set it up at sign-in and can "
	             "open no other page until it is paired."));
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\">");
	html_text(b, T(r, "Save"));
	html_lit(b, "</button></div></form></section>");
}

/* GET /console/staff */
int
page_console_staff(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	/* A search term that is too long or not one line is simply not searched. */
	struct dom qd;
	web_dom(r, &qd);
	struct field_value v[FIELDS_N(search_fields)];
	int bad = fields_read(r, FROM_QUERY, search_fields, FIELDS_N(search_fields), &qd, v);
	const char *term = bad ? "" : v[0].text;
	int64_t page = listing_page(r);
	struct staff_members l;
	int st = staff_members(&d, term, page, PER_PAGE, &l);
	if (st != DOM_OK)
		return web_status(st);
	struct page p = {.title = T(r, "Staff"), .menu = "console-staff"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (fields_first_flag(r, policy_saved_decl, 1) == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The changes have been saved."), true);
	search_form(r, term);
	if (l.n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "No staff match the search."));
		html_lit(b, "</p>");
	} else {
		staff_table(r, &l, p.title);
	}
	struct buf q = {0};
	buf_puts(&q, "/console/staff?");
	if (*term) {
		buf_puts(&q, "q=");
		html_url_component(&q, term);
		buf_puts(&q, "&");
	}
	listing_pager(r, q.p, page, PER_PAGE, l.total);
	buf_free(&q);
	policy_form(r, staff_mfa_required(db_thread()));
	layout_end(r);
	return 200;
}

/* POST /console/staff/mfa-policy */
int
page_console_staff_mfa_policy(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(policy_fields)];
	fields_read(r, FROM_FORM, policy_fields, FIELDS_N(policy_fields), &d, v);
	int st = staff_set_mfa_policy(&d, v[0].num != 0);
	return st == DOM_OK ? req_redirect(r, "/console/staff?policy=1") : web_status(st);
}

/* The invitation form as typed. */
struct invite_form {
	const char *name, *email, *user_id, *role, *lang;
};

static int
render_invite(struct req *r, int status, const struct invite_form *f, const struct dom *err)
{
	struct page p = {.title = T(r, "Invite a member of staff"), .menu = "console-staff"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/console/staff", T(r, "Staff"));
	if (err)
		form_alert(r, ALERT_ERROR,
		           T(r, "Check the fields marked below. Nothing was saved."), false);
	form_required_legend(r);
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/console/staff/new\">");
	form_csrf(r);
	form_field(r, &(struct field){.name = "name",
	                              .label = T(r, "Name"),
	                              .value = f->name,
	                              .error = err ? web_error(r, err, "name") : NULL,
	                              .autocomplete = "off",
	                              .maxlength = PERSON_NAME_MAX,
	                              .required = true,
	                              .autofocus = !err});
	form_field(r, &(struct field){.name = "email",
	                              .label = T(r, "E-mail address"),
	                              .type = "email",
	                              .value = f->email,
	                              .error = err ? web_error(r, err, "email") : NULL,
	                              .autocomplete = "off",
	                              .maxlength = PERSON_EMAIL_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "user_id",
	                              .label = T(r, "User ID"),
	                              .value = f->user_id,
	                              .error = err ? web_error(r, err, "user_id") : NULL,
	                              .hint = T(r, "Empty: the e-mail address (40 characters at "
	                                           "most)."),
	                              .autocomplete = "off",
	                              .maxlength = 40});
	const char *roles[] = {T(r, "Agent"), T(r, "Provider admin")};
	form_select_error(r, "role", T(r, "Role"), role_values, roles, 2, f->role,
	                  err ? web_error(r, err, "role") : NULL);
	note(r, T(r, "Agents answer cases and work requests; provider admins also manage "
	             "customers, the catalog, staff and the portal's settings."));
	static const char *const langs[] = {"日本語", "English"};
	form_select_error(r, "lang", T(r, "Language"), lang_values, langs, 2, f->lang,
	                  err ? web_error(r, err, "lang") : NULL);
	form_invitation_submit(r, T(r, "Invite"));
	layout_end(r);
	return status;
}

/* GET /console/staff/new */
int
page_console_staff_new_form(struct req *r)
{
	struct invite_form f = {"", "", "", "agent", "ja"};
	return render_invite(r, 200, &f, NULL);
}

/* POST /console/staff/new */
int
page_console_staff_invite(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(invite_fields)];
	fields_read(r, FROM_FORM, invite_fields, FIELDS_N(invite_fields), &d, v);
	struct invite_form f = {v[0].text, v[1].text, v[2].text,
	                        v[3].choice >= 0 ? role_values[v[3].choice] : "agent",
	                        v[4].choice >= 0 ? lang_values[v[4].choice] : "ja"};
	struct staff_in in = {.name = f.name,
	                      .email = f.email,
	                      .login = f.user_id,
	                      .lang = v[4].choice >= 0 ? f.lang : NULL,
	                      .is_admin = v[3].choice == 1};
	int64_t id = 0;
	/* The operation adds its errors to those of the fields: every error at once. */
	int st = staff_invite(&d, &in, &id);
	if (st == DOM_INVALID)
		return render_invite(r, 422, &f, &d);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "/console/staff/%lld?invited=1", (long long)id));
}

/* The notices of a member's page after an action, in the order of done_msgids. */
static const struct field_decl done_decl[] = {
    {.name = "invited", .kind = FIELD_BOOL},     {.name = "role", .kind = FIELD_BOOL},
    {.name = "disabled", .kind = FIELD_BOOL},    {.name = "enabled", .kind = FIELD_BOOL},
    {.name = "mfa_removed", .kind = FIELD_BOOL},
};
static const char *const done_msgids[] = {
    N_("The member of staff has been invited: a link to set the password has been sent to "
       "their e-mail address."),
    N_("The role has been changed."),
    N_("The login has been disabled. The user's sessions have ended."),
    N_("The login has been enabled and any lockout cleared."),
    N_("The authenticator app has been removed."),
};

static const char *
done_message(struct req *r)
{
	int i = fields_first_flag(r, done_decl, FIELDS_N(done_decl));
	return i >= 0 ? T(r, done_msgids[i]) : NULL;
}

static void
role_form(struct req *r, const struct user *u)
{
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "/console/staff/%lld/role", (long long)u->id));
	html_lit(b, ">");
	form_csrf(r);
	const char *roles[] = {T(r, "Agent"), T(r, "Provider admin")};
	form_select(r, "role", T(r, "Role"), role_values, roles, 2,
	            u->is_admin ? "admin" : "agent");
	form_submit(r, T(r, "Change the role"));
}

static int
render_member(struct req *r, int status, const struct staff_member *m, const struct dom *err)
{
	const struct user *u = &m->u;
	struct page p = {.title = *u->name ? u->name : u->login, .menu = "console-staff"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/console/staff", T(r, "Staff"));
	const char *done = err ? NULL : done_message(r);
	if (err && err->message)
		form_alert(r, ALERT_ERROR, T(r, err->message), false);
	else if (done)
		form_alert(r, ALERT_SUCCESS, done, true);
	html_lit(b, "<section class=\"card\"><dl class=\"kv staff-state\">");
	listing_kv(r, T(r, "User ID"), u->login);
	listing_kv(r, T(r, "E-mail address"), u->email);
	listing_kv(r, T(r, "Role"), role_label(r, u->is_admin));
	listing_kv(r, T(r, "Status"), u->disabled ? T(r, "Disabled") : T(r, "Enabled"));
	if (m->locked)
		listing_kv(r, T(r, "Lock"),
		           T(r,
		             "Locked after 5 wrong passwords in a row. Enabling the login unlocks "
		             "it."));
	listing_kv(r, T(r, "Authenticator app"), u->has_totp ? T(r, "Set up") : T(r, "Not set up"));
	listing_kv(r, T(r, "Password"), u->password_changed_at ? T(r, "Set") : T(r, "Not set yet"));
	html_lit(b, "</dl>");
	role_form(r, u);
	html_lit(b, "</section>");
	login_actions_card(r, u, m->locked,
	                   arena_printf(r->a, "/console/staff/%lld", (long long)u->id),
	                   T(r, "Remove the authenticator app of this user? Use this when the "
	                        "device is lost; the user sets up a new one at the next sign-in."));
	layout_end(r);
	return status;
}

/* GET /console/staff/:id */
int
page_console_staff_member(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct staff_member m;
	int st = staff_find(&d, req_path_id(r, 0), &m);
	return st == DOM_OK ? render_member(r, 200, &m, NULL) : web_status(st);
}

/* The answer to an action: back to the member's page with done, or the refusal. */
static int
acted(struct req *r, int st, const struct dom *d, const struct staff_member *m, const char *done)
{
	if (st == DOM_CONFLICT || st == DOM_INVALID)
		return render_member(r, web_status(st), m, d);
	if (st != DOM_OK)
		return web_status(st);
	if (m->u.id == r->user->id && !m->u.is_admin) /* these pages are no longer theirs */
		return req_redirect(r, "/console");
	return req_redirect(
	    r, arena_printf(r->a, "/console/staff/%lld?%s=1", (long long)m->u.id, done));
}

/* POST /console/staff/:id/role */
int
page_console_staff_role(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(role_fields)];
	struct staff_member m;
	if (fields_read(r, FROM_FORM, role_fields, FIELDS_N(role_fields), &d, v)) {
		int st = staff_find(&d, req_path_id(r, 0), &m);
		if (st != DOM_OK)
			return web_status(st);
		d.message = N_("Choose a role from the list.");
		return render_member(r, 422, &m, &d);
	}
	int st = staff_set_role(&d, req_path_id(r, 0), v[0].choice == 1, &m);
	return acted(r, st, &d, &m, "role");
}

/* POST /console/staff/:id/disable: also ends the member's sessions. */
int
page_console_staff_disable(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct staff_member m;
	return acted(r, staff_disable(&d, req_path_id(r, 0), &m), &d, &m, "disabled");
}

/* POST /console/staff/:id/enable: also clears a lockout. */
int
page_console_staff_enable(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct staff_member m;
	return acted(r, staff_enable(&d, req_path_id(r, 0), &m), &d, &m, "enabled");
}

/* POST /console/staff/:id/mfa-reset: for a member who lost their device. */
int
page_console_staff_mfa_reset(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct staff_member m;
	return acted(r, staff_remove_authenticator(&d, req_path_id(r, 0), &m), &d, &m,
	             "mfa_removed");
}
