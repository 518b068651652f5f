/*
 * Contacts (連絡先, guide 5.1): a customer admin manages the users of their
 * own company. The list (search over name, user ID and e-mail, 20 per page),
 * creation with an invitation mail that leads into the set-password flow,
 * the edit page (Ctrl+S saves), ログイン無効化 / ログイン有効化 (enabling also
 * clears a lockout) and the removal of a lost authenticator app. Users are
 * never deleted, only disabled.
 *
 * The rules and the changes are the operations of accounts/contacts.h: this
 * page reads the forms, calls them and shows their answer. Another
 * customer's user answers 404 exactly like one that does not exist. Invalid
 * input is answered next to its field with what was typed, and changes
 * nothing.
 */
#include "accounts/contacts.h"
#include "core/arena.h"
#include "core/tz.h"
#include "http/request.h"
#include "pages/pages.h"
#include "store/db.h"
#include "store/users.h"
#include "views/person_fields.h"
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

/* The contact forms' own fields, after the person's (views/person_fields.h). */
enum { CONTACT_F_LOGIN, CONTACT_F_ADMIN, CONTACT_F_MFA, CONTACT_F__MAX };
static const struct field_decl contact_decl[CONTACT_F__MAX] = {
    [CONTACT_F_LOGIN] = {.name = "user_id",
                         .kind = FIELD_LINE,
                         .max_chars = CONTACT_LOGIN_MAX,
                         .msgid = N_("Use 1 to 40 characters for the user ID: letters, digits "
                                     "and symbols, without spaces.")},
    [CONTACT_F_ADMIN] = {.name = "is_admin", .kind = FIELD_BOOL},
    [CONTACT_F_MFA] = {.name = "mfa_required", .kind = FIELD_BOOL},
};

/*
 * The form as sent, trimmed; a refused field is recorded in d, and the
 * operation then checks the rest and changes nothing.
 */
static void
read_form(struct req *r, struct dom *d, struct contact_in *f)
{
	struct field_value pv[PERSON_F__MAX], cv[CONTACT_F__MAX];
	fields_read(r, FROM_FORM, person_decl, PERSON_F__MAX, d, pv);
	fields_read(r, FROM_FORM, contact_decl, CONTACT_F__MAX, d, cv);
	memset(f, 0, sizeof(*f));
	person_input_from(pv, &f->person);
	f->login = cv[CONTACT_F_LOGIN].text;
	f->is_admin = cv[CONTACT_F_ADMIN].present;
	f->mfa_required = cv[CONTACT_F_MFA].present;
}

static void
form_of_user(const struct user *u, struct contact_in *f)
{
	memset(f, 0, sizeof(*f));
	f->person = (struct person_input){.name = u->name,
	                                  .email = u->email,
	                                  .title = u->title,
	                                  .phone_work = u->phone_work,
	                                  .phone_mobile = u->phone_mobile,
	                                  .time_zone = u->time_zone,
	                                  .lang = lang_code(u->lang)};
	f->login = u->login;
	f->is_admin = u->is_admin;
	f->mfa_required = u->mfa_required;
}

static void
note(struct req *r, const char *text)
{
	html_lit(&r->out, "<p class=\"muted field-hint\">");
	html_text(&r->out, text);
	html_lit(&r->out, "</p>");
}

/* The translated error of field, or NULL. */
static const char *
err_of(struct req *r, const struct dom *err, const char *field)
{
	return err ? web_error(r, err, field) : NULL;
}

