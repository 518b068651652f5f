/*
 * Knowledge authoring in the console (agents and provider admins): the list
 * of articles of every state, the form that writes one (knowledge base,
 * category, language, title, Markdown body, attachments, and for
 * announcements the display window and the target), プレビュー without
 * saving, 下書き保存, 公開, and later updates and 公開終了 (retire). A new
 * article takes its number KB + 7 digits in the transaction that creates
 * it. Every change is audited.
 *
 * The forms are multipart (attachments): the files are already in the file
 * store when the handler runs; a form refused for bad input records
 * nothing, and says to choose the files again.
 */
#include "core/arena.h"
#include "core/clock.h"
#include "core/tz.h"
#include "http/request.h"
#include "http/upload.h"
#include "agent/console.h"
#include "store/audit.h"
#include "store/customers.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "views/knowledge_view.h"
#include "web/form.h"
#include "web/html.h"
#include "web/input.h"
#include "web/layout.h"
#include "web/listing.h"
#include "web/markdown.h"

#include <stdio.h>
#include <string.h>

#define PER_PAGE     50
#define TITLE_MAX    200  /* characters */
#define CUSTOMERS_IN 2000 /* characters of the customer numbers field */
#define TARGETS_MAX  500

static const char *const state_keys[] = {"draft", "published", "retired"};
static const char *const state_labels[] = {N_("Draft"), N_("Published"), N_("Retired")};

static const char *
state_label(struct req *r, const char *state)
{
	for (int i = 0; i < 3; i++)
		if (strcmp(state, state_keys[i]) == 0)
			return T(r, state_labels[i]);
	return state;
}

static void
audit(struct req *r, struct db *db, const char *event, const char *detail, int64_t customer_id)
{
	struct audit_event ev = {.event = event,
	                         .actor_id = r->user->id,
	                         .customer_id = customer_id,
	                         .login = r->user->login,
	                         .ip = r->remote_ip,
	                         .user_agent = r->user_agent,
	                         .detail = detail};
	(void)audit_add(db, &ev);
}

/* --- the list --- */

/* GET /console/kb?state=&page= */
int
page_console_kb(struct req *r)
{
	const char *state = req_query(r, "state");
	bool known = false;
	for (int i = 0; state && i < 3; i++)
		known |= strcmp(state, state_keys[i]) == 0;
	if (!known)
		state = "";
	int64_t page = 1;
	const char *ps = req_query(r, "page");
	if (ps && (parse_id(ps, &page) != 0 || page > 100000))
		page = 1;
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
	if (req_query(r, "saved"))
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

/* --- the form --- */

struct aform {
	/* as typed */
	const char *kb, *category, *lang, *title, *body, *show_from, *show_until, *target;
	const char *customers;
	bool *svc_on; /* per service of the list */
	/* checked */
	struct kb_edit e;
	/* errors */
	const char *e_kb, *e_category, *e_lang, *e_title, *e_body, *e_from, *e_until;
	const char *e_target, *e_customers;
};

/* What the form offers: knowledge bases, categories, services. */
struct choices {
	struct kb_base *bases;
	int nbases;
	struct kb_category *cats;
	int ncats;
	struct cadm_service *svcs;
	int nsvcs;
};

static int
load_choices(struct req *r, struct db *db, struct choices *c)
{
	c->nbases = kb_bases_all(db, r->a, &c->bases);
	c->ncats = kb_categories_all(db, r->a, &c->cats);
	c->nsvcs = cadm_services(db, r->a, &c->svcs);
	return c->nbases < 0 || c->ncats < 0 || c->nsvcs < 0 ? -1 : 0;
}

/* s with CR LF (and lone CR) as LF, trimmed of spaces at both ends, in the arena. */
static const char *
normalized(struct req *r, const char *s, bool multiline)
{
	if (!s)
		return "";
	size_t n = strlen(s);
	char *o = arena_alloc(r->a, n + 1);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\r') {
			if (multiline)
				o[k++] = '\n';
			if (s[i + 1] == '\n')
				i++;
			continue;
		}
		o[k++] = s[i];
	}
	o[k] = '\0';
	char *start = o;
	while (*start == ' ' || (multiline && *start == '\n'))
		start++;
	k = strlen(start);
	while (k && (start[k - 1] == ' ' || (multiline && start[k - 1] == '\n')))
		k--;
	start[k] = '\0';
	return start;
}

