/*
 * The work catalog in the console (provider admins, SPEC §5): the work
 * items of each service (name and description in both languages, point
 * cost), their order — which is also the "N." number customers see — and
 * each item's form fields (kind, label in both languages, choices, required)
 * in their order. Nothing is ever deleted: items and fields are retired and
 * may be restored, and past requests keep their own copy of what they said.
 * Every change is audited; bad input is answered next to its field with
 * what was typed, and changes nothing.
 */
#include "core/arena.h"
#include "http/request.h"
#include "agent/console.h"
#include "store/audit.h"
#include "store/customer_admin.h"
#include "store/db.h"
#include "store/work_requests.h"
#include "web/form.h"
#include "web/html.h"
#include "web/input.h"
#include "web/layout.h"
#include "web/listing.h"

#include <stdlib.h>
#include <string.h>

#define NAME_MAX_CHARS   100
#define DESC_MAX_CHARS   4000
#define LABEL_MAX_CHARS  200
#define CHOICE_MAX_CHARS 100
#define CHOICES_MAX      50
#define POINTS_MAX       100000
#define ITEM_FIELDS_MAX  30

static const char *const kind_labels[WF__MAX] = {N_("Text (one line)"), N_("Text (several lines)"),
                                                 N_("Choice"), N_("Date"), N_("Checkbox")};

/* What an item form holds: the values as typed, their errors, and the input they make. */
struct iform {
	const char *service, *name_ja, *name_en, *desc_ja, *desc_en, *points;
	const char *e_service, *e_name_ja, *e_name_en, *e_desc_ja, *e_desc_en, *e_points;
	struct work_item_input in;
};

struct fform {
	const char *kind, *label_ja, *label_en, *choices_ja, *choices_en;
	bool required;
	const char *e_kind, *e_label_ja, *e_label_en, *e_choices_ja, *e_choices_en;
	struct work_field_input in;
};

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

static const char *
pick(struct req *r, const char *ja, const char *en)
{
	return r->lang == LANG_EN ? en : ja;
}

static void
saved_or_error(struct req *r, int status)
{
	if (status >= 400)
		form_alert(r, ALERT_ERROR,
		           T(r, "Check the fields marked below. Nothing was saved."), false);
	else if (req_query(r, "saved"))
		form_alert(r, ALERT_SUCCESS, T(r, "The changes have been saved."), true);
}

/* A small POST form with one button (move, retire, restore). */
static void
button_form(struct req *r, const char *action, const char *name, const char *value,
            const char *label, const char *aria_label, bool disabled)
{
	struct buf *b = &r->out;
	html_lit(b, "<form method=\"post\" class=\"inline-form\"");
	html_attr(b, "action", action);
	html_lit(b, ">");
	form_csrf(r);
	if (name)
		form_hidden(r, name, value);
	html_lit(b, "<button type=\"submit\" class=\"btn btn-secondary\"");
	if (aria_label)
		html_attr(b, "aria-label", aria_label);
	if (disabled)
		html_lit(b, " disabled");
	html_lit(b, ">");
	html_text(b, label);
	html_lit(b, "</button></form>");
}

/* ▲ ▼ and retire/restore of one row; base is the row's path. */
static void
row_actions(struct req *r, const char *base, bool first, bool last, bool retired)
{
	struct buf *b = &r->out;
	html_lit(b, "<td>");
	button_form(r, arena_printf(r->a, "%s/move", base), "dir", "up", "▲", T(r, "Move up"),
	            first);
	html_lit(b, " ");
	button_form(r, arena_printf(r->a, "%s/move", base), "dir", "down", "▼", T(r, "Move down"),
	            last);
	html_lit(b, "</td><td>");
	if (retired)
		button_form(r, arena_printf(r->a, "%s/restore", base), NULL, NULL, T(r, "Restore"),
		            NULL, false);
	else
		button_form(r, arena_printf(r->a, "%s/retire", base), NULL, NULL, T(r, "Retire"),
		            NULL, false);
	html_lit(b, "</td>");
}

static const char *
state_text(struct req *r, bool retired)
{
	return retired ? T(r, "Retired") : T(r, "Offered");
}

/* --- the catalog --- */