/* The fields shared by the create and edit forms. */
static void
contact_fields(struct req *r, const struct contact_in *f, const struct dom *err, bool creating)
{
	const struct person_input *p = &f->person;
	const char *hint;
	if (p->email && person_email_valid(p->email))
		hint = arena_printf(r->a,
		                    T(r, "Recommended: %s (the e-mail address followed by .cs; "
		                         "40 characters at most)."),
		                    contact_propose_login(r->a, p->email));
	else
		hint = T(r, "Recommended: the e-mail address followed by .cs. An address of 38 "
		            "characters or more is cut to 37 first (40 characters at most).");
	const char *e_name = err_of(r, err, "name");
	form_field(r, &(struct field){.name = "name",
	                              .label = T(r, "Name"),
	                              .value = p->name,
	                              .error = e_name,
	                              .autocomplete = "off",
	                              .maxlength = PERSON_NAME_MAX,
	                              .required = true,
	                              .autofocus = creating && !e_name && !*p->name});
	form_field(r, &(struct field){.name = "email",
	                              .label = T(r, "E-mail address"),
	                              .type = "email",
	                              .value = p->email,
	                              .error = err_of(r, err, "email"),
	                              .autocomplete = "off",
	                              .maxlength = PERSON_EMAIL_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "user_id",
	                              .label = T(r, "User ID"),
	                              .value = f->login,
	                              .error = err_of(r, err, "user_id"),
	                              .hint = hint,
	                              .autocomplete = "off",
	                              .maxlength = CONTACT_LOGIN_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "title",
	                              .label = T(r, "Title"),
	                              .value = p->title,
	                              .error = err_of(r, err, "title"),
	                              .autocomplete = "off",
	                              .maxlength = PERSON_NAME_MAX});
	form_field(r, &(struct field){.name = "phone_work",
	                              .label = T(r, "Work phone"),
	                              .type = "tel",
	                              .value = p->phone_work,
	                              .error = err_of(r, err, "phone_work"),
	                              .autocomplete = "off",
	                              .maxlength = PERSON_PHONE_MAX});
	form_field(r, &(struct field){.name = "phone_mobile",
	                              .label = T(r, "Mobile phone"),
	                              .type = "tel",
	                              .value = p->phone_mobile,
	                              .error = err_of(r, err, "phone_mobile"),
	                              .autocomplete = "off",
	                              .maxlength = PERSON_PHONE_MAX});
	static const char *const lang_values[] = {"ja", "en"};
	static const char *const lang_labels[] = {"日本語", "English"};
	form_select_error(r, "lang", T(r, "Language"), lang_values, lang_labels, 2, p->lang,
	                  err_of(r, err, "lang"));
	/* The zones offered, plus the user's own when it is another one. */
	const char *tz = p->time_zone, *e_tz = err_of(r, err, "time_zone");
	int n = (int)tz_choices_count;
	bool listed = false;
	for (int i = 0; i < n; i++)
		listed |= tz && strcmp(tz, tz_choices[i]) == 0;
	const char **zones = arena_alloc(r->a, (tz_choices_count + 1) * sizeof(*zones));
	memcpy(zones, tz_choices, tz_choices_count * sizeof(*zones));
	if (!listed && tz && !e_tz)
		zones[n++] = tz;
	form_select_error(r, "time_zone", T(r, "Time zone"), zones, zones, n, tz, e_tz);
	form_checkbox(r, "is_admin", T(r, "Administrator"), f->is_admin);
	note(r, T(r, "An administrator manages the users of your company."));
	form_checkbox(r, "mfa_required", T(r, "Enable multi-factor authentication"),
	              f->mfa_required);
	note(r, T(r, "At sign-in the user then confirms with an authenticator app or a code "
	             "sent by e-mail."));
}

static void
breadcrumb(struct req *r)
{
	html_lit(&r->out, "<p class=\"breadcrumb\"><a href=\"/contacts\">");
	html_text(&r->out, T(r, "Contacts"));
	html_lit(&r->out, "</a></p>");
}

/* The pager, keeping the search term. */
static void
pager(struct req *r, const char *term, int64_t page, int64_t total)
{
	struct buf q = {0};
	buf_puts(&q, "/contacts?");
	if (*term) {
		buf_puts(&q, "q=");
		html_url_component(&q, term);
		buf_puts(&q, "&");
	}
	listing_pager(r, q.p, page, PER_PAGE, total);
	buf_free(&q);
}

static const struct field_decl search_decl[] = {
    {.name = "q", .kind = FIELD_LINE, .max_chars = SEARCH_MAX},
};