/* "YYYY-MM-DDTHH:MM" (datetime-local) in zone; 0 for "", -1 invalid. */
static int64_t
parse_local(struct req *r, const char *s)
{
	if (!*s)
		return 0;
	int y, mo, d, h, mi;
	char tail;
	if (strlen(s) < 16 ||
	    sscanf(s, "%4d-%2d-%2dT%2d:%2d%c", &y, &mo, &d, &h, &mi, &tail) != 5 || h > 23 ||
	    mi > 59 || h < 0 || mi < 0)
		return -1;
	int64_t day =
	    tz_day_start(r->user->time_zone, arena_printf(r->a, "%04d-%02d-%02d", y, mo, d));
	return day < 0 ? -1 : day + h * 3600 + mi * 60;
}

/* The datetime-local value of t in the user's zone ("" for 0). */
static const char *
local_value(struct req *r, int64_t t)
{
	struct tm tm;
	if (!t || tz_local(r->user->time_zone, t, &tm) != 0)
		return "";
	return arena_printf(r->a, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900, tm.tm_mon + 1,
	                    tm.tm_mday, tm.tm_hour, tm.tm_min);
}

static const char *
id_text(struct req *r, int64_t id)
{
	return id ? arena_printf(r->a, "%lld", (long long)id) : "";
}

static void
form_of_article(struct req *r, struct db *db, const struct kb_article *x, const struct choices *c,
                struct aform *f)
{
	memset(f, 0, sizeof(*f));
	f->kb = id_text(r, x->kb_id);
	f->category = id_text(r, x->category_id);
	f->lang = x->lang;
	f->title = x->title;
	f->body = x->body;
	f->show_from = local_value(r, x->show_from);
	f->show_until = local_value(r, x->show_until);
	f->target = x->target == KB_TARGET_SERVICES    ? "services"
	            : x->target == KB_TARGET_CUSTOMERS ? "customers"
	                                               : "all";
	f->svc_on = arena_zalloc(r->a, (size_t)(c->nsvcs + 1) * sizeof(bool));
	int64_t *svc, *cus;
	int nsvc, ncus;
	if (kb_targets_of(db, x->id, r->a, &svc, &nsvc, &cus, &ncus) != 0)
		return;
	for (int i = 0; i < c->nsvcs; i++)
		for (int k = 0; k < nsvc; k++)
			f->svc_on[i] |= c->svcs[i].id == svc[k];
	/* Customer numbers, from the ids. */
	struct buf nums = {0};
	for (int k = 0; k < ncus; k++) {
		struct cadm_customer cu;
		if (cadm_customer_get(db, cus[k], r->a, &cu) == 1) {
			if (nums.len)
				buf_puts(&nums, ", ");
			buf_puts(&nums, cu.number);
		}
	}
	f->customers = nums.p ? arena_strdup(r->a, nums.p) : "";
	buf_free(&nums);
}

/*
 * A field of the multipart form: its last value. The multipart parser
 * (http/upload.c) may record a field twice when its value arrives in a
 * later packet than its headers, the first time empty; the last value is
 * the one the browser sent.
 */
static const char *
mp_field(struct req *r, const char *name)
{
	const char *v = NULL;
	for (size_t i = 0; i < r->form.n; i++)
		if (strcmp(r->form.v[i].key, name) == 0)
			v = r->form.v[i].val;
	return v;
}

/*
 * Reads and checks the form; fills f->e. Returns 0 when valid, 1 when some
 * field is not (its error set), -1 on a database error.
 */
