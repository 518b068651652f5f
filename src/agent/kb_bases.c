/*
 * Knowledge bases and their categories in the console (provider staff):
 * the list, the forms that add a knowledge base (its service, or every
 * service; whether it holds announcements) and a category, and the page of
 * each, which renames it (both languages) and deletes it. The handlers
 * read the forms (web/fields.h) and call the knowledge operations
 * (knowledge/bases.c), which hold the rules of what may be deleted, the
 * transaction and the audit trail. Anything refused changes nothing and
 * says why next to its field or the button.
 */
#include "core/arena.h"
#include "http/request.h"
#include "agent/console.h"
#include "knowledge/knowledge.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "views/knowledge_view.h"
#include "web/form.h"
#include "web/html.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/layout.h"

#include <string.h>

/* What a form holds: what was typed, and the errors shown next to the fields. */
struct bform {
	const char *service, *name_ja, *name_en, *kb, *position, *move_to;
	bool announcements;
	const char *e_service, *e_name_ja, *e_name_en, *e_kb, *e_position, *e_delete;
	const char *alert;
};

/* ------------------------------------------------------------------ */
/* Input                                                               */
/* ------------------------------------------------------------------ */

/* Copies the errors of the operation (or of the parsing) in d into the form's fields. */
static void
take_errors(struct req *r, const struct dom *d, struct bform *f, const char *prefix)
{
	const char *ja = arena_printf(r->a, "%sname_ja", prefix);
	const char *en = arena_printf(r->a, "%sname_en", prefix);
	f->e_service = web_error(r, d, "service");
	f->e_kb = web_error(r, d, "kb");
	f->e_name_ja =
	    web_error(r, d, "name_ja") ? web_error(r, d, "name_ja") : web_error(r, d, ja);
	f->e_name_en =
	    web_error(r, d, "name_en") ? web_error(r, d, "name_en") : web_error(r, d, en);
	f->e_position = web_error(r, d, "position");
	f->e_delete = web_error(r, d, "move_to");
	f->alert = T(r, "Check the fields marked below. Nothing was saved.");
}

/* The declared inputs of the forms here; the operations check the values. */
static const struct field_decl base_fields[] = {
    {.name = "service", .kind = FIELD_ID, .msgid = N_("Choose a service from the list.")},
    {.name = "name_ja", .kind = FIELD_LINE, .max_chars = 1000},
    {.name = "name_en", .kind = FIELD_LINE, .max_chars = 1000},
    {.name = "announcements", .kind = FIELD_BOOL},
};
static const struct field_decl category_fields[] = {
    {.name = "kb", .kind = FIELD_ID, .msgid = N_("Choose a knowledge base from the list.")},
    {.name = "cat_name_ja", .kind = FIELD_LINE, .max_chars = 1000},
    {.name = "cat_name_en", .kind = FIELD_LINE, .max_chars = 1000},
    {.name = "position",
     .kind = FIELD_INT,
     .min = 0,
     .max = KB_POSITION_MAX,
     .msgid = N_("Enter a number from 0 to 9999.")},
};
static const struct field_decl rename_fields[] = {
    {.name = "name_ja", .kind = FIELD_LINE, .max_chars = 1000},
    {.name = "name_en", .kind = FIELD_LINE, .max_chars = 1000},
    {.name = "position",
     .kind = FIELD_INT,
     .min = 0,
     .max = KB_POSITION_MAX,
     .msgid = N_("Enter a number from 0 to 9999.")},
};

/* ------------------------------------------------------------------ */
/* Output                                                              */
/* ------------------------------------------------------------------ */

static void
field_error(struct req *r, const char *id, const char *msg)
{
	if (!msg)
		return;
	struct buf *b = &r->out;
	html_lit(b, "<p class=\"field-error\" role=\"alert\"");
	if (id)
		html_attr(b, "id", id);
	html_lit(b, ">");
	html_text(b, msg);
	html_lit(b, "</p>");
}

static void
name_fields(struct req *r, const struct bform *f, const char *prefix)
{
	form_field(r, &(struct field){.name = arena_printf(r->a, "%sname_ja", prefix),
	                              .label = T(r, "Name (Japanese)"),
	                              .value = f->name_ja,
	                              .error = f->e_name_ja,
	                              .maxlength = KB_NAME_MAX_CHARS,
	                              .required = true});
	form_field(r, &(struct field){.name = arena_printf(r->a, "%sname_en", prefix),
	                              .label = T(r, "Name (English)"),
	                              .value = f->name_en,
	                              .error = f->e_name_en,
	                              .maxlength = KB_NAME_MAX_CHARS,
	                              .required = true});
}

