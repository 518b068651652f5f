/*
 * Points in the console (provider admins): a customer's periods (start, end,
 * contracted points), their ledgers, and corrections. Periods of a customer
 * never overlap, so that "the period covering today" is one period. A
 * correction is a ledger line like a consumption, never an edit of the
 * figure, so that every point stays explained.
 */
#include "app.h"
#include "core/arena.h"
#include "http/parse.h"
#include "http/request.h"
#include "agent/console.h"
#include "views/points_view.h"
#include "store/customers.h"
#include "points/points.h"
#include "store/db.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <string.h>

/* A period form's values as typed, and the errors of its refused change (NULL: none). */
struct period_form {
	const char *start, *end, *points;
	const struct dom *d;
};

/* A refused correction: its errors and what was typed. */
struct correction_form {
	const struct dom *d;
	const char *points, *note;
};

static const char *
err(struct req *r, const struct dom *d, const char *field)
{
	return d ? web_error(r, d, field) : NULL;
}

/* --- the page --- */

static void
customer_picker(struct req *r, const char *number, const char *error)
{
	struct buf *b = &r->out;
	html_lit(
	    b, "<form class=\"card form form-inline\" method=\"get\" action=\"/console/points\">");
	form_field(r, &(struct field){.name = "customer",
	                              .label = T(r, "Customer number"),
	                              .value = number,
	                              .error = error,
	                              .maxlength = 20,
	                              .required = true});
	html_lit(b, "<div class=\"actions\"><button class=\"btn\" type=\"submit\">");
	html_text(b, T(r, "Show"));
	html_lit(b, "</button></div></form>");
}

static void
period_fields(struct req *r, const struct period_form *f, const char *prefix)
{
	form_field(r, &(struct field){.name = arena_printf(r->a, "%sstart", prefix),
	                              .label = T(r, "Start date"),
	                              .type = "date",
	                              .value = f ? f->start : NULL,
	                              .error = f ? err(r, f->d, "start") : NULL,
	                              .required = true});
	form_field(r, &(struct field){.name = arena_printf(r->a, "%send", prefix),
	                              .label = T(r, "End date"),
	                              .type = "date",
	                              .value = f ? f->end : NULL,
	                              .error = f ? err(r, f->d, "end") : NULL,
	                              .required = true});
	form_field(r, &(struct field){.name = arena_printf(r->a, "%spoints", prefix),
	                              .label = T(r, "Contracted work request points"),
	                              .type = "number",
	                              .value = f ? f->points : NULL,
	                              .error = f ? err(r, f->d, "points") : NULL,
	                              .maxlength = 7,
	                              .required = true});
}

static void
selected_period_forms(struct req *r, const struct point_period *p, const struct period_form *edit,
                      const struct correction_form *corr)
{
	struct buf *b = &r->out;
	const char *base = arena_printf(r->a, "/console/points/periods/%lld", (long long)p->id);
	html_lit(b, "<div class=\"review-actions\"><form class=\"card form\" method=\"post\"");
	html_attr(b, "action", base);
	html_lit(b, "><h2>");
	html_text(b, T(r, "Change this period"));
	html_lit(b, "</h2>");
	form_csrf(r);
	struct period_form cur = {.start = p->start_date,
	                          .end = p->end_date,
	                          .points = arena_printf(r->a, "%lld", (long long)p->points)};
	period_fields(r, edit ? edit : &cur, "");
	form_submit(r, T(r, "Save"));
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "%s/corrections", base));
	html_lit(b, "><h2>");
	html_text(b, T(r, "Correct the consumed points"));
	html_lit(b, "</h2>");
	form_csrf(r);
	form_field(r, &(struct field){.name = "points",
	                              .label = T(r, "Points"),
	                              .value = corr ? corr->points : NULL,
	                              .error = err(r, corr ? corr->d : NULL, "points"),
	                              .hint = T(r, "Positive to consume, negative to give back."),
	                              .maxlength = 8,
	                              .required = true});
	form_field(r, &(struct field){.name = "note",
	                              .label = T(r, "Reason"),
	                              .value = corr ? corr->note : NULL,
	                              .error = err(r, corr ? corr->d : NULL, "note"),
	                              .hint = T(r, "The customer sees it in the ledger."),
	                              .maxlength = POINTS_NOTE_MAX,
	                              .required = true});
	form_submit(r, T(r, "Record the correction"));
	html_lit(b, "</div>");
}

