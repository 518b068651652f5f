/*
 * The case list (ケース一覧, guide 4.8; SPEC §4), shared by the customer's
 * page (pages/case_list.c) and the console's queue (agent/case_queue.c): the quick filters
 * (アクションが必要, 月次レポート), the filter builder (conditions joined by
 * AND, with または groups; ソートを追加; すべてを消去; 実行), named saved
 * filters (フィルターを保存 / フィルターをロード), the active filter as a
 * breadcrumb (すべて > キーワード=テスト), headers that sort (▲/▼) and 20
 * rows a page ("1~20 件目 / N 件").
 *
 * The filter lives in the URL (store/case_query.h documents the encoding),
 * so links, back and reload show the same list. The builder is a plain GET
 * form: 実行 turns its rows into that URL (303), and its または / AND / ⊖
 * buttons come back to the page with a row more or less, so all of it works
 * without JavaScript; static/cases.js only swaps the value and operator
 * controls when the field changes.
 *
 * A customer's queries all take r->user->customer_id (case_query_sql puts
 * it first); nothing on the page counts or hints at other customers' rows.
 */
#include "app.h"
#include "core/arena.h"
#include "core/assets.h"
#include "core/tz.h"
#include "http/request.h"
#include "views/case_labels.h"
#include "views/case_list.h"
#include "store/case_query.h"
#include "store/cases.h"
#include "store/db.h"
#include "web/form.h"
#include "web/html.h"
#include "web/input.h"
#include "web/layout.h"

#include <stdio.h>
#include <string.h>

#define PER_PAGE        20
#define NAME_MAX_CHARS  50  /* of a saved filter's name */
#define VALUE_MAX_CHARS 100 /* of a condition's value, as typed */
#define FILTERS_MAX     100 /* saved filters per user */
#define FORM_ROWS_MAX   64  /* row indexes read from the builder form */

/* ---- Labels ---- */

static const char *const field_labels[CQ_F__MAX] = {
    [CQ_F_NUMBER] = N_("Case number"),       [CQ_F_STATE] = N_("State"),
    [CQ_F_CATEGORY] = N_("Category"),        [CQ_F_SUBJECT] = N_("Subject"),
    [CQ_F_CUSTOMER] = N_("Customer number"), [CQ_F_HOLDER] = N_("Contract holder"),
    [CQ_F_SERVICE] = N_("Service name"),     [CQ_F_CONTACT] = N_("Customer contact"),
    [CQ_F_ASSIGNEE] = N_("Assignee"),        [CQ_F_UPDATED] = N_("Updated"),
    [CQ_F_CREATED] = N_("Created"),          [CQ_F_KEYWORD] = N_("Keyword"),
};

static const char *const op_labels[CQ_OP__MAX] = {
    [CQ_OP_IS] = N_("is"),         [CQ_OP_NOT] = N_("is not"),
    [CQ_OP_HAS] = N_("contains"),  [CQ_OP_STARTS] = N_("starts with"),
    [CQ_OP_BEFORE] = N_("before"), [CQ_OP_AFTER] = N_("after"),
    [CQ_OP_MATCH] = N_("matches"),
};

static const char *const quick_labels[4] = {
    N_("Action needed"),
    N_("Monthly report"),
    N_("Assigned to me"),
    N_("Unassigned"),
};

/* The builder offers the fields in this order. */
static const enum cq_field filter_order[] = {
    CQ_F_KEYWORD, CQ_F_NUMBER,  CQ_F_STATE,    CQ_F_CATEGORY, CQ_F_SUBJECT, CQ_F_CUSTOMER,
    CQ_F_SERVICE, CQ_F_CONTACT, CQ_F_ASSIGNEE, CQ_F_CREATED,  CQ_F_UPDATED,
};
#define NFILTER_ORDER (sizeof(filter_order) / sizeof(filter_order[0]))

/* The columns of the table, left to right. */
static const enum cq_field columns[] = {
    CQ_F_NUMBER, CQ_F_STATE,   CQ_F_CATEGORY, CQ_F_SUBJECT,  CQ_F_CUSTOMER,
    CQ_F_HOLDER, CQ_F_SERVICE, CQ_F_CONTACT,  CQ_F_ASSIGNEE, CQ_F_UPDATED,
};
#define NCOLUMNS (sizeof(columns) / sizeof(columns[0]))

