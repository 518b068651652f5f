/*
 * Knowledge bases and their categories in the console (provider staff):
 * the list, and the forms that add a knowledge base (its service, or every
 * service; whether it holds announcements) and a category. Audited.
 */
#include "core/arena.h"
#include "http/request.h"
#include "pages/knowledge.h"
#include "pages/pages.h"
#include "store/audit.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

#define NAME_MAX_CHARS 100

struct bform {
	const char *service, *name_ja, *name_en, *kb, *position;
	bool announcements;
	const char *e_service, *e_name_ja, *e_name_en, *e_kb, *e_position;
	const char *alert;
};

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static bool
name_ok(const char *s)
{
	if (!*s || utf8_chars(s) > NAME_MAX_CHARS)
		return false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return false;
	return true;
}

static const char *
trimmed(struct req *r, const char *name)
{
	const char *s = req_form(r, name);
	if (!s)
		return "";
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && s[n - 1] == ' ')
		n--;
	return arena_strndup(r->a, s, n);
}

static int
render(struct req *r, int status, const struct bform *bf, const struct bform *cf)
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
	struct buf *b = &r->out;
	html_lit(b, "<p class=\"breadcrumb\"><a href=\"/console/kb\">");
	html_text(b, T(r, "Knowledge articles"));
	html_lit(b, "</a></p><h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (bf->alert || cf->alert)
		form_alert(r, ALERT_ERROR, bf->alert ? bf->alert : cf->alert, false);
	else if (req_query(r, "saved"))
		form_alert(r, ALERT_SUCCESS, T(r, "The settings have been saved."), true);
	for (int i = 0; i < nb; i++) {
		html_lit(b, "<section class=\"card kb-base\"><h2>");
		html_text(b, kb_name(r, bases[i].name_ja, bases[i].name_en));
		html_lit(b, "</h2><p class=\"muted\">");
		html_text(b, bases[i].service_id
		                 ? kb_name(r, bases[i].service_ja, bases[i].service_en)
		                 : T(r, "Every service"));
		if (bases[i].is_announcements) {
			html_lit(b, " • ");
			html_text(b, T(r, "Announcements"));
		}
		html_lit(b, "</p><ul>");
		for (int k = 0; k < nc; k++) {
			if (cats[k].kb_id != bases[i].id)
				continue;
			html_lit(b, "<li>");
			html_text(b, cats[k].name_ja);
			html_lit(b, " / ");
			html_text(b, cats[k].name_en);
			html_lit(b, "</li>");
		}
		html_lit(b, "</ul></section>");
	}
	/* New knowledge base. */
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
	if (bf->e_service) {
		html_lit(b, "<p class=\"field-error\" role=\"alert\">");
		html_text(b, bf->e_service);
		html_lit(b, "</p>");
	}
	form_field(r, &(struct field){.name = "name_ja",
	                              .label = T(r, "Name (Japanese)"),
	                              .value = bf->name_ja,
	                              .error = bf->e_name_ja,
	                              .maxlength = NAME_MAX_CHARS,
	                              .required = true});
	form_field(r, &(struct field){.name = "name_en",
	                              .label = T(r, "Name (English)"),
	                              .value = bf->name_en,
	                              .error = bf->e_name_en,
	                              .maxlength = NAME_MAX_CHARS,
	                              .required = true});
	form_checkbox(r, "announcements", T(r, "Holds announcements"), bf->announcements);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Add"));
	html_lit(b, "</button></div></form>");
	/* New category. */
	if (nb > 0) {
		vals = arena_alloc(r->a, (size_t)nb * sizeof(char *));
		labs = arena_alloc(r->a, (size_t)nb * sizeof(char *));
		for (int i = 0; i < nb; i++) {
			vals[i] = arena_printf(r->a, "%lld", (long long)bases[i].id);
			labs[i] = kb_name(r, bases[i].name_ja, bases[i].name_en);
		}
		html_lit(b, "<form class=\"card form\" method=\"post\" "
		            "action=\"/console/kb/categories\"><h2>");
		html_text(b, T(r, "New category"));
		html_lit(b, "</h2>");
		form_csrf(r);
		form_select(r, "kb", T(r, "Knowledge base"), vals, labs, nb, cf->kb);
		if (cf->e_kb) {
			html_lit(b, "<p class=\"field-error\" role=\"alert\">");
			html_text(b, cf->e_kb);
			html_lit(b, "</p>");
		}
		form_field(r, &(struct field){.name = "cat_name_ja",
		                              .label = T(r, "Name (Japanese)"),
		                              .value = cf->name_ja,
		                              .error = cf->e_name_ja,
		                              .maxlength = NAME_MAX_CHARS,
		                              .required = true});
		form_field(r, &(struct field){.name = "cat_name_en",
		                              .label = T(r, "Name (English)"),
		                              .value = cf->name_en,
		                              .error = cf->e_name_en,
		                              .maxlength = NAME_MAX_CHARS,
		                              .required = true});
		form_field(r, &(struct field){.name = "position",
		                              .label = T(r, "Position in the list"),
		                              .value = cf->position,
		                              .error = cf->e_position,
		                              .type = "number",
		                              .maxlength = 4});
		html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" "
		            "type=\"submit\">");
		html_text(b, T(r, "Add"));
		html_lit(b, "</button></div></form>");
	}
	layout_end(r);
	return status;
}

