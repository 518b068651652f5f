/* Page chrome; see layout.h. */
#include "web/layout.h"
#include "app.h"
#include "http/csrf.h"
#include "core/assets.h"
#include "core/clock.h"
#include "http/request.h"
#include "web/html.h"
#include "web/menu.h"

#include <string.h>
#include <time.h>

static const char user_icon[] =
    "<svg class=\"icon\" aria-hidden=\"true\" viewBox=\"0 0 24 24\" width=\"20\" height=\"20\">"
    "<circle cx=\"12\" cy=\"8\" r=\"4\" fill=\"currentColor\"/>"
    "<path d=\"M4 21c0-4.4 3.6-7 8-7s8 2.6 8 7\" fill=\"currentColor\"/></svg>";

static void
write_head(struct req *r, const struct page *p)
{
	struct buf *b = &r->out;
	html_lit(b, "<!DOCTYPE html>\n<html");
	html_attr(b, "lang", lang_code(r->lang));
	html_lit(b, "><head><meta charset=\"utf-8\">"
	            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	            "<title>");
	html_text(b, p->title);
	html_lit(b, " | ");
	html_text(b, r->app->provider_name);
	html_lit(b, "</title><link rel=\"stylesheet\"");
	html_attr(b, "href", asset_url("static/app.css"));
	html_lit(b, "><link rel=\"icon\" type=\"image/svg+xml\"");
	html_attr(b, "href", asset_url("static/favicon.svg"));
	html_lit(b, "><script");
	html_attr(b, "src", asset_url("static/app.js"));
	html_lit(b, "></script><script defer");
	html_attr(b, "src", asset_url("static/forms.js"));
	html_lit(b, "></script></head>\n<body>");
}

static void
write_brand(struct req *r)
{
	struct buf *b = &r->out;
	html_lit(b, "<a class=\"brand\" href=\"/\">");
	if (*r->app->portal_title) {
		html_text(b, r->app->portal_title);
	} else {
		html_text(b, r->app->provider_name);
		html_lit(b, " ");
		html_text(b, T(r, "Customer Portal"));
	}
	html_lit(b, "</a>");
}

static void
write_menu_link(struct req *r, const struct menu_item *m, const struct page *p)
{
	struct buf *b = &r->out;
	html_lit(b, "<li><a");
	html_attr_url(b, "href", m->href);
	if (p->menu && strcmp(p->menu, m->id) == 0)
		html_lit(b, " aria-current=\"page\"");
	html_lit(b, ">");
	html_text(b, T(r, m->label));
	html_lit(b, "</a></li>");
}

/* Top-level items, then each drop-down group with its items. */
static void
write_menu(struct req *r, const struct page *p)
{
	struct buf *b = &r->out;
	bool shown[64] = {0};
	size_t n = menu_count < 64 ? menu_count : 64;
	for (size_t i = 0; i < n; i++)
		shown[i] = menu_shown(&menu_items[i], r);
	html_lit(b, "<ul class=\"menu\">");
	for (size_t i = 0; i < n; i++)
		if (!menu_items[i].group && shown[i])
			write_menu_link(r, &menu_items[i], p);
	for (size_t i = 0; i < n; i++) {
		const char *g = menu_items[i].group;
		if (!g || !shown[i])
			continue;
		bool first = true;
		for (size_t k = 0; k < i; k++)
			if (shown[k] && menu_items[k].group && strcmp(menu_items[k].group, g) == 0)
				first = false;
		if (!first)
			continue;
		html_lit(b, "<li class=\"has-sub\"><details><summary>");
		html_text(b, T(r, g));
		html_lit(b, "</summary><ul class=\"submenu\">");
		for (size_t k = i; k < n; k++)
			if (shown[k] && menu_items[k].group && strcmp(menu_items[k].group, g) == 0)
				write_menu_link(r, &menu_items[k], p);
		html_lit(b, "</ul></details></li>");
	}
	html_lit(b, "</ul>");
}

