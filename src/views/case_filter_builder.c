/*
 * The case list's filter builder (views/case_list.h): conditions joined by
 * AND, with または groups; ソートを追加; すべてを消去; 実行. A plain GET
 * form: 実行 turns its rows into the list's URL (303), and its または / AND
 * / ⊖ buttons come back to the page with a row more or less, so all of it
 * works without JavaScript; static/cases.js only swaps the value and
 * operator controls when the field changes.
 */
#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/text.h"
#include "core/tz.h"
#include "http/parse.h"
#include "http/request.h"
#include "store/cases.h"
#include "views/case_labels.h"
#include "views/case_list.h"
#include "views/case_list_parts.h"
#include "web/form.h"
#include "web/html.h"

#include <stdio.h>
#include <string.h>

#define VALUE_MAX_CHARS 100 /* of a condition's value, as typed */
#define FORM_ROWS_MAX   64  /* row indexes read from the builder form */

/* The builder offers the fields in this order. */
static const enum cq_field filter_order[] = {
    CQ_F_KEYWORD, CQ_F_NUMBER,  CQ_F_STATE,    CQ_F_CATEGORY, CQ_F_SUBJECT, CQ_F_CUSTOMER,
    CQ_F_SERVICE, CQ_F_CONTACT, CQ_F_ASSIGNEE, CQ_F_CREATED,  CQ_F_UPDATED,
};
#define NFILTER_ORDER (sizeof(filter_order) / sizeof(filter_order[0]))

/* ---- Reading the rows ---- */

/* A state code from its code or its label in either language; NULL if none. */
static const char *
state_from_text(struct req *r, const char *v)
{
	enum lang keep = r->lang;
	const char *found = NULL;
	for (int s = 0; s < CASE__MAX && !found; s++) {
		if (strcmp(v, case_state_code((enum case_state)s)) == 0)
			found = case_state_code((enum case_state)s);
		for (int l = 0; l < LANG__MAX && !found; l++) {
			r->lang = (enum lang)l;
			if (strcmp(v, case_state_label(r, (enum case_state)s)) == 0)
				found = case_state_code((enum case_state)s);
		}
	}
	r->lang = keep;
	return found;
}

static const char *
category_from_text(const char *v)
{
	for (int i = 0; i < case_categories_count; i++) {
		const struct case_category *c = &case_categories[i];
		if (strcmp(v, c->code) == 0)
			return c->code;
		for (int l = 0; l < LANG__MAX; l++)
			if (strcmp(v, i18n_tr((enum lang)l, c->label)) == 0)
				return c->code;
	}
	return NULL;
}

/* The operator a row keeps when its field changed without JavaScript. */
static enum cq_op
coerce_op(enum cq_field f, enum cq_op op, bool staff)
{
	if (cq_op_allowed(f, op, staff))
		return op;
	switch (cq_fields[f].type) {
	case CQ_T_KEYWORD:
		return CQ_OP_MATCH;
	case CQ_T_TEXT:
		return CQ_OP_HAS;
	case CQ_T_ENUM:
	case CQ_T_DATE:
		return CQ_OP_IS;
	}
	return CQ_OP_IS;
}

void
case_builder_blank_row(struct builder *b, int at, enum cq_field f, enum cq_op op, int group)
{
	if (b->nrows >= CQ_MAX_CONDS || at < 0 || at > b->nrows)
		return;
	memmove(&b->rows[at + 1], &b->rows[at], (size_t)(b->nrows - at) * sizeof(b->rows[0]));
	b->rows[at] = (struct brow){.field = f, .op = op, .group = group, .value = ""};
	b->nrows++;
}

void
case_builder_from_query(struct builder *b, const struct case_query *q)
{
	memset(b, 0, sizeof(*b));
	int g = 0;
	for (int i = 0; i < q->ncond; i++) {
		if (i > 0 && !q->cond[i].or_prev)
			g++;
		b->rows[i] =
		    (struct brow){q->cond[i].field, q->cond[i].op, g, q->cond[i].value, NULL};
	}
	b->nrows = q->ncond;
	memcpy(b->sorts, q->sort, (size_t)q->nsort * sizeof(q->sort[0]));
	b->nsorts = q->nsort;
	if (b->nrows == 0)
		case_builder_blank_row(b, 0, CQ_F_KEYWORD, CQ_OP_MATCH, 0);
}

