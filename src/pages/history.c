/*
 * Login history (ログイン履歴, guide 4.11.1): the sign-in and account events
 * of the customer, newest first, 20 per page, with a date filter. A user
 * sees their own events, an admin those of the whole company. Times are
 * shown in the viewer's time zone, and the filter's dates are days of that
 * zone. The ≡ menu exports the filtered list as PDF, Excel or CSV: the file
 * is written row by row into a temporary file (constant memory whatever
 * the size), unlinked once open, and sent from its descriptor.
 */
#include "app.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/tz.h"
#include "export/export.h"
#include "http/request.h"
#include "pages/pages.h"
#include "store/audit.h"
#include "store/db.h"
#include "web/form.h"
#include "web/html.h"
#include "views/event_labels.h"
#include "web/layout.h"
#include "web/listing.h"
#include "web/date_range.h"
#include "views/export_send.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PER_PAGE 20

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif

#ifdef UNDER_ASAN
/*
 * The sanitizer build's leak report would flag two library losses the PDF
 * export brings into the server (this page is its first user there):
 * cairo 1.16 loses 768 bytes per embedded CFF font each time a PDF surface
 * is finished (an array of its font subsetter; tests/unit/test_export.c
 * suppresses the same), and fontconfig keeps the configuration that Pango's
 * font map loads once per process. Neither is ours to free, and without
 * frame pointers in those libraries only the module can be named. One
 * definition per program: move it if a shared place for it appears.
 */
const char *__lsan_default_suppressions(void);
const char *
__lsan_default_suppressions(void)
{
	return "leak:libcairo.so.2\nleak:libfontconfig.so.1\n";
}
#endif

static const char *
event_label(struct req *r, const char *event)
{
	return T(r, event_label_msgid(event));
}

/* The filter of the query string, checked. */
struct filter {
	struct date_range days;
	int64_t user_id; /* 0: the whole company (admins) */
};

static bool
read_filter(struct req *r, struct filter *f)
{
	f->user_id = r->user->is_admin ? 0 : r->user->id;
	return date_range_read(r, &f->days);
}

/* "from=…&to=…&" of the filter, percent-encoded, for links. */
static const char *
filter_query(struct req *r, const struct filter *f)
{
	struct buf q = {0};
	date_range_query(&q, &f->days);
	const char *s = q.p ? arena_strdup(r->a, q.p) : "";
	buf_free(&q);
	return s;
}

static void
filter_form(struct req *r, const struct filter *f)
{
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"card form history-filter\" method=\"get\" action=\"/history\">");
	date_range_fields(r, &f->days);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\">");
	html_text(b, T(r, "Filter"));
	html_lit(b, "</button>");
	if (date_range_given(&f->days)) {
		html_lit(b, " <a href=\"/history\">");
		html_text(b, T(r, "Clear"));
		html_lit(b, "</a>");
	}
	html_lit(b, "</div></form>");
}