static int
read_form(struct req *r, struct db *db, const struct choices *c, struct aform *f)
{
	memset(f, 0, sizeof(*f));
	f->kb = mp_field(r, "kb") ? mp_field(r, "kb") : "";
	f->category = mp_field(r, "category") ? mp_field(r, "category") : "";
	f->lang = mp_field(r, "lang") ? mp_field(r, "lang") : "";
	f->title = normalized(r, mp_field(r, "title"), false);
	f->body = normalized(r, mp_field(r, "body"), true);
	f->show_from = normalized(r, mp_field(r, "show_from"), false);
	f->show_until = normalized(r, mp_field(r, "show_until"), false);
	f->target = mp_field(r, "target") ? mp_field(r, "target") : "all";
	f->customers = normalized(r, mp_field(r, "customers"), true);
	f->svc_on = arena_zalloc(r->a, (size_t)(c->nsvcs + 1) * sizeof(bool));
	struct kb_edit *e = &f->e;

	int64_t id = 0;
	const struct kb_base *base = NULL;
	if (parse_id(f->kb, &id) == 0)
		for (int i = 0; i < c->nbases; i++)
			if (c->bases[i].id == id)
				base = &c->bases[i];
	if (!base)
		f->e_kb = T(r, "Choose a knowledge base from the list.");
	else
		e->kb_id = base->id;
	if (*f->category) {
		const struct kb_category *cat = NULL;
		if (parse_id(f->category, &id) == 0)
			for (int i = 0; i < c->ncats; i++)
				if (c->cats[i].id == id)
					cat = &c->cats[i];
		if (!cat)
			f->e_category = T(r, "Choose a category from the list.");
		else if (base && cat->kb_id != base->id)
			f->e_category = T(r, "This category belongs to another knowledge base.");
		else
			e->category_id = cat->id;
	}
	if (strcmp(f->lang, "ja") != 0 && strcmp(f->lang, "en") != 0)
		f->e_lang = T(r, "Choose a language from the list.");
	e->lang = f->lang;
	if (!*f->title)
		f->e_title = T(r, "Enter the title.");
	else if (input_chars(f->title) > TITLE_MAX || input_has_control(f->title, false))
		f->e_title = T(r, "Enter a title of 200 characters at most.");
	e->title = f->title;
	if (!*f->body)
		f->e_body = T(r, "Enter the body.");
	else if (strlen(f->body) > MARKDOWN_MAX)
		f->e_body = T(r, "The body is too long (256 KB at most).");
	else if (input_has_control(f->body, true))
		f->e_body = T(r, "The body contains control characters.");
	e->body = f->body;

	e->show_from = parse_local(r, f->show_from);
	e->show_until = parse_local(r, f->show_until);
	if (e->show_from < 0)
		f->e_from = T(r, "Enter a date and time, or leave it empty.");
	if (e->show_until < 0)
		f->e_until = T(r, "Enter a date and time, or leave it empty.");
	else if (e->show_until && e->show_from > 0 && e->show_until <= e->show_from)
		f->e_until = T(r, "The end must come after the start.");

	if (strcmp(f->target, "services") == 0)
		e->target = KB_TARGET_SERVICES;
	else if (strcmp(f->target, "customers") == 0)
		e->target = KB_TARGET_CUSTOMERS;
	else if (strcmp(f->target, "all") == 0)
		e->target = KB_TARGET_ALL;
	else
		f->e_target = T(r, "Choose who the article is for.");

	/* Services: every "svc" value must be a service of the list. */
	int64_t *svc = arena_alloc(r->a, (size_t)(c->nsvcs + 1) * sizeof(*svc));
	int nsvc = 0;
	for (size_t i = 0; i < r->form.n; i++) {
		if (strcmp(r->form.v[i].key, "svc") != 0 || !*r->form.v[i].val)
			continue;
		bool ok = false;
		if (parse_id(r->form.v[i].val, &id) == 0)
			for (int k = 0; k < c->nsvcs; k++)
				if (c->svcs[k].id == id) {
					if (!f->svc_on[k])
						svc[nsvc++] = id;
					f->svc_on[k] = ok = true;
				}
		if (!ok && !f->e_target)
			f->e_target = T(r, "Choose services from the list.");
	}
	e->service_ids = svc;
	e->nservices = nsvc;
	if (e->target == KB_TARGET_SERVICES && nsvc == 0 && !f->e_target)
		f->e_target = T(r, "Choose at least one service.");

	/* Customers: numbers separated by commas, spaces or new lines. */
	if (input_chars(f->customers) > CUSTOMERS_IN) {
		f->e_customers = T(r, "Enter fewer customer numbers.");
	} else {
		int64_t *cus = arena_alloc(r->a, TARGETS_MAX * sizeof(*cus));
		int ncus = 0;
		char *list = arena_strdup(r->a, f->customers), *save = NULL;
		for (char *tok = strtok_r(list, ", \n\t", &save); tok;
		     tok = strtok_r(NULL, ", \n\t", &save)) {
			int64_t cid = customers_id_by_number(db, tok);
			if (cid < 0)
				return -1;
			if (cid == 0) {
				f->e_customers =
				    arena_printf(r->a, T(r, "There is no customer %s."), tok);
				break;
			}
			if (ncus < TARGETS_MAX)
				cus[ncus++] = cid;
		}
		e->customer_ids = cus;
		e->ncustomers = ncus;
		if (!f->e_customers && e->target == KB_TARGET_CUSTOMERS && ncus == 0)
			f->e_customers = T(r, "Enter at least one customer number.");
	}
	if (!f->e_body) {
		struct buf plain = {0};
		if (markdown_text(&plain, e->body, strlen(e->body)) != 0) {
			buf_free(&plain);
			return -1;
		}
		buf_putc(&plain, '\0');
		e->plain = arena_strdup(r->a, plain.p);
		buf_free(&plain);
	}
	return f->e_kb || f->e_category || f->e_lang || f->e_title || f->e_body || f->e_from ||
	               f->e_until || f->e_target || f->e_customers
	           ? 1
	           : 0;
}