const struct case_list_view case_customer_view = {
    .staff = false,
    .base = "/cases",
    .title = N_("Case list"),
    .menu = "cases",
    .quick_offer = CQ_Q_ACTION | CQ_Q_REPORT,
};

/*
 * The console's queue adds what only staff have: the quick filters 自分の担当
 * (assigned to me) and 未割り当て, conditions on the customer (its number)
 * and on the assignee, the 担当者 column, and the keyword search over every
 * customer's cases and public comments (no scope token; 3 characters at
 * least, so that it always goes through the trigram index).
 */
const struct case_list_view case_queue_view = {
    .staff = true,
    .base = "/console/cases",
    .title = N_("Case queue"),
    .menu = "queue",
    .quick_offer = CQ_Q_MINE | CQ_Q_UNASSIGNED,
    .new_href = "/console/cases/new",
    .new_label = N_("Raise a case for a customer"),
};

/* ---- Small helpers ---- */

/* s without surrounding spaces (ASCII and the ideographic space), in the arena. */
static const char *
trimmed(struct req *r, const char *s)
{
	if (!s)
		return "";
	for (;;) {
		if (*s == ' ')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			break;
	}
	size_t n = strlen(s);
	for (;;) {
		if (n && s[n - 1] == ' ')
			n--;
		else if (n >= 3 && memcmp(s + n - 3, "\xe3\x80\x80", 3) == 0)
			n -= 3;
		else
			break;
	}
	return arena_strndup(r->a, s, n);
}

/* "/cases?…" plus one more argument. */
static const char *
url_plus(struct req *r, const char *url, const char *arg)
{
	return arena_printf(r->a, "%s%c%s", url, strchr(url, '?') ? '&' : '?', arg);
}

static int64_t
day_start_of_viewer(const char *date, void *ctx)
{
	struct req *r = ctx;
	return tz_day_start(r->user->time_zone, date);
}

/* The label of a condition's value: states and categories by name. */
static const char *
value_label(struct req *r, enum cq_field f, const char *v)
{
	if (f == CQ_F_STATE) {
		int s = case_state_parse(v);
		return s < 0 ? v : case_state_label(r, (enum case_state)s);
	}
	if (f == CQ_F_CATEGORY)
		return case_category_label(r, v);
	return v;
}

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

/* ",code,code,…," of the categories in their display order. */
static const char *
category_order(struct req *r)
{
	struct buf b = {0};
	buf_putc(&b, ',');
	for (int i = 0; i < case_categories_count; i++) {
		buf_puts(&b, case_categories[i].code);
		buf_putc(&b, ',');
	}
	const char *s = arena_strdup(r->a, b.p);
	buf_free(&b);
	return s;
}

/* ---- The builder's rows ---- */

struct brow {
	enum cq_field field;
	enum cq_op op;
	int group;
	const char *value; /* as typed (or stored) */
	const char *error; /* translated, or NULL */
};

struct builder {
	struct brow rows[CQ_MAX_CONDS];
	int nrows;
	struct cq_sort sorts[CQ_MAX_SORT];
	int nsorts;
	bool open;
};

/* What one rendering of the list needs besides the request. */
struct list_state {
	struct case_query q;
	bool bad_url;
	struct builder bld;
	const char *flash;                  /* translated success message, or NULL */
	const char *save_name, *save_error; /* the save form typed and refused */
	const char *form_error;             /* atop the builder */
};

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

static void
builder_blank_row(struct builder *b, int at, enum cq_field f, enum cq_op op, int group)
{
	if (b->nrows >= CQ_MAX_CONDS || at < 0 || at > b->nrows)
		return;
	memmove(&b->rows[at + 1], &b->rows[at], (size_t)(b->nrows - at) * sizeof(b->rows[0]));
	b->rows[at] = (struct brow){.field = f, .op = op, .group = group, .value = ""};
	b->nrows++;
}

static void
builder_from_query(struct builder *b, const struct case_query *q)
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
		builder_blank_row(b, 0, CQ_F_KEYWORD, CQ_OP_MATCH, 0);
}

/*
 * Reads the builder's form fields: cf<i> field, co<i> operator, cv<i> value,
 * cg<i> group, for rows in index order; sf<i>, sd<i> sort keys. Rows are
 * put in group order and the groups numbered from 0.
 */