static void
service_items(struct req *r, const struct cadm_service *s, const struct work_item *it, int n)
{
	struct buf *b = &r->out;
	const char *name = pick(r, s->name_ja, s->name_en);
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, name);
	html_lit(b, "</h2>");
	int first = -1, last = -1;
	for (int i = 0; i < n; i++)
		if (it[i].service_id == s->id) {
			if (first < 0)
				first = i;
			last = i;
		}
	if (first < 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "No work items for this service yet."));
		html_lit(b, "</p></section>");
		return;
	}
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", name);
	html_lit(b, "><table class=\"table\"><thead><tr>");
	listing_th(r, N_("Work item"));
	listing_th(r, N_("Points"));
	listing_th(r, N_("State"));
	listing_th(r, N_("Order"));
	listing_th(r, N_("Actions"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = first; i <= last; i++) {
		if (it[i].service_id != s->id)
			continue;
		const char *base = arena_printf(r->a, "/console/catalog/%lld", (long long)it[i].id);
		html_lit(b, "<tr><td><a");
		html_attr(b, "href", base);
		html_lit(b, ">");
		html_text(b, work_item_label(r->a, it[i].position,
		                             pick(r, it[i].name_ja, it[i].name_en)));
		html_lit(b, "</a></td><td>");
		html_int(b, it[i].points);
		html_lit(b, "</td><td>");
		html_text(b, state_text(r, it[i].retired));
		html_lit(b, "</td>");
		row_actions(r, base, i == first, i == last, it[i].retired);
		html_lit(b, "</tr>");
	}
	html_lit(b, "</tbody></table></div></section>");
}

/* GET /console/catalog */
int
page_console_catalog(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct cadm_service *svcs;
	struct work_item *it;
	int ns = cadm_services(db, r->a, &svcs);
	int n = work_items_all(db, r->a, &it);
	if (ns < 0 || n < 0)
		return 500;
	struct page p = {.title = T(r, "Work catalog"), .menu = "console-catalog"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, NULL, NULL);
	saved_or_error(r, 200);
	html_lit(b, "<p class=\"muted\">");
	html_text(b, T(r, "Customers see the offered items of the services they have a contract "
	                  "for, numbered in this order. Retired items are hidden from them; past "
	                  "requests keep what they said."));
	html_lit(b, "</p><p class=\"actions\"><a class=\"btn btn-primary\" "
	            "href=\"/console/catalog/new\">");
	html_text(b, T(r, "New work item"));
	html_lit(b, "</a></p>");
	for (int i = 0; i < ns; i++)
		service_items(r, &svcs[i], it, n);
	layout_end(r);
	return 200;
}

/* --- an item --- */

static void
item_fields(struct req *r, const struct iform *f, const struct cadm_service *svcs, int ns)
{
	const char **vals = arena_alloc(r->a, (size_t)(ns + 1) * sizeof(char *));
	const char **labs = arena_alloc(r->a, (size_t)(ns + 1) * sizeof(char *));
	for (int i = 0; i < ns; i++) {
		vals[i] = arena_printf(r->a, "%lld", (long long)svcs[i].id);
		labs[i] = pick(r, svcs[i].name_ja, svcs[i].name_en);
	}
	form_select_error(r, "service", T(r, "Service"), vals, labs, ns, f->service, f->e_service);
	form_field(r, &(struct field){.name = "name_ja",
	                              .label = T(r, "Name (Japanese)"),
	                              .value = f->name_ja,
	                              .error = f->e_name_ja,
	                              .hint = T(r, "Without the number: it follows the order."),
	                              .autocomplete = "off",
	                              .maxlength = NAME_MAX_CHARS,
	                              .required = true});
	form_field(r, &(struct field){.name = "name_en",
	                              .label = T(r, "Name (English)"),
	                              .value = f->name_en,
	                              .error = f->e_name_en,
	                              .autocomplete = "off",
	                              .maxlength = NAME_MAX_CHARS,
	                              .required = true});
	form_field(r, &(struct field){.name = "description_ja",
	                              .label = T(r, "Description (Japanese)"),
	                              .type = "textarea",
	                              .value = f->desc_ja,
	                              .error = f->e_desc_ja,
	                              .maxlength = DESC_MAX_CHARS});
	form_field(r, &(struct field){.name = "description_en",
	                              .label = T(r, "Description (English)"),
	                              .type = "textarea",
	                              .value = f->desc_en,
	                              .error = f->e_desc_en,
	                              .maxlength = DESC_MAX_CHARS});
	form_field(r, &(struct field){.name = "points",
	                              .label = T(r, "Points"),
	                              .type = "number",
	                              .value = f->points,
	                              .error = f->e_points,
	                              .hint = T(r, "The points one request of this item costs."),
	                              .autocomplete = "off",
	                              .required = true});
}

