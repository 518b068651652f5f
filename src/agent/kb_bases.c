/*
 * Knowledge bases and their categories in the console (provider staff):
 * the list, the forms that add a knowledge base (its service, or every
 * service; whether it holds announcements) and a category, and the page of
 * each, which renames it (both languages) and deletes it. Audited.
 *
 * Deleting never loses an article. A knowledge base is deleted only once
 * it holds no article and no category: moving its articles elsewhere would
 * change which customers see them, a decision too large to be a side effect
 * of a delete, so staff move or retire them first. A category is only a
 * shelf within its knowledge base: deleting one that holds articles asks
 * where to move them (another category of the same knowledge base, or
 * none), and moves them in the same transaction. Anything refused changes
 * nothing and says why next to the button.
 */
#include "core/arena.h"
#include "http/request.h"
#include "agent/console.h"
#include "store/audit.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "views/knowledge_view.h"
#include "web/form.h"
#include "web/html.h"
#include "web/input.h"
#include "web/layout.h"

#include <string.h>

#define NAME_MAX_CHARS 100
#define POSITION_MAX   9999

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

static bool
name_ok(const char *s)
{
	return *s && input_chars(s) <= NAME_MAX_CHARS && !input_has_control(s, false);
}

static const char *
form_or_empty(struct req *r, const char *name)
{
	const char *s = req_form(r, name);
	return s ? s : "";
}

/*
 * Checks a pair of names: each one present, short, without control
 * characters, and not the name of another item (taken: KB_NAME_* bits, or
 * -1 when the lookup failed). Sets the field errors of f; taken_msg is
 * what a name in use says.
 */
static void
check_names(struct req *r, struct bform *f, int taken, const char *taken_msg)
{
	if (!name_ok(f->name_ja))
		f->e_name_ja = T(r, "Enter a name of 100 characters at most.");
	else if (taken > 0 && (taken & KB_NAME_JA))
		f->e_name_ja = taken_msg;
	if (!name_ok(f->name_en))
		f->e_name_en = T(r, "Enter a name of 100 characters at most.");
	else if (taken > 0 && (taken & KB_NAME_EN))
		f->e_name_en = taken_msg;
}

/* The position field: empty means 0. Sets *pos, or the field's error. */
static void
check_position(struct req *r, struct bform *f, int64_t *pos)
{
	*pos = 0;
	if (*f->position && strcmp(f->position, "0") != 0 &&
	    (parse_id(f->position, pos) != 0 || *pos > POSITION_MAX))
		f->e_position = T(r, "Enter a number from 0 to 9999.");
}

