/* The audit log page and its export; see audit_log.h. */
#include "views/audit_log.h"

#include <string.h>

#include "accounts/audit_log.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/tz.h"
#include "domain/domain.h"
#include "export/export.h"
#include "http/request.h"
#include "store/db.h"
#include "views/event_labels.h"
#include "web/actor.h"
#include "web/date_range.h"
#include "web/fields.h"
#include "views/export_send.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"

#define PER_PAGE 50

/* The kinds offered in the filter: families first, as people think of them. */
static const struct {
	const char *kind, *label;
	bool staff_only;
} KINDS[] = {
    {"auth.", N_("Sign-ins and passwords"), false},
    {"account.", N_("Users of the company"), false},
    {"case.", N_("Case activity"), false},
    {"work_request.", N_("Work requests"), false},
    {"points.", N_("Point changes"), false},
    {"catalog.", N_("Work catalog changes"), true},
    {"kb.", N_("Knowledge changes"), true},
    {"customer.", N_("Customer changes"), true},
    {"contract.", N_("Contract changes"), true},
    {"service.", N_("Service portal links"), true},
    {"settings.", N_("Portal settings changes"), true},
};
#define NKINDS (sizeof(KINDS) / sizeof(KINDS[0]))

struct view {
	const char *base;
	bool all; /* the provider admin's log: every customer */
	struct date_range days;
	const char *customer, *actor, *kind; /* as typed ("" when absent) */
	struct audit_filter f;
	struct dom d;
	int st; /* of the scope: DOM_FORBIDDEN and DOM_ERROR end the request */
	bool ok;
};

/* The filters besides the days (web/date_range.h), judged by audit_log_query's rules. */
enum { ARG_CUSTOMER, ARG_ACTOR, ARG_KIND };
static const struct field_decl filter_decl[] = {
    [ARG_CUSTOMER] = {.name = "customer", .kind = FIELD_LINE},
    [ARG_ACTOR] = {.name = "actor", .kind = FIELD_LINE},
    [ARG_KIND] = {.name = "kind", .kind = FIELD_LINE},
};

static void
read_view(struct req *r, const char *base, struct view *v)
{
	memset(v, 0, sizeof(*v));
	v->base = base;
	web_dom(r, &v->d);
	v->all = audit_log_reads_all(&v->d);
	bool days_ok = date_range_read(r, &v->days);
	struct field_value f[FIELDS_N(filter_decl)];
	fields_read(r, FROM_QUERY, filter_decl, FIELDS_N(filter_decl), NULL, f);
	v->customer = v->all ? f[ARG_CUSTOMER].text : "";
	v->actor = f[ARG_ACTOR].text;
	v->kind = f[ARG_KIND].text;
	struct audit_log_in in = {.customer_number = v->customer,
	                          .actor_login = v->actor,
	                          .kind = v->kind,
	                          .from = v->days.t_from,
	                          .to = v->days.t_to};
	int st = audit_log_scope(&v->d, &in, &v->f);
	v->st = st;
	v->ok = days_ok && st == DOM_OK;
}

/* "customer=…&actor=…&kind=…&from=…&to=…&" for links. */
static const char *
view_query(struct req *r, const struct view *v)
{
	struct buf q = {0};
	const char *names[] = {"customer", "actor", "kind"};
	const char *vals[] = {v->customer, v->actor, v->kind};
	for (int i = 0; i < 3; i++) {
		if (!*vals[i])
			continue;
		buf_printf(&q, "%s=", names[i]);
		html_url_component(&q, vals[i]);
		buf_puts(&q, "&");
	}
	date_range_query(&q, &v->days);
	const char *s = q.p ? arena_strdup(r->a, q.p) : "";
	buf_free(&q);
	return s;
}

static void
kind_select(struct req *r, const struct view *v)
{
	const char *values[NKINDS + 1], *labels[NKINDS + 1];
	int n = 0;
	values[n] = "";
	labels[n++] = T(r, "Every kind");
	for (size_t i = 0; i < NKINDS; i++) {
		if (KINDS[i].staff_only && !v->all)
			continue;
		values[n] = KINDS[i].kind;
		labels[n++] = T(r, KINDS[i].label);
	}
	form_select_error(r, "kind", T(r, "Kind"), values, labels, n, v->kind,
	                  web_error(r, &v->d, "kind"));
}