static bool
read_item(struct req *r, struct iform *f, const struct cadm_service *svcs, int ns)
{
	memset(f, 0, sizeof(*f));
	f->service = input_trimmed(r, "service");
	f->name_ja = input_trimmed(r, "name_ja");
	f->name_en = input_trimmed(r, "name_en");
	f->desc_ja = input_trimmed(r, "description_ja");
	f->desc_en = input_trimmed(r, "description_en");
	f->points = input_trimmed(r, "points");
	int64_t sid;
	if (parse_id(f->service, &sid) == 0)
		for (int i = 0; i < ns; i++)
			if (svcs[i].id == sid)
				f->in.service_id = sid;
	if (!f->in.service_id)
		f->e_service = T(r, "Choose a service from the list.");
	const char *e_name = T(r, "Enter a name of 100 characters at most, on one line.");
	if (!*f->name_ja || input_chars(f->name_ja) > NAME_MAX_CHARS ||
	    input_has_control(f->name_ja, false))
		f->e_name_ja = e_name;
	if (!*f->name_en || input_chars(f->name_en) > NAME_MAX_CHARS ||
	    input_has_control(f->name_en, false))
		f->e_name_en = e_name;
	const char *e_desc = T(r, "Write 4000 characters at most.");
	if (input_chars(f->desc_ja) > DESC_MAX_CHARS || input_has_control(f->desc_ja, true))
		f->e_desc_ja = e_desc;
	if (input_chars(f->desc_en) > DESC_MAX_CHARS || input_has_control(f->desc_en, true))
		f->e_desc_en = e_desc;
	size_t len = strlen(f->points);
	if (len == 0 || len > 6 || strspn(f->points, "0123456789") != len ||
	    atoi(f->points) > POINTS_MAX)
		f->e_points = T(r, "Enter a whole number from 0 to 100000.");
	else
		f->in.points = atoi(f->points);
	f->in.name_ja = f->name_ja;
	f->in.name_en = f->name_en;
	f->in.description_ja = f->desc_ja;
	f->in.description_en = f->desc_en;
	return !(f->e_service || f->e_name_ja || f->e_name_en || f->e_desc_ja || f->e_desc_en ||
	         f->e_points);
}

static int
render_new_item(struct req *r, int status, const struct iform *f)
{
	struct cadm_service *svcs;
	int ns = cadm_services(db_thread(), r->a, &svcs);
	if (ns < 0)
		return 500;
	struct page p = {.title = T(r, "New work item"), .menu = "console-catalog"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/console/catalog", T(r, "Work catalog"));
	saved_or_error(r, status);
	html_lit(b, "<form class=\"card form\" method=\"post\" action=\"/console/catalog/new\">");
	form_csrf(r);
	form_required_legend(r);
	item_fields(r, f, svcs, ns);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Create"));
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return status;
}

/* GET /console/catalog/new */
int
page_console_catalog_new_form(struct req *r)
{
	struct iform f = {.service = "",
	                  .name_ja = "",
	                  .name_en = "",
	                  .desc_ja = "",
	                  .desc_en = "",
	                  .points = "0"};
	return render_new_item(r, 200, &f);
}

/* POST /console/catalog/new */
int
page_console_catalog_create(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct cadm_service *svcs;
	int ns = cadm_services(db, r->a, &svcs);
	if (ns < 0)
		return 500;
	struct iform f;
	if (!read_item(r, &f, svcs, ns))
		return render_new_item(r, 422, &f);
	if (db_begin(db) != 0)
		return 500;
	int64_t id = work_item_create(db, &f.in);
	if (id <= 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "catalog.item_created",
	      arena_printf(r->a, "item=%lld service=%lld %s / %s points=%d", (long long)id,
	                   (long long)f.in.service_id, f.in.name_ja, f.in.name_en, f.in.points));
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r, arena_printf(r->a, "/console/catalog/%lld?saved=1", (long long)id));
}