static void
builder_from_form(struct req *r, const struct case_list_view *v, struct builder *b)
{
	memset(b, 0, sizeof(*b));
	for (int i = 0; i < FORM_ROWS_MAX && b->nrows < CQ_MAX_CONDS; i++) {
		char k[16];
		snprintf(k, sizeof(k), "cf%d", i);
		int f = cq_field_parse(req_query(r, k));
		if (f < 0 || !cq_filterable((enum cq_field)f, v->staff))
			continue;
		snprintf(k, sizeof(k), "co%d", i);
		int op = cq_op_parse(req_query(r, k));
		snprintf(k, sizeof(k), "cv%d", i);
		const char *val = trimmed(r, req_query(r, k));
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
		if (f < 0 || !cq_sortable((enum cq_field)f, v->staff))
			continue;
		bool dup = false;
		for (int j = 0; j < b->nsorts; j++)
			dup |= b->sorts[j].field == (enum cq_field)f;
		if (dup)
			continue;
		snprintf(k, sizeof(k), "sd%d", i);
		const char *d = req_query(r, k);
		b->sorts[b->nsorts++] = (struct cq_sort){(enum cq_field)f, d && !strcmp(d, "desc")};
	}
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
	if (input_has_control(val, false)) {
		row->error = T(r, "Line breaks and control characters are not allowed.");
		return;
	}
	if (cq_utf8_chars(val) > VALUE_MAX_CHARS) {
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
		if (v->staff && cq_utf8_chars(val) < CQ_STAFF_KEYWORD_MIN) {
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
static bool
builder_to_query(struct req *r, const struct case_list_view *v, struct builder *b,
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
static void
builder_act(const struct case_list_view *v, struct builder *b, const char *act)
{
	b->open = true;
	if (strncmp(act, "or:", 3) == 0) {
		int g = small_index(act + 3), last = -1;
		for (int i = 0; i < b->nrows; i++)
			if (b->rows[i].group == g)
				last = i;
		if (last >= 0)
			builder_blank_row(b, last + 1, b->rows[last].field, b->rows[last].op, g);
	} else if (strcmp(act, "and") == 0) {
		int g = b->nrows ? b->rows[b->nrows - 1].group + 1 : 0;
		builder_blank_row(b, b->nrows, CQ_F_KEYWORD, CQ_OP_MATCH, g);
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
		for (size_t k = 0; k < NCOLUMNS && b->nsorts < CQ_MAX_SORT; k++) {
			enum cq_field f = columns[k];
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

/* ---- Running the query ---- */

static struct dbq *
prepare_bound(struct db *db, const struct cq_sql *s)
{
	struct dbq *q = db_prepare(db, s->sql);
	if (!q)
		return NULL;
	for (int i = 0; i < s->nbinds; i++) {
		if (s->binds[i].type == CQ_BIND_INT)
			q_bind_int(q, i + 1, s->binds[i].i);
		else
			q_bind_text(q, i + 1, s->binds[i].s);
	}
	return q;
}

static void
scope_of(struct req *r, const struct case_list_view *v, struct cq_scope *sc, char token[10])
{
	memset(sc, 0, sizeof(*sc));
	sc->staff = v->staff;
	sc->user_id = r->user->id;
	if (!v->staff) {
		sc->customer_id = r->user->customer_id;
		case_scope_token(r->user->customer_id, token);
		sc->fts_scope = token;
	}
	sc->lang_en = r->lang == LANG_EN;
	sc->category_order = category_order(r);
	sc->day_start = day_start_of_viewer;
	sc->ctx = r;
}

/* The number of matching rows (staff: at most CQ_STAFF_COUNT_CAP + 1); -1 on error. */
static int64_t
run_count(struct req *r, struct db *db, const struct case_query *q, const struct cq_scope *sc)
{
	struct cq_sql s;
	if (case_query_sql(q, sc, CQ_SQL_COUNT, 0, 0, r->a, &s) != 0)
		return -1;
	struct dbq *st = prepare_bound(db, &s);
	if (!st)
		return -1;
	int64_t n = q_step(st) == DB_ROW ? q_int(st, 0) : -1;
	q_finalize(st);
	return n;
}

/*
 * The rows of one page into rows (PER_PAGE at most); with a keyword
 * (cq_reads_all_matches) also the number of all matches into *total, from
 * the same statement, or -1 when the page is empty. Returns the row count.
 */
static int
run_page(struct req *r, struct db *db, const struct case_query *q, const struct cq_scope *sc,
         int64_t offset, struct case_row *rows, int64_t *total)
{
	bool counted = cq_reads_all_matches(q);
	struct cq_sql s;
	if (case_query_sql(q, sc, counted ? CQ_SQL_PAGE_COUNTED : CQ_SQL_PAGE, PER_PAGE, offset,
	                   r->a, &s) != 0)
		return -1;
	struct dbq *st = prepare_bound(db, &s);
	if (!st)
		return -1;
	*total = -1;
	int n = 0, rc;
	while (n < PER_PAGE && (rc = q_step(st)) == DB_ROW) {
		struct case_row *c = &rows[n++];
		memset(c, 0, sizeof(*c));
		c->id = q_int(st, 0);
		c->number = q_text(st, 1, r->a);
		int state = case_state_parse(q_text(st, 2, r->a));
		c->state = state < 0 ? CASE_NEW : (enum case_state)state;
		c->category = q_text(st, 3, r->a);
		c->subject = q_text(st, 4, r->a);
		c->customer_number = q_text(st, 5, r->a);
		c->customer_name = q_text(st, 6, r->a);
		c->service_ja = q_text(st, 7, r->a);
		c->service_en = q_text(st, 8, r->a);
		c->contact_name = q_text(st, 9, r->a);
		c->assignee_name = q_text(st, 10, r->a);
		c->created_at = q_int(st, 11);
		c->updated_at = q_int(st, 12);
		if (counted)
			*total = q_int(st, 13);
	}
	if (n < PER_PAGE && rc == DB_ERROR)
		n = -1;
	q_finalize(st);
	return n;
}

/*
 * The page of st->q and the number of all matches (staff: capped, *more
 * set past CQ_STAFF_COUNT_CAP). A keyword's page counts in the same pass,
 * so that the text is searched once; otherwise the count (an index range)
 * comes first. A page past the end shows the last one. 0 or -1.
 */
static int
fetch(struct req *r, const struct case_list_view *v, struct list_state *st, struct db *db,
      const struct cq_scope *sc, struct case_row *rows, int *n, int64_t *total, bool *more)
{
	*more = false;
	if (cq_reads_all_matches(&st->q)) {
		*n = run_page(r, db, &st->q, sc, (st->q.page - 1) * PER_PAGE, rows, total);
		if (*n < 0)
			return -1;
		if (*n > 0 || st->q.page == 1) {
			if (*total < 0)
				*total = 0;
			return 0;
		}
	}
	*total = run_count(r, db, &st->q, sc);
	if (*total < 0)
		return -1;
	*more = v->staff && *total > CQ_STAFF_COUNT_CAP;
	if (*more)
		*total = CQ_STAFF_COUNT_CAP;
	int64_t pages = *total ? (*total + PER_PAGE - 1) / PER_PAGE : 1;
	if (st->q.page > pages && !*more)
		st->q.page = pages;
	int64_t ignored;
	*n = run_page(r, db, &st->q, sc, (st->q.page - 1) * PER_PAGE, rows, &ignored);
	if (*n < 0)
		return -1;
	if (*more && *n < PER_PAGE) { /* past the counted rows */
		*total = (st->q.page - 1) * PER_PAGE + *n;
		*more = false;
	}
	return 0;
}

/* ---- Rendering ---- */

static bool
quick_offered(const struct case_list_view *v, int bit)
{
	return (v->quick_offer & (1u << bit)) != 0;
}

static void
quick_filters(struct req *r, const struct case_list_view *v, const struct case_query *q)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"case-quick\" role=\"group\"");
	html_attr(b, "aria-label", T(r, "Quick filters"));
	html_lit(b, ">");
	for (int i = 0; i < 4; i++) {
		if (!quick_offered(v, i))
			continue;
		struct case_query nq = *q;
		nq.quick ^= 1u << i;
		nq.page = 1;
		bool on = (q->quick & (1u << i)) != 0;
		html_lit(b, "<a class=\"case-chip\"");
		html_attr(b, "href", case_query_url(&nq, v->base, false, r->a));
		html_attr(b, "data-quick", cq_quick_codes[i]);
		if (on)
			html_lit(b, " aria-current=\"true\"");
		html_lit(b, ">");
		if (on)
			html_lit(b, "<span aria-hidden=\"true\">✓ </span>");
		html_text(b, T(r, quick_labels[i]));
		html_lit(b, "</a>");
	}
	html_lit(b, "</div>");
}

/* "キーワード=テスト", "状況≠新規", "件名 次を含む VPN". */
static const char *
cond_text(struct req *r, const struct cq_cond *c)
{
	const char *f = T(r, field_labels[c->field]);
	const char *val = value_label(r, c->field, c->value);
	switch (c->op) {
	case CQ_OP_IS:
	case CQ_OP_MATCH:
		return arena_printf(r->a, "%s=%s", f, val);
	case CQ_OP_NOT:
		return arena_printf(r->a, "%s≠%s", f, val);
	default:
		return arena_printf(r->a, "%s %s %s", f, T(r, op_labels[c->op]), val);
	}
}

/*
 * すべて > each quick filter > each group of conditions; every crumb but the
 * last links to the list filtered up to it.
 */
static void
breadcrumb(struct req *r, const struct case_list_view *v, const struct case_query *q)
{
	struct buf *b = &r->out;
	struct {
		const char *text;
		struct case_query q;
	} crumbs[1 + 4 + CQ_MAX_CONDS];
	int n = 0;
	struct case_query acc;
	case_query_init(&acc);
	memcpy(acc.sort, q->sort, sizeof(q->sort));
	acc.nsort = q->nsort;
	crumbs[n].text = T(r, "All");
	crumbs[n++].q = acc;
	for (int i = 0; i < 4; i++)
		if (q->quick & (1u << i)) {
			acc.quick |= 1u << i;
			crumbs[n].text = T(r, quick_labels[i]);
			crumbs[n++].q = acc;
		}
	for (int i = 0; i < q->ncond;) {
		struct buf t = {0};
		int j = i;
		do {
			if (j > i) {
				buf_puts(&t, " ");
				buf_puts(&t, T(r, "or"));
				buf_puts(&t, " ");
			}
			buf_puts(&t, cond_text(r, &q->cond[j]));
			acc.cond[acc.ncond++] = q->cond[j];
			j++;
		} while (j < q->ncond && q->cond[j].or_prev);
		crumbs[n].text = arena_strdup(r->a, t.p);
		buf_free(&t);
		crumbs[n++].q = acc;
		i = j;
	}
	html_lit(b, "<nav class=\"case-crumbs\"");
	html_attr(b, "aria-label", T(r, "Active filter"));
	html_lit(b, "><ol>");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<li>");
		if (i + 1 < n) {
			html_lit(b, "<a");
			html_attr(b, "href", case_query_url(&crumbs[i].q, v->base, false, r->a));
			html_lit(b, ">");
			html_text(b, crumbs[i].text);
			html_lit(b, "</a>");
		} else {
			html_lit(b, "<span aria-current=\"true\">");
			html_text(b, crumbs[i].text);
			html_lit(b, "</span>");
		}
		html_lit(b, "</li>");
	}
	html_lit(b, "</ol></nav>");
}

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
		html_attr(b, "value", cq_fields[f].code);
		html_attr(b, "data-kind", value_kind(f));
		html_attr(b, "data-ops", ops_of(r, f, v->staff));
		if (f == row->field)
			html_lit(b, " selected");
		html_lit(b, ">");
		html_text(b, T(r, field_labels[f]));
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
			option(b, cq_op_codes[op], T(r, op_labels[op]), (enum cq_op)op == row->op);
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
		for (size_t k = 0; k < NCOLUMNS; k++) {
			enum cq_field f = columns[k];
			if (cq_sortable(f, v->staff))
				option(b, cq_fields[f].code, T(r, field_labels[f]),
				       f == bl->sorts[i].field);
		}
		option(b, cq_fields[CQ_F_CREATED].code, T(r, field_labels[CQ_F_CREATED]),
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
		option(b, cq_op_codes[op], T(r, op_labels[op]), false);
	html_lit(b, "</template>");
}

static void
builder(struct req *r, const struct case_list_view *v, const struct list_state *st)
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

static void
saved_filters(struct req *r, const struct case_list_view *v, const struct list_state *st,
              const struct saved_filter *sf, int nsf)
{
	struct buf *b = &r->out;
	html_lit(b, "<details class=\"case-panel case-load\"><summary>");
	html_text(b, T(r, "Load a filter"));
	html_lit(b, "</summary>");
	if (nsf == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "You have no saved filters."));
		html_lit(b, "</p>");
	} else {
		html_lit(b, "<ul class=\"case-saved\">");
		for (int i = 0; i < nsf; i++) {
			struct params p;
			struct case_query fq;
			if (parse_urlencoded(r->a, sf[i].query, strlen(sf[i].query), &p) != 0 ||
			    case_query_parse(&fq, &p, v->staff, r->a) != 0)
				continue; /* written by another version: not offered */
			html_lit(b, "<li><a");
			html_attr(b, "href", case_query_url(&fq, v->base, false, r->a));
			html_lit(b, ">");
			html_text(b, sf[i].name);
			html_lit(b, "</a><form method=\"post\" class=\"case-inline\"");
			html_attr(
			    b, "action",
			    arena_printf(r->a, "/case-filters/%lld/delete", (long long)sf[i].id));
			html_lit(b, ">");
			form_csrf(r);
			html_lit(b, "<button type=\"submit\" class=\"btn-link\">");
			html_text(b, T(r, "Delete"));
			html_lit(b, "<span class=\"case-sr\"> ");
			html_text(b, sf[i].name);
			html_lit(b, "</span></button></form></li>");
		}
		html_lit(b, "</ul>");
	}
	html_lit(b, "</details><details class=\"case-panel case-save\"");
	if (st->save_error)
		html_lit(b, " open");
	html_lit(b, "><summary>");
	html_text(b, T(r, "Save the filter"));
	html_lit(b, "</summary><form method=\"post\" action=\"/case-filters\" class=\"form\">");
	form_csrf(r);
	form_hidden(r, "query", case_query_string(&st->q, r->a));
	struct field f = {.name = "filter_name",
	                  .label = T(r, "Name of the filter"),
	                  .value = st->save_name,
	                  .error = st->save_error,
	                  .maxlength = NAME_MAX_CHARS,
	                  .required = true,
	                  .autocomplete = "off"};
	form_field(r, &f);
	html_lit(b, "<div class=\"actions\"><button type=\"submit\" class=\"btn btn-primary\">");
	html_text(b, T(r, "Save"));
	html_lit(b, "</button></div></form></details>");
}

static void
th_sort(struct req *r, const struct case_list_view *v, const struct case_query *q, enum cq_field f)
{
	struct buf *b = &r->out;
	struct cq_sort cur = q->nsort ? q->sort[0] : (struct cq_sort){CQ_F_UPDATED, true};
	bool on = cur.field == f;
	struct case_query nq = *q;
	nq.page = 1;
	nq.nsort = 1;
	nq.sort[0] = (struct cq_sort){f, on ? !cur.desc : false};
	html_lit(b, "<th scope=\"col\"");
	html_attr(b, "data-sort", cq_fields[f].code);
	if (on)
		html_attr(b, "aria-sort", cur.desc ? "descending" : "ascending");
	html_lit(b, "><a class=\"case-sort\"");
	html_attr(b, "href", case_query_url(&nq, v->base, false, r->a));
	html_lit(b, ">");
	html_text(b, T(r, field_labels[f]));
	if (on) {
		if (cur.desc)
			html_lit(b, " <span aria-hidden=\"true\">▼</span>");
		else
			html_lit(b, " <span aria-hidden=\"true\">▲</span>");
	}
	html_lit(b, "</a></th>");
}

static void
cell(struct buf *b, const char *s)
{
	html_lit(b, "<td>");
	html_text(b, s);
	html_lit(b, "</td>");
}

static void
table(struct req *r, const struct case_list_view *v, const struct case_query *q,
      const struct case_row *rows, int n)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", T(r, v->title));
	html_lit(b, "><table class=\"table case-table\"><thead><tr>");
	for (size_t k = 0; k < NCOLUMNS; k++)
		if (cq_sortable(columns[k], v->staff))
			th_sort(r, v, q, columns[k]);
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		const struct case_row *c = &rows[i];
		html_lit(b, "<tr><td><a");
		html_attr(b, "href", arena_printf(r->a, "%s/%s", v->base, c->number));
		html_lit(b, ">");
		html_text(b, c->number);
		html_lit(b, "</a></td><td");
		html_attr(b, "data-state", case_state_code(c->state));
		html_lit(b, ">");
		html_text(b, case_state_label(r, c->state));
		html_lit(b, "</td><td");
		html_attr(b, "data-category", c->category);
		html_lit(b, ">");
		html_text(b, case_category_label(r, c->category));
		html_lit(b, "</td>");
		cell(b, c->subject);
		cell(b, c->customer_number);
		cell(b, c->customer_name);
		cell(b, case_service_name(r, c));
		cell(b, c->contact_name);
		if (v->staff)
			cell(b, *c->assignee_name ? c->assignee_name : T(r, "Unassigned"));
		html_lit(b, "<td><time");
		html_attr(b, "data-t", arena_printf(r->a, "%lld", (long long)c->updated_at));
		html_lit(b, ">");
		html_text(b, case_time(r, c->updated_at));
		html_lit(b, "</time></td></tr>");
	}
	html_lit(b, "</tbody></table></div>");
}

