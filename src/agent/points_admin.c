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
#include "store/audit.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/points.h"
#include "web/form.h"
#include "web/html.h"
#include "web/input.h"
#include "web/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define POINTS_MAX 1000000
#define NOTE_MAX   500

struct period_form {
	const char *start, *end, *points;
	const char *e_start, *e_end, *e_points;
	int64_t points_value;
};

struct correction_form {
	const char *e_points, *e_note;
};

/* A whole number within ±max, optionally signed; 0 or -1. */
static int
parse_points(const char *s, bool allow_negative, int64_t *out)
{
	const char *p = s;
	if (allow_negative && (*p == '-' || *p == '+'))
		p++;
	if (!*p || strlen(p) > 7 || strspn(p, "0123456789") != strlen(p))
		return -1;
	int64_t v = strtoll(p, NULL, 10);
	if (v > POINTS_MAX)
		return -1;
	*out = *s == '-' ? -v : v;
	return 0;
}

static void
audit(struct req *r, const char *event, int64_t customer_id, const char *detail)
{
	audit_add(db_thread(), &(struct audit_event){.event = event,
	                                             .actor_id = r->user->id,
	                                             .customer_id = customer_id,
	                                             .login = r->user->login,
	                                             .ip = r->remote_ip,
	                                             .user_agent = r->user_agent,
	                                             .detail = detail});
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
	                              .error = f ? f->e_start : NULL,
	                              .required = true});
	form_field(r, &(struct field){.name = arena_printf(r->a, "%send", prefix),
	                              .label = T(r, "End date"),
	                              .type = "date",
	                              .value = f ? f->end : NULL,
	                              .error = f ? f->e_end : NULL,
	                              .required = true});
	form_field(r, &(struct field){.name = arena_printf(r->a, "%spoints", prefix),
	                              .label = T(r, "Contracted work request points"),
	                              .type = "number",
	                              .value = f ? f->points : NULL,
	                              .error = f ? f->e_points : NULL,
	                              .maxlength = 7,
	                              .required = true});
}