static void
position_field(struct req *r, const struct bform *f)
{
	form_field(r, &(struct field){.name = "position",
	                              .label = T(r, "Position in the list"),
	                              .value = f->position,
	                              .error = f->e_position,
	                              .type = "number",
	                              .maxlength = 4});
}

/* The breadcrumb of every page here: the articles, then the list. */
static void
breadcrumb(struct req *r, bool to_list)
{
	struct buf *b = &r->out;
	html_lit(b, "<p class=\"breadcrumb\"><a href=\"/console/kb\">");
	html_text(b, T(r, "Knowledge articles"));
	html_lit(b, "</a>");
	if (to_list) {
		html_lit(b, " &gt; <a href=\"/console/kb/bases\">");
		html_text(b, T(r, "Knowledge bases and categories"));
		html_lit(b, "</a>");
	}
	html_lit(b, "</p>");
}

static const struct field_decl saved_decl[] = {{.name = "saved", .kind = FIELD_BOOL}};

static void
heading(struct req *r, const char *title, const struct bform *f)
{
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, title);
	html_lit(b, "</h1>");
	if (f->alert)
		form_alert(r, ALERT_ERROR, f->alert, false);
	else if (fields_first_flag(r, saved_decl, 1) == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The settings have been saved."), true);
}

/* ------------------------------------------------------------------ */
/* The list, and the forms that add                                    */
/* ------------------------------------------------------------------ */

static void
write_base_card(struct req *r, const struct kb_base *k, const struct kb_category *cats, int nc)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card kb-base\"><h2><a");
	html_attr(b, "href", arena_printf(r->a, "/console/kb/bases/%lld", (long long)k->id));
	html_lit(b, ">");
	html_text(b, kb_name(r, k->name_ja, k->name_en));
	html_lit(b, "</a></h2><p class=\"muted\">");
	html_text(b,
	          k->service_id ? kb_name(r, k->service_ja, k->service_en) : T(r, "Every service"));
	if (k->is_announcements) {
		html_lit(b, " • ");
		html_text(b, T(r, "Announcements"));
	}
	html_lit(b, "</p><ul>");
	for (int i = 0; i < nc; i++) {
		if (cats[i].kb_id != k->id)
			continue;
		html_lit(b, "<li><a");
		html_attr(b, "href",
		          arena_printf(r->a, "/console/kb/categories/%lld", (long long)cats[i].id));
		html_lit(b, ">");
		html_text(b, cats[i].name_ja);
		html_lit(b, " / ");
		html_text(b, cats[i].name_en);
		html_lit(b, "</a></li>");
	}
	html_lit(b, "</ul></section>");
}

static void
write_base_form(struct req *r, const struct bform *bf, const struct cadm_service *svcs, int ns)
{
	struct buf *b = &r->out;
	const char **vals = arena_alloc(r->a, (size_t)(ns + 1) * sizeof(char *));
	const char **labs = arena_alloc(r->a, (size_t)(ns + 1) * sizeof(char *));
	vals[0] = "";
	labs[0] = T(r, "Every service");
	for (int i = 0; i < ns; i++) {
		vals[i + 1] = arena_printf(r->a, "%lld", (long long)svcs[i].id);
		labs[i + 1] = kb_name(r, svcs[i].name_ja, svcs[i].name_en);
	}
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/console/kb/bases\"><h2>");
	html_text(b, T(r, "New knowledge base"));
	html_lit(b, "</h2>");
	form_csrf(r);
	form_select(r, "service", T(r, "Service"), vals, labs, ns + 1, bf->service);
	field_error(r, NULL, bf->e_service);
	name_fields(r, bf, "");
	form_checkbox(r, "announcements", T(r, "Holds announcements"), bf->announcements);
	form_submit(r, T(r, "Add"));
}