/* GET /console/kb/bases */
int
page_console_kb_bases(struct req *r)
{
	struct bform bf = {.service = "", .name_ja = "", .name_en = ""};
	struct bform cf = {.kb = "", .name_ja = "", .name_en = "", .position = "0"};
	return render(r, 200, &bf, &cf);
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

/* POST /console/kb/bases */
int
page_console_kb_base_create(struct req *r)
{
	struct bform bf = {.service = req_form(r, "service") ? req_form(r, "service") : "",
	                   .name_ja = trimmed(r, "name_ja"),
	                   .name_en = trimmed(r, "name_en"),
	                   .announcements = req_form(r, "announcements") != NULL};
	struct bform cf = {.kb = "", .name_ja = "", .name_en = "", .position = "0"};
	struct db *db = db_thread();
	if (!db)
		return 500;
	int64_t sid = 0;
	if (*bf.service) {
		struct cadm_service *svcs;
		int ns = cadm_services(db, r->a, &svcs);
		if (ns < 0)
			return 500;
		bool ok = parse_id(bf.service, &sid) == 0;
		bool found = false;
		for (int i = 0; ok && i < ns; i++)
			found |= svcs[i].id == sid;
		if (!found)
			bf.e_service = T(r, "Choose a service from the list.");
	}
	if (!name_ok(bf.name_ja))
		bf.e_name_ja = T(r, "Enter a name of 100 characters at most.");
	if (!name_ok(bf.name_en))
		bf.e_name_en = T(r, "Enter a name of 100 characters at most.");
	if (bf.e_service || bf.e_name_ja || bf.e_name_en) {
		bf.alert = T(r, "Check the fields marked below. Nothing was saved.");
		return render(r, 422, &bf, &cf);
	}
	if (db_begin(db) != 0)
		return 500;
	if (kb_base_create(db, sid, bf.name_ja, bf.name_en, bf.announcements) <= 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "kb.base_created", bf.name_ja);
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r, "/console/kb/bases?saved=1");
}

/* POST /console/kb/categories */
int
page_console_kb_category_create(struct req *r)
{
	struct bform bf = {.service = "", .name_ja = "", .name_en = ""};
	struct bform cf = {.kb = req_form(r, "kb") ? req_form(r, "kb") : "",
	                   .name_ja = trimmed(r, "cat_name_ja"),
	                   .name_en = trimmed(r, "cat_name_en"),
	                   .position = trimmed(r, "position")};
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct kb_base *bases;
	int nb = kb_bases_all(db, r->a, &bases);
	if (nb < 0)
		return 500;
	int64_t kb = 0, pos = 0;
	bool found = false;
	if (parse_id(cf.kb, &kb) == 0)
		for (int i = 0; i < nb; i++)
			found |= bases[i].id == kb;
	if (!found)
		cf.e_kb = T(r, "Choose a knowledge base from the list.");
	if (!name_ok(cf.name_ja))
		cf.e_name_ja = T(r, "Enter a name of 100 characters at most.");
	if (!name_ok(cf.name_en))
		cf.e_name_en = T(r, "Enter a name of 100 characters at most.");
	if (*cf.position && strcmp(cf.position, "0") != 0 &&
	    (parse_id(cf.position, &pos) != 0 || pos > 9999))
		cf.e_position = T(r, "Enter a number from 0 to 9999.");
	if (cf.e_kb || cf.e_name_ja || cf.e_name_en || cf.e_position) {
		cf.alert = T(r, "Check the fields marked below. Nothing was saved.");
		return render(r, 422, &bf, &cf);
	}
	if (db_begin(db) != 0)
		return 500;
	if (kb_category_create(db, kb, cf.name_ja, cf.name_en, pos) <= 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "kb.category_created", cf.name_ja);
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r, "/console/kb/bases?saved=1");
}