/*
 * Reads the builder's form fields: cf<i> field, co<i> operator, cv<i> value,
 * cg<i> group, for rows in index order; sf<i>, sd<i> sort keys. Rows are
 * put in group order and the groups numbered from 0.
 */
int
case_builder_from_form(struct req *r, const struct case_list_view *v, struct builder *b,
                       struct cq_refused *why)
{
	memset(b, 0, sizeof(*b));
	for (int i = 0; i < FORM_ROWS_MAX && b->nrows < CQ_MAX_CONDS; i++) {
		char k[16];
		snprintf(k, sizeof(k), "cf%d", i);
		int f = cq_field_parse(req_query(r, k));
		if (f < 0)
			continue;
		if (!cq_filterable((enum cq_field)f, v->staff)) {
			if (!cq_filterable((enum cq_field)f, true))
				continue;
			*why = (struct cq_refused){.field = f, .quick = -1};
			return CQ_URL_FORBIDDEN;
		}
		snprintf(k, sizeof(k), "co%d", i);
		int op = cq_op_parse(req_query(r, k));
		snprintf(k, sizeof(k), "cv%d", i);
		const char *val = text_trim(r->a, req_query(r, k));
		snprintf(k, sizeof(k), "cg%d", i);
		int64_t g = 0;
		const char *gs = req_query(r, k);
		if (gs && strcmp(gs, "0") != 0 && (parse_id(gs, &g) != 0 || g > 1000))
			g = 0;
		struct brow row = {
		    .field = (enum cq_field)f,
		    .op = coerce_op((enum cq_field)f, op < 0 ? CQ_OP_IS : (enum cq_op)op, v->staff),
		    .group = (int)g,
		    .value = val};
		/* Stable insertion by group. */
		int at = b->nrows;
		while (at > 0 && b->rows[at - 1].group > row.group)
			at--;
		memmove(&b->rows[at + 1], &b->rows[at], (size_t)(b->nrows - at) * sizeof(row));
		b->rows[at] = row;
		b->nrows++;
	}
	int prev = -1, g = -1;
	for (int i = 0; i < b->nrows; i++) {
		if (b->rows[i].group != prev) {
			prev = b->rows[i].group;
			g++;
		}
		b->rows[i].group = g;
	}
	for (int i = 0; i < 8 && b->nsorts < CQ_MAX_SORT; i++) {
		char k[16];
		snprintf(k, sizeof(k), "sf%d", i);
		int f = cq_field_parse(req_query(r, k));
		if (f < 0)
			continue;
		if (!cq_sortable((enum cq_field)f, v->staff)) {
			if (!cq_sortable((enum cq_field)f, true))
				continue;
			*why = (struct cq_refused){.field = f, .quick = -1};
			return CQ_URL_FORBIDDEN;
		}
		bool dup = false;
		for (int j = 0; j < b->nsorts; j++)
			dup |= b->sorts[j].field == (enum cq_field)f;
		if (dup)
			continue;
		snprintf(k, sizeof(k), "sd%d", i);
		const char *d = req_query(r, k);
		b->sorts[b->nsorts++] = (struct cq_sort){(enum cq_field)f, d && !strcmp(d, "desc")};
	}
	return CQ_URL_OK;
}

/*
 * Checks and normalizes the value of a row (labels of states and
 * categories to their codes, "/" in dates to "-"); sets row->error.
 * Empty rows are left alone (they are skipped).
 */