struct view {
	int status;
	const char *alert;
	const struct period_form *create, *edit;
	const struct correction_form *corr; /* a refused correction */
	int64_t period;                     /* selected; 0: from the query or the newest */
};

static int
render(struct req *r, const char *number, const struct view *v)
{
	struct db *db = db_thread();
	int64_t cid = number && *number ? customers_id_by_number(db, number) : 0;
	if (cid < 0)
		return 500;
	struct point_period *ps = NULL;
	int n = cid ? points_periods(db, cid, r->a, &ps) : 0;
	if (n < 0)
		return 500;
	struct page p = {.title = T(r, "Point periods"), .menu = "console-points"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	layout_heading(r, p.title, NULL, NULL);
	if (v->alert)
		form_alert(r, v->status >= 400 ? ALERT_ERROR : ALERT_SUCCESS, v->alert,
		           v->status < 400);
	customer_picker(r, number,
	                number && *number && !cid ? T(r, "No customer has this number.") : NULL);
	if (!cid) {
		layout_end(r);
		return number && *number ? 404 : v->status;
	}
	int64_t sel = v->period;
	if (!sel) {
		static const struct field_decl period_decl[] = {
		    {.name = "period", .kind = FIELD_ID}};
		struct field_value pv;
		if (fields_read(r, FROM_QUERY, period_decl, 1, NULL, &pv) == 0)
			sel = pv.num;
	}
	const struct point_period *cur = NULL;
	for (int i = 0; i < n; i++)
		if (ps[i].id == sel)
			cur = &ps[i];
	if (!cur && n > 0)
		cur = &ps[0];
	const char *enc = arena_printf(r->a, "/console/points?customer=%s&", number);
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "This customer has no point period yet."));
		html_lit(b, "</p>");
	} else {
		points_periods_table(r, ps, n, cur->id, enc);
		struct ledger_line *l;
		int nl = points_ledger(db, cur->id, r->a, &l);
		if (nl < 0)
			return 500;
		points_ledger_table(r, cur, l, nl, "/console/requests/", "/console/cases/");
		selected_period_forms(r, cur, v->edit, v->corr);
	}
	html_lit(
	    b, "<form class=\"card form\" method=\"post\" action=\"/console/points/periods\"><h2>");
	html_text(b, T(r, "Add a period"));
	html_lit(b, "</h2>");
	form_csrf(r);
	form_hidden(r, "customer", number);
	period_fields(r, v->create, "new_");
	form_submit(r, T(r, "Add"));
	layout_end(r);
	return v->status;
}

/* GET /console/points[?customer=N…&period=id] */
int
page_console_points(struct req *r)
{
	static const char *const done_choices[] = {"1", NULL};
	static const struct field_decl query_decl[] = {
	    {.name = "customer", .kind = FIELD_LINE},
	    {.name = "done", .kind = FIELD_CHOICE, .choices = done_choices},
	};
	struct field_value q[FIELDS_N(query_decl)];
	fields_read(r, FROM_QUERY, query_decl, FIELDS_N(query_decl), NULL, q);
	struct view v = {.status = 200};
	if (q[1].choice == 0)
		v.alert = T(r, "Saved.");
	return render(r, q[0].text, &v);
}

/* --- the changes --- */

/*
 * The period forms: the dates as typed (the operation checks them), the
 * points checked here. The new period's fields have the prefix new_, so
 * that the page's forms do not share names.
 */
static const struct field_decl period_points_decl[] = {
    {.name = "start", .kind = FIELD_LINE},
    {.name = "end", .kind = FIELD_LINE},
    {.name = "points",
     .kind = FIELD_INT,
     .required = true,
     .min = 0,
     .max = POINTS_PERIOD_MAX,
     .msgid = N_("Enter a whole number from 0 to 1000000.")},
};

static const struct field_decl new_period_points_decl[] = {
    {.name = "new_start", .kind = FIELD_LINE},
    {.name = "new_end", .kind = FIELD_LINE},
    {.name = "new_points",
     .kind = FIELD_INT,
     .required = true,
     .min = 0,
     .max = POINTS_PERIOD_MAX,
     .msgid = N_("Enter a whole number from 0 to 1000000.")},
};