/* GET /history */
int
page_history(struct req *r)
{
	struct filter f;
	bool ok = read_filter(r, &f);
	int64_t page = listing_page(r);
	struct db *db = db_thread();
	if (!db)
		return 500;
	int64_t cust = r->user->customer_id;
	int64_t total = 0;
	struct history_row *rows = NULL;
	int n = 0;
	if (ok) {
		total = audit_history_count(db, cust, f.user_id, f.days.t_from, f.days.t_to);
		n = audit_history_page(db, cust, f.user_id, f.days.t_from, f.days.t_to, PER_PAGE,
		                       (page - 1) * PER_PAGE, r->a, &rows);
		if (total < 0 || n < 0)
			return 500;
	}
	const char *qs = ok ? filter_query(r, &f) : "";
	struct page p = {.title = T(r, "Login history"), .menu = "history"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"page-head\"><h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (ok)
		export_menu(r, "/history/export?", qs);
	html_lit(b, "</div><p class=\"muted\">");
	html_text(b, f.user_id ? T(r, "Your own sign-ins and account events.")
	                       : T(r, "The sign-ins and account events of every user of your "
	                              "company."));
	html_lit(b, " ");
	html_textf(b, T(r, "Times are in your time zone (%s)."),
	           *r->user->time_zone ? r->user->time_zone : TZ_DEFAULT);
	html_lit(b, "</p>");
	filter_form(r, &f);
	if (!ok) {
		layout_end(r);
		return 422;
	}
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "There are no events."));
		html_lit(b, "</p>");
	} else {
		html_lit(b, "<div class=\"table-wrap\" tabindex=\"0\" role=\"region\"");
		html_attr(b, "aria-label", p.title);
		html_lit(b, "><table class=\"table history\"><thead><tr>");
		listing_th(r, N_("Date and time"));
		listing_th(r, N_("Event"));
		listing_th(r, N_("User ID"));
		listing_th(r, N_("Name"));
		listing_th(r, N_("Source address"));
		listing_th(r, N_("Browser"));
		html_lit(b, "</tr></thead><tbody>");
		struct buf t = {0};
		for (int i = 0; i < n; i++) {
			t.len = 0;
			tz_format(&t, r->user->time_zone, rows[i].at);
			html_lit(b, "<tr><td><time");
			html_attr(b, "datetime", arena_strndup(r->a, t.p ? t.p : "", t.len));
			html_lit(b, ">");
			html_textn(b, t.p ? t.p : "", t.len);
			html_lit(b, "</time></td><td");
			html_attr(b, "data-event", rows[i].event);
			html_lit(b, ">");
			html_text(b, event_label(r, rows[i].event));
			html_lit(b, "</td><td>");
			html_text(b, rows[i].login);
			html_lit(b, "</td><td>");
			html_text(b, rows[i].name);
			html_lit(b, "</td><td>");
			html_text(b, rows[i].ip);
			html_lit(b, "</td><td class=\"muted\">");
			html_text(b, rows[i].user_agent);
			html_lit(b, "</td></tr>");
		}
		buf_free(&t);
		html_lit(b, "</tbody></table></div>");
	}
	listing_pager(r, arena_printf(r->a, "/history?%s", qs), page, PER_PAGE, total);
	layout_end(r);
	return 200;
}

/* What the export writer needs. */
struct history_export {
	enum export_format fmt;
	struct filter f;
};

/* What the row callback of the export needs. */
struct export_ctx {
	struct req *r;
	struct export *e;
};

static int
export_one(void *p, const struct history_row *h)
{
	struct export_ctx *c = p;
	struct export_value v[6] = {0};
	if (tz_local(c->r->user->time_zone, h->at, &v[0].tm) != 0)
		v[0].text = "";
	v[1].text = event_label(c->r, h->event);
	v[2].text = h->login;
	v[3].text = h->name;
	v[4].text = h->ip;
	v[5].text = h->user_agent;
	return export_row(c->e, v) == 0 ? 0 : -1;
}

/* Writes the export into path; 0 or -1 (logged). */
static int
write_export(struct req *r, const char *path, void *ctx)
{
	const struct history_export *x = ctx;
	struct db *db = db_thread();
	if (!db)
		return -1;
	const struct export_col cols[] = {
	    {T(r, "Date and time"), EXPORT_TIME, 20},  {T(r, "Event"), EXPORT_TEXT, 26},
	    {T(r, "User ID"), EXPORT_TEXT, 30},        {T(r, "Name"), EXPORT_TEXT, 18},
	    {T(r, "Source address"), EXPORT_TEXT, 18}, {T(r, "Browser"), EXPORT_TEXT, 50},
	};
	const char *title =
	    arena_printf(r->a, "%s %s", T(r, "Login history"), r->user->customer_name);
	struct export *e = export_open(x->fmt, path, title, cols, sizeof(cols) / sizeof(cols[0]));
	if (!e)
		return -1;
	struct export_ctx c = {.r = r, .e = e};
	int rc = audit_history_each(db, r->user->customer_id, x->f.user_id, x->f.days.t_from,
	                            x->f.days.t_to, export_one, &c);
	return export_close(e) != 0 || rc != 0 ? -1 : 0;
}

/*
 * GET /history/export?format=csv|xlsx|pdf&from=&to= (on the worker pool):
 * the list of the page's filter, whole, as a file.
 */
int
page_history_export(struct req *r)
{
	struct history_export x;
	if (export_format_of(r, &x.fmt) != 0)
		return 404;
	if (!read_filter(r, &x.f)) { /* the page says what is wrong, next to the field */
		char *qs = arena_strdup(r->a, filter_query(r, &x.f));
		size_t n = strlen(qs);
		if (n && qs[n - 1] == '&')
			qs[n - 1] = '\0';
		return req_redirect(r, arena_printf(r->a, "/history?%s", qs));
	}
	return export_send(r, x.fmt, "login-history", T(r, "Login history"), write_export, &x);
}