static void
pager(struct req *r, const struct case_list_view *v, const struct case_query *q, int64_t total,
      bool more, int nrows)
{
	struct buf *b = &r->out;
	int64_t first = total ? (q->page - 1) * PER_PAGE + 1 : 0;
	int64_t last = q->page * PER_PAGE < total ? q->page * PER_PAGE : total;
	if (more) { /* the console counted up to its cap only */
		first = (q->page - 1) * PER_PAGE + 1;
		last = first + nrows - 1;
	}
	html_lit(b, "<nav class=\"pager case-pager\"");
	html_attr(b, "aria-label", T(r, "Pages"));
	html_lit(b, ">");
	if (q->page > 1) {
		struct case_query pq = *q;
		pq.page--;
		html_lit(b, "<a rel=\"prev\"");
		html_attr(b, "href", case_query_url(&pq, v->base, true, r->a));
		html_lit(b, "><span aria-hidden=\"true\">&lt; </span>");
		html_text(b, T(r, "Previous"));
		html_lit(b, "</a>");
	}
	html_lit(b, "<span class=\"case-count\">");
	if (more)
		html_textf(b, T(r, "%lld–%lld of more than %lld"), (long long)first,
		           (long long)last, (long long)CQ_STAFF_COUNT_CAP);
	else
		html_textf(b, T(r, "%lld–%lld of %lld"), (long long)first, (long long)last,
		           (long long)total);
	html_lit(b, "</span>");
	/* Past the console's count, a full page may have more behind it. */
	if (last < total || (more && nrows == PER_PAGE)) {
		struct case_query nq = *q;
		nq.page++;
		html_lit(b, "<a rel=\"next\"");
		html_attr(b, "href", case_query_url(&nq, v->base, true, r->a));
		html_lit(b, ">");
		html_text(b, T(r, "Next"));
		html_lit(b, "<span aria-hidden=\"true\"> &gt;</span></a>");
	}
	html_lit(b, "</nav>");
}