static void
field_error(struct req *r, const char *id, const char *error)
{
	if (!error)
		return;
	html_lit(&r->out, "<p class=\"field-error\" role=\"alert\"");
	html_attr(&r->out, "id", id);
	html_lit(&r->out, ">");
	html_text(&r->out, error);
	html_lit(&r->out, "</p>");
}

/* A select with an error slot (form_select has none). */
static void
select_field(struct req *r, const char *name, const char *label, const char *const *values,
             const char *const *labels, int n, const char *selected, const char *error)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"field\"><label");
	html_attr(b, "for", name);
	html_lit(b, ">");
	html_text(b, label);
	html_lit(b, "</label><select");
	html_attr(b, "id", name);
	html_attr(b, "name", name);
	if (error) {
		html_lit(b, " aria-invalid=\"true\"");
		html_attr(b, "aria-describedby", arena_printf(r->a, "%s-error", name));
	}
	html_lit(b, ">");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<option");
		html_attr(b, "value", values[i]);
		if (selected && strcmp(selected, values[i]) == 0)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, labels[i]);
		html_lit(b, "</option>");
	}
	html_lit(b, "</select>");
	field_error(r, arena_printf(r->a, "%s-error", name), error);
	html_lit(b, "</div>");
}

static const char *
base_label(struct req *r, const struct kb_base *k)
{
	const char *name = kb_name(r, k->name_ja, k->name_en);
	return k->is_announcements ? arena_printf(r->a, "%s [%s]", name, T(r, "Announcements"))
	                           : name;
}