static void
write_category_form(struct req *r, const struct bform *cf, const struct kb_base *bases, int nb)
{
	struct buf *b = &r->out;
	const char **vals = arena_alloc(r->a, (size_t)nb * sizeof(char *));
	const char **labs = arena_alloc(r->a, (size_t)nb * sizeof(char *));
	for (int i = 0; i < nb; i++) {
		vals[i] = arena_printf(r->a, "%lld", (long long)bases[i].id);
		labs[i] = kb_name(r, bases[i].name_ja, bases[i].name_en);
	}
	html_lit(
	    b, "<form class=\"card form\" method=\"post\" action=\"/console/kb/categories\"><h2>");
	html_text(b, T(r, "New category"));
	html_lit(b, "</h2>");
	form_csrf(r);
	form_select(r, "kb", T(r, "Knowledge base"), vals, labs, nb, cf->kb);
	field_error(r, NULL, cf->e_kb);
	name_fields(r, cf, "cat_");
	position_field(r, cf);
	form_submit(r, T(r, "Add"));
}

static int
render_list(struct req *r, int status, const struct bform *bf, const struct bform *cf)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct kb_base *bases;
	struct kb_category *cats;
	struct cadm_service *svcs;
	int nb = kb_bases_all(db, r->a, &bases);
	int nc = kb_categories_all(db, r->a, &cats);
	int ns = cadm_services(db, r->a, &svcs);
	if (nb < 0 || nc < 0 || ns < 0)
		return 500;
	struct page p = {.title = T(r, "Knowledge bases and categories"), .menu = "console-kb"};
	layout_begin(r, &p);
	breadcrumb(r, false);
	struct bform none = {.alert = bf->alert ? bf->alert : cf->alert};
	heading(r, p.title, &none);
	static const char *const deleted_choices[] = {"kb", "category", NULL};
	static const struct field_decl deleted_decl[] = {
	    {.name = "deleted", .kind = FIELD_CHOICE, .choices = deleted_choices}};
	struct field_value deleted;
	fields_read(r, FROM_QUERY, deleted_decl, 1, NULL, &deleted);
	if (!none.alert && deleted.choice == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The knowledge base has been deleted."), true);
	else if (!none.alert && deleted.choice == 1)
		form_alert(r, ALERT_SUCCESS, T(r, "The category has been deleted."), true);
	for (int i = 0; i < nb; i++)
		write_base_card(r, &bases[i], cats, nc);
	write_base_form(r, bf, svcs, ns);
	if (nb > 0)
		write_category_form(r, cf, bases, nb);
	layout_end(r);
	return status;
}

static const struct bform empty_base = {.service = "", .name_ja = "", .name_en = ""};
static const struct bform empty_category = {
    .kb = "", .name_ja = "", .name_en = "", .position = "0"};

/* GET /console/kb/bases */
int
page_console_kb_bases(struct req *r)
{
	return render_list(r, 200, &empty_base, &empty_category);
}

/* POST /console/kb/bases */
int
page_console_kb_base_create(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(base_fields)];
	fields_read(r, FROM_FORM, base_fields, FIELDS_N(base_fields), &d, v);
	struct kb_base_input in = {.service_id = dom_error(&d, "service") ? -1 : v[0].num,
	                           .name_ja = v[1].text,
	                           .name_en = v[2].text,
	                           .is_announcements = v[3].num != 0};
	int64_t id;
	int rc = knowledge_base_create(&d, &in, &id);
	if (rc == DOM_OK)
		return req_redirect(r, "/console/kb/bases?saved=1");
	if (rc != DOM_INVALID)
		return web_status(rc);
	struct bform bf = {.service = v[0].text,
	                   .name_ja = in.name_ja,
	                   .name_en = in.name_en,
	                   .announcements = in.is_announcements};
	take_errors(r, &d, &bf, "");
	return render_list(r, 422, &bf, &empty_category);
}

/* POST /console/kb/categories */
int
page_console_kb_category_create(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(category_fields)];
	fields_read(r, FROM_FORM, category_fields, FIELDS_N(category_fields), &d, v);
	struct kb_category_input in = {.kb_id = v[0].num,
	                               .name_ja = v[1].text,
	                               .name_en = v[2].text,
	                               .position = dom_error(&d, "position") ? -1 : v[3].num};
	int64_t id;
	int rc = knowledge_category_create(&d, &in, &id);
	if (rc == DOM_OK)
		return req_redirect(r, "/console/kb/bases?saved=1");
	if (rc != DOM_INVALID)
		return web_status(rc);
	struct bform cf = {
	    .kb = v[0].text, .name_ja = in.name_ja, .name_en = in.name_en, .position = v[3].text};
	take_errors(r, &d, &cf, "cat_");
	return render_list(r, 422, &empty_base, &cf);
}