static void
write_user_menu(struct req *r, const struct page *p)
{
	struct buf *b = &r->out;
	html_lit(b, "<details class=\"user-menu\"><summary>");
	buf_append(b, user_icon, sizeof(user_icon) - 1);
	html_lit(b, "<span class=\"user-name\">");
	html_text(b, r->user->name);
	html_lit(b, "</span></summary><ul class=\"submenu\"><li><a href=\"/profile\"");
	if (p->menu && strcmp(p->menu, "profile") == 0)
		html_lit(b, " aria-current=\"page\"");
	html_lit(b, ">");
	html_text(b, T(r, "Profile"));
	html_lit(b, "</a></li><li><form method=\"post\" action=\"/logout\">"
	            "<input type=\"hidden\" name=\"csrf\"");
	html_attr(b, "value", csrf_token(r));
	html_lit(b, "><button type=\"submit\" class=\"linklike\">");
	html_text(b, T(r, "Sign out"));
	html_lit(b, "</button></form></li></ul></details>");
}

void
layout_begin(struct req *r, const struct page *p)
{
	struct buf *b = &r->out;
	r->content_type = "text/html; charset=utf-8";
	write_head(r, p);
	html_lit(b, "<a class=\"skip-link\" href=\"#main\">");
	html_text(b, T(r, "Skip to main content"));
	html_lit(b, "</a><header class=\"site-header\">");
	write_brand(r);
	if (r->user && !p->bare) {
		html_lit(b,
		         "<button class=\"nav-toggle\" type=\"button\" aria-controls=\"site-nav\" "
		         "aria-expanded=\"false\"");
		html_attr(b, "aria-label", T(r, "Menu"));
		html_lit(b, ">≡</button><nav id=\"site-nav\" class=\"site-nav\"");
		html_attr(b, "aria-label", T(r, "Main menu"));
		html_lit(b, ">");
		write_menu(r, p);
		write_user_menu(r, p);
		html_lit(b, "</nav>");
	}
	html_lit(b, "</header>\n<main id=\"main\" class=\"site-main\" tabindex=\"-1\">");
}

void
layout_end(struct req *r)
{
	struct buf *b = &r->out;
	time_t now = (time_t)clock_now();
	struct tm tm;
	gmtime_r(&now, &tm);
	html_lit(b, "</main>\n<footer class=\"site-footer\"><p>© ");
	html_int(b, tm.tm_year + 1900);
	html_lit(b, " ");
	html_text(b, r->app->provider_name);
	html_lit(b, ". All Rights Reserved. ");
	html_text(b, T(r, "Our privacy policy is"));
	html_lit(b, " <a");
	html_attr_url(b, "href", *r->app->privacy_url ? r->app->privacy_url : "/privacy");
	html_lit(b, ">");
	html_text(b, T(r, "here"));
	html_lit(b, "</a></p>");
	if (!r->user) {
		enum lang other = r->lang == LANG_JA ? LANG_EN : LANG_JA;
		html_lit(b, "<p class=\"lang-switch\"><a");
		struct buf href = {0};
		buf_puts(&href, "/lang?to=");
		buf_puts(&href, lang_code(other));
		buf_puts(&href, "&next=");
		html_url_component(&href, r->path ? r->path : "/");
		html_attr_url(b, "href", href.p);
		buf_free(&href);
		html_attr(b, "lang", lang_code(other));
		html_lit(b, ">");
		html_text(b, other == LANG_EN ? "English" : "日本語");
		html_lit(b, "</a></p>");
	}
	html_lit(b, "</footer>\n</body></html>\n");
}

void
layout_heading(struct req *r, const char *title, const char *back_href, const char *back_label)
{
	struct buf *b = &r->out;
	if (back_href) {
		html_lit(b, "<p class=\"breadcrumb\"><a");
		html_attr(b, "href", back_href);
		html_lit(b, ">");
		html_text(b, back_label);
		html_lit(b, "</a></p>");
	}
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, title);
	html_lit(b, "</h1>");
}
