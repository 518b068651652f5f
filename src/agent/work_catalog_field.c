/*
 * The form fields of a work item in the console (provider admins): kind,
 * question in both languages, choices, required; adding one from the item
 * page, its own page, its move, retirement and restoration. The rules are
 * work/catalog.h's; bad input is answered next to its field with what was
 * typed.
 */
#include "agent/console.h"
#include "agent/work_catalog.h"
#include "core/arena.h"
#include "http/request.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "work/catalog.h"

#include <string.h>

#define CHOICES_COUNT_MSG "Enter as many choices as in Japanese (%d)."

const char *const catalog_kind_labels[WF__MAX] = {N_("Text (one line)"), N_("Text (several lines)"),
                                                  N_("Choice"), N_("Date"), N_("Checkbox")};

const struct fform catalog_empty_field = {
    .kind = "text", .label_ja = "", .label_en = "", .choices_ja = "", .choices_en = ""};

static const char *
err(struct req *r, const struct dom *d, const char *field)
{
	return d ? web_error(r, d, field) : NULL;
}

/* The error of the English choices, the count of the Japanese ones filled in. */
static const char *
choices_en_error(struct req *r, const struct fform *f, const struct dom *d)
{
	const char *m = d ? dom_error(d, "choices_en") : NULL;
	if (m && strcmp(m, CHOICES_COUNT_MSG) == 0) {
		const char **v;
		int n = work_choices(r->a, f->choices_ja, &v);
		return arena_printf(r->a, T(r, "Enter as many choices as in Japanese (%d)."), n);
	}
	return err(r, d, "choices_en");
}

void
catalog_field_inputs(struct req *r, const struct fform *f, const struct dom *d)
{
	const char *vals[WF__MAX], *labs[WF__MAX];
	for (int i = 0; i < WF__MAX; i++) {
		vals[i] = work_field_kind_code((enum work_field_kind)i);
		labs[i] = T(r, catalog_kind_labels[i]);
	}
	form_select_error(r, "kind", T(r, "Kind"), vals, labs, WF__MAX, f->kind, err(r, d, "kind"));
	form_field(r, &(struct field){.name = "label_ja",
	                              .label = T(r, "Question (Japanese)"),
	                              .value = f->label_ja,
	                              .error = err(r, d, "label_ja"),
	                              .autocomplete = "off",
	                              .maxlength = CATALOG_LABEL_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "label_en",
	                              .label = T(r, "Question (English)"),
	                              .value = f->label_en,
	                              .error = err(r, d, "label_en"),
	                              .autocomplete = "off",
	                              .maxlength = CATALOG_LABEL_MAX,
	                              .required = true});
	const char *hint = T(r, "For the kind Choice: one choice per line, as many in English as "
	                        "in Japanese.");
	form_field(r, &(struct field){.name = "choices_ja",
	                              .label = T(r, "Choices (Japanese)"),
	                              .type = "textarea",
	                              .value = f->choices_ja,
	                              .error = err(r, d, "choices_ja"),
	                              .hint = hint});
	form_field(r, &(struct field){.name = "choices_en",
	                              .label = T(r, "Choices (English)"),
	                              .type = "textarea",
	                              .value = f->choices_en,
	                              .error = choices_en_error(r, f, d),
	                              .hint = hint});
	form_checkbox(r, "required", T(r, "An answer is required"), f->required);
}

/* The field form; limits and messages are the catalog's rules' (work/catalog.h). */
static const char e_label[] = N_("Enter a question of 200 characters at most, on one line.");
enum { FF_KIND, FF_LABEL_JA, FF_LABEL_EN, FF_CHOICES_JA, FF_CHOICES_EN, FF_REQUIRED, FF__MAX };
static const struct field_decl field_decl[FF__MAX] = {
    [FF_KIND] = {.name = "kind",
                 .kind = FIELD_LINE,
                 .max_chars = 20,
                 .msgid = N_("Choose a kind from the list.")},
    [FF_LABEL_JA] = {.name = "label_ja",
                     .kind = FIELD_LINE,
                     .required = true,
                     .max_chars = CATALOG_LABEL_MAX,
                     .msgid = e_label,
                     .missing = e_label},
    [FF_LABEL_EN] = {.name = "label_en",
                     .kind = FIELD_LINE,
                     .required = true,
                     .max_chars = CATALOG_LABEL_MAX,
                     .msgid = e_label,
                     .missing = e_label},
    [FF_CHOICES_JA] = {.name = "choices_ja",
                       .kind = FIELD_TEXT,
                       .msgid = N_("Enter 50 choices at most.")},
    [FF_CHOICES_EN] = {.name = "choices_en",
                       .kind = FIELD_TEXT,
                       .msgid = N_("Enter 50 choices at most.")},
    [FF_REQUIRED] = {.name = "required", .kind = FIELD_BOOL},
};

/*
 * Reads the field form: the values as typed into f, the input into in, a
 * refused field into d; returns the kind or -1.
 */