static void
row_check(struct req *r, const struct case_list_view *v, struct brow *row)
{
	const char *val = row->value;
	if (!*val)
		return;
	if (text_has_control(val, false)) {
		row->error = T(r, "Line breaks and control characters are not allowed.");
		return;
	}
	if (text_chars(val) > VALUE_MAX_CHARS) {
		row->error = T(r, "This is too long.");
		return;
	}
	switch (row->field) {
	case CQ_F_STATE:
		if (!(row->value = state_from_text(r, val))) {
			row->value = val;
			row->error = T(r, "Choose a state from the list.");
			return;
		}
		break;
	case CQ_F_CATEGORY:
		if (!(row->value = category_from_text(val))) {
			row->value = val;
			row->error = T(r, "Choose a category from the list.");
			return;
		}
		break;
	case CQ_F_CREATED:
	case CQ_F_UPDATED: {
		char *d = arena_strdup(r->a, val);
		for (char *c = d; *c; c++)
			if (*c == '/')
				*c = '-';
		row->value = d;
		if (!cq_value_ok(row->field, d) || tz_day_start(r->user->time_zone, d) < 0) {
			row->error = T(r, "Enter a date as YYYY-MM-DD.");
			return;
		}
		break;
	}
	case CQ_F_NUMBER: {
		char *n = arena_strdup(r->a, val);
		for (char *c = n; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
		row->value = n;
		break;
	}
	case CQ_F_KEYWORD:
		if (v->staff && text_chars(val) < CQ_STAFF_KEYWORD_MIN) {
			row->error =
			    T(r, "Enter at least 3 characters to search the cases of every "
			         "customer.");
			return;
		}
		break;
	default:
		break;
	}
	if (!cq_value_ok(row->field, row->value))
		row->error = T(r, "This value cannot be used here.");
}

/* The query of the builder's rows (empty rows skipped); false when a row has an error. */
bool
case_builder_to_query(struct req *r, const struct case_list_view *v, struct builder *b,
                      struct case_query *q)
{
	bool ok = true;
	q->ncond = 0;
	int prev_group = -1;
	for (int i = 0; i < b->nrows; i++) {
		struct brow *row = &b->rows[i];
		row_check(r, v, row);
		if (row->error) {
			ok = false;
			continue;
		}
		if (!*row->value)
			continue;
		q->cond[q->ncond++] = (struct cq_cond){
		    row->field, row->op, q->ncond > 0 && row->group == prev_group, row->value};
		prev_group = row->group;
	}
	memcpy(q->sort, b->sorts, (size_t)b->nsorts * sizeof(b->sorts[0]));
	q->nsort = b->nsorts;
	q->page = 1;
	return ok;
}

/* A row or group number of a button's value: 0 to 999, or -1. */
static int
small_index(const char *s)
{
	int64_t n;
	if (strcmp(s, "0") == 0)
		return 0;
	return parse_id(s, &n) == 0 && n < 1000 ? (int)n : -1;
}

/* Applies a builder button other than 実行: または, AND, ⊖, ソートを追加. */
void
case_builder_act(const struct case_list_view *v, struct builder *b, const char *act)
{
	b->open = true;
	if (strncmp(act, "or:", 3) == 0) {
		int g = small_index(act + 3), last = -1;
		for (int i = 0; i < b->nrows; i++)
			if (b->rows[i].group == g)
				last = i;
		if (last >= 0)
			case_builder_blank_row(b, last + 1, b->rows[last].field, b->rows[last].op,
			                       g);
	} else if (strcmp(act, "and") == 0) {
		int g = b->nrows ? b->rows[b->nrows - 1].group + 1 : 0;
		case_builder_blank_row(b, b->nrows, CQ_F_KEYWORD, CQ_OP_MATCH, g);
	} else if (strncmp(act, "del:", 4) == 0) {
		int i = small_index(act + 4);
		if (i >= 0 && i < b->nrows) {
			memmove(&b->rows[i], &b->rows[i + 1],
			        (size_t)(b->nrows - i - 1) * sizeof(b->rows[0]));
			b->nrows--;
		}
	} else if (strcmp(act, "sort") == 0) {
		if (b->nsorts == 0)
			b->sorts[b->nsorts++] = (struct cq_sort){CQ_F_UPDATED, true};
		for (size_t k = 0; k < CASE_LIST_NCOLUMNS && b->nsorts < CQ_MAX_SORT; k++) {
			enum cq_field f = case_list_columns[k];
			bool used = !cq_sortable(f, v->staff);
			for (int j = 0; j < b->nsorts; j++)
				used |= b->sorts[j].field == f;
			if (!used) {
				b->sorts[b->nsorts++] = (struct cq_sort){f, false};
				break;
			}
		}
	} else if (strncmp(act, "sdel:", 5) == 0) {
		int i = small_index(act + 5);
		if (i >= 0 && i < b->nsorts) {
			memmove(&b->sorts[i], &b->sorts[i + 1],
			        (size_t)(b->nsorts - i - 1) * sizeof(b->sorts[0]));
			b->nsorts--;
		}
	}
}

/* ---- Rendering ---- */

/* The value types the script swaps between, by field. */
static const char *
value_kind(enum cq_field f)
{
	switch (f) {
	case CQ_F_STATE:
		return "state";
	case CQ_F_CATEGORY:
		return "category";
	case CQ_F_CREATED:
	case CQ_F_UPDATED:
		return "date";
	default:
		return "text";
	}
}

static const char *
ops_of(struct req *r, enum cq_field f, bool staff)
{
	struct buf t = {0};
	for (int op = 0; op < CQ_OP__MAX; op++)
		if (cq_op_allowed(f, (enum cq_op)op, staff)) {
			if (t.len)
				buf_putc(&t, ',');
			buf_puts(&t, cq_op_codes[op]);
		}
	const char *s = arena_strdup(r->a, t.p ? t.p : "");
	buf_free(&t);
	return s;
}

static void
option(struct buf *b, const char *value, const char *label, bool selected)
{
	html_lit(b, "<option");
	html_attr(b, "value", value);
	if (selected)
		html_lit(b, " selected");
	html_lit(b, ">");
	html_text(b, label);
	html_lit(b, "</option>");
}

static void
state_options(struct req *r, const char *selected)
{
	for (int s = 0; s < CASE__MAX; s++)
		option(&r->out, case_state_code((enum case_state)s),
		       case_state_label(r, (enum case_state)s),
		       selected && !strcmp(selected, case_state_code((enum case_state)s)));
}

static void
category_options(struct req *r, const char *selected)
{
	for (int i = 0; i < case_categories_count; i++)
		option(&r->out, case_categories[i].code, T(r, case_categories[i].label),
		       selected && !strcmp(selected, case_categories[i].code));
}

/* The value control of a row: a select for states and categories, a date, or text. */
static void
value_control(struct req *r, const char *id, const struct brow *row, const char *err_id)
{
	struct buf *b = &r->out;
	const char *kind = value_kind(row->field);
	/* A label typed without the script stays as typed, with its error. */
	bool known = !*row->value;
	if (row->field == CQ_F_STATE)
		known |= case_state_parse(row->value) >= 0;
	else if (row->field == CQ_F_CATEGORY)
		known |= case_category_find(row->value) != NULL;
	if (strcmp(kind, "state") == 0 && known) {
		html_lit(b, "<select class=\"case-value\"");
		html_attr(b, "id", id);
		html_attr(b, "name", id);
		html_lit(b, ">");
		state_options(r, row->value);
		html_lit(b, "</select>");
		return;
	}
	if (strcmp(kind, "category") == 0 && known) {
		html_lit(b, "<select class=\"case-value\"");
		html_attr(b, "id", id);
		html_attr(b, "name", id);
		html_lit(b, ">");
		category_options(r, row->value);
		html_lit(b, "</select>");
		return;
	}
	html_lit(b, "<input class=\"case-value\"");
	/* A date the browser cannot hold (2026-02-30) would be emptied: text keeps it. */
	html_attr(b, "type", strcmp(kind, "date") == 0 && !row->error ? "date" : "text");
	html_attr(b, "id", id);
	html_attr(b, "name", id);
	html_attr(b, "value", row->value);
	html_lit(b, " maxlength=\"100\"");
	if (row->error) {
		html_lit(b, " aria-invalid=\"true\"");
		html_attr(b, "aria-describedby", err_id);
	}
	html_lit(b, ">");
}

static void
builder_row(struct req *r, const struct case_list_view *v, const struct builder *bl, int i)
{
	struct buf *b = &r->out;
	const struct brow *row = &bl->rows[i];
	const char *cf = arena_printf(r->a, "cf%d", i), *co = arena_printf(r->a, "co%d", i);
	const char *cv = arena_printf(r->a, "cv%d", i), *err = arena_printf(r->a, "cv%d-error", i);
	html_lit(b, "<div class=\"case-cond\"");
	if (row->error)
		html_lit(b, " data-invalid");
	html_lit(b, "><label class=\"case-sr\"");
	html_attr(b, "for", cf);
	html_lit(b, ">");
	html_text(b, T(r, "Field"));
	html_lit(b, "</label><select class=\"case-field\"");
	html_attr(b, "id", cf);
	html_attr(b, "name", cf);
	html_lit(b, ">");
	for (size_t k = 0; k < NFILTER_ORDER; k++) {
		enum cq_field f = filter_order[k];
		if (!cq_filterable(f, v->staff))
			continue;
		html_lit(b, "<option");
		html_attr(b, "value", cq_field_codes[f]);
		html_attr(b, "data-kind", value_kind(f));
		html_attr(b, "data-ops", ops_of(r, f, v->staff));
		if (f == row->field)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, T(r, case_field_labels[f]));
		html_lit(b, "</option>");
	}
	html_lit(b, "</select><label class=\"case-sr\"");
	html_attr(b, "for", co);
	html_lit(b, ">");
	html_text(b, T(r, "Operator"));
	html_lit(b, "</label><select class=\"case-op\"");
	html_attr(b, "id", co);
	html_attr(b, "name", co);
	html_lit(b, ">");
	for (int op = 0; op < CQ_OP__MAX; op++)
		if (cq_op_allowed(row->field, (enum cq_op)op, v->staff))
			option(b, cq_op_codes[op], T(r, case_op_labels[op]),
			       (enum cq_op)op == row->op);
	html_lit(b, "</select><label class=\"case-sr\"");
	html_attr(b, "for", cv);
	html_lit(b, ">");
	html_text(b, T(r, "Value"));
	html_lit(b, "</label>");
	value_control(r, cv, row, err);
	html_lit(b, "<input type=\"hidden\"");
	html_attr(b, "name", arena_printf(r->a, "cg%d", i));
	html_attr(b, "value", arena_printf(r->a, "%d", row->group));
	html_lit(b, "><span class=\"case-cond-buttons\">"
	            "<button type=\"submit\" class=\"btn btn-secondary case-btn\" name=\"act\"");
	html_attr(b, "value", arena_printf(r->a, "del:%d", i));
	html_lit(b, "><span aria-hidden=\"true\">⊖</span><span class=\"case-sr\">");
	html_text(b, T(r, "Remove this condition"));
	html_lit(b, "</span></button>");
	if (bl->nrows < CQ_MAX_CONDS) {
		html_lit(b, "<button type=\"submit\" class=\"btn btn-secondary case-btn\" "
		            "name=\"act\"");
		html_attr(b, "value", arena_printf(r->a, "or:%d", row->group));
		html_lit(b, ">");
		html_text(b, T(r, "or"));
		html_lit(b, "<span class=\"case-sr\"> ");
		html_text(b, T(r, "(add an alternative to this condition)"));
		html_lit(b, "</span></button><button type=\"submit\" class=\"btn btn-secondary "
		            "case-btn\" name=\"act\" value=\"and\">AND<span class=\"case-sr\"> ");
		html_text(b, T(r, "(add a condition that must also be met)"));
		html_lit(b, "</span></button>");
	}
	html_lit(b, "</span>");
	if (row->error) {
		html_lit(b, "<p class=\"field-error\"");
		html_attr(b, "id", err);
		html_lit(b, ">");
		html_text(b, row->error);
		html_lit(b, "</p>");
	}
	html_lit(b, "</div>");
}

