/*
 * Knowledge authoring in the console (agents and provider admins): the list
 * of articles of every state, the form that writes one (knowledge base,
 * category, language, title, Markdown body, attachments, and for
 * announcements the display window and the target), プレビュー without
 * saving, 下書き保存, 公開, and later updates and 公開終了 (retire). The
 * handlers read the form (agent/kb_article_form.c) and call the knowledge
 * operations (knowledge/knowledge.h), which hold the rules, the
 * transaction and the audit trail.
 *
 * The forms are multipart (attachments): the uploads become files of the
 * store only once the form is accepted; a form refused for bad input
 * records nothing, and says to choose the files again.
 */
#include "core/arena.h"
#include "core/clock.h"
#include "core/tz.h"
#include "http/request.h"
#include "http/upload.h"
#include "agent/console.h"
#include "agent/kb_article_form.h"
#include "knowledge/knowledge.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "views/knowledge_view.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/actor.h"
#include "web/layout.h"
#include "web/listing.h"
#include "web/markdown.h"

#include <stdio.h>
#include <string.h>

#define PER_PAGE 50
#define REFUSED  N_("Check the fields marked below. Nothing was saved; choose the files again.")
#define PREVIEW  N_("This is a preview: nothing was saved yet.")

static const char *const state_keys[] = {"draft", "published", "retired"};
static const struct field_decl saved_decl[] = {{.name = "saved", .kind = FIELD_BOOL}};
static const char *const state_labels[] = {N_("Draft"), N_("Published"), N_("Retired")};

static const char *
state_label(struct req *r, const char *state)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(state, state_keys[i]) == 0)
			return T(r, state_labels[i]);
	return state;
}

/* --- the list --- */