/* ------------------------------------------------------------------ */
/* A knowledge base: rename, delete                                    */
/* ------------------------------------------------------------------ */

/* The delete section of a page: its hint, the button, and the refusal next to it. */
static void
delete_section_begin(struct req *r, const char *title, const char *hint)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card kb-delete\" aria-labelledby=\"delete-title\">"
	            "<h2 id=\"delete-title\">");
	html_text(b, title);
	html_lit(b, "</h2><p class=\"muted\">");
	html_text(b, hint);
	html_lit(b, "</p>");
}

static void
delete_form_begin(struct req *r, const char *action, const char *confirm)
{
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"form\" method=\"post\"");
	html_attr(b, "action", action);
	html_attr(b, "data-confirm", confirm);
	html_lit(b, ">");
	form_csrf(r);
}

static void
delete_form_end(struct req *r, const struct bform *f)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\"");
	if (f->e_delete)
		html_lit(b, " aria-describedby=\"delete-error\"");
	html_lit(b, ">");
	html_text(b, T(r, "Delete"));
	html_lit(b, "</button></div>");
	field_error(r, "delete-error", f->e_delete);
	html_lit(b, "</form></section>");
}

static void
kv(struct req *r, const char *term, const char *value)
{
	struct buf *b = &r->out;
	html_lit(b, "<dt>");
	html_text(b, term);
	html_lit(b, "</dt><dd>");
	html_text(b, value);
	html_lit(b, "</dd>");
}

static int
render_base(struct req *r, int status, const struct kb_base *k, const struct bform *f)
{
	struct db *db = db_thread();
	int64_t articles, categories;
	if (!db || kb_base_usage(db, k->id, &articles, &categories) != 0)
		return 500;
	struct page p = {.title = kb_name(r, k->name_ja, k->name_en), .menu = "console-kb"};
	layout_begin(r, &p);
	breadcrumb(r, true);
	heading(r, p.title, f);
	struct buf *b = &r->out;
	const char *base = arena_printf(r->a, "/console/kb/bases/%lld", (long long)k->id);
	html_lit(b, "<dl class=\"kv card\">");
	kv(r, T(r, "Service"),
	   k->service_id ? kb_name(r, k->service_ja, k->service_en) : T(r, "Every service"));
	if (k->is_announcements)
		kv(r, T(r, "Holds announcements"), "✓");
	kv(r, T(r, "Articles"), arena_printf(r->a, "%lld", (long long)articles));
	kv(r, T(r, "Categories"), arena_printf(r->a, "%lld", (long long)categories));
	html_lit(b, "</dl><form class=\"card form\" method=\"post\"");
	html_attr(b, "action", base);
	html_lit(b, "><h2>");
	html_text(b, T(r, "Rename"));
	html_lit(b, "</h2>");
	form_csrf(r);
	name_fields(r, f, "");
	form_submit(r, T(r, "Save"));
	delete_section_begin(r, T(r, "Delete this knowledge base"),
	                     T(r, "A knowledge base can be deleted once it holds no article and "
	                          "no category."));
	delete_form_begin(r, arena_printf(r->a, "%s/delete", base),
	                  T(r, "Delete this knowledge base? This cannot be undone."));
	delete_form_end(r, f);
	layout_end(r);
	return status;
}

/* The knowledge base of the path: 1 found, 0 not (404), -1 error. */
static int
base_of_path(struct req *r, struct db *db, struct kb_base *k)
{
	int64_t id = req_path_id(r, 0);
	return id ? kb_base_get(db, id, r->a, k) : 0;
}

/* GET /console/kb/bases/:id */
int
page_console_kb_base(struct req *r)
{
	struct db *db = db_thread();
	struct kb_base k;
	int found = db ? base_of_path(r, db, &k) : -1;
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct bform f = {.name_ja = k.name_ja, .name_en = k.name_en};
	return render_base(r, 200, &k, &f);
}

