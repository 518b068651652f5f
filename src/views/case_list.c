/*
 * The case list (ケース一覧, guide 4.8; SPEC §4), shared by the customer's
 * page (pages/case_list.c) and the console's queue (agent/case_queue.c):
 * this file reads the request, runs the filter and assembles the page —
 * quick filters and breadcrumb, table and pager (views/case_list_table.c),
 * the filter builder (views/case_filter_builder.c), and the named saved
 * filters (フィルターを保存 / フィルターをロード) kept here.
 *
 * The filter lives in the URL (views/case_query_url.h documents the
 * encoding), so links, back and reload show the same list. A URL with a
 * field or quick filter only staff have, in a customer's list, answers
 * 400 with a message; any other malformed filter shows the list without
 * it, with a notice.
 *
 * A customer's queries all take r->user->customer_id (case_query_sql puts
 * it first); nothing on the page counts or hints at other customers' rows.
 */
#include "app.h"
#include "core/arena.h"
#include "core/assets.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/text.h"
#include "core/tz.h"
#include "http/parse.h"
#include "http/request.h"
#include "store/case_query.h"
#include "store/cases.h"
#include "store/db.h"
#include "views/case_labels.h"
#include "views/case_list.h"
#include "views/case_list_parts.h"
#include "views/case_query_url.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

#define NAME_MAX_CHARS 50  /* of a saved filter's name */
#define FILTERS_MAX    100 /* saved filters per user */

const struct case_list_view case_customer_view = {
    .staff = false,
    .base = "/cases",
    .title = N_("Case list"),
    .menu = "cases",
    .quick_offer = CQ_Q_ACTION | CQ_Q_REPORT,
};

/*
 * The console's queue adds what only staff have: the quick filters 自分の担当
 * (assigned to me), 未割り当て and 目標超過 (past a service-level target),
 * conditions on the customer (its number) and on the assignee, the 担当者
 * and サービスレベル columns, and the keyword search over every customer's
 * cases and public comments (no scope token; 3 characters at least, so that
 * it always goes through the trigram index).
 */
const struct case_list_view case_queue_view = {
    .staff = true,
    .base = "/console/cases",
    .title = N_("Case queue"),
    .menu = "queue",
    .quick_offer = CQ_Q_MINE | CQ_Q_UNASSIGNED | CQ_Q_BREACHED,
    .new_href = "/console/cases/new",
    .new_label = N_("Raise a case for a customer"),
};

/* ---- Small helpers ---- */

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
	sc->now = clock_now();
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
			    case_query_parse(&fq, &p, v->staff, r->a, NULL) != CQ_URL_OK)
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
	if (!case_query_runnable(&st->q, &sc, r->a)) {
		st->bad_url = true;
		st->q.ncond = 0;
		st->q.nsort = 0;
		st->q.quick &= v->quick_offer;
		case_builder_from_query(&st->bld, &st->q);
	}
	struct cq_page pg;
	if (case_query_fetch(db, &st->q, &sc, CASE_LIST_PER_PAGE, r->a, &pg) != 0)
		return 500;
	st->q.page = pg.page;
	const struct case_row *rows = pg.rows;
	int n = pg.nrows;
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
	case_list_quick(r, v, &st->q);
	html_lit(b, "<div class=\"case-filter-bar\">");
	case_builder_render(r, v, st);
	saved_filters(r, v, st, sf, nsf);
	html_lit(b, "</div>");
	case_list_breadcrumb(r, v, &st->q);
	html_lit(b, "</section>");
	if (n == 0) {
		html_lit(b, "<p class=\"case-empty\">");
		html_text(b, st->q.ncond || st->q.quick ? T(r, "No case matches this filter.")
		                                        : T(r, "There are no cases yet."));
		html_lit(b, "</p>");
	}
	case_list_table(r, v, &st->q, rows, n);
	case_list_pager(r, v, &st->q, pg.total, pg.more, n);
	html_lit(b, "<script defer");
	html_attr(b, "src", asset_url("static/cases.js"));
	html_lit(b, "></script>");
	layout_end(r);
	return status;
}

