/*
 * Announcements (お知らせ, guide 4.5, 4.12): the banners at the top of home
 * (title, 詳細, ×) with the list of current announcements under them, the
 * list of every announcement, and × itself. An announcement is an article of
 * an announcements knowledge base with a display window and a target (every
 * customer, some services, some customers). × hides that banner for that
 * user for good; the lists keep the announcement. Without JavaScript × is
 * a form that posts and comes back to home; static/knowledge.js sends the
 * same request in the background and removes the banner in place.
 */
#include "core/arena.h"
#include "core/assets.h"
#include "core/clock.h"
#include "http/request.h"
#include "knowledge/knowledge.h"
#include "pages/pages.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "views/knowledge_view.h"
#include "web/actor.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "web/listing.h"

#include <string.h>

#define BANNERS_MAX 10
#define HOME_LIST   5
#define PER_PAGE    20

static bool
current(const struct kb_announcement *a, int64_t now)
{
	return (!a->show_from || a->show_from <= now) && (!a->show_until || a->show_until > now);
}

static void
write_banners(struct req *r, const struct kb_announcement *rows, int n)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"kb-banners\"");
	html_attr(b, "aria-label", T(r, "Announcement banners"));
	html_lit(b, ">");
	for (int i = 0; i < n; i++) {
		const char *href = arena_printf(r->a, "/knowledge/%s", rows[i].number);
		const char *tid = arena_printf(r->a, "banner-%s", rows[i].number);
		html_lit(b, "<div class=\"kb-banner\"><p class=\"kb-banner-title\"><a");
		html_attr(b, "id", tid);
		html_attr(b, "href", href);
		html_lit(b, ">");
		html_text(b, rows[i].title);
		html_lit(b, "</a></p><a class=\"btn btn-secondary kb-banner-more\"");
		html_attr(b, "href", href);
		html_attr(b, "aria-describedby", tid);
		html_lit(b, ">");
		html_text(b, T(r, "Details"));
		html_lit(b, "</a><form class=\"kb-banner-dismiss\" method=\"post\"");
		html_attr(b, "action",
		          arena_printf(r->a, "/announcements/%s/dismiss", rows[i].number));
		html_lit(b, ">");
		form_csrf(r);
		html_lit(b, "<button type=\"submit\" class=\"kb-banner-close\"");
		html_attr(b, "aria-label",
		          arena_printf(r->a, T(r, "Close the banner %s"), rows[i].title));
		html_lit(b, ">×</button></form></div>");
	}
	html_lit(b, "</section>");
}

static void
write_list_item(struct req *r, const struct kb_announcement *a)
{
	struct buf *b = &r->out;
	html_lit(b, "<li><a");
	html_attr(b, "href", arena_printf(r->a, "/knowledge/%s", a->number));
	html_lit(b, ">");
	html_text(b, a->title);
	html_lit(b, "</a> <span class=\"muted\">");
	kb_write_time_ago(r, a->published_at);
	html_lit(b, "</span></li>");
}

int
announcements_home(struct req *r)
{
	if (!r->user || !r->user->customer_id)
		return 0;
	struct db *db = db_thread();
	if (!db)
		return -1;
	int64_t now = clock_now();
	struct kb_announcement *banners, *list;
	int nb =
	    kb_banners(db, r->user->customer_id, r->user->id, now, BANNERS_MAX, r->a, &banners);
	int nl = kb_announcements_page(db, r->user->customer_id, now, HOME_LIST, 0, r->a, &list);
	if (nb < 0 || nl < 0)
		return -1;
	struct buf *b = &r->out;
	if (nb > 0) {
		write_banners(r, banners, nb);
		html_lit(b, "<script defer");
		html_attr(b, "src", asset_url("static/knowledge.js"));
		html_lit(b, "></script>");
	}
	int ncur = 0;
	for (int i = 0; i < nl; i++)
		ncur += current(&list[i], now);
	if (ncur == 0)
		return 0;
	html_lit(b, "<section class=\"kb-announcements card\"><h2>");
	html_text(b, T(r, "Announcements"));
	html_lit(b, "</h2><ul>");
	for (int i = 0; i < nl; i++)
		if (current(&list[i], now))
			write_list_item(r, &list[i]);
	html_lit(b, "</ul><p><a href=\"/announcements\">");
	html_text(b, T(r, "All announcements"));
	html_lit(b, "</a></p></section>");
	return 0;
}

/* GET /announcements?page= */
int
page_announcements(struct req *r)
{
	int64_t page = listing_page(r);
	struct db *db = db_thread();
	if (!db)
		return 500;
	int64_t now = clock_now();
	int64_t total = kb_announcements_count(db, r->user->customer_id, now);
	struct kb_announcement *rows;
	int n = kb_announcements_page(db, r->user->customer_id, now, PER_PAGE,
	                              (page - 1) * PER_PAGE, r->a, &rows);
	if (total < 0 || n < 0)
		return 500;
	struct page p = {.title = T(r, "Announcements"), .menu = "knowledge"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<nav class=\"breadcrumb\"");
	html_attr(b, "aria-label", T(r, "Breadcrumb"));
	html_lit(b, "><a href=\"/\">");
	html_text(b, T(r, "Home"));
	html_lit(b, "</a> &gt; <span aria-current=\"page\">");
	html_text(b, p.title);
	html_lit(b, "</span></nav><h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "There are no announcements."));
		html_lit(b, "</p>");
	} else {
		html_lit(b, "<ul class=\"kb-announcement-list card\">");
		for (int i = 0; i < n; i++)
			write_list_item(r, &rows[i]);
		html_lit(b, "</ul>");
	}
	if (total > PER_PAGE) {
		html_lit(b, "<nav class=\"pager\"");
		html_attr(b, "aria-label", T(r, "Pages"));
		html_lit(b, ">");
		if (page > 1) {
			html_lit(b, "<a rel=\"prev\"");
			html_attr(
			    b, "href",
			    arena_printf(r->a, "/announcements?page=%lld", (long long)page - 1));
			html_lit(b, ">");
			html_text(b, T(r, "Previous"));
			html_lit(b, "</a> ");
		}
		int64_t first = (page - 1) * PER_PAGE + 1;
		int64_t last = page * PER_PAGE < total ? page * PER_PAGE : total;
		html_lit(b, "<span>");
		html_textf(b, T(r, "%lld–%lld of %lld"), (long long)(n ? first : 0),
		           (long long)last, (long long)total);
		html_lit(b, "</span>");
		if (last < total) {
			html_lit(b, " <a rel=\"next\"");
			html_attr(
			    b, "href",
			    arena_printf(r->a, "/announcements?page=%lld", (long long)page + 1));
			html_lit(b, ">");
			html_text(b, T(r, "Next"));
			html_lit(b, "</a>");
		}
		html_lit(b, "</nav>");
	}
	layout_end(r);
	return 200;
}

/*
 * POST /announcements/:number/dismiss: × of a banner. Only an announcement
 * the user may see can be closed (else 404, as for a missing one). The
 * script asks with X-Requested-With and gets 204; a form gets home again.
 */
int
page_announcement_dismiss(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int rc = knowledge_banner_dismiss(&d, r->pp[0]);
	if (rc != DOM_OK)
		return web_status(rc);
	const char *xrw = req_in_header(r, "X-Requested-With");
	if (xrw && strcmp(xrw, "fetch") == 0) {
		r->no_body = true;
		return 204;
	}
	return req_redirect(r, "/");
}