/*
 * Counts, fetches and renders the list of st->q. A filter the scope cannot
 * run (a hand-made URL) is dropped with a notice rather than refused.
 */
static int
render(struct req *r, const struct case_list_view *v, struct list_state *st, int status)
{
	struct db *db = db_thread();
	if (!db)
		return 500;
	char token[10];
	struct cq_scope sc;
	scope_of(r, v, &sc, token);
	/* A filter the scope cannot run (a hand-made URL): the list without it. */
	struct cq_sql probe;
	if (case_query_sql(&st->q, &sc, CQ_SQL_COUNT, 0, 0, r->a, &probe) != 0) {
		st->bad_url = true;
		st->q.ncond = 0;
		st->q.nsort = 0;
		st->q.quick &= v->quick_offer;
		builder_from_query(&st->bld, &st->q);
	}
	struct case_row rows[PER_PAGE];
	int n;
	int64_t total;
	bool more;
	if (fetch(r, v, st, db, &sc, rows, &n, &total, &more) != 0)
		return 500;
	struct saved_filter *sf = NULL;
	int nsf = filters_of_user(db, r->user->id, r->a, &sf);
	if (nsf < 0)
		return 500;

	struct page p = {.title = T(r, v->title), .menu = v->menu};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (v->new_href) {
		html_lit(b, "<p class=\"actions\"><a class=\"btn btn-primary\"");
		html_attr(b, "href", v->new_href);
		html_lit(b, ">");
		html_text(b, T(r, v->new_label));
		html_lit(b, "</a></p>");
	}
	if (st->flash)
		form_alert(r, ALERT_SUCCESS, st->flash, true);
	if (st->bad_url)
		form_alert(r, ALERT_ERROR,
		           T(r, "The filter in the address could not be used: the list is shown "
		                "without it."),
		           true);
	if (st->save_error)
		form_alert(r, ALERT_ERROR, T(r, "Please correct the fields marked below."), false);
	html_lit(b, "<section class=\"case-filter\"");
	html_attr(b, "aria-label", T(r, "Filter"));
	html_lit(b, ">");
	quick_filters(r, v, &st->q);
	html_lit(b, "<div class=\"case-filter-bar\">");
	builder(r, v, st);
	saved_filters(r, v, st, sf, nsf);
	html_lit(b, "</div>");
	breadcrumb(r, v, &st->q);
	html_lit(b, "</section>");
	if (n == 0) {
		html_lit(b, "<p class=\"case-empty\">");
		html_text(b, st->q.ncond || st->q.quick ? T(r, "No case matches this filter.")
		                                        : T(r, "There are no cases yet."));
		html_lit(b, "</p>");
	}
	table(r, v, &st->q, rows, n);
	pager(r, v, &st->q, total, more, n);
	html_lit(b, "<script defer");
	html_attr(b, "src", asset_url("static/cases.js"));
	html_lit(b, "></script>");
	layout_end(r);
	return status;
}

