/*
 * The case list's table and what surrounds it (views/case_list.h): the
 * quick filter chips, the active filter as a breadcrumb (すべて >
 * キーワード=テスト), headers that sort (▲/▼), and the pager ("1~20 件目 /
 * N 件"). Every link is the list's URL (views/case_query_url.h) with one
 * thing changed.
 */
#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "http/request.h"
#include "store/cases.h"
#include "views/case_labels.h"
#include "views/case_list.h"
#include "views/case_list_parts.h"
#include "views/service_levels.h"
#include "web/html.h"

#include <string.h>

/* ---- Labels and columns ---- */

const char *const case_field_labels[CQ_F__MAX] = {
    [CQ_F_NUMBER] = N_("Case number"),       [CQ_F_STATE] = N_("State"),
    [CQ_F_CATEGORY] = N_("Category"),        [CQ_F_SUBJECT] = N_("Subject"),
    [CQ_F_CUSTOMER] = N_("Customer number"), [CQ_F_HOLDER] = N_("Contract holder"),
    [CQ_F_SERVICE] = N_("Service name"),     [CQ_F_CONTACT] = N_("Customer contact"),
    [CQ_F_ASSIGNEE] = N_("Assignee"),        [CQ_F_UPDATED] = N_("Updated"),
    [CQ_F_CREATED] = N_("Created"),          [CQ_F_KEYWORD] = N_("Keyword"),
};

const char *const case_op_labels[CQ_OP__MAX] = {
    [CQ_OP_IS] = N_("is"),         [CQ_OP_NOT] = N_("is not"),
    [CQ_OP_HAS] = N_("contains"),  [CQ_OP_STARTS] = N_("starts with"),
    [CQ_OP_BEFORE] = N_("before"), [CQ_OP_AFTER] = N_("after"),
    [CQ_OP_MATCH] = N_("matches"),
};

const char *const case_quick_labels[CQ_NQUICK] = {
    N_("Action needed"), N_("Monthly report"), N_("Assigned to me"),
    N_("Unassigned"),    N_("Past a target"),
};

const enum cq_field case_list_columns[] = {
    CQ_F_NUMBER, CQ_F_STATE,   CQ_F_CATEGORY, CQ_F_SUBJECT,  CQ_F_CUSTOMER,
    CQ_F_HOLDER, CQ_F_SERVICE, CQ_F_CONTACT,  CQ_F_ASSIGNEE, CQ_F_UPDATED,
};
const size_t CASE_LIST_NCOLUMNS = sizeof(case_list_columns) / sizeof(case_list_columns[0]);

/* ---- Parts ---- */

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

static bool
quick_offered(const struct case_list_view *v, int bit)
{
	return (v->quick_offer & (1u << bit)) != 0;
}

void
case_list_quick(struct req *r, const struct case_list_view *v, const struct case_query *q)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"case-quick\" role=\"group\"");
	html_attr(b, "aria-label", T(r, "Quick filters"));
	html_lit(b, ">");
	for (int i = 0; i < CQ_NQUICK; i++) {
		if (!quick_offered(v, i))
			continue;
		/* One quick filter at a time (guide 4.8): a click switches to it, or off. */
		bool on = (q->quick & (1u << i)) != 0;
		struct case_query nq = *q;
		nq.quick = on ? 0 : 1u << i;
		nq.page = 1;
		html_lit(b, "<a class=\"case-chip\"");
		html_attr(b, "href", case_query_url(&nq, v->base, false, r->a));
		html_attr(b, "data-quick", cq_quick_codes[i]);
		if (on)
			html_lit(b, " aria-current=\"true\"");
		html_lit(b, ">");
		if (on)
			html_lit(b, "<span aria-hidden=\"true\">✓ </span>");
		html_text(b, T(r, case_quick_labels[i]));
		html_lit(b, "</a>");
	}
	html_lit(b, "</div>");
}

/* "キーワード=テスト", "状況≠新規", "件名 次を含む VPN". */
static const char *
cond_text(struct req *r, const struct cq_cond *c)
{
	const char *f = T(r, case_field_labels[c->field]);
	const char *val = value_label(r, c->field, c->value);
	switch (c->op) {
	case CQ_OP_IS:
	case CQ_OP_MATCH:
		return arena_printf(r->a, "%s=%s", f, val);
	case CQ_OP_NOT:
		return arena_printf(r->a, "%s≠%s", f, val);
	default:
		return arena_printf(r->a, "%s %s %s", f, T(r, case_op_labels[c->op]), val);
	}
}