static void
write_fields(struct req *r, const struct aform *f, const struct choices *c)
{
	struct buf *b = &r->out;
	int n = c->nbases;
	const char **vals = arena_alloc(r->a, (size_t)(n + 1) * sizeof(char *));
	const char **labs = arena_alloc(r->a, (size_t)(n + 1) * sizeof(char *));
	for (int i = 0; i < n; i++) {
		vals[i] = id_text(r, c->bases[i].id);
		labs[i] = base_label(r, &c->bases[i]);
	}
	select_field(r, "kb", T(r, "Knowledge base"), vals, labs, n, f->kb, f->e_kb);
	n = c->ncats;
	vals = arena_alloc(r->a, (size_t)(n + 1) * sizeof(char *));
	labs = arena_alloc(r->a, (size_t)(n + 1) * sizeof(char *));
	vals[0] = "";
	labs[0] = T(r, "(none)");
	for (int i = 0; i < n; i++) {
		const char *kbn = "";
		for (int k = 0; k < c->nbases; k++)
			if (c->bases[k].id == c->cats[i].kb_id)
				kbn = kb_name(r, c->bases[k].name_ja, c->bases[k].name_en);
		vals[i + 1] = id_text(r, c->cats[i].id);
		labs[i + 1] = arena_printf(r->a, "%s / %s", kbn,
		                           kb_name(r, c->cats[i].name_ja, c->cats[i].name_en));
	}
	select_field(r, "category", T(r, "Category"), vals, labs, n + 1, f->category,
	             f->e_category);
	static const char *const lang_vals[] = {"ja", "en"};
	static const char *const lang_labs[] = {"日本語", "English"};
	select_field(r, "lang", T(r, "Language"), lang_vals, lang_labs, 2, f->lang, f->e_lang);
	form_field(r, &(struct field){.name = "title",
	                              .label = T(r, "Article title"),
	                              .value = f->title,
	                              .error = f->e_title,
	                              .autocomplete = "off",
	                              .maxlength = TITLE_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "body",
	                              .label = T(r, "Body (Markdown)"),
	                              .value = f->body,
	                              .error = f->e_body,
	                              .type = "textarea",
	                              .extra_class = "kb-body-field",
	                              .hint = T(r, "Markdown: # headings, **bold**, lists, tables, "
	                                           "[links](https://…). HTML is shown as text."),
	                              .required = true});
	html_lit(b, "<div class=\"field\"><label for=\"files\">");
	html_text(b, T(r, "Attachments"));
	html_lit(
	    b, "</label><input type=\"file\" id=\"files\" name=\"files\" multiple "
	       "aria-describedby=\"files-hint\"><p class=\"muted field-hint\" id=\"files-hint\">");
	html_text(b, T(r, "Up to 10 files of 2 GB each. Files are attached when the article is "
	                  "saved."));
	html_lit(b, "</p></div><fieldset class=\"kb-targeting\"><legend>");
	html_text(b, T(r, "Display and audience"));
	html_lit(b, "</legend><p class=\"muted\">");
	html_text(b, T(r, "Announcements show as banners on home between these times (empty: "
	                  "no limit)."));
	html_lit(b, "</p>");
	form_field(r, &(struct field){.name = "show_from",
	                              .label = T(r, "Show from"),
	                              .value = f->show_from,
	                              .error = f->e_from,
	                              .type = "datetime-local"});
	form_field(r, &(struct field){.name = "show_until",
	                              .label = T(r, "Show until"),
	                              .value = f->show_until,
	                              .error = f->e_until,
	                              .type = "datetime-local"});
	html_lit(b, "<fieldset class=\"kb-target\"");
	if (f->e_target)
		html_lit(b, " aria-describedby=\"target-error\"");
	html_lit(b, "><legend>");
	html_text(b, T(r, "For"));
	html_lit(b, "</legend>");
	static const char *const tvals[] = {"all", "services", "customers"};
	const char *tlabs[] = {T(r, "Every customer of the knowledge base's service"),
	                       T(r, "Customers of the services chosen below"),
	                       T(r, "The customers listed below")};
	for (int i = 0; i < 3; i++) {
		const char *id = arena_printf(r->a, "target-%s", tvals[i]);
		html_lit(b,
		         "<div class=\"field field-check\"><input type=\"radio\" name=\"target\"");
		html_attr(b, "id", id);
		html_attr(b, "value", tvals[i]);
		if (strcmp(f->target, tvals[i]) == 0)
			html_lit(b, " checked");
		html_lit(b, "><label");
		html_attr(b, "for", id);
		html_lit(b, ">");
		html_text(b, tlabs[i]);
		html_lit(b, "</label></div>");
	}
	field_error(r, "target-error", f->e_target);
	html_lit(b, "</fieldset><fieldset class=\"kb-services\"><legend>");
	html_text(b, T(r, "Services"));
	html_lit(b, "</legend>");
	for (int i = 0; i < c->nsvcs; i++) {
		const char *id = arena_printf(r->a, "svc-%lld", (long long)c->svcs[i].id);
		html_lit(b,
		         "<div class=\"field field-check\"><input type=\"checkbox\" name=\"svc\"");
		html_attr(b, "id", id);
		html_attr(b, "value", id_text(r, c->svcs[i].id));
		if (f->svc_on && f->svc_on[i])
			html_lit(b, " checked");
		html_lit(b, "><label");
		html_attr(b, "for", id);
		html_lit(b, ">");
		html_text(b, kb_name(r, c->svcs[i].name_ja, c->svcs[i].name_en));
		html_lit(b, "</label></div>");
	}
	html_lit(b, "</fieldset>");
	form_field(r, &(struct field){.name = "customers",
	                              .label = T(r, "Customer numbers"),
	                              .value = f->customers,
	                              .error = f->e_customers,
	                              .hint = T(r, "e.g. N200000001, N200000002"),
	                              .autocomplete = "off"});
	html_lit(b, "</fieldset>");
}