/* GET /contacts: the users of the admin's company. */
int
page_contacts(struct req *r)
{
	struct field_value q; /* a wrong term is not searched: the whole list shows */
	const char *term = fields_read(r, FROM_QUERY, search_decl, 1, NULL, &q) ? "" : q.text;
	int64_t page = listing_page(r);
	struct db *db = db_thread();
	if (!db)
		return 500;
	int64_t cust = r->user->customer_id;
	int64_t total = contacts_count(db, cust, term);
	struct contact_row *rows;
	int n = contacts_page(db, cust, term, PER_PAGE, (page - 1) * PER_PAGE, r->a, &rows);
	if (total < 0 || n < 0)
		return 500;
	struct page p = {.title = T(r, "Contacts"), .menu = "contacts"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1><form class=\"card form contacts-search\" method=\"get\" "
	            "action=\"/contacts\" role=\"search\">");
	form_field(r, &(struct field){.name = "q",
	                              .label = T(r, "Search by name, user ID or e-mail address"),
	                              .type = "search",
	                              .value = term,
	                              .maxlength = SEARCH_MAX});
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\">");
	html_text(b, T(r, "Search"));
	html_lit(b, "</button> <a class=\"btn btn-primary\" href=\"/contacts/new\">");
	html_text(b, T(r, "Create a contact"));
	html_lit(b, "</a></div></form>");
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, *term ? T(r, "No contacts match the search.")
		                   : T(r, "There are no "
		                          "contacts."));
		html_lit(b, "</p>");
	} else {
		html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
		html_attr(b, "aria-label", p.title);
		html_lit(b, "><table class=\"table contacts\"><thead><tr>");
		listing_th(r, N_("Name"));
		listing_th(r, N_("User ID"));
		listing_th(r, N_("E-mail address"));
		listing_th(r, N_("Title"));
		listing_th(r, N_("Administrator"));
		listing_th(r, N_("MFA"));
		listing_th(r, N_("Status"));
		html_lit(b, "</tr></thead><tbody>");
		for (int i = 0; i < n; i++) {
			html_lit(b, "<tr><td><a");
			html_attr(b, "href",
			          arena_printf(r->a, "/contacts/%lld", (long long)rows[i].id));
			html_lit(b, ">");
			html_text(b, *rows[i].name ? rows[i].name : rows[i].login);
			html_lit(b, "</a></td><td>");
			html_text(b, rows[i].login);
			html_lit(b, "</td><td>");
			html_text(b, rows[i].email);
			html_lit(b, "</td><td>");
			html_text(b, rows[i].title);
			html_lit(b, "</td><td>");
			html_text(b, rows[i].is_admin ? T(r, "Yes") : "—");
			html_lit(b, "</td><td>");
			html_text(b, rows[i].mfa_required ? T(r, "Yes") : "—");
			html_lit(b, "</td><td>");
			html_text(b, rows[i].disabled ? T(r, "Disabled") : T(r, "Enabled"));
			html_lit(b, "</td></tr>");
		}
		html_lit(b, "</tbody></table></div>");
	}
	pager(r, term, page, total);
	layout_end(r);
	return 200;
}

static const char *
correct_below(struct req *r)
{
	return T(r, "Please correct the fields marked below.");
}

static int
render_new(struct req *r, int status, const struct contact_in *f, const struct dom *err)
{
	struct page p = {.title = T(r, "Create a contact"), .menu = "contacts-new"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	breadcrumb(r);
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (err)
		form_alert(r, ALERT_ERROR, correct_below(r), false);
	form_required_legend(r);
	html_lit(b,
	         "<form class=\"card form contact-form\" method=\"post\" action=\"/contacts/new\" "
	         "data-propose-login>");
	form_csrf(r);
	contact_fields(r, f, err, true);
	form_invitation_submit(r, T(r, "Submit"));
	layout_end(r);
	return status;
}

/* GET /contacts/new */
int
page_contact_new_form(struct req *r)
{
	struct contact_in f = {
	    .person = {.name = "", .email = "", .lang = "ja", .time_zone = TZ_DEFAULT},
	    .login = ""};
	return render_new(r, 200, &f, NULL);
}

/* POST /contacts/new */
int
page_contact_create(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct contact_in f;
	read_form(r, &d, &f);
	int64_t id;
	int st = contact_create(&d, &f, &id);
	if (st == DOM_INVALID)
		return render_new(r, 422, &f, &d);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "/contacts/%lld?created=1", (long long)id));
}

static void
kv(struct req *r, const char *label, const char *value)
{
	html_lit(&r->out, "<dt>");
	html_text(&r->out, label);
	html_lit(&r->out, "</dt><dd>");
	html_text(&r->out, value);
	html_lit(&r->out, "</dd>");
}

/* The notices a redirect after an action asks for (?created=1 …), and their texts. */
static const struct field_decl done_decl[] = {
    {.name = "created", .kind = FIELD_BOOL},     {.name = "saved", .kind = FIELD_BOOL},
    {.name = "disabled", .kind = FIELD_BOOL},    {.name = "enabled", .kind = FIELD_BOOL},
    {.name = "mfa_removed", .kind = FIELD_BOOL},
};
static const char *const done_texts[FIELDS_N(done_decl)] = {
    N_("The contact has been created and an invitation has been sent to their e-mail "
       "address."),
    N_("The changes have been saved."),
    N_("The login has been disabled. The user's sessions have ended."),
    N_("The login has been enabled and any lockout cleared."),
    N_("The authenticator app has been removed."),
};