static void
submit(struct req *r, const char *label)
{
	html_lit(&r->out,
	         "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(&r->out, label);
	html_lit(&r->out, "</button></div></form>");
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
	submit(r, T(r, "Save"));
	html_lit(b, "<form class=\"card form\" method=\"post\"");
	html_attr(b, "action", arena_printf(r->a, "%s/corrections", base));
	html_lit(b, "><h2>");
	html_text(b, T(r, "Correct the consumed points"));
	html_lit(b, "</h2>");
	form_csrf(r);
	form_field(r, &(struct field){.name = "points",
	                              .label = T(r, "Points"),
	                              .value = corr ? req_form(r, "points") : NULL,
	                              .error = corr ? corr->e_points : NULL,
	                              .hint = T(r, "Positive to consume, negative to give back."),
	                              .maxlength = 8,
	                              .required = true});
	form_field(r, &(struct field){.name = "note",
	                              .label = T(r, "Reason"),
	                              .value = corr ? req_form(r, "note") : NULL,
	                              .error = corr ? corr->e_note : NULL,
	                              .hint = T(r, "The customer sees it in the ledger."),
	                              .maxlength = NOTE_MAX,
	                              .required = true});
	submit(r, T(r, "Record the correction"));
	html_lit(b, "</div>");
}

struct view {
	int status;
	const char *alert;
	const struct period_form *create, *edit;
	const struct correction_form *corr;
	int64_t period; /* selected; 0: from the query or the newest */
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
	const char *qs = req_query(r, "period");
	if (!sel && qs)
		parse_id(qs, &sel);
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
	submit(r, T(r, "Add"));
	layout_end(r);
	return v->status;
}

/* GET /console/points[?customer=N…&period=id] */
int
page_console_points(struct req *r)
{
	const char *number = req_query(r, "customer");
	const char *done = req_query(r, "done");
	struct view v = {.status = 200};
	if (done && strcmp(done, "1") == 0)
		v.alert = T(r, "Saved.");
	return render(r, number ? number : "", &v);
}

/* --- the changes --- */

/* Reads and checks a period form; true when valid. */
static bool
period_read(struct req *r, const char *prefix, struct period_form *f)
{
	memset(f, 0, sizeof(*f));
	f->start = input_trimmed(r, arena_printf(r->a, "%sstart", prefix));
	f->end = input_trimmed(r, arena_printf(r->a, "%send", prefix));
	f->points = input_trimmed(r, arena_printf(r->a, "%spoints", prefix));
	if (!parse_date(f->start))
		f->e_start = T(r, "Enter a date (YYYY-MM-DD).");
	if (!parse_date(f->end))
		f->e_end = T(r, "Enter a date (YYYY-MM-DD).");
	else if (!f->e_start && strcmp(f->start, f->end) > 0)
		f->e_end = T(r, "The end date must not be before the start date.");
	if (parse_points(f->points, false, &f->points_value) != 0)
		f->e_points = T(r, "Enter a whole number from 0 to 1000000.");
	return !f->e_start && !f->e_end && !f->e_points;
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
	const char *number = input_trimmed(r, "customer");
	struct db *db = db_thread();
	int64_t cid = *number ? customers_id_by_number(db, number) : 0;
	if (cid < 0)
		return 500;
	if (!cid)
		return 404;
	struct period_form f;
	bool ok = period_read(r, "new_", &f);
	if (db_begin(db) != 0)
		return 500;
	int overlap = ok ? points_period_overlaps(db, cid, f.start, f.end, 0) : 0;
	if (overlap == 1)
		f.e_start = T(r, "This period overlaps another period of the customer.");
	int64_t id =
	    ok && overlap == 0 ? points_period_create(db, cid, f.start, f.end, f.points_value) : -1;
	if (id > 0)
		audit(r, "points.period_create", cid,
		      arena_printf(r->a, "%s..%s %lld", f.start, f.end, (long long)f.points_value));
	if (id <= 0 || db_commit(db) != 0) {
		db_rollback(db);
		if (overlap < 0 || (ok && overlap == 0))
			return 500;
		return render(
		    r, number,
		    &(struct view){.status = 422,
		                   .alert = T(r, "Please correct the fields marked below."),
		                   .create = &f});
	}
	return req_redirect(r, redirect_to(r, number, id));
}

static int
load_period(struct req *r, struct point_period *p)
{
	int64_t id;
	if (parse_id(r->pp[0], &id) != 0)
		return 0;
	return points_period_get(db_thread(), id, 0, r->a, p);
}

/* POST /console/points/periods/:id: start, end, points */
int
page_console_period_update(struct req *r)
{
	struct point_period p;
	int found = load_period(r, &p);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct period_form f;
	bool ok = period_read(r, "", &f);
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return 500;
	int overlap = ok ? points_period_overlaps(db, p.customer_id, f.start, f.end, p.id) : 0;
	if (overlap == 1)
		f.e_start = T(r, "This period overlaps another period of the customer.");
	int changed = ok && overlap == 0 ? points_period_update(db, p.id, p.customer_id, f.start,
	                                                        f.end, f.points_value)
	                                 : -1;
	if (changed == 1)
		audit(r, "points.period_update", p.customer_id,
		      arena_printf(r->a, "%lld: %s..%s %lld", (long long)p.id, f.start, f.end,
		                   (long long)f.points_value));
	if (changed != 1 || db_commit(db) != 0) {
		db_rollback(db);
		if (overlap < 0 || (ok && overlap == 0))
			return 500;
		return render(
		    r, p.customer_number,
		    &(struct view){.status = 422,
		                   .alert = T(r, "Please correct the fields marked below."),
		                   .edit = &f,
		                   .period = p.id});
	}
	return req_redirect(r, redirect_to(r, p.customer_number, p.id));
}

/* POST /console/points/periods/:id/corrections: points (±), note */
int
page_console_correction(struct req *r)
{
	struct point_period p;
	int found = load_period(r, &p);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct correction_form c = {0};
	int64_t pts = 0;
	const char *note = input_trimmed(r, "note");
	if (parse_points(input_trimmed(r, "points"), true, &pts) != 0 || pts == 0)
		c.e_points =
		    T(r, "Enter a whole number other than 0, negative to give points back.");
	if (!*note)
		c.e_note = T(r, "Say why the points are corrected.");
	else if (strlen(note) > NOTE_MAX)
		c.e_note = T(r, "The reason is too long (500 characters at most).");
	if (c.e_points || c.e_note)
		return render(
		    r, p.customer_number,
		    &(struct view){.status = 422,
		                   .alert = T(r, "Please correct the fields marked below."),
		                   .corr = &c,
		                   .period = p.id});
	struct db *db = db_thread();
	if (db_begin(db) != 0)
		return 500;
	struct ledger_entry e = {.period_id = p.id,
	                         .customer_id = p.customer_id,
	                         .actor_id = r->user->id,
	                         .kind = "correction",
	                         .points = pts,
	                         .note = note};
	int ok = points_record(db, &e) == 0;
	if (ok)
		audit(r, "points.correction", p.customer_id,
		      arena_printf(r->a, "%lld: %+lld %s", (long long)p.id, (long long)pts, note));
	if (!ok || db_commit(db) != 0) {
		db_rollback(db);
		return 500;
	}
	return req_redirect(r, redirect_to(r, p.customer_number, p.id));
}