static int
item_of_path(struct req *r, struct db *db, struct work_item *it)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return 0;
	return work_item_get(db, id, r->a, it);
}

static void
fields_table(struct req *r, const struct work_item *it, const struct work_field *wf, int n)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, T(r, "Form fields"));
	html_lit(b, "</h2>");
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "This item asks no questions yet."));
		html_lit(b, "</p></section>");
		return;
	}
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", T(r, "Form fields"));
	html_lit(b, "><table class=\"table\"><thead><tr>");
	listing_th(r, N_("Question"));
	listing_th(r, N_("Kind"));
	listing_th(r, N_("Required"));
	listing_th(r, N_("State"));
	listing_th(r, N_("Order"));
	listing_th(r, N_("Actions"));
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const char *base = arena_printf(r->a, "/console/catalog/%lld/fields/%lld",
		                                (long long)it->id, (long long)wf[i].id);
		html_lit(b, "<tr><td><a");
		html_attr(b, "href", base);
		html_lit(b, ">");
		html_text(b, pick(r, wf[i].label_ja, wf[i].label_en));
		html_lit(b, "</a></td><td>");
		html_text(b, T(r, kind_labels[wf[i].kind]));
		html_lit(b, "</td><td>");
		html_text(b, wf[i].required ? T(r, "Yes") : T(r, "No"));
		html_lit(b, "</td><td>");
		html_text(b, state_text(r, wf[i].retired));
		html_lit(b, "</td>");
		row_actions(r, base, i == 0, i == n - 1, wf[i].retired);
		html_lit(b, "</tr>");
	}
	html_lit(b, "</tbody></table></div></section>");
}

static void
field_inputs(struct req *r, const struct fform *f)
{
	const char *vals[WF__MAX], *labs[WF__MAX];
	for (int i = 0; i < WF__MAX; i++) {
		vals[i] = work_field_kind_code((enum work_field_kind)i);
		labs[i] = T(r, kind_labels[i]);
	}
	form_select_error(r, "kind", T(r, "Kind"), vals, labs, WF__MAX, f->kind, f->e_kind);
	form_field(r, &(struct field){.name = "label_ja",
	                              .label = T(r, "Question (Japanese)"),
	                              .value = f->label_ja,
	                              .error = f->e_label_ja,
	                              .autocomplete = "off",
	                              .maxlength = LABEL_MAX_CHARS,
	                              .required = true});
	form_field(r, &(struct field){.name = "label_en",
	                              .label = T(r, "Question (English)"),
	                              .value = f->label_en,
	                              .error = f->e_label_en,
	                              .autocomplete = "off",
	                              .maxlength = LABEL_MAX_CHARS,
	                              .required = true});
	const char *hint = T(r, "For the kind Choice: one choice per line, as many in English as "
	                        "in Japanese.");
	form_field(r, &(struct field){.name = "choices_ja",
	                              .label = T(r, "Choices (Japanese)"),
	                              .type = "textarea",
	                              .value = f->choices_ja,
	                              .error = f->e_choices_ja,
	                              .hint = hint});
	form_field(r, &(struct field){.name = "choices_en",
	                              .label = T(r, "Choices (English)"),
	                              .type = "textarea",
	                              .value = f->choices_en,
	                              .error = f->e_choices_en,
	                              .hint = hint});
	form_checkbox(r, "required", T(r, "An answer is required"), f->required);
}

/* Checks one list of choices; the error, or NULL. n gets the count. */
static const char *
check_choices(struct req *r, const char *text, int *n)
{
	const char **v;
	*n = work_choices(r->a, text, &v);
	if (*n == 0)
		return T(r, "Enter the choices, one per line.");
	if (*n > CHOICES_MAX || input_has_control(text, true))
		return T(r, "Enter 50 choices at most.");
	for (int i = 0; i < *n; i++)
		if (input_chars(v[i]) > CHOICE_MAX_CHARS)
			return T(r, "A choice may have 100 characters at most.");
	return NULL;
}

