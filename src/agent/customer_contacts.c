/*
 * A customer's contacts in the console (provider admins): the users of one
 * customer, and the form that creates one with an invitation mail — how a
 * new customer gets its first admin, who then manages the others from the
 * portal's own contacts pages. The rules are those of the customer admin's
 * form (accounts/contacts.h: contact_create_for).
 */
#include "accounts/contacts.h"
#include "agent/console.h"
#include "core/arena.h"
#include "http/parse.h"
#include "http/request.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "store/users.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"

#define SHOWN_MAX 200 /* users listed here; the customer's admins page the rest */

static const char *const lang_values[] = {"ja", "en", NULL};

static const struct field_decl contact_fields[] = {
    {.name = "name", .kind = FIELD_LINE, .max_chars = PERSON_NAME_MAX},
    {.name = "email", .kind = FIELD_LINE, .max_chars = PERSON_EMAIL_MAX},
    {.name = "user_id", .kind = FIELD_LINE, .max_chars = CONTACT_LOGIN_MAX},
    {.name = "lang", .kind = FIELD_CHOICE, .required = true, .choices = lang_values},
    {.name = "is_admin", .kind = FIELD_BOOL},
};

static const struct field_decl created_decl[] = {{.name = "created", .kind = FIELD_BOOL}};

/* The form as typed. */
struct cform {
	const char *name, *email, *user_id, *lang;
	bool is_admin;
};

static void
users_table(struct req *r, const struct contact_row *rows, int n)
{
	struct buf *b = &r->out;
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "There are no contacts."));
		html_lit(b, "</p>");
		return;
	}
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", T(r, "Contacts"));
	html_lit(b, "><table class=\"table contacts\"><thead><tr>");
	listing_th(r, N_("Name"));
	listing_th(r, N_("User ID"));
	listing_th(r, N_("E-mail address"));
	listing_th(r, N_("Administrator"));
	listing_th(r, N_("Status"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<tr><td>");
		html_text(b, rows[i].name);
		html_lit(b, "</td><td>");
		html_text(b, rows[i].login);
		html_lit(b, "</td><td>");
		html_text(b, rows[i].email);
		html_lit(b, "</td><td>");
		html_text(b, rows[i].is_admin ? T(r, "Yes") : "—");
		html_lit(b, "</td><td>");
		html_text(b, rows[i].disabled ? T(r, "Disabled") : T(r, "Enabled"));
		html_lit(b, "</td></tr>");
	}
	html_lit(b, "</tbody></table></div>");
}

static void
create_form(struct req *r, const char *action, const struct cform *f, const struct dom *err)
{
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", action);
	html_lit(b, "><h2>");
	html_text(b, T(r, "Create a contact"));
	html_lit(b, "</h2>");
	form_csrf(r);
	form_required_legend(r);
	form_field(r, &(struct field){.name = "name",
	                              .label = T(r, "Name"),
	                              .value = f->name,
	                              .error = err ? web_error(r, err, "name") : NULL,
	                              .autocomplete = "off",
	                              .maxlength = PERSON_NAME_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "email",
	                              .label = T(r, "E-mail address"),
	                              .type = "email",
	                              .value = f->email,
	                              .error = err ? web_error(r, err, "email") : NULL,
	                              .autocomplete = "off",
	                              .maxlength = PERSON_EMAIL_MAX,
	                              .required = true});
	form_field(r,
	           &(struct field){.name = "user_id",
	                           .label = T(r, "User ID"),
	                           .value = f->user_id,
	                           .error = err ? web_error(r, err, "user_id") : NULL,
	                           .hint = T(r, "Recommended: the e-mail address followed by .cs "
	                                        "(40 characters at most)."),
	                           .autocomplete = "off",
	                           .maxlength = CONTACT_LOGIN_MAX,
	                           .required = true});
	static const char *const langs[] = {"日本語", "English"};
	form_select_error(r, "lang", T(r, "Language"), lang_values, langs, 2, f->lang,
	                  err ? web_error(r, err, "lang") : NULL);
	form_checkbox(r, "is_admin", T(r, "Administrator"), f->is_admin);
	form_invitation_submit(r, T(r, "Submit"));
}

static int
render(struct req *r, int status, const struct cadm_customer *c, const struct cform *f,
       const struct dom *err)
{
	struct db *db = db_thread();
	struct contact_row *rows;
	int n = db ? contacts_page(db, c->id, "", SHOWN_MAX, 0, r->a, &rows) : -1;
	if (n < 0)
		return 500;
	const char *base = arena_printf(r->a, "/console/customers/%lld", (long long)c->id);
	struct page p = {.title =
	                     arena_printf(r->a, "%s %s — %s", c->number, c->name, T(r, "Contacts")),
	                 .menu = "console-customers"};
	layout_begin(r, &p);
	layout_heading(r, p.title, base, c->name);
	if (err)
		form_alert(r, ALERT_ERROR,
		           T(r, "Check the fields marked below. Nothing was saved."), false);
	else if (fields_first_flag(r, created_decl, 1) == 0)
		form_alert(r, ALERT_SUCCESS,
		           T(r, "The contact has been created and an invitation has been sent to "
		                "their e-mail address."),
		           true);
	html_lit(&r->out, "<section class=\"card\">");
	users_table(r, rows, n);
	html_lit(&r->out, "</section>");
	create_form(r, arena_printf(r->a, "%s/contacts", base), f, err);
	layout_end(r);
	return status;
}

/* The customer of the URL: 1, 0 when there is none, -1 on error. */
static int
customer_of(struct req *r, struct cadm_customer *c)
{
	struct db *db = db_thread();
	int64_t id = req_path_id(r, 0);
	if (!db)
		return -1;
	return id ? cadm_customer_get(db, id, r->a, c) : 0;
}

/* GET /console/customers/:id/contacts */
int
page_console_customer_contacts(struct req *r)
{
	struct cadm_customer c;
	int found = customer_of(r, &c);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct cform f = {"", "", "", "ja", true}; /* a new customer's first user is its admin */
	return render(r, 200, &c, &f, NULL);
}

/* POST /console/customers/:id/contacts */
int
page_console_customer_contact_create(struct req *r)
{
	struct cadm_customer c;
	int found = customer_of(r, &c);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(contact_fields)];
	fields_read(r, FROM_FORM, contact_fields, FIELDS_N(contact_fields), &d, v);
	struct cform f = {v[0].text, v[1].text, v[2].text,
	                  v[3].choice >= 0 ? lang_values[v[3].choice] : "ja", v[4].num != 0};
	struct contact_in in = {.person = {.name = f.name,
	                                   .email = f.email,
	                                   .title = "",
	                                   .phone_work = "",
	                                   .phone_mobile = "",
	                                   .lang = f.lang},
	                        .login = f.user_id,
	                        .is_admin = f.is_admin};
	int64_t id = 0;
	/* The operation adds its errors to those of the fields: every error at once. */
	int st = contact_create_for(&d, c.id, &in, &id);
	if (st == DOM_INVALID) {
		f.user_id = in.login ? in.login : f.user_id; /* the recommended one, when empty */
		return render(r, 422, &c, &f, &d);
	}
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(
	    r, arena_printf(r->a, "/console/customers/%lld/contacts?created=1", (long long)c.id));
}