/*
 * The answer to a filter the user's side may not ask for (a customer's URL
 * with a field or quick filter only staff have): 400, with what was refused
 * and a way back to the whole list, rather than the list without it.
 */
static int
refused(struct req *r, const struct case_list_view *v, const struct cq_refused *why)
{
	struct page p = {.title = T(r, v->title), .menu = v->menu};
	r->out.len = 0;
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	form_alert(r, ALERT_ERROR, case_list_refusal(r, why), true);
	html_lit(b, "<p><a class=\"btn btn-secondary\"");
	html_attr(b, "href", v->base);
	html_lit(b, ">");
	html_text(b, T(r, "Clear all"));
	html_lit(b, "</a></p>");
	layout_end(r);
	return 400;
}

static const char *
flash_of(struct req *r)
{
	static const char *const notices[] = {"saved", "deleted", NULL};
	static const struct field_decl notice_decl[] = {
	    {.name = "m", .kind = FIELD_CHOICE, .choices = notices}};
	struct field_value m;
	fields_read(r, FROM_QUERY, notice_decl, 1, NULL, &m);
	if (m.choice == 0)
		return T(r, "The filter has been saved.");
	if (m.choice == 1)
		return T(r, "The filter has been deleted.");
	return NULL;
}

int
case_list_serve(struct req *r, const struct case_list_view *v)
{
	struct list_state st = {0};
	struct cq_refused why;
	int rc = case_query_parse(&st.q, &r->query, v->staff, r->a, &why);
	if (rc == CQ_URL_FORBIDDEN)
		return refused(r, v, &why);
	st.bad_url = rc != CQ_URL_OK;
	st.q.quick &= v->quick_offer;
	st.flash = flash_of(r);
	const char *act = req_query(r, "act");
	if (!act) {
		case_builder_from_query(&st.bld, &st.q);
		return render(r, v, &st, 200);
	}
	if (case_builder_from_form(r, v, &st.bld, &why) != CQ_URL_OK)
		return refused(r, v, &why);
	if (strcmp(act, "run") != 0) {
		case_builder_act(v, &st.bld, act);
		if (st.bld.nrows == 0)
			case_builder_blank_row(&st.bld, 0, CQ_F_KEYWORD, CQ_OP_MATCH, 0);
		return render(r, v, &st, 200);
	}
	struct case_query nq = st.q;
	if (!case_builder_to_query(r, v, &st.bld, &nq)) {
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
	    case_query_parse(&st.q, &p, v->staff, r->a, NULL) != CQ_URL_OK)
		return 400;
	st.q.quick &= v->quick_offer;
	st.q.page = 1;
	const char *name = text_trim(r->a, req_form(r, "filter_name"));
	if (!*name)
		st.save_error = T(r, "Enter a name for the filter.");
	else if (text_chars(name) > NAME_MAX_CHARS)
		st.save_error = T(r, "Use 50 characters at most for the name.");
	else if (text_has_control(name, false))
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
		case_builder_from_query(&st.bld, &st.q);
		return render(r, v, &st, 422);
	}
	if (filters_save(db, r->user->id, name, case_query_string(&st.q, r->a)) != 0)
		return 500;
	return req_redirect(r, url_plus(r, case_query_url(&st.q, v->base, false, r->a), "m=saved"));
}

/*
 * POST /case-filters/:id/delete: only the user's own filter. Another
 * user's id, or one that does not exist, answers 404 and changes nothing.
 */
int
case_list_filter_delete(struct req *r, const struct case_list_view *v)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return 404;
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct saved_filter *sf;
	int nsf = filters_of_user(db, r->user->id, r->a, &sf);
	if (nsf < 0)
		return 500;
	bool mine = false;
	for (int i = 0; i < nsf; i++)
		mine |= sf[i].id == id;
	if (!mine)
		return 404;
	if (filters_delete(db, r->user->id, id) != 0)
		return 500;
	return req_redirect(r, url_plus(r, v->base, "m=deleted"));
}
