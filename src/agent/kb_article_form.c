/*
 * The console's article form: knowledge base, category, language, title,
 * Markdown body, attachments, and for announcements the display window and
 * the target. Read into the typed input of the knowledge operations, which
 * check it; a form refused for bad input records nothing, and says to
 * choose the files again. See kb_article_form.h.
 */
#include "agent/kb_article_form.h"
#include "core/arena.h"
#include "core/text.h"
#include "core/buf.h"
#include "core/tz.h"
#include "domain/domain.h"
#include "http/request.h"
#include "http/upload.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "views/knowledge_view.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/markdown.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#define CUSTOMERS_IN 2000 /* characters of the customer numbers field */

int
kbform_load_choices(struct req *r, struct db *db, struct kb_form_choices *c)
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

void
kbform_of_article(struct req *r, struct db *db, const struct kb_article *x,
                  const struct kb_form_choices *c, struct kb_form *f)
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
 * The article form (multipart). The texts are taken as sent and made
 * uniform here (line breaks, surrounding spaces: normalized()) so that a
 * Markdown body keeps its leading indentation; the knowledge operations
 * judge every value with their own messages.
 */
enum {
	AF_KB,
	AF_CATEGORY,
	AF_LANG,
	AF_TITLE,
	AF_BODY,
	AF_FROM,
	AF_UNTIL,
	AF_TARGET,
	AF_CUSTOMERS,
	AF_SVC,
	AF__MAX
};
static const struct field_decl article_decl[AF__MAX] = {
    [AF_KB] = {.name = "kb", .kind = FIELD_ASIS},
    [AF_CATEGORY] = {.name = "category", .kind = FIELD_ASIS},
    [AF_LANG] = {.name = "lang", .kind = FIELD_ASIS},
    [AF_TITLE] = {.name = "title", .kind = FIELD_ASIS},
    [AF_BODY] = {.name = "body", .kind = FIELD_ASIS},
    [AF_FROM] = {.name = "show_from", .kind = FIELD_ASIS},
    [AF_UNTIL] = {.name = "show_until", .kind = FIELD_ASIS},
    [AF_TARGET] = {.name = "target", .kind = FIELD_ASIS},
    [AF_CUSTOMERS] = {.name = "customers", .kind = FIELD_ASIS},
    [AF_SVC] = {.name = "svc", .kind = FIELD_IDS},
};

/*
 * Reads the form into f: what was typed, and the operation's typed input
 * (f->in; the operation checks it). Values that cannot be typed are passed
 * as the input's "wrong" values (-1) for the operation to refuse. Records
 * in d what only the form knows (too many customer numbers). 0, or -1 when
 * the body's text could not be extracted.
 */
static int
read_form(struct req *r, struct dom *d, const struct kb_form_choices *c, struct kb_form *f)
{
	memset(f, 0, sizeof(*f));
	struct field_value v[AF__MAX];
	int bad = fields_read(r, FROM_FORM, article_decl, AF__MAX, NULL, v);
	f->kb = v[AF_KB].text;
	f->category = v[AF_CATEGORY].text;
	f->lang = v[AF_LANG].text;
	f->title = normalized(r, v[AF_TITLE].text, false);
	f->body = normalized(r, v[AF_BODY].text, true);
	f->show_from = normalized(r, v[AF_FROM].text, false);
	f->show_until = normalized(r, v[AF_UNTIL].text, false);
	f->target = v[AF_TARGET].present ? v[AF_TARGET].text : "all";
	f->customers = normalized(r, v[AF_CUSTOMERS].text, true);
	f->svc_on = arena_zalloc(r->a, (size_t)(c->nsvcs + 1) * sizeof(bool));
	struct kb_article_input *in = &f->in;

	if (parse_id(f->kb, &in->kb_id) != 0)
		in->kb_id = 0;
	if (*f->category && parse_id(f->category, &in->category_id) != 0)
		in->category_id = -1;
	in->lang = f->lang;
	in->title = f->title;
	in->body = f->body;
	in->show_from = parse_local(r, f->show_from);
	in->show_until = parse_local(r, f->show_until);
	in->target = strcmp(f->target, "services") == 0    ? KB_TARGET_SERVICES
	             : strcmp(f->target, "customers") == 0 ? KB_TARGET_CUSTOMERS
	             : strcmp(f->target, "all") == 0       ? KB_TARGET_ALL
	                                                   : -1;

	/* Services: the "svc" values, checked against the list by the operation. */
	in->bad_service = bad > 0; /* a value that is not an id (the only refusal here) */
	in->service_ids = v[AF_SVC].ids;
	in->nservices = v[AF_SVC].nids;
	for (int i = 0; i < v[AF_SVC].nids; i++)
		for (int k = 0; k < c->nsvcs; k++)
			f->svc_on[k] |= c->svcs[k].id == v[AF_SVC].ids[i];

	/* Customers: numbers separated by commas, spaces or new lines. */
	if (text_chars(f->customers) > CUSTOMERS_IN) {
		dom_invalid(d, "customers", N_("Enter fewer customer numbers."));
	} else {
		const char **nums =
		    arena_alloc(r->a, (strlen(f->customers) / 2 + 2) * sizeof(char *));
		int n = 0;
		char *list = arena_strdup(r->a, f->customers), *save = NULL;
		for (char *tok = strtok_r(list, ", \n\t", &save); tok;
		     tok = strtok_r(NULL, ", \n\t", &save))
			nums[n++] = tok;
		in->customer_numbers = nums;
		in->ncustomers = n;
	}
	if (*f->body && strlen(f->body) <= MARKDOWN_MAX) {
		struct buf plain = {0};
		if (markdown_text(&plain, f->body, strlen(f->body)) != 0) {
			buf_free(&plain);
			return -1;
		}
		buf_putc(&plain, '\0');
		in->plain = arena_strdup(r->a, plain.p);
		buf_free(&plain);
	}
	return 0;
}