/* POST /console/kb/bases/:id */
int
page_console_kb_base_rename(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[2];
	fields_read(r, FROM_FORM, rename_fields, 2, &d, v);
	int64_t id = req_path_id(r, 0);
	int rc = id ? knowledge_base_rename(&d, id, v[0].text, v[1].text) : DOM_NOT_FOUND;
	if (rc == DOM_OK)
		return req_redirect(
		    r, arena_printf(r->a, "/console/kb/bases/%lld?saved=1", (long long)id));
	struct db *db = db_thread();
	struct kb_base k;
	if (rc != DOM_INVALID || !db || kb_base_get(db, id, r->a, &k) != 1)
		return web_status(rc == DOM_INVALID ? DOM_ERROR : rc);
	struct bform f = {.name_ja = v[0].text, .name_en = v[1].text};
	take_errors(r, &d, &f, "");
	return render_base(r, 422, &k, &f);
}

/* POST /console/kb/bases/:id/delete */
int
page_console_kb_base_delete(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int64_t id = req_path_id(r, 0);
	struct kb_usage u;
	int rc = id ? knowledge_base_delete(&d, id, &u) : DOM_NOT_FOUND;
	if (rc == DOM_OK)
		return req_redirect(r, "/console/kb/bases?deleted=kb");
	struct db *db = db_thread();
	struct kb_base k;
	if (rc != DOM_CONFLICT || !db || kb_base_get(db, id, r->a, &k) != 1)
		return web_status(rc == DOM_CONFLICT ? DOM_ERROR : rc);
	struct bform f = {.name_ja = k.name_ja, .name_en = k.name_en};
	/* d.message, with the counts */
	f.e_delete = arena_printf(r->a,
	                          T(r, "This knowledge base still holds articles or categories "
	                               "(articles: %lld, categories: %lld). Move or delete them "
	                               "first: nothing was deleted."),
	                          (long long)u.articles, (long long)u.categories);
	f.alert = f.e_delete;
	return render_base(r, 409, &k, &f);
}

/* ------------------------------------------------------------------ */
/* A category: rename (and its position), delete                       */
/* ------------------------------------------------------------------ */

/* Where a category's articles may go: the other categories of its knowledge base, or none. */
static void
write_move_select(struct req *r, const struct kb_category *c, const struct bform *f,
                  const struct kb_category *cats, int nc)
{
	const char **vals = arena_alloc(r->a, (size_t)(nc + 2) * sizeof(char *));
	const char **labs = arena_alloc(r->a, (size_t)(nc + 2) * sizeof(char *));
	int n = 0;
	vals[n] = "";
	labs[n++] = T(r, "Choose a category");
	for (int i = 0; i < nc; i++) {
		if (cats[i].kb_id != c->kb_id || cats[i].id == c->id)
			continue;
		vals[n] = arena_printf(r->a, "%lld", (long long)cats[i].id);
		labs[n++] = kb_name(r, cats[i].name_ja, cats[i].name_en);
	}
	vals[n] = "0";
	labs[n++] = T(r, "No category");
	form_select(r, "move_to", T(r, "Move its articles to"), vals, labs, n, f->move_to);
}

static int
render_category(struct req *r, int status, const struct kb_category *c, const struct bform *f)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct kb_base k;
	struct kb_category *cats;
	int64_t articles = kb_category_articles(db, c->id);
	int nc = kb_categories_all(db, r->a, &cats);
	if (articles < 0 || nc < 0 || kb_base_get(db, c->kb_id, r->a, &k) != 1)
		return 500;
	struct page p = {.title = kb_name(r, c->name_ja, c->name_en), .menu = "console-kb"};
	layout_begin(r, &p);
	breadcrumb(r, true);
	heading(r, p.title, f);
	struct buf *b = &r->out;
	const char *base = arena_printf(r->a, "/console/kb/categories/%lld", (long long)c->id);
	html_lit(b, "<dl class=\"kv card\">");
	kv(r, T(r, "Knowledge base"), kb_name(r, k.name_ja, k.name_en));
	kv(r, T(r, "Articles"), arena_printf(r->a, "%lld", (long long)articles));
	html_lit(b, "</dl><form class=\"card form\" method=\"post\"");
	html_attr(b, "action", base);
	html_lit(b, "><h2>");
	html_text(b, T(r, "Rename"));
	html_lit(b, "</h2>");
	form_csrf(r);
	name_fields(r, f, "");
	position_field(r, f);
	form_submit(r, T(r, "Save"));
	delete_section_begin(r, T(r, "Delete this category"),
	                     articles ? T(r, "Its articles are moved to the category you choose "
	                                     "before it is deleted.")
	                              : T(r, "It holds no article."));
	delete_form_begin(r, arena_printf(r->a, "%s/delete", base),
	                  T(r, "Delete this category? This cannot be undone."));
	if (articles)
		write_move_select(r, c, f, cats, nc);
	delete_form_end(r, f);
	layout_end(r);
	return status;
}