static void
sort_rows(struct req *r, const struct case_list_view *v, const struct builder *bl)
{
	struct buf *b = &r->out;
	if (bl->nsorts == 0)
		return;
	html_lit(b, "<fieldset class=\"case-sorts\"><legend>");
	html_text(b, T(r, "Sort by"));
	html_lit(b, "</legend>");
	for (int i = 0; i < bl->nsorts; i++) {
		const char *sf = arena_printf(r->a, "sf%d", i), *sd = arena_printf(r->a, "sd%d", i);
		html_lit(b, "<div class=\"case-cond\"><label class=\"case-sr\"");
		html_attr(b, "for", sf);
		html_lit(b, ">");
		html_textf(b, T(r, "Sort key %d"), i + 1);
		html_lit(b, "</label><select");
		html_attr(b, "id", sf);
		html_attr(b, "name", sf);
		html_lit(b, ">");
		for (size_t k = 0; k < CASE_LIST_NCOLUMNS; k++) {
			enum cq_field f = case_list_columns[k];
			if (cq_sortable(f, v->staff))
				option(b, cq_field_codes[f], T(r, case_field_labels[f]),
				       f == bl->sorts[i].field);
		}
		option(b, cq_field_codes[CQ_F_CREATED], T(r, case_field_labels[CQ_F_CREATED]),
		       bl->sorts[i].field == CQ_F_CREATED);
		html_lit(b, "</select><label class=\"case-sr\"");
		html_attr(b, "for", sd);
		html_lit(b, ">");
		html_textf(b, T(r, "Direction of sort key %d"), i + 1);
		html_lit(b, "</label><select");
		html_attr(b, "id", sd);
		html_attr(b, "name", sd);
		html_lit(b, ">");
		option(b, "asc", T(r, "Ascending ▲"), !bl->sorts[i].desc);
		option(b, "desc", T(r, "Descending ▼"), bl->sorts[i].desc);
		html_lit(b, "</select><button type=\"submit\" class=\"btn btn-secondary case-btn\" "
		            "name=\"act\"");
		html_attr(b, "value", arena_printf(r->a, "sdel:%d", i));
		html_lit(b, "><span aria-hidden=\"true\">⊖</span><span class=\"case-sr\">");
		html_text(b, T(r, "Remove this sort key"));
		html_lit(b, "</span></button></div>");
	}
	html_lit(b, "</fieldset>");
}