static bool
read_field(struct req *r, struct fform *f)
{
	memset(f, 0, sizeof(*f));
	f->kind = input_trimmed(r, "kind");
	f->label_ja = input_trimmed(r, "label_ja");
	f->label_en = input_trimmed(r, "label_en");
	f->choices_ja = input_trimmed(r, "choices_ja");
	f->choices_en = input_trimmed(r, "choices_en");
	f->required = req_form(r, "required") != NULL;
	int k = work_field_kind_parse(f->kind);
	if (k < 0)
		f->e_kind = T(r, "Choose a kind from the list.");
	const char *e_label = T(r, "Enter a question of 200 characters at most, on one line.");
	if (!*f->label_ja || input_chars(f->label_ja) > LABEL_MAX_CHARS ||
	    input_has_control(f->label_ja, false))
		f->e_label_ja = e_label;
	if (!*f->label_en || input_chars(f->label_en) > LABEL_MAX_CHARS ||
	    input_has_control(f->label_en, false))
		f->e_label_en = e_label;
	if (k == WF_CHOICE) {
		int nja = 0, nen = 0;
		f->e_choices_ja = check_choices(r, f->choices_ja, &nja);
		f->e_choices_en = check_choices(r, f->choices_en, &nen);
		if (!f->e_choices_ja && !f->e_choices_en && nja != nen)
			f->e_choices_en = arena_printf(
			    r->a, T(r, "Enter as many choices as in Japanese (%d)."), nja);
	}
	f->in = (struct work_field_input){.kind = k < 0 ? WF_TEXT : (enum work_field_kind)k,
	                                  .label_ja = f->label_ja,
	                                  .label_en = f->label_en,
	                                  .choices_ja = f->choices_ja,
	                                  .choices_en = f->choices_en,
	                                  .required = f->required};
	return !(f->e_kind || f->e_label_ja || f->e_label_en || f->e_choices_ja || f->e_choices_en);
}

static const struct fform empty_field = {
    .kind = "text", .label_ja = "", .label_en = "", .choices_ja = "", .choices_en = ""};

/* The item page: its form, its fields, and a form to add one. */
static int
render_item(struct req *r, int status, const struct work_item *it, const struct iform *f,
            const struct fform *ff)
{
	struct db *db = db_thread();
	struct cadm_service *svcs;
	struct work_field *wf;
	int ns = cadm_services(db, r->a, &svcs);
	int nf = work_fields_of(db, it->id, true, r->a, &wf);
	if (ns < 0 || nf < 0)
		return 500;
	struct page p = {.title =
	                     work_item_label(r->a, it->position, pick(r, it->name_ja, it->name_en)),
	                 .menu = "console-catalog"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, "/console/catalog", T(r, "Work catalog"));
	saved_or_error(r, status);
	if (it->retired)
		form_alert(r, ALERT_INFO, T(r, "This item is retired: customers do not see it."),
		           false);
	const char *base = arena_printf(r->a, "/console/catalog/%lld", (long long)it->id);
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", base);
	html_lit(b, "><h2>");
	html_text(b, T(r, "Work item"));
	html_lit(b, "</h2>");
	form_csrf(r);
	form_required_legend(r);
	item_fields(r, f, svcs, ns);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Save"));
	html_lit(b, "</button></div></form>");
	fields_table(r, it, wf, nf);
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "%s/fields", base));
	html_lit(b, "><h2>");
	html_text(b, T(r, "Add a field"));
	html_lit(b, "</h2>");
	form_csrf(r);
	field_inputs(r, ff);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Add"));
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return status;
}

static struct iform
iform_of(struct req *r, const struct work_item *it)
{
	return (struct iform){.service = arena_printf(r->a, "%lld", (long long)it->service_id),
	                      .name_ja = it->name_ja,
	                      .name_en = it->name_en,
	                      .desc_ja = it->description_ja,
	                      .desc_en = it->description_en,
	                      .points = arena_printf(r->a, "%d", it->points)};
}

/* GET /console/catalog/:id */
int
page_console_catalog_item(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct work_item it;
	int found = item_of_path(r, db, &it);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct iform f = iform_of(r, &it);
	return render_item(r, 200, &it, &f, &empty_field);
}

