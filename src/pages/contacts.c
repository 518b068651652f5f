/*
 * Contacts (連絡先, guide 5.1): a customer admin manages the users of their
 * own company. The list (search over name, user ID and e-mail, 20 per page),
 * creation with an invitation mail that leads into the set-password flow,
 * the edit page (Ctrl+S saves), ログイン無効化 / ログイン有効化 (enabling also
 * clears a lockout) and the removal of a lost authenticator app. Users are
 * never deleted, only disabled.
 *
 * Every query takes the admin's customer id: another customer's user
 * answers 404 exactly like one that does not exist. Invalid input is
 * answered next to its field with what was typed, and changes nothing.
 */
#include "accounts/person.h"
#include "app.h"
#include "auth/limits.h"
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
#include "store/guards.h"
#include "store/sessions.h"
#include "store/tokens.h"
#include "store/users.h"
#include "web/form.h"
#include "web/html.h"
#include "web/input.h"
#include "web/layout.h"
#include "web/listing.h"

#include <string.h>

#define PER_PAGE    20
#define LOGIN_MAX   40  /* bytes: user IDs are printable ASCII */
#define EMAIL_MAX   254 /* bytes (email_valid of profile.c checks it) */
#define TEXT_MAX    100 /* characters of a name or a title */
#define PHONE_MAX   30  /* characters */
#define SEARCH_MAX  100 /* characters of the search term */
#define PROPOSE_CUT 37  /* the address is cut to this when it is longer (SPEC §2) */

/* What the form sent (or what is stored), and the error of each field. */
struct cform {
	const char *name, *email, *login, *title, *phone_work, *phone_mobile, *lang, *tz;
	bool is_admin, mfa_required;
	const char *e_name, *e_email, *e_login, *e_title, *e_phone_work, *e_phone_mobile;
	const char *e_lang, *e_tz;
};

/* 1 to 40 printable ASCII characters without spaces (what sign-in accepts). */
static bool
login_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > LOGIN_MAX)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s < 0x21 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

static bool
phone_ok(const char *s)
{
	if (input_chars(s) > PHONE_MAX)
		return false;
	for (; *s; s++)
		if (!strchr("0123456789+-() .", *s))
			return false;
	return true;
}

/*
 * The recommended user ID of an address (SPEC §2, guide 5.1.2): the address
 * plus ".cs", the address cut to 37 characters first when it has 38 or more,
 * lower-cased.
 */