static const char *
flash_of(struct req *r)
{
	const char *m = req_query(r, "m");
	if (m && strcmp(m, "saved") == 0)
		return T(r, "The filter has been saved.");
	if (m && strcmp(m, "deleted") == 0)
		return T(r, "The filter has been deleted.");
	return NULL;
}

int
case_list_serve(struct req *r, const struct case_list_view *v)
{
	struct list_state st = {0};
	st.bad_url = case_query_parse(&st.q, &r->query, v->staff, r->a) != 0;
	st.q.quick &= v->quick_offer;
	st.flash = flash_of(r);
	const char *act = req_query(r, "act");
	if (!act) {
		builder_from_query(&st.bld, &st.q);
		return render(r, v, &st, 200);
	}
	builder_from_form(r, v, &st.bld);
	if (strcmp(act, "run") != 0) {
		builder_act(v, &st.bld, act);
		if (st.bld.nrows == 0)
			builder_blank_row(&st.bld, 0, CQ_F_KEYWORD, CQ_OP_MATCH, 0);
		return render(r, v, &st, 200);
	}
	struct case_query nq = st.q;
	if (!builder_to_query(r, v, &st.bld, &nq)) {
		st.bld.open = true;
		st.form_error = T(r, "Please correct the fields marked below.");
		return render(r, v, &st, 422);
	}
	return req_redirect(r, case_query_url(&nq, v->base, false, r->a));
}