/* The message a redirect after an action asked for, or NULL. */
static const char *
done_message(struct req *r)
{
	int i = fields_first_flag(r, done_decl, FIELDS_N(done_decl));
	return i < 0 ? NULL : T(r, done_texts[i]);
}

/* err: the refusal of an operation (its field errors or its message), NULL: none. */
static int
render_edit(struct req *r, int status, const struct contact *c, const struct contact_in *f,
            const struct dom *err)
{
	const struct user *u = &c->u;
	struct page p = {.title = u->name, .menu = "contacts"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	breadcrumb(r);
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	const char *done = err ? NULL : done_message(r);
	if (err)
		form_alert(r, ALERT_ERROR, err->message ? T(r, err->message) : correct_below(r),
		           false);
	else if (done)
		form_alert(r, ALERT_SUCCESS, done, true);

	html_lit(b, "<section class=\"card\"><dl class=\"kv contact-state\">");
	kv(r, T(r, "Status"), u->disabled ? T(r, "Disabled") : T(r, "Enabled"));
	if (c->locked)
		kv(r, T(r, "Lock"),
		   T(r, "Locked after 5 wrong passwords in a row. Enabling the login unlocks it."));
	kv(r, T(r, "Authenticator app"), u->has_totp ? T(r, "Set up") : T(r, "Not set up"));
	html_lit(b, "</dl></section>");

	form_required_legend(r);
	html_lit(b, "<form class=\"card form contact-form\" method=\"post\" data-ctrl-s");
	html_attr(b, "action", arena_printf(r->a, "/contacts/%lld", (long long)u->id));
	html_lit(b, ">");
	form_csrf(r);
	contact_fields(r, f, err, false);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\" "
	            "aria-keyshortcuts=\"Control+S\">");
	html_text(b, T(r, "Save (Ctrl+S)"));
	html_lit(b, "</button></div></form>");

	login_actions_card(r, u, c->locked, arena_printf(r->a, "/contacts/%lld", (long long)u->id),
	                   T(r, "Remove the authenticator app of this user? Use this when the "
	                        "device is lost; the user can set up a new one."));
	layout_end(r);
	return status;
}

/* GET /contacts/:id */
int
page_contact_edit_form(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct contact c;
	int st = contact_find(&d, req_path_id(r, 0), &c);
	if (st != DOM_OK)
		return web_status(st);
	struct contact_in f;
	form_of_user(&c.u, &f);
	return render_edit(r, 200, &c, &f, NULL);
}

/* POST /contacts/:id */
int
page_contact_save(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct contact_in f;
	read_form(r, &d, &f);
	struct contact c;
	int st = contact_save(&d, req_path_id(r, 0), &f, &c);
	if (st == DOM_INVALID || st == DOM_CONFLICT)
		return render_edit(r, web_status(st), &c, &f, &d);
	if (st != DOM_OK)
		return web_status(st);
	if (c.u.id == r->user->id && !c.u.is_admin) /* the contacts pages are no longer theirs */
		return req_redirect(r, "/");
	return req_redirect(r, arena_printf(r->a, "/contacts/%lld?saved=1", (long long)c.u.id));
}

/* The answer to an action on the contact of the URL: back to its page with done, or the refusal. */
static int
acted(struct req *r, int st, const struct dom *d, const struct contact *c, const char *done)
{
	if (st == DOM_CONFLICT) {
		struct contact_in f;
		form_of_user(&c->u, &f);
		return render_edit(r, web_status(st), c, &f, d);
	}
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "/contacts/%lld?%s=1", (long long)c->u.id, done));
}

/* POST /contacts/:id/disable (ログイン無効化): also ends the user's sessions. */
int
page_contact_disable(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct contact c;
	int st = contact_disable(&d, req_path_id(r, 0), &c);
	return acted(r, st, &d, &c, "disabled");
}

/* POST /contacts/:id/enable (ログイン有効化): also clears a lockout. */
int
page_contact_enable(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct contact c;
	int st = contact_enable(&d, req_path_id(r, 0), &c);
	return acted(r, st, &d, &c, "enabled");
}

/* POST /contacts/:id/mfa-reset (認証アプリを解除): for a user who lost their authenticator. */
int
page_contact_mfa_reset(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct contact c;
	int st = contact_remove_authenticator(&d, req_path_id(r, 0), &c);
	return acted(r, st, &d, &c, "mfa_removed");
}