static void
filter_form(struct req *r, const struct view *v)
{
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"card form audit-filter\" method=\"get\"");
	html_attr(b, "action", v->base);
	html_lit(b, ">");
	if (v->all)
		form_field(r, &(struct field){.name = "customer",
		                              .label = T(r, "Customer number"),
		                              .value = v->customer,
		                              .error = web_error(r, &v->d, "customer"),
		                              .autocomplete = "off",
		                              .maxlength = 32});
	form_field(r, &(struct field){.name = "actor",
	                              .label = T(r, "User ID"),
	                              .value = v->actor,
	                              .error = web_error(r, &v->d, "actor"),
	                              .autocomplete = "off",
	                              .maxlength = 254});
	kind_select(r, v);
	date_range_fields(r, &v->days);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\">");
	html_text(b, T(r, "Filter"));
	html_lit(b, "</button> <a");
	html_attr(b, "href", v->base);
	html_lit(b, ">");
	html_text(b, T(r, "Clear"));
	html_lit(b, "</a></div></form>");
}

static void
write_row(struct req *r, const struct view *v, const struct audit_row *e, struct buf *t)
{
	struct buf *b = &r->out;
	t->len = 0;
	tz_format(t, r->user->time_zone, e->at);
	html_lit(b, "<tr><td><time");
	html_attr(b, "datetime", arena_strndup(r->a, t->p ? t->p : "", t->len));
	html_lit(b, ">");
	html_textn(b, t->p ? t->p : "", t->len);
	html_lit(b, "</time></td><td");
	html_attr(b, "data-event", e->event);
	html_lit(b, ">");
	html_text(b, T(r, event_label_msgid(e->event)));
	html_lit(b, "</td><td>");
	html_text(b, e->actor_name);
	if (*e->login) {
		html_lit(b, "<br><span class=\"muted\">");
		html_text(b, e->login);
		html_lit(b, "</span>");
	}
	html_lit(b, "</td>");
	if (v->all) {
		html_lit(b, "<td>");
		if (*e->customer_number) {
			html_text(b, e->customer_number);
			html_lit(b, "<br><span class=\"muted\">");
			html_text(b, e->customer_name);
			html_lit(b, "</span>");
		}
		html_lit(b, "</td>");
	}
	html_lit(b, "<td>");
	html_text(b, e->ip);
	html_lit(b, "</td>");
	if (v->all) { /* details may name internal things: the provider's only */
		html_lit(b, "<td class=\"audit-detail\">");
		html_text(b, e->detail);
		html_lit(b, "</td>");
	}
	html_lit(b, "</tr>");
}

static void
write_table(struct req *r, const struct view *v, const struct audit_row *rows, int n)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
	html_attr(b, "aria-label", T(r, "Audit log"));
	html_lit(b, "><table class=\"table audit\"><thead><tr>");
	listing_th(r, N_("Date and time"));
	listing_th(r, N_("Event"));
	listing_th(r, N_("Done by"));
	if (v->all)
		listing_th(r, N_("Customer"));
	listing_th(r, N_("Source address"));
	if (v->all)
		listing_th(r, N_("Details"));
	html_lit(b, "</tr></thead><tbody>");
	struct buf t = {0};
	for (int i = 0; i < n; i++)
		write_row(r, v, &rows[i], &t);
	buf_free(&t);
	html_lit(b, "</tbody></table></div>");
}