/*
 * POST /case-filters: saves the filter of the list (the field "query", in
 * the URL's form) under a name; the same name again replaces it. A missing
 * or too long name shows the list again with the error next to the field.
 */
int
case_list_filter_save(struct req *r, const struct case_list_view *v)
{
	const char *raw = req_form(r, "query");
	struct params p;
	struct list_state st = {0};
	if (!raw || parse_urlencoded(r->a, raw, strlen(raw), &p) != 0 ||
	    case_query_parse(&st.q, &p, v->staff, r->a) != 0)
		return 400;
	st.q.quick &= v->quick_offer;
	st.q.page = 1;
	const char *name = trimmed(r, req_form(r, "filter_name"));
	if (!*name)
		st.save_error = T(r, "Enter a name for the filter.");
	else if (cq_utf8_chars(name) > NAME_MAX_CHARS)
		st.save_error = T(r, "Use 50 characters at most for the name.");
	else if (input_has_control(name, false))
		st.save_error = T(r, "Line breaks and control characters are not allowed.");
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct saved_filter *sf;
	int nsf = filters_of_user(db, r->user->id, r->a, &sf);
	if (nsf < 0)
		return 500;
	bool replaces = false;
	for (int i = 0; i < nsf; i++)
		replaces |= strcmp(sf[i].name, name) == 0;
	if (!st.save_error && nsf >= FILTERS_MAX && !replaces)
		st.save_error = T(r, "You can keep 100 filters at most. Delete one first.");
	if (st.save_error) {
		st.save_name = name;
		builder_from_query(&st.bld, &st.q);
		return render(r, v, &st, 422);
	}
	if (filters_save(db, r->user->id, name, case_query_string(&st.q, r->a)) != 0)
		return 500;
	return req_redirect(r, url_plus(r, case_query_url(&st.q, v->base, false, r->a), "m=saved"));
}

/* POST /case-filters/:id/delete: only the user's own filter (another id changes nothing). */
int
case_list_filter_delete(struct req *r, const struct case_list_view *v)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return 404;
	struct db *db = db_thread();
	if (!db)
		return 500;
	if (filters_delete(db, r->user->id, id) != 0)
		return 500;
	return req_redirect(r, url_plus(r, v->base, "m=deleted"));
}