/* The id in the path, 0 when it is not one. */
static int64_t
path_id(struct req *r)
{
	int64_t id;
	return parse_id(r->pp[0], &id) == 0 ? id : 0;
}

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
	                              .maxlength = NAME_MAX_CHARS,
	                              .required = true});
	form_field(r, &(struct field){.name = arena_printf(r->a, "%sname_en", prefix),
	                              .label = T(r, "Name (English)"),
	                              .value = f->name_en,
	                              .error = f->e_name_en,
	                              .maxlength = NAME_MAX_CHARS,
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

static void
submit(struct req *r, const char *label)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, label);
	html_lit(b, "</button></div></form>");
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

static void
heading(struct req *r, const char *title, const struct bform *f)
{
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, title);
	html_lit(b, "</h1>");
	if (f->alert)
		form_alert(r, ALERT_ERROR, f->alert, false);
	else if (req_query(r, "saved"))
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
	submit(r, T(r, "Add"));
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
	submit(r, T(r, "Add"));
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
	const char *deleted = req_query(r, "deleted");
	if (!none.alert && deleted && strcmp(deleted, "kb") == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The knowledge base has been deleted."), true);
	else if (!none.alert && deleted && strcmp(deleted, "category") == 0)
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

static void
audit(struct req *r, struct db *db, const char *event, const char *detail)
{
	struct audit_event ev = {.event = event,
	                         .actor_id = r->user->id,
	                         .login = r->user->login,
	                         .ip = r->remote_ip,
	                         .user_agent = r->user_agent,
	                         .detail = detail};
	(void)audit_add(db, &ev);
}

/* Commits the transaction of a change and sends the browser to location. */
static int
commit_and_go(struct req *r, struct db *db, const char *location)
{
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r, location);
}

/* Whether service (a form value, "" for every service) is one of the list; sets *sid. */
static int
service_known(struct db *db, struct req *r, const char *service, int64_t *sid)
{
	*sid = 0;
	if (!*service)
		return 1;
	struct cadm_service *svcs;
	int ns = cadm_services(db, r->a, &svcs);
	if (ns < 0)
		return -1;
	if (parse_id(service, sid) != 0)
		return 0;
	for (int i = 0; i < ns; i++)
		if (svcs[i].id == *sid)
			return 1;
	return 0;
}

/* POST /console/kb/bases */
int
page_console_kb_base_create(struct req *r)
{
	struct bform bf = {.service = form_or_empty(r, "service"),
	                   .name_ja = input_trimmed(r, "name_ja"),
	                   .name_en = input_trimmed(r, "name_en"),
	                   .announcements = req_form(r, "announcements") != NULL};
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return 500;
	int64_t sid;
	int known = service_known(db, r, bf.service, &sid);
	int taken = kb_base_names_taken(db, bf.name_ja, bf.name_en, 0);
	if (known < 0 || taken < 0) {
		db_rollback(db);
		return 500;
	}
	if (!known)
		bf.e_service = T(r, "Choose a service from the list.");
	check_names(r, &bf, taken, T(r, "Another knowledge base already has this name."));
	if (bf.e_service || bf.e_name_ja || bf.e_name_en) {
		db_rollback(db);
		bf.alert = T(r, "Check the fields marked below. Nothing was saved.");
		return render_list(r, 422, &bf, &empty_category);
	}
	if (kb_base_create(db, sid, bf.name_ja, bf.name_en, bf.announcements) <= 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "kb.base_created", bf.name_ja);
	return commit_and_go(r, db, "/console/kb/bases?saved=1");
}

/* POST /console/kb/categories */
int
page_console_kb_category_create(struct req *r)
{
	struct bform cf = {.kb = form_or_empty(r, "kb"),
	                   .name_ja = input_trimmed(r, "cat_name_ja"),
	                   .name_en = input_trimmed(r, "cat_name_en"),
	                   .position = input_trimmed(r, "position")};
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return 500;
	int64_t kb = 0, pos;
	struct kb_base base;
	int found = parse_id(cf.kb, &kb) == 0 ? kb_base_get(db, kb, r->a, &base) : 0;
	int taken = found > 0 ? kb_category_names_taken(db, kb, cf.name_ja, cf.name_en, 0) : 0;
	if (found < 0 || taken < 0) {
		db_rollback(db);
		return 500;
	}
	if (!found)
		cf.e_kb = T(r, "Choose a knowledge base from the list.");
	check_names(r, &cf, taken, T(r, "Another category of this knowledge base has this name."));
	check_position(r, &cf, &pos);
	if (cf.e_kb || cf.e_name_ja || cf.e_name_en || cf.e_position) {
		db_rollback(db);
		cf.alert = T(r, "Check the fields marked below. Nothing was saved.");
		return render_list(r, 422, &empty_base, &cf);
	}
	if (kb_category_create(db, kb, cf.name_ja, cf.name_en, pos) <= 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "kb.category_created", cf.name_ja);
	return commit_and_go(r, db, "/console/kb/bases?saved=1");
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

static const char *
base_refusal(struct req *r, int64_t articles, int64_t categories)
{
	return arena_printf(r->a,
	                    T(r, "This knowledge base still holds articles or categories "
	                         "(articles: %lld, categories: %lld). Move or delete them "
	                         "first: nothing was deleted."),
	                    (long long)articles, (long long)categories);
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
	submit(r, T(r, "Save"));
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
	int64_t id = path_id(r);
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
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return 500;
	struct kb_base k;
	int found = base_of_path(r, db, &k);
	if (found <= 0) {
		db_rollback(db);
		return found < 0 ? 500 : 404;
	}
	struct bform f = {.name_ja = input_trimmed(r, "name_ja"),
	                  .name_en = input_trimmed(r, "name_en")};
	int taken = kb_base_names_taken(db, f.name_ja, f.name_en, k.id);
	if (taken < 0) {
		db_rollback(db);
		return 500;
	}
	check_names(r, &f, taken, T(r, "Another knowledge base already has this name."));
	if (f.e_name_ja || f.e_name_en) {
		db_rollback(db);
		f.alert = T(r, "Check the fields marked below. Nothing was saved.");
		return render_base(r, 422, &k, &f);
	}
	if (kb_base_rename(db, k.id, f.name_ja, f.name_en) != 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "kb.base_renamed",
	      arena_printf(r->a, "%s / %s → %s / %s", k.name_ja, k.name_en, f.name_ja, f.name_en));
	return commit_and_go(r, db,
	                     arena_printf(r->a, "/console/kb/bases/%lld?saved=1", (long long)k.id));
}

/* POST /console/kb/bases/:id/delete */
int
page_console_kb_base_delete(struct req *r)
{
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return 500;
	struct kb_base k;
	int found = base_of_path(r, db, &k);
	if (found <= 0) {
		db_rollback(db);
		return found < 0 ? 500 : 404;
	}
	int64_t articles, categories;
	if (kb_base_usage(db, k.id, &articles, &categories) != 0) {
		db_rollback(db);
		return 500;
	}
	int deleted = articles || categories ? 0 : kb_base_delete(db, k.id);
	if (deleted < 0) {
		db_rollback(db);
		return 500;
	}
	if (!deleted) {
		db_rollback(db);
		struct bform f = {.name_ja = k.name_ja, .name_en = k.name_en};
		f.e_delete = base_refusal(r, articles, categories);
		f.alert = f.e_delete;
		return render_base(r, 409, &k, &f);
	}
	audit(r, db, "kb.base_deleted", arena_printf(r->a, "%s / %s", k.name_ja, k.name_en));
	return commit_and_go(r, db, "/console/kb/bases?deleted=kb");
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

static const char *
category_refusal(struct req *r, int64_t articles)
{
	return arena_printf(r->a,
	                    T(r, "This category still holds articles (%lld). Choose the category "
	                         "to move them to, then delete: nothing was deleted."),
	                    (long long)articles);
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
	submit(r, T(r, "Save"));
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
	int64_t id = path_id(r);
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
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return 500;
	struct kb_category c;
	int found = category_of_path(r, db, &c);
	if (found <= 0) {
		db_rollback(db);
		return found < 0 ? 500 : 404;
	}
	struct bform f = {.name_ja = input_trimmed(r, "name_ja"),
	                  .name_en = input_trimmed(r, "name_en"),
	                  .position = input_trimmed(r, "position"),
	                  .move_to = ""};
	int64_t pos;
	int taken = kb_category_names_taken(db, c.kb_id, f.name_ja, f.name_en, c.id);
	if (taken < 0) {
		db_rollback(db);
		return 500;
	}
	check_names(r, &f, taken, T(r, "Another category of this knowledge base has this name."));
	check_position(r, &f, &pos);
	if (f.e_name_ja || f.e_name_en || f.e_position) {
		db_rollback(db);
		f.alert = T(r, "Check the fields marked below. Nothing was saved.");
		return render_category(r, 422, &c, &f);
	}
	if (kb_category_update(db, c.id, f.name_ja, f.name_en, pos) != 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "kb.category_updated",
	      arena_printf(r->a, "%s / %s → %s / %s (%lld)", c.name_ja, c.name_en, f.name_ja,
	                   f.name_en, (long long)pos));
	return commit_and_go(
	    r, db, arena_printf(r->a, "/console/kb/categories/%lld?saved=1", (long long)c.id));
}

/*
 * The destination of a category's articles from the form: 1 with *to set
 * (0: no category), 0 when none was chosen, -1 when it is not another
 * category of the same knowledge base. Sets *name for the audit trail.
 */
static int
move_target(struct req *r, struct db *db, const struct kb_category *c, const char *value,
            int64_t *to, const char **name)
{
	*to = 0;
	*name = "-";
	if (!*value)
		return 0;
	if (strcmp(value, "0") == 0)
		return 1;
	struct kb_category d;
	if (parse_id(value, to) != 0 || *to == c->id || kb_category_get(db, *to, r->a, &d) != 1 ||
	    d.kb_id != c->kb_id)
		return -1;
	*name = d.name_ja;
	return 1;
}

/* POST /console/kb/categories/:id/delete */
int
page_console_kb_category_delete(struct req *r)
{
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return 500;
	struct kb_category c;
	int found = category_of_path(r, db, &c);
	int64_t articles = found > 0 ? kb_category_articles(db, c.id) : 0;
	if (found <= 0 || articles < 0) {
		db_rollback(db);
		return found == 0 ? 404 : 500;
	}
	struct bform f = category_values(r, &c);
	f.move_to = form_or_empty(r, "move_to");
	int64_t to = 0;
	const char *to_name = "-";
	int move = articles ? move_target(r, db, &c, f.move_to, &to, &to_name) : 0;
	if (move < 0)
		f.e_delete = T(r, "Choose a category of the same knowledge base.");
	else if (articles && !move)
		f.e_delete = category_refusal(r, articles);
	int deleted = f.e_delete ? 0 : kb_category_delete(db, c.id, move > 0, to);
	if (deleted < 0) {
		db_rollback(db);
		return 500;
	}
	if (!deleted) {
		db_rollback(db);
		if (!f.e_delete) /* an article arrived since it was counted */
			f.e_delete = category_refusal(r, articles);
		f.alert = f.e_delete;
		return render_category(r, move < 0 ? 422 : 409, &c, &f);
	}
	audit(r, db, "kb.category_deleted",
	      move > 0 ? arena_printf(r->a, "%s / %s (%lld → %s)", c.name_ja, c.name_en,
	                              (long long)articles, to_name)
	               : arena_printf(r->a, "%s / %s", c.name_ja, c.name_en));
	return commit_and_go(r, db, "/console/kb/bases?deleted=category");
}