static int
read_field(struct req *r, struct dom *d, struct fform *f, struct work_field_input *in)
{
	struct field_value v[FF__MAX];
	fields_read(r, FROM_FORM, field_decl, FF__MAX, d, v);
	f->kind = v[FF_KIND].text;
	f->label_ja = v[FF_LABEL_JA].text;
	f->label_en = v[FF_LABEL_EN].text;
	f->choices_ja = v[FF_CHOICES_JA].text;
	f->choices_en = v[FF_CHOICES_EN].text;
	f->required = v[FF_REQUIRED].present;
	*in = (struct work_field_input){.label_ja = f->label_ja,
	                                .label_en = f->label_en,
	                                .choices_ja = f->choices_ja,
	                                .choices_en = f->choices_en,
	                                .required = f->required};
	return work_field_kind_parse(f->kind);
}

static const char *
item_path(struct req *r, int64_t item_id)
{
	return arena_printf(r->a, "/console/catalog/%lld", (long long)item_id);
}

/* POST /console/catalog/:id/fields */
int
page_console_catalog_field_create(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int64_t item_id;
	if (catalog_path_id(r, 0, &item_id) != 0)
		return 404;
	struct fform ff;
	struct work_field_input in;
	int kind = read_field(r, &d, &ff, &in);
	int st = catalog_field_create(&d, item_id, kind, &in, NULL);
	if (st == DOM_INVALID) {
		struct dom look;
		web_dom(r, &look);
		struct work_item it;
		if (catalog_item_find(&look, item_id, &it) != DOM_OK)
			return 500;
		struct iform f = catalog_iform_of(r, &it);
		return catalog_render_item(r, 422, &it, &f, NULL, &ff, &d);
	}
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "%s?saved=1", item_path(r, item_id)));
}

/* The item and the field of the URL: DOM_OK, or why not. */
static int
field_of_path(struct req *r, struct dom *d, struct work_item *it, struct work_field *wf)
{
	int64_t id, fid;
	if (catalog_path_id(r, 0, &id) != 0 || catalog_path_id(r, 1, &fid) != 0)
		return DOM_NOT_FOUND;
	return catalog_field_find(d, id, fid, it, wf);
}

static int
render_field(struct req *r, int status, const struct work_item *it, const struct work_field *wf,
             const struct fform *ff, const struct dom *d)
{
	const char *item =
	    work_item_label(r->a, it->position, catalog_pick(r, it->name_ja, it->name_en));
	struct page p = {.title = catalog_pick(r, wf->label_ja, wf->label_en),
	                 .menu = "console-catalog"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	const char *base = item_path(r, it->id);
	layout_heading(r, p.title, base, item);
	catalog_saved_or_error(r, status);
	if (wf->retired)
		form_alert(r, ALERT_INFO, T(r, "This field is retired: the form does not ask it."),
		           false);
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "%s/fields/%lld", base, (long long)wf->id));
	html_lit(b, ">");
	form_csrf(r);
	form_required_legend(r);
	catalog_field_inputs(r, ff, d);
	form_submit(r, T(r, "Save"));
	layout_end(r);
	return status;
}

/* GET /console/catalog/:id/fields/:fid */
int
page_console_catalog_field(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct work_item it;
	struct work_field wf;
	int st = field_of_path(r, &d, &it, &wf);
	if (st != DOM_OK)
		return web_status(st);
	struct fform ff = {.kind = work_field_kind_code(wf.kind),
	                   .label_ja = wf.label_ja,
	                   .label_en = wf.label_en,
	                   .choices_ja = wf.choices_ja,
	                   .choices_en = wf.choices_en,
	                   .required = wf.required};
	return render_field(r, 200, &it, &wf, &ff, NULL);
}

/* POST /console/catalog/:id/fields/:fid */
int
page_console_catalog_field_save(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct work_item it;
	struct work_field wf;
	int st = field_of_path(r, &d, &it, &wf);
	if (st != DOM_OK)
		return web_status(st);
	struct fform ff;
	struct work_field_input in;
	int kind = read_field(r, &d, &ff, &in);
	st = catalog_field_save(&d, it.id, wf.id, kind, &in);
	if (st == DOM_INVALID)
		return render_field(r, 422, &it, &wf, &ff, &d);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "%s?saved=1", item_path(r, it.id)));
}

/* POST /console/catalog/:id/fields/:fid/move (dir=up|down) */
int
page_console_catalog_field_move(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct work_item it;
	struct work_field wf;
	bool up;
	int st = field_of_path(r, &d, &it, &wf);
	if (st != DOM_OK)
		return web_status(st);
	if (catalog_dir_up(r, &up) != 0)
		return 400;
	st = catalog_field_move(&d, it.id, wf.id, up);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "%s?saved=1", item_path(r, it.id)));
}

static int
field_set_retired(struct req *r, bool retired)
{
	struct dom d;
	web_dom(r, &d);
	int64_t id, fid;
	if (catalog_path_id(r, 0, &id) != 0 || catalog_path_id(r, 1, &fid) != 0)
		return 404;
	int st = catalog_field_retire(&d, id, fid, retired);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "%s?saved=1", item_path(r, id)));
}

/* POST /console/catalog/:id/fields/:fid/retire */
int
page_console_catalog_field_retire(struct req *r)
{
	return field_set_retired(r, true);
}

/* POST /console/catalog/:id/fields/:fid/restore */
int
page_console_catalog_field_restore(struct req *r)
{
	return field_set_retired(r, false);
}