static void
write_buttons(struct req *r, bool published)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\" "
	            "name=\"action\" value=\"preview\">");
	html_text(b, T(r, "Preview"));
	html_lit(b, "</button> <button class=\"btn btn-secondary\" type=\"submit\" name=\"action\" "
	            "value=\"save\">");
	html_text(b, published ? T(r, "Update") : T(r, "Save draft"));
	html_lit(b, "</button>");
	if (!published) {
		html_lit(b, " <button class=\"btn btn-primary\" type=\"submit\" name=\"action\" "
		            "value=\"publish\">");
		html_text(b, T(r, "Publish"));
		html_lit(b, "</button>");
	}
	html_lit(b, "</div>");
}

/* The preview of what the form holds, as a customer will see it. */
static void
write_preview(struct req *r, const struct aform *f, const struct choices *c,
              const struct kb_article *saved)
{
	struct kb_article x = {0};
	if (saved)
		x = *saved;
	x.title = f->title;
	x.body = f->body;
	x.lang = strcmp(f->lang, "en") == 0 ? "en" : "ja";
	x.number = saved ? saved->number : "KB———————";
	x.author = saved ? saved->author : r->user->name;
	x.kb_ja = x.kb_en = x.cat_ja = x.cat_en = "";
	for (int i = 0; i < c->nbases; i++)
		if (c->bases[i].id == f->e.kb_id) {
			x.kb_ja = c->bases[i].name_ja;
			x.kb_en = c->bases[i].name_en;
		}
	for (int i = 0; i < c->ncats; i++)
		if (c->cats[i].id == f->e.category_id) {
			x.cat_ja = c->cats[i].name_ja;
			x.cat_en = c->cats[i].name_en;
		}
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"kb-preview card\"");
	html_attr(b, "aria-label", T(r, "Preview"));
	html_lit(b, "><p class=\"kb-preview-label\">");
	html_text(b, T(r, "Preview"));
	html_lit(b, "</p>");
	kb_write_article(r, &x, NULL, 0, "", 2);
	html_lit(b, "</section>");
}

static int
render_new(struct req *r, int status, const struct aform *f, const struct choices *c,
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
		write_preview(r, f, c, NULL);
	if (c->nbases == 0) {
		html_lit(b, "<p class=\"note\">");
		html_text(b, T(r, "Create a knowledge base first."));
		html_lit(b, "</p>");
	}
	html_lit(b, "<form class=\"card form kb-form\" method=\"post\" action=\"/console/kb/new\" "
	            "enctype=\"multipart/form-data\">");
	form_csrf(r);
	form_required_legend(r);
	write_fields(r, f, c);
	write_buttons(r, false);
	html_lit(b, "</form>");
	layout_end(r);
	return status;
}