/*
 * すべて > each quick filter > each group of conditions; every crumb but the
 * last links to the list filtered up to it.
 */
void
case_list_breadcrumb(struct req *r, const struct case_list_view *v, const struct case_query *q)
{
	struct buf *b = &r->out;
	struct {
		const char *text;
		struct case_query q;
	} crumbs[1 + CQ_NQUICK + CQ_MAX_CONDS];
	int n = 0;
	struct case_query acc;
	case_query_init(&acc);
	memcpy(acc.sort, q->sort, sizeof(q->sort));
	acc.nsort = q->nsort;
	crumbs[n].text = T(r, "All");
	crumbs[n++].q = acc;
	for (int i = 0; i < CQ_NQUICK; i++)
		if (q->quick & (1u << i)) {
			acc.quick |= 1u << i;
			crumbs[n].text = T(r, case_quick_labels[i]);
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
	html_attr(b, "data-sort", cq_field_codes[f]);
	if (on)
		html_attr(b, "aria-sort", cur.desc ? "descending" : "ascending");
	html_lit(b, "><a class=\"case-sort\"");
	html_attr(b, "href", case_query_url(&nq, v->base, false, r->a));
	html_lit(b, ">");
	html_text(b, T(r, case_field_labels[f]));
	if (on) {
		if (cur.desc)
			html_lit(b, " <span aria-hidden=\"true\">▼</span>");
		else
			html_lit(b, " <span aria-hidden=\"true\">▲</span>");
	}
	html_lit(b, "</a></th>");
}

/*
 * A customer's user sees only their own company's cases: its number and
 * name would be the same on every row, and 件名 needs the room.
 */
static bool
column_shown(const struct case_list_view *v, enum cq_field f)
{
	return v->staff || (f != CQ_F_CUSTOMER && f != CQ_F_HOLDER);
}

static void
cell(struct buf *b, const char *s)
{
	html_lit(b, "<td>");
	html_text(b, s);
	html_lit(b, "</td>");
}

void
case_list_table(struct req *r, const struct case_list_view *v, const struct case_query *q,
                const struct case_row *rows, int n)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", T(r, v->title));
	html_lit(b, "><table class=\"table case-table\"><thead><tr>");
	for (size_t k = 0; k < CASE_LIST_NCOLUMNS; k++)
		if (cq_sortable(case_list_columns[k], v->staff) &&
		    column_shown(v, case_list_columns[k]))
			th_sort(r, v, q, case_list_columns[k]);
	if (v->staff)
		sla_queue_th(r);
	html_lit(b, "</tr></thead><tbody>");
	int64_t now = clock_now();
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
		html_lit(b, "<td class=\"case-subject\">");
		html_text(b, c->subject);
		html_lit(b, "</td>");
		if (v->staff) {
			cell(b, c->customer_number);
			cell(b, c->customer_name);
		}
		cell(b, case_service_name(r, c));
		cell(b, c->contact_name);
		if (v->staff)
			cell(b, *c->assignee_name ? c->assignee_name : T(r, "Unassigned"));
		html_lit(b, "<td><time");
		html_attr(b, "data-t", arena_printf(r->a, "%lld", (long long)c->updated_at));
		html_lit(b, ">");
		html_text(b, case_time(r, c->updated_at));
		html_lit(b, "</time></td>");
		if (v->staff)
			sla_queue_cell(r, c, now);
		html_lit(b, "</tr>");
	}
	html_lit(b, "</tbody></table></div>");
}

void
case_list_pager(struct req *r, const struct case_list_view *v, const struct case_query *q,
                int64_t total, bool more, int nrows)
{
	struct buf *b = &r->out;
	int64_t first = total ? (q->page - 1) * CASE_LIST_PER_PAGE + 1 : 0;
	int64_t last = q->page * CASE_LIST_PER_PAGE < total ? q->page * CASE_LIST_PER_PAGE : total;
	if (more) { /* the console counted up to its cap only */
		first = (q->page - 1) * CASE_LIST_PER_PAGE + 1;
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
	if (last < total || (more && nrows == CASE_LIST_PER_PAGE)) {
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

const char *
case_list_refusal(struct req *r, const struct cq_refused *why)
{
	const char *what = why->field >= 0 && why->field < CQ_F__MAX ? case_field_labels[why->field]
	                   : why->quick >= 0 && why->quick < CQ_NQUICK
	                       ? case_quick_labels[why->quick]
	                       : NULL;
	if (!what)
		return T(r, "The request could not be understood.");
	return arena_printf(
	    r->a, T(r, "The filter in the address uses “%s”, which is not available to you."),
	    T(r, what));
}
