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

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define PER_PAGE 20
#define NO_END   INT64_MAX

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
	const char *from, *to;     /* as typed ("" when absent) */
	const char *e_from, *e_to; /* errors */
	int64_t t_from, t_to;      /* [t_from, t_to) in UTC */
	int64_t user_id;           /* 0: the whole company (admins) */
};

/* True for "YYYY-MM-DD" exactly (what a date input sends). */
static bool
date_shaped(const char *s)
{
	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return false;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

/* The start of the day after date in zone; -1 if invalid. */
static int64_t
day_after_start(struct req *r, const char *zone, const char *date)
{
	struct tm tm = {0};
	if (sscanf(date, "%4d-%2d-%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_mday += 1;
	time_t t = timegm(&tm); /* normalises the 32nd to the 1st of next month */
	struct tm next;
	if (t == (time_t)-1 || !gmtime_r(&t, &next))
		return -1;
	return tz_day_start(zone, arena_printf(r->a, "%04d-%02d-%02d", next.tm_year + 1900,
	                                       next.tm_mon + 1, next.tm_mday));
}

/* Reads from and to; returns true when both are valid (or absent). */
static bool
read_filter(struct req *r, struct filter *f)
{
	const char *zone = r->user->time_zone;
	memset(f, 0, sizeof(*f));
	f->from = req_query(r, "from") ? req_query(r, "from") : "";
	f->to = req_query(r, "to") ? req_query(r, "to") : "";
	f->t_to = NO_END;
	f->user_id = r->user->is_admin ? 0 : r->user->id;
	const char *bad = T(r, "Enter a date as YYYY-MM-DD.");
	if (*f->from && (!date_shaped(f->from) || (f->t_from = tz_day_start(zone, f->from)) < 0))
		f->e_from = bad, f->t_from = 0;
	if (*f->to && (!date_shaped(f->to) || (f->t_to = day_after_start(r, zone, f->to)) < 0))
		f->e_to = bad, f->t_to = NO_END;
	if (!f->e_from && !f->e_to && *f->from && *f->to && f->t_from >= f->t_to)
		f->e_to = T(r, "The end date must not be before the start date.");
	return !f->e_from && !f->e_to;
}

/* "from=…&to=…&" of the filter, percent-encoded, for links. */
static const char *
filter_query(struct req *r, const struct filter *f)
{
	struct buf q = {0};
	if (*f->from) {
		buf_puts(&q, "from=");
		html_url_component(&q, f->from);
		buf_puts(&q, "&");
	}
	if (*f->to) {
		buf_puts(&q, "to=");
		html_url_component(&q, f->to);
		buf_puts(&q, "&");
	}
	const char *s = q.p ? arena_strdup(r->a, q.p) : "";
	buf_free(&q);
	return s;
}

/* The ≡ menu: the filtered list as PDF, Excel or CSV. */
static void
export_menu(struct req *r, const char *qs)
{
	static const struct {
		const char *format, *label;
	} items[] = {
	    {"pdf", N_("Export as PDF")},
	    {"xlsx", N_("Export as Excel")},
	    {"csv", N_("Export as CSV")},
	};
	struct buf *b = &r->out;
	html_lit(b, "<details class=\"page-menu\"><summary");
	html_attr(b, "aria-label", T(r, "Export"));
	html_attr(b, "title", T(r, "Export"));
	html_lit(b, "><span aria-hidden=\"true\">≡</span></summary><ul class=\"submenu\">");
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		html_lit(b, "<li><a download");
		html_attr(b, "href",
		          arena_printf(r->a, "/history/export?%sformat=%s", qs, items[i].format));
		html_lit(b, ">");
		html_text(b, T(r, items[i].label));
		html_lit(b, "</a></li>");
	}
	html_lit(b, "</ul></details>");
}

static void
filter_form(struct req *r, const struct filter *f)
{
	struct buf *b = &r->out;
	html_lit(b, "<form class=\"card form history-filter\" method=\"get\" action=\"/history\">");
	form_field(r, &(struct field){.name = "from",
	                              .label = T(r, "From"),
	                              .type = "date",
	                              .value = f->from,
	                              .error = f->e_from,
	                              .maxlength = 10});
	form_field(r, &(struct field){.name = "to",
	                              .label = T(r, "To"),
	                              .type = "date",
	                              .value = f->to,
	                              .error = f->e_to,
	                              .maxlength = 10});
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\">");
	html_text(b, T(r, "Filter"));
	html_lit(b, "</button>");
	if (*f->from || *f->to) {
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
		total = audit_history_count(db, cust, f.user_id, f.t_from, f.t_to);
		n = audit_history_page(db, cust, f.user_id, f.t_from, f.t_to, PER_PAGE,
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
		export_menu(r, qs);
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
write_export(struct req *r, struct db *db, enum export_format fmt, const char *path,
             const struct filter *f)
{
	const struct export_col cols[] = {
	    {T(r, "Date and time"), EXPORT_TIME, 20},  {T(r, "Event"), EXPORT_TEXT, 26},
	    {T(r, "User ID"), EXPORT_TEXT, 30},        {T(r, "Name"), EXPORT_TEXT, 18},
	    {T(r, "Source address"), EXPORT_TEXT, 18}, {T(r, "Browser"), EXPORT_TEXT, 50},
	};
	const char *title =
	    arena_printf(r->a, "%s %s", T(r, "Login history"), r->user->customer_name);
	struct export *e = export_open(fmt, path, title, cols, sizeof(cols) / sizeof(cols[0]));
	if (!e)
		return -1;
	struct export_ctx c = {.r = r, .e = e};
	int rc = audit_history_each(db, r->user->customer_id, f->user_id, f->t_from, f->t_to,
	                            export_one, &c);
	if (export_close(e) != 0 || rc != 0) {
		log_error("rid=%s login history export failed", r->rid);
		return -1;
	}
	return 0;
}

/* ` attachment; filename="login-history.ext"; filename*=UTF-8''…` (RFC 6266, 5987). */
static const char *
disposition(struct req *r, enum export_format fmt)
{
	const char *ext = export_ext(fmt);
	struct buf b = {0};
	buf_printf(&b, "attachment; filename=\"login-history.%s\"; filename*=UTF-8''", ext);
	html_url_component(&b, r->lang == LANG_EN ? "login-history" : T(r, "Login history"));
	buf_printf(&b, ".%s", ext);
	const char *s = arena_strdup(r->a, b.p);
	buf_free(&b);
	return s;
}

/*
 * GET /history/export?format=csv|xlsx|pdf&from=&to= (on the worker pool):
 * the list of the page's filter, whole, as a file.
 */
int
page_history_export(struct req *r)
{
	const char *fs = req_query(r, "format");
	enum export_format fmt;
	if (fs && strcmp(fs, "csv") == 0)
		fmt = EXPORT_CSV;
	else if (fs && strcmp(fs, "xlsx") == 0)
		fmt = EXPORT_XLSX;
	else if (fs && strcmp(fs, "pdf") == 0)
		fmt = EXPORT_PDF;
	else
		return 404;
	struct filter f;
	if (!read_filter(r, &f)) { /* the page says what is wrong, next to the field */
		char *qs = arena_strdup(r->a, filter_query(r, &f));
		size_t n = strlen(qs);
		if (n && qs[n - 1] == '&')
			qs[n - 1] = '\0';
		return req_redirect(r, arena_printf(r->a, "/history?%s", qs));
	}
	struct db *db = db_thread();
	if (!db)
		return 500;
	const char *dir = arena_printf(r->a, "%s/tmp", r->app->cfg.data_dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_error("rid=%s mkdir %s: %s", r->rid, dir, strerror(errno));
		return 500;
	}
	char *path = arena_printf(r->a, "%s/export-XXXXXX", dir);
	int tmp = mkstemp(path);
	if (tmp < 0) {
		log_error("rid=%s mkstemp %s: %s", r->rid, path, strerror(errno));
		return 500;
	}
	close(tmp);
	if (write_export(r, db, fmt, path, &f) != 0) {
		unlink(path);
		return 500;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path); /* the open descriptor keeps the data until the response is sent */
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		log_error("rid=%s reopen export: %s", r->rid, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 500;
	}
	r->file_fd = fd;
	r->file_size = (uint64_t)st.st_size;
	r->content_type = export_mime(fmt);
	req_header(r, "Content-Disposition", disposition(r, fmt));
	return 200;
}