/* GET /console/kb/new */
int
page_console_kb_new_form(struct req *r)
{
	struct db *db = db_thread();
	struct choices c;
	if (!db || load_choices(r, db, &c) != 0)
		return 500;
	struct aform f = {.kb = "",
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

static const char *
action_of(struct req *r)
{
	const char *a = mp_field(r, "action");
	return a && (strcmp(a, "preview") == 0 || strcmp(a, "publish") == 0) ? a : "save";
}

/* Records the uploaded files of the request as attachments of id. */
static int
add_files(struct req *r, struct db *db, int64_t id)
{
	for (int i = 0; i < r->nfiles; i++) {
		const struct incoming_file *u = &r->files[i];
		if (strcmp(u->field, "files") != 0)
			continue;
		if (upload_keep(r, i) != 0 ||
		    kb_attachment_add(db, id, u->filename, u->stored.sha256,
		                      (int64_t)u->stored.size, u->stored.mime) <= 0)
			return -1;
	}
	return 0;
}

/* POST /console/kb/new (multipart) */
int
page_console_kb_create(struct req *r)
{
	struct db *db = db_thread();
	struct choices c;
	if (!db || load_choices(r, db, &c) != 0)
		return 500;
	struct aform f;
	int v = read_form(r, db, &c, &f);
	if (v < 0)
		return 500;
	const char *action = action_of(r);
	if (v > 0)
		return render_new(r, 422, &f, &c,
		                  T(r,
		                    "Check the fields marked below. Nothing was saved; choose the "
		                    "files again."),
		                  false);
	if (strcmp(action, "preview") == 0)
		return render_new(r, 200, &f, &c, T(r, "This is a preview: nothing was saved yet."),
		                  true);
	if (db_begin(db) != 0)
		return 500;
	char number[12];
	int64_t id = kb_article_create(db, &f.e, r->user->id, number);
	if (id <= 0 || add_files(r, db, id) != 0)
		goto fail;
	audit(r, db, "kb.article_created", number, 0);
	if (strcmp(action, "publish") == 0) {
		if (kb_article_set_state(db, id, "published", clock_now()) != 0)
			goto fail;
		audit(r, db, "kb.article_published", number, 0);
	}
	if (db_commit(db) != 0)
		goto fail;
	return req_redirect(r, arena_printf(r->a, "/console/kb/%lld?saved=1", (long long)id));
fail:
	db_rollback(db);
	return 500;
}

static int
render_edit(struct req *r, int status, const struct kb_article *x, const struct aform *f,
            const struct choices *c, const char *alert, bool preview)
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
	else if (req_query(r, "saved"))
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
			html_text(b, files[i].filename);
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
		write_preview(r, f, c, x);
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
	write_fields(r, f, c);
	write_buttons(r, strcmp(x->state, "published") == 0);
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
	struct choices c;
	if (!db || load_choices(r, db, &c) != 0)
		return 500;
	struct kb_article x;
	int found = article_of_path(r, db, &x);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct aform f;
	form_of_article(r, db, &x, &c, &f);
	return render_edit(r, 200, &x, &f, &c, NULL, false);
}

/* POST /console/kb/:id (multipart) */
int
page_console_kb_save(struct req *r)
{
	struct db *db = db_thread();
	struct choices c;
	if (!db || load_choices(r, db, &c) != 0)
		return 500;
	struct kb_article x;
	int found = article_of_path(r, db, &x);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct aform f;
	int v = read_form(r, db, &c, &f);
	if (v < 0)
		return 500;
	const char *action = action_of(r);
	if (v > 0)
		return render_edit(r, 422, &x, &f, &c,
		                   T(r,
		                     "Check the fields marked below. Nothing was saved; choose the "
		                     "files again."),
		                   false);
	if (strcmp(action, "preview") == 0)
		return render_edit(r, 200, &x, &f, &c,
		                   T(r, "This is a preview: nothing was saved yet."), true);
	if (db_begin(db) != 0)
		return 500;
	if (kb_article_update(db, x.id, &f.e) != 0 || add_files(r, db, x.id) != 0)
		goto fail;
	audit(r, db, "kb.article_updated", x.number, 0);
	if (strcmp(action, "publish") == 0) {
		if (kb_article_set_state(db, x.id, "published", clock_now()) != 0)
			goto fail;
		audit(r, db, "kb.article_published", x.number, 0);
	}
	if (db_commit(db) != 0)
		goto fail;
	return req_redirect(r, arena_printf(r->a, "/console/kb/%lld?saved=1", (long long)x.id));
fail:
	db_rollback(db);
	return 500;
}

static int
set_state(struct req *r, const char *state, const char *event)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct kb_article x;
	int found = article_of_path(r, db, &x);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	if (db_begin(db) != 0)
		return 500;
	if (kb_article_set_state(db, x.id, state, clock_now()) != 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, event, x.number, 0);
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r, arena_printf(r->a, "/console/kb/%lld?saved=1", (long long)x.id));
}

/* POST /console/kb/:id/publish */
int
page_console_kb_publish(struct req *r)
{
	return set_state(r, "published", "kb.article_published");
}

/* POST /console/kb/:id/retire */
int
page_console_kb_retire(struct req *r)
{
	return set_state(r, "retired", "kb.article_retired");
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
	if (db_begin(db) != 0)
		return 500;
	if (kb_attachment_delete(db, fid, x.id) != 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "kb.attachment_removed", arena_printf(r->a, "%s %s", x.number, f.filename), 0);
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r, arena_printf(r->a, "/console/kb/%lld?saved=1", (long long)x.id));
}