/* POST /console/catalog/:id */
int
page_console_catalog_item_save(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct work_item it;
	int found = item_of_path(r, db, &it);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct cadm_service *svcs;
	int ns = cadm_services(db, r->a, &svcs);
	if (ns < 0)
		return 500;
	struct iform f;
	if (!read_item(r, &f, svcs, ns))
		return render_item(r, 422, &it, &f, &empty_field);
	if (db_begin(db) != 0)
		return 500;
	if (work_item_update(db, it.id, &f.in) != 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, "catalog.item_updated",
	      arena_printf(r->a, "item=%lld service=%lld %s / %s points=%d", (long long)it.id,
	                   (long long)f.in.service_id, f.in.name_ja, f.in.name_en, f.in.points));
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r,
	                    arena_printf(r->a, "/console/catalog/%lld?saved=1", (long long)it.id));
}

/* Runs one change of an item or a field in a transaction with its audit event: 0, or a status. */
static int
commit_change(struct req *r, struct db *db, int rc, const char *event, const char *detail)
{
	if (rc < 0) {
		db_rollback(db);
		return 500;
	}
	audit(r, db, event, detail);
	if (db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return 0;
}

static int
dir_up(struct req *r, bool *up)
{
	const char *d = req_form(r, "dir");
	if (!d || (strcmp(d, "up") != 0 && strcmp(d, "down") != 0))
		return -1;
	*up = strcmp(d, "up") == 0;
	return 0;
}

/* POST /console/catalog/:id/move (dir=up|down) */
int
page_console_catalog_item_move(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct work_item it;
	bool up;
	int found = item_of_path(r, db, &it);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	if (dir_up(r, &up) != 0)
		return 400;
	if (db_begin(db) != 0)
		return 500;
	int st =
	    commit_change(r, db, work_item_move(db, it.id, up), "catalog.item_moved",
	                  arena_printf(r->a, "item=%lld %s", (long long)it.id, up ? "up" : "down"));
	return st ? st : req_redirect(r, "/console/catalog?saved=1");
}

static int
item_set_retired(struct req *r, bool retired)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct work_item it;
	int found = item_of_path(r, db, &it);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	if (db_begin(db) != 0)
		return 500;
	int st = commit_change(r, db, work_item_set_retired(db, it.id, retired),
	                       retired ? "catalog.item_retired" : "catalog.item_restored",
	                       arena_printf(r->a, "item=%lld %s", (long long)it.id, it.name_ja));
	return st ? st : req_redirect(r, "/console/catalog?saved=1");
}

/* POST /console/catalog/:id/retire */
int
page_console_catalog_item_retire(struct req *r)
{
	return item_set_retired(r, true);
}

/* POST /console/catalog/:id/restore */
int
page_console_catalog_item_restore(struct req *r)
{
	return item_set_retired(r, false);
}

/* --- fields --- */

/* POST /console/catalog/:id/fields */
int
page_console_catalog_field_create(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct work_item it;
	int found = item_of_path(r, db, &it);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct fform ff;
	struct work_field *existing;
	int nf = work_fields_of(db, it.id, true, r->a, &existing);
	if (nf < 0)
		return 500;
	bool ok = read_field(r, &ff);
	/* Bounded so that the request's mail, with every answer, stays within the outbox's limit.
	 */
	if (nf >= ITEM_FIELDS_MAX) {
		ff.e_kind = T(r, "An item may have 30 fields at most.");
		ok = false;
	}
	if (!ok) {
		struct iform f = iform_of(r, &it);
		return render_item(r, 422, &it, &f, &ff);
	}
	if (db_begin(db) != 0)
		return 500;
	int64_t id = work_field_create(db, it.id, &ff.in);
	int st = commit_change(r, db, id > 0 ? 0 : -1, "catalog.field_created",
	                       arena_printf(r->a, "item=%lld field=%lld %s %s", (long long)it.id,
	                                    (long long)id, work_field_kind_code(ff.in.kind),
	                                    ff.in.label_ja));
	return st ? st
	          : req_redirect(
	                r, arena_printf(r->a, "/console/catalog/%lld?saved=1", (long long)it.id));
}