/* Copies the errors in d into the fields of the form. */
void
kbform_take_errors(struct req *r, const struct dom *d, const struct kb_article_result *res,
                   struct kb_form *f)
{
	f->e_kb = web_error(r, d, "kb");
	f->e_category = web_error(r, d, "category");
	f->e_lang = web_error(r, d, "lang");
	f->e_title = web_error(r, d, "title");
	f->e_body = web_error(r, d, "body");
	f->e_from = web_error(r, d, "show_from");
	f->e_until = web_error(r, d, "show_until");
	f->e_target = web_error(r, d, "target");
	f->e_customers = web_error(r, d, "customers");
	if (res->unknown_customer && dom_error(d, "customers") &&
	    strcmp(dom_error(d, "customers"), "There is no customer %s.") == 0)
		f->e_customers =
		    arena_printf(r->a, T(r, "There is no customer %s."), res->unknown_customer);
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

void
kbform_write_fields(struct req *r, const struct kb_form *f, const struct kb_form_choices *c)
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
	                              .maxlength = KB_TITLE_MAX_CHARS,
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
	html_lit(b, "</label>");
	form_files_input(r, "files-hint");
	html_lit(b, "<p class=\"muted field-hint\" id=\"files-hint\">");
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

void
kbform_write_buttons(struct req *r, bool published)
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
void
kbform_write_preview(struct req *r, const struct kb_form *f, const struct kb_form_choices *c,
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
		if (c->bases[i].id == f->in.kb_id) {
			x.kb_ja = c->bases[i].name_ja;
			x.kb_en = c->bases[i].name_en;
		}
	for (int i = 0; i < c->ncats; i++)
		if (c->cats[i].id == f->in.category_id) {
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

const char *
kbform_action(struct req *r)
{
	static const char *const actions[] = {"save", "preview", "publish", NULL};
	static const struct field_decl action_decl[] = {
	    {.name = "action", .kind = FIELD_CHOICE, .choices = actions}};
	struct field_value v; /* any other value: save */
	fields_read(r, FROM_FORM, action_decl, 1, NULL, &v);
	return actions[v.choice < 0 ? 0 : v.choice];
}

/*
 * Moves the request's uploads into the file store, as the files the
 * operation attaches. *n gets their count. 0 or -1.
 */
static int
kept_files(struct req *r, struct kb_file_input **out, int *n)
{
	*out = arena_alloc(r->a, (size_t)(r->nfiles + 1) * sizeof(**out));
	*n = 0;
	for (int i = 0; i < r->nfiles; i++) {
		const struct incoming_file *u = &r->files[i];
		if (strcmp(u->field, "files") != 0)
			continue;
		if (upload_keep(r, i) != 0)
			return -1;
		(*out)[(*n)++] = (struct kb_file_input){.filename = u->filename,
		                                        .sha256 = u->stored.sha256,
		                                        .mime = u->stored.mime,
		                                        .size = (int64_t)u->stored.size};
	}
	return 0;
}

/*
 * Reads the form and checks it (the preview ends there). Returns DOM_OK
 * when the form may be saved, with f->in holding the files, else the
 * status of the check with f's errors set.
 */
int
kbform_read(struct req *r, struct dom *d, const struct kb_form_choices *c, struct kb_form *f,
            struct kb_article_result *res)
{
	if (read_form(r, d, c, f) != 0)
		return DOM_ERROR;
	int rc = knowledge_article_check(d, &f->in, res);
	if (rc == DOM_OK && d->nerrors)
		rc = DOM_INVALID;
	kbform_take_errors(r, d, res, f);
	if (rc == DOM_OK && strcmp(kbform_action(r), "preview") != 0) {
		struct kb_file_input *files;
		if (kept_files(r, &files, &f->in.nfiles) != 0)
			return DOM_ERROR;
		f->in.files = files;
	}
	return rc;
}