/* GET /console/kb?state=&page= */
int
page_console_kb(struct req *r)
{
	static const char *const state_choices[] = {"draft", "published", "retired", NULL};
	static const struct field_decl state_decl[] = {
	    {.name = "state", .kind = FIELD_CHOICE, .choices = state_choices}};
	struct field_value sv; /* any other value: every state */
	fields_read(r, FROM_QUERY, state_decl, 1, NULL, &sv);
	const char *state = sv.choice >= 0 ? state_choices[sv.choice] : "";
	int64_t page = listing_page(r);
	struct db *db = db_thread();
	if (!db)
		return 500;
	int64_t total = kb_admin_count(db, state);
	struct kb_admin_row *rows;
	int n = kb_admin_page(db, state, PER_PAGE, (page - 1) * PER_PAGE, r->a, &rows);
	if (total < 0 || n < 0)
		return 500;
	struct page p = {.title = T(r, "Knowledge articles"), .menu = "console-kb"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (fields_first_flag(r, saved_decl, 1) == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The article has been saved."), true);
	html_lit(b, "<p class=\"actions\"><a class=\"btn btn-primary\" href=\"/console/kb/new\">");
	html_text(b, T(r, "New article"));
	html_lit(b, "</a> <a class=\"btn btn-secondary\" href=\"/console/kb/bases\">");
	html_text(b, T(r, "Knowledge bases and categories"));
	html_lit(b, "</a></p><nav class=\"subnav\"");
	html_attr(b, "aria-label", T(r, "State"));
	html_lit(b, "><ul><li><a href=\"/console/kb\"");
	if (!*state)
		html_lit(b, " aria-current=\"page\"");
	html_lit(b, ">");
	html_text(b, T(r, "All"));
	html_lit(b, "</a></li>");
	for (int i = 0; i < 3; i++) {
		html_lit(b, "<li><a");
		html_attr(b, "href", arena_printf(r->a, "/console/kb?state=%s", state_keys[i]));
		if (strcmp(state, state_keys[i]) == 0)
			html_lit(b, " aria-current=\"page\"");
		html_lit(b, ">");
		html_text(b, T(r, state_labels[i]));
		html_lit(b, "</a></li>");
	}
	html_lit(b, "</ul></nav><div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", p.title);
	html_lit(b, "><table class=\"table\"><thead><tr>");
	listing_th(r, N_("Number"));
	listing_th(r, N_("Article title"));
	listing_th(r, N_("Knowledge base"));
	listing_th(r, N_("Language"));
	listing_th(r, N_("State"));
	listing_th(r, N_("Author"));
	listing_th(r, N_("Views"));
	listing_th(r, N_("Updated"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<tr><td>");
		html_text(b, rows[i].number);
		html_lit(b, "</td><td><a");
		html_attr(b, "href", arena_printf(r->a, "/console/kb/%lld", (long long)rows[i].id));
		html_lit(b, ">");
		html_text(b, rows[i].title);
		html_lit(b, "</a></td><td>");
		html_text(b, kb_name(r, rows[i].kb_ja, rows[i].kb_en));
		html_lit(b, "</td><td>");
		html_text(b, kb_lang_label(rows[i].lang));
		html_lit(b, "</td><td>");
		html_text(b, state_label(r, rows[i].state));
		html_lit(b, "</td><td>");
		html_text(b, rows[i].author);
		html_lit(b, "</td><td>");
		html_int(b, rows[i].views);
		html_lit(b, "</td><td>");
		tz_format(b, r->user->time_zone, rows[i].updated_at);
		html_lit(b, "</td></tr>");
	}
	html_lit(b, "</tbody></table></div><nav class=\"pager\"");
	html_attr(b, "aria-label", T(r, "Pages"));
	html_lit(b, ">");
	if (page > 1) {
		html_lit(b, "<a rel=\"prev\"");
		html_attr(b, "href",
		          arena_printf(r->a, "/console/kb?state=%s&page=%lld", state,
		                       (long long)page - 1));
		html_lit(b, ">");
		html_text(b, T(r, "Previous"));
		html_lit(b, "</a> ");
	}
	int64_t first = total ? (page - 1) * PER_PAGE + 1 : 0;
	int64_t last = page * PER_PAGE < total ? page * PER_PAGE : total;
	html_lit(b, "<span>");
	html_textf(b, T(r, "%lld–%lld of %lld"), (long long)first, (long long)last,
	           (long long)total);
	html_lit(b, "</span>");
	if (last < total) {
		html_lit(b, " <a rel=\"next\"");
		html_attr(b, "href",
		          arena_printf(r->a, "/console/kb?state=%s&page=%lld", state,
		                       (long long)page + 1));
		html_lit(b, ">");
		html_text(b, T(r, "Next"));
		html_lit(b, "</a>");
	}
	html_lit(b, "</nav>");
	layout_end(r);
	return 200;
}

static int
render_new(struct req *r, int status, const struct kb_form *f, const struct kb_form_choices *c,
           const char *alert, bool preview)
{
	struct page p = {.title = T(r, "New article"), .menu = "console-kb"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<p class=\"breadcrumb\"><a href=\"/console/kb\">");
	html_text(b, T(r, "Knowledge articles"));
	html_lit(b, "</a></p><h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (alert)
		form_alert(r, status >= 400 ? ALERT_ERROR : ALERT_INFO, alert, false);
	if (preview)
		kbform_write_preview(r, f, c, NULL);
	if (c->nbases == 0) {
		html_lit(b, "<p class=\"note\">");
		html_text(b, T(r, "Create a knowledge base first."));
		html_lit(b, "</p>");
	}
	html_lit(b, "<form class=\"card form kb-form\" method=\"post\" action=\"/console/kb/new\" "
	            "enctype=\"multipart/form-data\">");
	form_csrf(r);
	form_required_legend(r);
	kbform_write_fields(r, f, c);
	kbform_write_buttons(r, false);
	html_lit(b, "</form>");
	layout_end(r);
	return status;
}

/* GET /console/kb/new */
int
page_console_kb_new_form(struct req *r)
{
	struct db *db = db_thread();
	struct kb_form_choices c;
	if (!db || kbform_load_choices(r, db, &c) != 0)
		return 500;
	struct kb_form f = {.kb = "",
	                    .category = "",
	                    .lang = r->lang == LANG_EN ? "en" : "ja",
	                    .title = "",
	                    .body = "",
	                    .show_from = "",
	                    .show_until = "",
	                    .target = "all",
	                    .customers = ""};
	return render_new(r, 200, &f, &c, NULL, false);
}

/* POST /console/kb/new (multipart) */
int
page_console_kb_create(struct req *r)
{
	struct db *db = db_thread();
	struct kb_form_choices c;
	if (!db || kbform_load_choices(r, db, &c) != 0)
		return 500;
	struct dom d;
	web_dom(r, &d);
	struct kb_form f;
	struct kb_article_result res;
	int rc = kbform_read(r, &d, &c, &f, &res);
	if (rc == DOM_INVALID)
		return render_new(r, 422, &f, &c, T(r, REFUSED), false);
	if (rc != DOM_OK)
		return web_status(rc);
	const char *action = kbform_action(r);
	if (strcmp(action, "preview") == 0)
		return render_new(r, 200, &f, &c, T(r, PREVIEW), true);
	rc = knowledge_article_create(&d, &f.in, strcmp(action, "publish") == 0, &res);
	if (rc == DOM_INVALID) {
		kbform_take_errors(r, &d, &res, &f);
		return render_new(r, 422, &f, &c, T(r, REFUSED), false);
	}
	if (rc != DOM_OK)
		return web_status(rc);
	return req_redirect(r, arena_printf(r->a, "/console/kb/%lld?saved=1", (long long)res.id));
}

static int
render_edit(struct req *r, int status, const struct kb_article *x, const struct kb_form *f,
            const struct kb_form_choices *c, const char *alert, bool preview)
{
	struct db *db = db_thread();
	struct kb_attachment *files;
	int nfiles = kb_attachments_of(db, x->id, r->a, &files);
	if (nfiles < 0)
		return 500;
	struct page p = {.title = arena_printf(r->a, "%s %s", x->number, x->title),
	                 .menu = "console-kb"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	const char *base = arena_printf(r->a, "/console/kb/%lld", (long long)x->id);
	html_lit(b, "<p class=\"breadcrumb\"><a href=\"/console/kb\">");
	html_text(b, T(r, "Knowledge articles"));
	html_lit(b, "</a></p><h1 class=\"page-title\">");
	html_text(b, x->number);
	html_lit(b, " ");
	html_text(b, x->title);
	html_lit(b, "</h1>");
	if (alert)
		form_alert(r, status >= 400 ? ALERT_ERROR : ALERT_INFO, alert, false);
	else if (fields_first_flag(r, saved_decl, 1) == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The article has been saved."), true);
	html_lit(b, "<dl class=\"kv card\"><dt>");
	html_text(b, T(r, "State"));
	html_lit(b, "</dt><dd class=\"kb-state\">");
	html_text(b, state_label(r, x->state));
	html_lit(b, "</dd><dt>");
	html_text(b, T(r, "Published at"));
	html_lit(b, "</dt><dd>");
	if (x->published_at)
		tz_format(b, r->user->time_zone, x->published_at);
	else
		html_text(b, "—");
	html_lit(b, "</dd><dt>");
	html_text(b, T(r, "Views"));
	html_lit(b, "</dt><dd>");
	html_int(b, x->views);
	html_lit(b, "</dd></dl><div class=\"actions kb-state-actions\">");
	if (strcmp(x->state, "published") != 0) {
		html_lit(b, "<form method=\"post\"");
		html_attr(b, "action", arena_printf(r->a, "%s/publish", base));
		html_lit(b, ">");
		form_csrf(r);
		html_lit(b, "<button class=\"btn btn-primary\" type=\"submit\">");
		html_text(b, T(r, "Publish"));
		html_lit(b, "</button></form>");
	} else {
		html_lit(b, "<form method=\"post\"");
		html_attr(b, "action", arena_printf(r->a, "%s/retire", base));
		html_attr(b, "data-confirm",
		          T(r, "Retire this article? Customers will no longer see it."));
		html_lit(b, ">");
		form_csrf(r);
		html_lit(b, "<button class=\"btn btn-secondary\" type=\"submit\">");
		html_text(b, T(r, "Retire"));
		html_lit(b, "</button></form>");
	}
	html_lit(b, "</div>");
	if (nfiles > 0) {
		html_lit(b, "<section class=\"card kb-files\"><h2>");
		html_text(b, T(r, "Attachments"));
		html_lit(b, "</h2><ul>");
		for (int i = 0; i < nfiles; i++) {
			html_lit(b, "<li><a download");
			html_attr(
			    b, "href",
			    arena_printf(r->a, "%s/files/%lld", base, (long long)files[i].id));
			html_lit(b, ">");
			html_file_name(b, files[i].filename);
			html_lit(b, "</a> <form class=\"inline-form\" method=\"post\"");
			html_attr(b, "action",
			          arena_printf(r->a, "%s/files/%lld/delete", base,
			                       (long long)files[i].id));
			html_lit(b, ">");
			form_csrf(r);
			html_lit(b, "<button class=\"btn-link\" type=\"submit\"");
			html_attr(b, "aria-label",
			          arena_printf(r->a, T(r, "Remove %s"), files[i].filename));
			html_lit(b, ">");
			html_text(b, T(r, "Remove"));
			html_lit(b, "</button></form></li>");
		}
		html_lit(b, "</ul></section>");
	}
	if (preview) {
		kbform_write_preview(r, f, c, x);
	} else {
		html_lit(b, "<section class=\"kb-preview card\"");
		html_attr(b, "aria-label", T(r, "Preview"));
		html_lit(b, "><p class=\"kb-preview-label\">");
		html_text(b, T(r, "Preview"));
		html_lit(b, "</p>");
		kb_write_article(r, x, files, nfiles, arena_printf(r->a, "%s/files", base), 2);
		html_lit(b, "</section>");
	}
	html_lit(
	    b, "<form class=\"card form kb-form\" method=\"post\" enctype=\"multipart/form-data\"");
	html_attr(b, "action", base);
	html_lit(b, ">");
	form_csrf(r);
	form_required_legend(r);
	kbform_write_fields(r, f, c);
	kbform_write_buttons(r, strcmp(x->state, "published") == 0);
	html_lit(b, "</form>");
	layout_end(r);
	return status;
}

/* The article of the :id segment: 1, 0 (404) or -1. */
static int
article_of_path(struct req *r, struct db *db, struct kb_article *x)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return 0;
	return kb_article_get(db, id, r->a, x);
}

/* GET /console/kb/:id */
int
page_console_kb_edit_form(struct req *r)
{
	struct db *db = db_thread();
	struct kb_form_choices c;
	if (!db || kbform_load_choices(r, db, &c) != 0)
		return 500;
	struct kb_article x;
	int found = article_of_path(r, db, &x);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct kb_form f;
	kbform_of_article(r, db, &x, &c, &f);
	return render_edit(r, 200, &x, &f, &c, NULL, false);
}

/* POST /console/kb/:id (multipart) */
int
page_console_kb_save(struct req *r)
{
	struct db *db = db_thread();
	struct kb_form_choices c;
	if (!db || kbform_load_choices(r, db, &c) != 0)
		return 500;
	struct kb_article x;
	int found = article_of_path(r, db, &x);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct dom d;
	web_dom(r, &d);
	struct kb_form f;
	struct kb_article_result res;
	int rc = kbform_read(r, &d, &c, &f, &res);
	if (rc == DOM_INVALID)
		return render_edit(r, 422, &x, &f, &c, T(r, REFUSED), false);
	if (rc != DOM_OK)
		return web_status(rc);
	const char *action = kbform_action(r);
	if (strcmp(action, "preview") == 0)
		return render_edit(r, 200, &x, &f, &c, T(r, PREVIEW), true);
	rc = knowledge_article_save(&d, x.id, &f.in, strcmp(action, "publish") == 0, &res);
	if (rc == DOM_INVALID) {
		kbform_take_errors(r, &d, &res, &f);
		return render_edit(r, 422, &x, &f, &c, T(r, REFUSED), false);
	}
	if (rc != DOM_OK)
		return web_status(rc);
	return req_redirect(r, arena_printf(r->a, "/console/kb/%lld?saved=1", (long long)x.id));
}

/* POST /console/kb/:id/publish */
int
page_console_kb_publish(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int64_t id = req_path_id(r, 0);
	int rc = id ? knowledge_article_publish(&d, id) : DOM_NOT_FOUND;
	if (rc != DOM_OK)
		return web_status(rc);
	return req_redirect(r, arena_printf(r->a, "/console/kb/%lld?saved=1", (long long)id));
}

/* POST /console/kb/:id/retire */
int
page_console_kb_retire(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int64_t id = req_path_id(r, 0);
	int rc = id ? knowledge_article_retire(&d, id) : DOM_NOT_FOUND;
	if (rc != DOM_OK)
		return web_status(rc);
	return req_redirect(r, arena_printf(r->a, "/console/kb/%lld?saved=1", (long long)id));
}

/* GET /console/kb/:id/files/:fid */
int
page_console_kb_file(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct kb_article x;
	int found = article_of_path(r, db, &x);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	int64_t fid;
	if (parse_id(r->pp[1], &fid) != 0)
		return 404;
	struct kb_attachment f;
	found = kb_attachment_get(db, fid, x.id, r->a, &f);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	return kb_send_attachment(r, &f);
}

/* POST /console/kb/:id/files/:fid/delete */
int
page_console_kb_file_delete(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int64_t id = req_path_id(r, 0), fid;
	if (!id || parse_id(r->pp[1], &fid) != 0)
		return 404;
	int rc = knowledge_attachment_delete(&d, id, fid);
	if (rc != DOM_OK)
		return web_status(rc);
	return req_redirect(r, arena_printf(r->a, "/console/kb/%lld?saved=1", (long long)id));
}