/* The category of the path: 1 found, 0 not (404), -1 error. */
static int
category_of_path(struct req *r, struct db *db, struct kb_category *c)
{
	int64_t id = req_path_id(r, 0);
	return id ? kb_category_get(db, id, r->a, c) : 0;
}

static struct bform
category_values(struct req *r, const struct kb_category *c)
{
	return (struct bform){.name_ja = c->name_ja,
	                      .name_en = c->name_en,
	                      .position = arena_printf(r->a, "%lld", (long long)c->position),
	                      .move_to = ""};
}

/* GET /console/kb/categories/:id */
int
page_console_kb_category(struct req *r)
{
	struct db *db = db_thread();
	struct kb_category c;
	int found = db ? category_of_path(r, db, &c) : -1;
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct bform f = category_values(r, &c);
	return render_category(r, 200, &c, &f);
}

/* POST /console/kb/categories/:id */
int
page_console_kb_category_save(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(rename_fields)];
	fields_read(r, FROM_FORM, rename_fields, FIELDS_N(rename_fields), &d, v);
	int64_t id = req_path_id(r, 0);
	struct kb_category_input in = {.name_ja = v[0].text,
	                               .name_en = v[1].text,
	                               .position = dom_error(&d, "position") ? -1 : v[2].num};
	int rc = id ? knowledge_category_save(&d, id, &in) : DOM_NOT_FOUND;
	if (rc == DOM_OK)
		return req_redirect(
		    r, arena_printf(r->a, "/console/kb/categories/%lld?saved=1", (long long)id));
	struct db *db = db_thread();
	struct kb_category c;
	if (rc != DOM_INVALID || !db || kb_category_get(db, id, r->a, &c) != 1)
		return web_status(rc == DOM_INVALID ? DOM_ERROR : rc);
	struct bform f = {
	    .name_ja = in.name_ja, .name_en = in.name_en, .position = v[2].text, .move_to = ""};
	take_errors(r, &d, &f, "");
	return render_category(r, 422, &c, &f);
}

/*
 * The destination of a category's articles as the form says it: "" none
 * chosen (*move false), "0" no category, else a category id (-1 when it is
 * not one, which the operation refuses).
 */
static void
move_target(const char *value, bool *move, int64_t *to)
{
	*move = *value != '\0';
	*to = 0;
	if (*move && strcmp(value, "0") != 0 && parse_id(value, to) != 0)
		*to = -1;
}

/* POST /console/kb/categories/:id/delete */
int
page_console_kb_category_delete(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	static const struct field_decl decl[] = {{.name = "move_to", .kind = FIELD_LINE}};
	struct field_value v[1];
	fields_read(r, FROM_FORM, decl, 1, &d, v);
	int64_t id = req_path_id(r, 0), to, articles;
	bool move;
	move_target(v[0].text, &move, &to);
	int rc = id ? knowledge_category_delete(&d, id, move, to, &articles) : DOM_NOT_FOUND;
	if (rc == DOM_OK)
		return req_redirect(r, "/console/kb/bases?deleted=category");
	struct db *db = db_thread();
	struct kb_category c;
	if ((rc != DOM_INVALID && rc != DOM_CONFLICT) || !db ||
	    kb_category_get(db, id, r->a, &c) != 1)
		return web_status(rc == DOM_INVALID || rc == DOM_CONFLICT ? DOM_ERROR : rc);
	struct bform f = category_values(r, &c);
	f.move_to = v[0].text;
	/* On DOM_CONFLICT d.message, with the count */
	f.e_delete =
	    rc == DOM_CONFLICT
	        ? arena_printf(r->a,
	                       T(r, "This category still holds articles (%lld). Choose the "
	                            "category to move them to, then delete: nothing was "
	                            "deleted."),
	                       (long long)articles)
	        : web_error(r, &d, "move_to");
	f.alert = f.e_delete;
	return render_category(r, rc == DOM_INVALID ? 422 : 409, &c, &f);
}