static char *
propose_login(struct req *r, const char *email)
{
	size_t n = strlen(email);
	if (n > PROPOSE_CUT) {
		n = PROPOSE_CUT;
		while (n && ((unsigned char)email[n] & 0xc0) == 0x80)
			n--; /* never half a character */
	}
	char *p = arena_printf(r->a, "%.*s.cs", (int)n, email);
	for (char *c = p; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	return p;
}

static void
read_form(struct req *r, struct cform *f)
{
	memset(f, 0, sizeof(*f));
	f->name = input_trimmed(r, "name");
	f->email = input_trimmed(r, "email");
	f->login = signin_normalize(r, req_form(r, "user_id"));
	f->title = input_trimmed(r, "title");
	f->phone_work = input_trimmed(r, "phone_work");
	f->phone_mobile = input_trimmed(r, "phone_mobile");
	f->lang = req_form(r, "lang") ? req_form(r, "lang") : "ja";
	f->tz = req_form(r, "time_zone") ? req_form(r, "time_zone") : TZ_DEFAULT;
	f->is_admin = req_form(r, "is_admin") != NULL;
	f->mfa_required = req_form(r, "mfa_required") != NULL;
}

static void
form_of_user(const struct user *u, struct cform *f)
{
	memset(f, 0, sizeof(*f));
	f->name = u->name;
	f->email = u->email;
	f->login = u->login;
	f->title = u->title;
	f->phone_work = u->phone_work;
	f->phone_mobile = u->phone_mobile;
	f->lang = lang_code(u->lang);
	f->tz = u->time_zone;
	f->is_admin = u->is_admin;
	f->mfa_required = u->mfa_required;
}

/*
 * Checks every field and sets its error. Returns 0 when all are valid, 1
 * when some are not, -1 on a database error. An empty user ID gets the
 * recommended one filled in, for the user to check and send again.
 */
static int
validate(struct req *r, struct db *db, struct cform *f, int64_t except_id)
{
	if (!*f->name)
		f->e_name = T(r, "Enter the name.");
	else if (input_chars(f->name) > TEXT_MAX || input_has_control(f->name, false))
		f->e_name = T(r, "Enter a name of 100 characters at most.");
	if (!*f->email)
		f->e_email = T(r, "Enter the e-mail address.");
	else if (!person_email_valid(f->email))
		f->e_email = T(r, "Enter a valid e-mail address.");
	if (!*f->login) {
		if (!f->e_email) {
			f->login = propose_login(r, f->email);
			f->e_login =
			    T(r, "Enter a user ID. The recommended one has been filled in: "
			         "check it and send the form again.");
		} else {
			f->e_login = T(r, "Enter a user ID.");
		}
	} else if (!login_ok(f->login)) {
		f->e_login = T(r, "Use 1 to 40 characters for the user ID: letters, digits and "
		                  "symbols, without spaces.");
	} else {
		int taken = users_login_taken(db, f->login, except_id);
		if (taken < 0)
			return -1;
		if (taken)
			f->e_login =
			    T(r, "This user ID is already in use. User IDs are unique across "
			         "the whole portal, other customers included.");
	}
	if (input_chars(f->title) > TEXT_MAX || input_has_control(f->title, false))
		f->e_title = T(r, "Enter a title of 100 characters at most.");
	if (!phone_ok(f->phone_work))
		f->e_phone_work = T(r, "Enter a telephone number with digits, spaces and + - ( ) "
		                       "only, 30 characters at most.");
	if (!phone_ok(f->phone_mobile))
		f->e_phone_mobile = T(r, "Enter a telephone number with digits, spaces and + - ( ) "
		                         "only, 30 characters at most.");
	enum lang l;
	if (lang_parse(f->lang, &l) != 0)
		f->e_lang = T(r, "Choose a language from the list.");
	if (!tz_valid(f->tz))
		f->e_tz = T(r, "Choose a time zone from the list.");
	return f->e_name || f->e_email || f->e_login || f->e_title || f->e_phone_work ||
	               f->e_phone_mobile || f->e_lang || f->e_tz
	           ? 1
	           : 0;
}

static struct user_edit
edit_of(const struct cform *f)
{
	struct user_edit e = {.login = f->login,
	                      .name = f->name,
	                      .email = f->email,
	                      .title = f->title,
	                      .phone_work = f->phone_work,
	                      .phone_mobile = f->phone_mobile,
	                      .time_zone = f->tz,
	                      .is_admin = f->is_admin,
	                      .mfa_required = f->mfa_required};
	if (lang_parse(f->lang, &e.lang) != 0)
		e.lang = LANG_JA;
	return e;
}

static void
note(struct req *r, const char *text)
{
	html_lit(&r->out, "<p class=\"muted field-hint\">");
	html_text(&r->out, text);
	html_lit(&r->out, "</p>");
}

/* The fields shared by the create and edit forms. */
static void
contact_fields(struct req *r, const struct cform *f, bool creating)
{
	const char *hint;
	if (f->email && person_email_valid(f->email))
		hint = arena_printf(r->a,
		                    T(r, "Recommended: %s (the e-mail address followed by .cs; "
		                         "40 characters at most)."),
		                    propose_login(r, f->email));
	else
		hint = T(r, "Recommended: the e-mail address followed by .cs. An address of 38 "
		            "characters or more is cut to 37 first (40 characters at most).");
	form_field(r, &(struct field){.name = "name",
	                              .label = T(r, "Name"),
	                              .value = f->name,
	                              .error = f->e_name,
	                              .autocomplete = "off",
	                              .maxlength = TEXT_MAX,
	                              .required = true,
	                              .autofocus = creating && !f->e_name && !*f->name});
	form_field(r, &(struct field){.name = "email",
	                              .label = T(r, "E-mail address"),
	                              .type = "email",
	                              .value = f->email,
	                              .error = f->e_email,
	                              .autocomplete = "off",
	                              .maxlength = EMAIL_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "user_id",
	                              .label = T(r, "User ID"),
	                              .value = f->login,
	                              .error = f->e_login,
	                              .hint = hint,
	                              .autocomplete = "off",
	                              .maxlength = LOGIN_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "title",
	                              .label = T(r, "Title"),
	                              .value = f->title,
	                              .error = f->e_title,
	                              .autocomplete = "off",
	                              .maxlength = TEXT_MAX});
	form_field(r, &(struct field){.name = "phone_work",
	                              .label = T(r, "Work phone"),
	                              .type = "tel",
	                              .value = f->phone_work,
	                              .error = f->e_phone_work,
	                              .autocomplete = "off",
	                              .maxlength = PHONE_MAX});
	form_field(r, &(struct field){.name = "phone_mobile",
	                              .label = T(r, "Mobile phone"),
	                              .type = "tel",
	                              .value = f->phone_mobile,
	                              .error = f->e_phone_mobile,
	                              .autocomplete = "off",
	                              .maxlength = PHONE_MAX});
	static const char *const lang_values[] = {"ja", "en"};
	static const char *const lang_labels[] = {"日本語", "English"};
	form_select_error(r, "lang", T(r, "Language"), lang_values, lang_labels, 2, f->lang,
	                  f->e_lang);
	/* The zones offered, plus the user's own when it is another one. */
	int n = (int)tz_choices_count;
	bool listed = false;
	for (int i = 0; i < n; i++)
		listed |= f->tz && strcmp(f->tz, tz_choices[i]) == 0;
	const char **zones = arena_alloc(r->a, (tz_choices_count + 1) * sizeof(*zones));
	memcpy(zones, tz_choices, tz_choices_count * sizeof(*zones));
	if (!listed && f->tz && !f->e_tz)
		zones[n++] = f->tz;
	form_select_error(r, "time_zone", T(r, "Time zone"), zones, zones, n, f->tz, f->e_tz);
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

/* GET /contacts: the users of the admin's company. */
int
page_contacts(struct req *r)
{
	const char *term = input_trim(r->a, req_query(r, "q"));
	if (input_chars(term) > SEARCH_MAX || input_has_control(term, false))
		term = "";
	int64_t page = 1;
	const char *ps = req_query(r, "page");
	if (ps && (parse_id(ps, &page) != 0 || page > 1000000))
		page = 1;
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

static int
render_new(struct req *r, int status, const struct cform *f, const char *alert)
{
	struct page p = {.title = T(r, "Create a contact"), .menu = "contacts-new"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	breadcrumb(r);
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (alert)
		form_alert(r, ALERT_ERROR, alert, false);
	form_required_legend(r);
	html_lit(b,
	         "<form class=\"card form contact-form\" method=\"post\" action=\"/contacts/new\" "
	         "data-propose-login>");
	form_csrf(r);
	contact_fields(r, f, true);
	html_lit(b, "<p class=\"note\">");
	html_text(b, T(r, "An invitation with a link to set the password is sent to the e-mail "
	                  "address. The link is valid for 72 hours."));
	html_lit(b, "</p><div class=\"actions\"><button class=\"btn btn-primary\" "
	            "type=\"submit\">");
	html_text(b, T(r, "Submit"));
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return status;
}

/* GET /contacts/new */
int
page_contact_new_form(struct req *r)
{
	struct cform f = {.name = "", .email = "", .login = "", .lang = "ja", .tz = TZ_DEFAULT};
	return render_new(r, 200, &f, NULL);
}

static int
audit(struct req *r, struct db *db, const char *event, int64_t target_id, const char *target_login,
      const char *more)
{
	struct audit_event ev = {
	    .event = event,
	    .actor_id = r->user->id,
	    .customer_id = r->user->customer_id,
	    .login = r->user->login,
	    .ip = r->remote_ip,
	    .user_agent = r->user_agent,
	    .detail = arena_printf(r->a, "user=%lld login=%s%s%s", (long long)target_id,
	                           target_login, more ? " " : "", more ? more : ""),
	};
	return audit_add(db, &ev);
}

static const char *
correct_below(struct req *r)
{
	return T(r, "Please correct the fields marked below.");
}

/*
 * The new user, the invitation link and its mail, and the audit line, in
 * one transaction. Returns the new id, 0 when the user ID was taken
 * meanwhile, -1 on error.
 */
static int64_t
create_contact(struct req *r, struct db *db, const struct cform *f)
{
	struct user_edit e = edit_of(f);
	struct new_user nu = {.login = f->login,
	                      .name = f->name,
	                      .email = f->email,
	                      .customer_id = r->user->customer_id,
	                      .is_admin = f->is_admin,
	                      .lang = e.lang,
	                      .password_hash = NULL};
	struct recipient to = {.name = f->name, .email = f->email, .lang = e.lang};
	if (db_begin(db) != 0)
		return -1;
	int64_t id = users_insert(db, &nu);
	if (id <= 0) {
		db_rollback(db);
		return id;
	}
	char *token;
	if (contact_update(db, id, r->user->customer_id, &e) != 0 ||
	    !(token = token_create(db, "reset", id, INVITE_TOKEN_SECONDS, NULL, r->a)) ||
	    mail_reset_link(db, r->app, &to, f->login, token, 1) != 0 ||
	    audit(r, db, "account.created", id, f->login, NULL) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		return -1;
	}
	return id;
}

/* POST /contacts/new */
int
page_contact_create(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct cform f;
	read_form(r, &f);
	int v = validate(r, db, &f, 0);
	if (v < 0)
		return 500;
	if (v > 0)
		return render_new(r, 422, &f, correct_below(r));
	int64_t id = create_contact(r, db, &f);
	if (id < 0)
		return 500;
	if (id == 0) {
		f.e_login = T(r, "This user ID is already in use. User IDs are unique across the "
		                 "whole portal, other customers included.");
		return render_new(r, 422, &f, correct_below(r));
	}
	mail_sender_kick();
	return req_redirect(r, arena_printf(r->a, "/contacts/%lld?created=1", (long long)id));
}

/* The contact of the URL within the admin's company: 1, 0 (404) or -1. */
static int
load_contact(struct req *r, struct db *db, struct user *u)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return 0;
	return contact_get(db, id, r->user->customer_id, r->a, u);
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

/* A form of one button posting to /contacts/:id/<action>. */
static void
action_form(struct req *r, const struct user *u, const char *action, const char *label,
            const char *confirm, bool primary)
{
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"action-form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "/contacts/%lld/%s", (long long)u->id, action));
	if (confirm)
		html_attr(b, "data-confirm", confirm);
	html_lit(b, ">");
	form_csrf(r);
	html_lit(b, "<button type=\"submit\"");
	html_attr(b, "class", primary ? "btn btn-primary" : "btn btn-secondary");
	html_lit(b, ">");
	html_text(b, label);
	html_lit(b, "</button></form>");
}

/* The message a redirect after an action asked for, or NULL. */
static const char *
done_message(struct req *r)
{
	if (req_query(r, "created"))
		return T(r, "The contact has been created and an invitation has been sent to their "
		            "e-mail address.");
	if (req_query(r, "saved"))
		return T(r, "The changes have been saved.");
	if (req_query(r, "disabled"))
		return T(r, "The login has been disabled. The user's sessions have ended.");
	if (req_query(r, "enabled"))
		return T(r, "The login has been enabled and any lockout cleared.");
	if (req_query(r, "mfa_removed"))
		return T(r, "The authenticator app has been removed.");
	return NULL;
}

static int
render_edit(struct req *r, int status, const struct user *u, const struct cform *f,
            enum alert_kind kind, const char *msg)
{
	struct db *db = db_thread();
	struct guard g = {0};
	if (!db || guard_get(db, u->login, &g) != 0)
		return 500;
	bool locked = g.locked_until > clock_now();
	bool self = u->id == r->user->id;
	struct page p = {.title = u->name, .menu = "contacts"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	breadcrumb(r);
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	const char *done = msg ? NULL : done_message(r);
	if (msg)
		form_alert(r, kind, msg, false);
	else if (done)
		form_alert(r, ALERT_SUCCESS, done, true);

	html_lit(b, "<section class=\"card\"><dl class=\"kv contact-state\">");
	kv(r, T(r, "Status"), u->disabled ? T(r, "Disabled") : T(r, "Enabled"));
	if (locked)
		kv(r, T(r, "Lock"),
		   T(r, "Locked after 5 wrong passwords in a row. Enabling the login unlocks it."));
	kv(r, T(r, "Authenticator app"), u->has_totp ? T(r, "Set up") : T(r, "Not set up"));
	html_lit(b, "</dl></section>");

	form_required_legend(r);
	html_lit(b, "<form class=\"card form contact-form\" method=\"post\" data-ctrl-s");
	html_attr(b, "action", arena_printf(r->a, "/contacts/%lld", (long long)u->id));
	html_lit(b, ">");
	form_csrf(r);
	contact_fields(r, f, false);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\" "
	            "aria-keyshortcuts=\"Control+S\">");
	html_text(b, T(r, "Save (Ctrl+S)"));
	html_lit(b, "</button></div></form>");

	html_lit(b, "<section class=\"card contact-actions\"><h2>");
	html_text(b, T(r, "Actions"));
	html_lit(b, "</h2><div class=\"actions\">");
	if (!u->disabled && !self)
		action_form(r, u, "disable", T(r, "Disable login"),
		            T(r, "Disable the login of this user? Their sessions end at once."),
		            false);
	if (u->disabled || locked)
		action_form(r, u, "enable", T(r, "Enable login"), NULL, true);
	if (u->has_totp)
		action_form(r, u, "mfa-reset", T(r, "Remove the authenticator app"),
		            T(r, "Remove the authenticator app of this user? Use this when the "
		                 "device is lost; the user can set up a new one."),
		            false);
	html_lit(b, "</div>");
	if (self && !u->disabled)
		note(r, T(r, "You cannot disable your own login."));
	html_lit(b, "</section>");
	layout_end(r);
	return status;
}

/* GET /contacts/:id */
int
page_contact_edit_form(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct user u;
	int found = load_contact(r, db, &u);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct cform f;
	form_of_user(&u, &f);
	return render_edit(r, 200, &u, &f, ALERT_INFO, NULL);
}

/* The names of the fields that differ, for the audit trail. */
static const char *
changed_fields(struct req *r, const struct user *u, const struct user_edit *e)
{
	struct buf c = {0};
	struct {
		const char *name;
		bool changed;
	} fs[] = {
	    {"login", strcmp(u->login, e->login) != 0},
	    {"name", strcmp(u->name, e->name) != 0},
	    {"email", strcmp(u->email, e->email) != 0},
	    {"title", strcmp(u->title, e->title) != 0},
	    {"phone_work", strcmp(u->phone_work, e->phone_work) != 0},
	    {"phone_mobile", strcmp(u->phone_mobile, e->phone_mobile) != 0},
	    {"lang", u->lang != e->lang},
	    {"time_zone", strcmp(u->time_zone, e->time_zone) != 0},
	    {"admin", u->is_admin != e->is_admin},
	    {"mfa_required", u->mfa_required != e->mfa_required},
	};
	for (size_t i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		if (!fs[i].changed)
			continue;
		buf_puts(&c, c.len ? "," : "fields=");
		buf_puts(&c, fs[i].name);
	}
	const char *s = c.p ? arena_strdup(r->a, c.p) : NULL;
	buf_free(&c);
	return s;
}

static const char *
last_admin_message(struct req *r)
{
	return T(r, "You are the only enabled administrator of your company, so you cannot remove "
	            "your own administrator flag. Make another user an administrator first.");
}

/* POST /contacts/:id */
int
page_contact_save(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct user u;
	int found = load_contact(r, db, &u);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct cform f;
	read_form(r, &f);
	int v = validate(r, db, &f, u.id);
	if (v < 0)
		return 500;
	if (v > 0)
		return render_edit(r, 422, &u, &f, ALERT_ERROR, correct_below(r));
	bool self = u.id == r->user->id;
	bool drops_own_admin = self && u.is_admin && !f.is_admin;
	struct user_edit e = edit_of(&f);
	const char *fields = changed_fields(r, &u, &e);
	if (!fields)
		return req_redirect(r,
		                    arena_printf(r->a, "/contacts/%lld?saved=1", (long long)u.id));
	bool email_changed = strcmp(u.email, e.email) != 0;
	if (db_begin(db) != 0)
		return 500;
	/* Counted inside the transaction: two admins cannot both step down at once. */
	int64_t others = drops_own_admin ? contact_other_admins(db, u.customer_id, u.id) : 1;
	if (others < 0) {
		db_rollback(db);
		return 500;
	}
	if (others == 0) {
		db_rollback(db);
		return render_edit(r, 409, &u, &f, ALERT_ERROR, last_admin_message(r));
	}
	int rc = contact_update(db, u.id, r->user->customer_id, &e);
	if (rc == 1) {
		db_rollback(db);
		f.e_login = T(r, "This user ID is already in use. User IDs are unique across the "
		                 "whole portal, other customers included.");
		return render_edit(r, 422, &u, &f, ALERT_ERROR, correct_below(r));
	}
	struct recipient old_to = {.name = u.name, .email = u.email, .lang = u.lang};
	if (rc != 0 || audit(r, db, "account.updated", u.id, e.login, fields) != 0 ||
	    (email_changed && (audit(r, db, "account.email_changed", u.id, e.login, NULL) != 0 ||
	                       mail_email_changed(db, r->app, &old_to, e.email) != 0)) ||
	    db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	if (email_changed)
		mail_sender_kick();
	if (drops_own_admin) /* the contacts pages are no longer theirs */
		return req_redirect(r, "/");
	return req_redirect(r, arena_printf(r->a, "/contacts/%lld?saved=1", (long long)u.id));
}

/* Disable or enable the login of the contact of the URL. */
static int
set_disabled(struct req *r, bool disable)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct user u;
	int found = load_contact(r, db, &u);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	const char *back = arena_printf(r->a, "/contacts/%lld?%s=1", (long long)u.id,
	                                disable ? "disabled" : "enabled");
	if (disable && u.id == r->user->id) {
		struct cform f;
		form_of_user(&u, &f);
		return render_edit(r, 409, &u, &f, ALERT_ERROR,
		                   T(r, "You cannot disable your own login."));
	}
	if (db_begin(db) != 0)
		return 500;
	int rc = 0;
	if (disable && !u.disabled) {
		rc |= contact_set_disabled(db, u.id, r->user->customer_id, true);
		rc |= session_rows_delete_others(db, u.id, NULL); /* NULL: every session */
		rc |= audit(r, db, "account.disabled", u.id, u.login, NULL);
	} else if (!disable) {
		rc |= contact_set_disabled(db, u.id, r->user->customer_id, false);
		rc |= guard_unlock(db, u.login);
		rc |= audit(r, db, "account.enabled", u.id, u.login, u.disabled ? NULL : "unlock");
	}
	if (rc != 0 || db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r, back);
}

/* POST /contacts/:id/disable (ログイン無効化): also ends the user's sessions. */
int
page_contact_disable(struct req *r)
{
	return set_disabled(r, true);
}

/* POST /contacts/:id/enable (ログイン有効化): also clears a lockout. */
int
page_contact_enable(struct req *r)
{
	return set_disabled(r, false);
}

/*
 * POST /contacts/:id/mfa-reset (認証アプリを解除): for a user who lost their
 * authenticator. Browsers trusted with it are forgotten too.
 */
int
page_contact_mfa_reset(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct user u;
	int found = load_contact(r, db, &u);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	if (db_begin(db) != 0)
		return 500;
	if (users_totp_clear(db, u.id) != 0 || token_void(db, u.id, "trust") != 0 ||
	    audit(r, db, "account.mfa_removed", u.id, u.login, NULL) != 0 || db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r, arena_printf(r->a, "/contacts/%lld?mfa_removed=1", (long long)u.id));
}