/* Templates of the value controls, for static/cases.js. */
static void
templates(struct req *r)
{
	struct buf *b = &r->out;
	html_lit(b, "<template id=\"case-tpl-state\"><select class=\"case-value\">");
	state_options(r, NULL);
	html_lit(b, "</select></template><template id=\"case-tpl-category\">"
	            "<select class=\"case-value\">");
	category_options(r, NULL);
	html_lit(b,
	         "</select></template><template id=\"case-tpl-date\"><input class=\"case-value\" "
	         "type=\"date\"></template><template id=\"case-tpl-text\"><input "
	         "class=\"case-value\" type=\"text\" maxlength=\"100\"></template>"
	         "<template id=\"case-tpl-ops\">");
	for (int op = 0; op < CQ_OP__MAX; op++)
		option(b, cq_op_codes[op], T(r, case_op_labels[op]), false);
	html_lit(b, "</template>");
}

void
case_builder_render(struct req *r, const struct case_list_view *v, const struct list_state *st)
{
	struct buf *b = &r->out;
	const struct builder *bl = &st->bld;
	html_lit(b, "<details class=\"case-panel case-builder\"");
	if (bl->open)
		html_lit(b, " open");
	html_lit(b, "><summary>");
	html_text(b, T(r, "Filter"));
	html_lit(b, "</summary><form method=\"get\" class=\"case-builder-form\"");
	html_attr(b, "action", v->base);
	html_lit(b, ">");
	/* The list behind the builder stays as it is while the rows are edited. */
	form_hidden(r, "f", cq_encode_filter(&st->q, r->a));
	form_hidden(r, "s", cq_encode_sort(&st->q, r->a));
	form_hidden(r, "q", cq_encode_quick(&st->q, r->a));
	/* 実行 first: Enter in a field runs the filter. */
	html_lit(b, "<div class=\"case-builder-actions\"><button type=\"submit\" "
	            "class=\"btn btn-primary\" name=\"act\" value=\"run\">");
	html_text(b, T(r, "Run"));
	html_lit(b, "</button><button type=\"submit\" class=\"btn btn-secondary\" name=\"act\" "
	            "value=\"sort\">");
	html_text(b, T(r, "Add sort"));
	html_lit(b, "</button><a class=\"btn btn-secondary\"");
	html_attr(b, "href", v->base);
	html_lit(b, ">");
	html_text(b, T(r, "Clear all"));
	html_lit(b, "</a></div>");
	if (st->form_error)
		form_alert(r, ALERT_ERROR, st->form_error, false);
	html_lit(b, "<p class=\"case-lead\">");
	html_text(b, T(r, "All of the following conditions must be met"));
	html_lit(b, "</p>");
	for (int i = 0; i < bl->nrows; i++) {
		if (i == 0 || bl->rows[i].group != bl->rows[i - 1].group) {
			if (i > 0)
				html_lit(b,
				         "</fieldset><p class=\"case-and\" aria-hidden=\"true\">AND"
				         "</p>");
			html_lit(b, "<fieldset class=\"case-group\"><legend class=\"case-sr\">");
			html_textf(b, T(r, "Condition %d"), bl->rows[i].group + 1);
			html_lit(b, "</legend>");
		} else {
			html_lit(b, "<p class=\"case-or\">");
			html_text(b, T(r, "or"));
			html_lit(b, "</p>");
		}
		builder_row(r, v, bl, i);
	}
	if (bl->nrows)
		html_lit(b, "</fieldset>");
	sort_rows(r, v, bl);
	html_lit(b, "</form>");
	templates(r);
	html_lit(b, "</details>");
}