/*
 * Reads a period form (fields prefix + start, end, points) into the values
 * as typed and the operation's input; a number that does not parse is -1,
 * its error already in d (under "points").
 */
static void
period_read(struct req *r, struct dom *d, bool new_period, struct period_form *f,
            struct points_period_in *in)
{
	const struct field_decl *decl = new_period ? new_period_points_decl : period_points_decl;
	struct field_value v[3];
	struct dom parse; /* only the points' error counts: the dates are the operation's */
	web_dom(r, &parse);
	fields_read(r, FROM_FORM, decl, 3, &parse, v);
	const char *points_error = dom_error(&parse, decl[2].name);
	if (points_error)
		dom_invalid(d, "points", points_error);
	f->start = v[0].text;
	f->end = v[1].text;
	f->points = v[2].text;
	f->d = d;
	*in = (struct points_period_in){
	    .start = f->start, .end = f->end, .points = points_error ? -1 : v[2].num};
}

static const char *
redirect_to(struct req *r, const char *number, int64_t period)
{
	return arena_printf(r->a, "/console/points?customer=%s&period=%lld&done=1", number,
	                    (long long)period);
}

/* POST /console/points/periods: customer, new_start, new_end, new_points */
int
page_console_period_create(struct req *r)
{
	static const struct field_decl customer_decl[] = {{.name = "customer", .kind = FIELD_LINE}};
	struct field_value cv;
	fields_read(r, FROM_FORM, customer_decl, 1, NULL, &cv);
	const char *number = cv.text;
	struct dom d;
	web_dom(r, &d);
	struct period_form f;
	struct points_period_in in;
	period_read(r, &d, true, &f, &in);
	int64_t id = 0;
	int st = points_period_add(&d, number, &in, &id);
	if (st == DOM_INVALID)
		return render(
		    r, number,
		    &(struct view){.status = 422,
		                   .alert = T(r, "Please correct the fields marked below."),
		                   .create = &f});
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, redirect_to(r, number, id));
}

static int
load_period(struct req *r, struct dom *d, struct point_period *p)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return DOM_NOT_FOUND;
	return points_period_find(d, id, p);
}

/* POST /console/points/periods/:id: start, end, points */
int
page_console_period_update(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct point_period p;
	int st = load_period(r, &d, &p);
	if (st != DOM_OK)
		return web_status(st);
	struct period_form f;
	struct points_period_in in;
	period_read(r, &d, false, &f, &in);
	st = points_period_change(&d, p.id, &in);
	if (st == DOM_INVALID)
		return render(
		    r, p.customer_number,
		    &(struct view){.status = 422,
		                   .alert = T(r, "Please correct the fields marked below."),
		                   .edit = &f,
		                   .period = p.id});
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, redirect_to(r, p.customer_number, p.id));
}

static const struct field_decl correction_decl[] = {
    {.name = "points",
     .kind = FIELD_INT,
     .required = true,
     .min = -POINTS_PERIOD_MAX,
     .max = POINTS_PERIOD_MAX,
     .msgid = N_("Enter a whole number other than 0, negative to give points back.")},
    {.name = "note", .kind = FIELD_LINE, .max_chars = 64 * 1024}, /* the operation's limit */
};

/* POST /console/points/periods/:id/corrections: points (±), note */
int
page_console_correction(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct point_period p;
	int st = load_period(r, &d, &p);
	if (st != DOM_OK)
		return web_status(st);
	struct field_value v[FIELDS_N(correction_decl)];
	int bad = fields_read(r, FROM_FORM, correction_decl, FIELDS_N(correction_decl), &d, v);
	int64_t pts = bad && dom_error(&d, "points") ? 0 : v[0].num;
	st = points_correction(&d, p.id, pts, v[1].text);
	struct correction_form cf = {.d = &d, .points = v[0].text, .note = v[1].text};
	if (st == DOM_INVALID)
		return render(
		    r, p.customer_number,
		    &(struct view){.status = 422,
		                   .alert = T(r, "Please correct the fields marked below."),
		                   .corr = &cf,
		                   .period = p.id});
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, redirect_to(r, p.customer_number, p.id));
}