int
audit_log_show(struct req *r, const char *base, const char *menu_id)
{
	struct view v;
	read_view(r, base, &v);
	if (v.st != DOM_OK && v.st != DOM_INVALID)
		return v.st == DOM_FORBIDDEN ? 404 : 500;
	int64_t page = listing_page(r);
	struct db *db = db_thread();
	if (!db)
		return 500;
	int64_t total = 0;
	struct audit_row *rows = NULL;
	int n = 0;
	if (v.ok) {
		total = audit_log_count(db, &v.f);
		n = audit_log_page(db, &v.f, PER_PAGE, (page - 1) * PER_PAGE, r->a, &rows);
		if (total < 0 || n < 0)
			return 500;
	}
	const char *qs = v.ok ? view_query(r, &v) : "";
	struct page p = {.title = T(r, "Audit log"), .menu = menu_id};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"page-head\"><h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (v.ok)
		export_menu(r, arena_printf(r->a, "%s/export?", base), qs);
	html_lit(b, "</div><p class=\"muted\">");
	html_text(b, v.all
	                 ? T(r, "Every event of the portal: who did what, when, for which customer "
	                        "and from where.")
	                 : T(r, "What the users of your company did and what was done on your "
	                        "company's cases and requests."));
	html_lit(b, " ");
	html_textf(b, T(r, "Times are in your time zone (%s)."),
	           *r->user->time_zone ? r->user->time_zone : TZ_DEFAULT);
	html_lit(b, "</p>");
	filter_form(r, &v);
	if (!v.ok) {
		layout_end(r);
		return 422;
	}
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "There are no events."));
		html_lit(b, "</p>");
	} else {
		write_table(r, &v, rows, n);
	}
	listing_pager(r, arena_printf(r->a, "%s?%s", base, qs), page, PER_PAGE, total);
	layout_end(r);
	return 200;
}

struct export_job {
	struct view *v;
	enum export_format fmt;
	struct req *r;
	struct export *e;
};

static int
export_one(void *p, const struct audit_row *row)
{
	struct export_job *j = p;
	struct export_value vals[7] = {0};
	int i = 0;
	if (tz_local(j->r->user->time_zone, row->at, &vals[i].tm) != 0)
		vals[i].text = "";
	i++;
	vals[i++].text = T(j->r, event_label_msgid(row->event));
	vals[i++].text = row->login;
	vals[i++].text = row->actor_name;
	if (j->v->all)
		vals[i++].text = row->customer_number;
	vals[i++].text = row->ip;
	if (j->v->all)
		vals[i++].text = row->detail;
	return export_row(j->e, vals) == 0 ? 0 : -1;
}

static int
write_export(struct req *r, const char *path, void *ctx)
{
	struct export_job *j = ctx;
	struct db *db = db_thread();
	if (!db)
		return -1;
	struct export_col cols[7];
	size_t n = 0;
	cols[n++] = (struct export_col){T(r, "Date and time"), EXPORT_TIME, 20};
	cols[n++] = (struct export_col){T(r, "Event"), EXPORT_TEXT, 26};
	cols[n++] = (struct export_col){T(r, "User ID"), EXPORT_TEXT, 30};
	cols[n++] = (struct export_col){T(r, "Name"), EXPORT_TEXT, 18};
	if (j->v->all)
		cols[n++] = (struct export_col){T(r, "Customer number"), EXPORT_TEXT, 14};
	cols[n++] = (struct export_col){T(r, "Source address"), EXPORT_TEXT, 18};
	if (j->v->all)
		cols[n++] = (struct export_col){T(r, "Details"), EXPORT_TEXT, 40};
	const char *title =
	    j->v->all ? T(r, "Audit log")
	              : arena_printf(r->a, "%s %s", T(r, "Audit log"), r->user->customer_name);
	j->e = export_open(j->fmt, path, title, cols, n);
	if (!j->e)
		return -1;
	int rc = audit_log_each(db, &j->v->f, export_one, j);
	return export_close(j->e) != 0 || rc != 0 ? -1 : 0;
}

int
audit_log_export(struct req *r, const char *base)
{
	struct view v;
	struct export_job j = {.v = &v, .r = r};
	if (export_format_of(r, &j.fmt) != 0)
		return 404;
	read_view(r, base, &v);
	if (v.st != DOM_OK && v.st != DOM_INVALID)
		return v.st == DOM_FORBIDDEN ? 404 : 500;
	if (!v.ok) /* the page says what is wrong, next to the field */
		return req_redirect(r, arena_printf(r->a, "%s?%s", base, view_query(r, &v)));
	return export_send(r, j.fmt, "audit-log", T(r, "Audit log"), write_export, &j);
}