/* The item and the field of the URL: 1, 0 (404), -1. */
static int
field_of_path(struct req *r, struct db *db, struct work_item *it, struct work_field *wf)
{
	int found = item_of_path(r, db, it);
	int64_t fid;
	if (found != 1)
		return found;
	if (parse_id(r->pp[1], &fid) != 0)
		return 0;
	return work_field_get(db, it->id, fid, r->a, wf);
}

static int
render_field(struct req *r, int status, const struct work_item *it, const struct work_field *wf,
             const struct fform *ff)
{
	const char *item = work_item_label(r->a, it->position, pick(r, it->name_ja, it->name_en));
	struct page p = {.title = pick(r, wf->label_ja, wf->label_en), .menu = "console-catalog"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	const char *item_path = arena_printf(r->a, "/console/catalog/%lld", (long long)it->id);
	layout_heading(r, p.title, item_path, item);
	saved_or_error(r, status);
	if (wf->retired)
		form_alert(r, ALERT_INFO, T(r, "This field is retired: the form does not ask it."),
		           false);
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "%s/fields/%lld", item_path, (long long)wf->id));
	html_lit(b, ">");
	form_csrf(r);
	form_required_legend(r);
	field_inputs(r, ff);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Save"));
	html_lit(b, "</button></div></form>");
	layout_end(r);
	return status;
}

/* GET /console/catalog/:id/fields/:fid */
int
page_console_catalog_field(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct work_item it;
	struct work_field wf;
	int found = field_of_path(r, db, &it, &wf);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct fform ff = {.kind = work_field_kind_code(wf.kind),
	                   .label_ja = wf.label_ja,
	                   .label_en = wf.label_en,
	                   .choices_ja = wf.choices_ja,
	                   .choices_en = wf.choices_en,
	                   .required = wf.required};
	return render_field(r, 200, &it, &wf, &ff);
}

/* POST /console/catalog/:id/fields/:fid */
int
page_console_catalog_field_save(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct work_item it;
	struct work_field wf;
	int found = field_of_path(r, db, &it, &wf);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct fform ff;
	if (!read_field(r, &ff))
		return render_field(r, 422, &it, &wf, &ff);
	if (db_begin(db) != 0)
		return 500;
	int st = commit_change(
	    r, db, work_field_update(db, it.id, wf.id, &ff.in), "catalog.field_updated",
	    arena_printf(r->a, "item=%lld field=%lld %s %s", (long long)it.id, (long long)wf.id,
	                 work_field_kind_code(ff.in.kind), ff.in.label_ja));
	return st ? st
	          : req_redirect(
	                r, arena_printf(r->a, "/console/catalog/%lld?saved=1", (long long)it.id));
}

/* POST /console/catalog/:id/fields/:fid/move (dir=up|down) */
int
page_console_catalog_field_move(struct req *r)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct work_item it;
	struct work_field wf;
	bool up;
	int found = field_of_path(r, db, &it, &wf);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	if (dir_up(r, &up) != 0)
		return 400;
	if (db_begin(db) != 0)
		return 500;
	int st = commit_change(r, db, work_field_move(db, it.id, wf.id, up), "catalog.field_moved",
	                       arena_printf(r->a, "item=%lld field=%lld %s", (long long)it.id,
	                                    (long long)wf.id, up ? "up" : "down"));
	return st ? st
	          : req_redirect(
	                r, arena_printf(r->a, "/console/catalog/%lld?saved=1", (long long)it.id));
}

static int
field_set_retired(struct req *r, bool retired)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct work_item it;
	struct work_field wf;
	int found = field_of_path(r, db, &it, &wf);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	if (db_begin(db) != 0)
		return 500;
	int st = commit_change(r, db, work_field_set_retired(db, it.id, wf.id, retired),
	                       retired ? "catalog.field_retired" : "catalog.field_restored",
	                       arena_printf(r->a, "item=%lld field=%lld %s", (long long)it.id,
	                                    (long long)wf.id, wf.label_ja));
	return st ? st
	          : req_redirect(
	                r, arena_printf(r->a, "/console/catalog/%lld?saved=1", (long long)it.id));
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
