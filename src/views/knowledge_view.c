/*
 * Rendering of knowledge shared by the customer pages (pages/knowledge.c,
 * pages/announcements.c) and the console's authoring pages
 * (agent/kb_articles.c, agent/kb_bases.c): names in the reader's language,
 * relative times, highlighted matches, an article as a reader sees it and
 * the download of an attachment.
 */
#include "views/knowledge_view.h"
#include "app.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/tz.h"
#include "http/download.h"
#include "http/request.h"
#include "store/knowledge.h"
#include "web/html.h"
#include "web/markdown.h"

#include <stdbool.h>
#include <string.h>
#include <time.h>

const char *
kb_name(const struct req *r, const char *ja, const char *en)
{
	return r->lang == LANG_EN && en && *en ? en : ja;
}

const char *
kb_lang_label(const char *code)
{
	return code && strcmp(code, "en") == 0 ? "English" : "日本語";
}

void
kb_write_time_ago(struct req *r, int64_t t)
{
	struct buf *b = &r->out;
	int64_t d = clock_now() - t;
	if (d < 0)
		d = 0;
	struct buf full = {0};
	tz_format(&full, r->user && r->user->time_zone ? r->user->time_zone : TZ_DEFAULT, t);
	html_lit(b, "<time");
	time_t tt = (time_t)t;
	struct tm utc;
	if (gmtime_r(&tt, &utc))
		html_attr(b, "datetime",
		          arena_printf(r->a, "%04d-%02d-%02dT%02d:%02d:%02dZ", utc.tm_year + 1900,
		                       utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min,
		                       utc.tm_sec));
	html_attr(b, "title", full.p ? full.p : "");
	html_lit(b, ">");
	buf_free(&full);
	const int64_t units[] = {365 * 86400, 30 * 86400, 86400, 3600, 60};
	int i = 0;
	int64_t n = 0;
	while (i < 5 && (n = d / units[i]) < 1)
		i++;
	/* One call per text: the catalogs need the format strings literally. */
	switch (i) {
	case 0:
		if (n == 1)
			html_text(b, T(r, "1 year ago"));
		else
			html_textf(b, T(r, "%lld years ago"), (long long)n);
		break;
	case 1:
		if (n == 1)
			html_text(b, T(r, "1 month ago"));
		else
			html_textf(b, T(r, "%lld months ago"), (long long)n);
		break;
	case 2:
		if (n == 1)
			html_text(b, T(r, "1 day ago"));
		else
			html_textf(b, T(r, "%lld days ago"), (long long)n);
		break;
	case 3:
		if (n == 1)
			html_text(b, T(r, "1 hour ago"));
		else
			html_textf(b, T(r, "%lld hours ago"), (long long)n);
		break;
	case 4:
		if (n == 1)
			html_text(b, T(r, "1 minute ago"));
		else
			html_textf(b, T(r, "%lld minutes ago"), (long long)n);
		break;
	default:
		html_text(b, T(r, "just now"));
		break;
	}
	html_lit(b, "</time>");
}

void
kb_write_marked(struct req *r, const char *s)
{
	struct buf *b = &r->out;
	bool open = false;
	const char *run = s;
	for (const char *p = s;; p++) {
		if (*p != '\0' && *p != KB_MARK_OPEN[0] && *p != KB_MARK_CLOSE[0])
			continue;
		html_textn(b, run, (size_t)(p - run));
		if (*p == '\0')
			break;
		if (*p == KB_MARK_OPEN[0] && !open) {
			html_lit(b, "<mark>");
			open = true;
		} else if (*p == KB_MARK_CLOSE[0] && open) {
			html_lit(b, "</mark>");
			open = false;
		}
		run = p + 1;
	}
	if (open)
		html_lit(b, "</mark>");
}

/* "1.2 MB" and the like. */
static void
write_size(struct buf *b, int64_t n)
{
	if (n < 1024)
		html_textf(b, "%lld B", (long long)n);
	else if (n < 1024 * 1024)
		html_textf(b, "%.1f KB", (double)n / 1024);
	else if (n < 1024LL * 1024 * 1024)
		html_textf(b, "%.1f MB", (double)n / (1024 * 1024));
	else
		html_textf(b, "%.2f GB", (double)n / (1024 * 1024 * 1024));
}

int
kb_write_article(struct req *r, const struct kb_article *x, const struct kb_attachment *files,
                 int nfiles, const char *files_base, int hlevel)
{
	struct buf *b = &r->out;
	html_lit(b, "<article class=\"kb-article\"");
	html_attr(b, "lang", x->lang);
	html_lit(b, "><p class=\"kb-number\">");
	html_text(b, x->number);
	if (hlevel == 1)
		html_lit(b, "</p><h1 class=\"page-title\">");
	else
		html_lit(b, "</p><h2 class=\"page-title\">");
	html_text(b, x->title);
	if (hlevel == 1)
		html_lit(b, "</h1><p class=\"kb-meta\"");
	else
		html_lit(b, "</h2><p class=\"kb-meta\"");
	html_attr(b, "lang", lang_code(r->lang));
	html_lit(b, ">");
	html_text(b, T(r, "Author"));
	html_lit(b, ": ");
	html_text(b, x->author);
	html_lit(b, " • ");
	if (x->published_at)
		kb_write_time_ago(r, x->published_at);
	else
		html_text(b, T(r, "Not published"));
	html_lit(b, " • ");
	html_lit(b, "<span class=\"kb-views\"");
	html_attr(b, "data-views", arena_printf(r->a, "%lld", (long long)x->views));
	html_lit(b, ">");
	html_textf(b, T(r, "Views: %lld"), (long long)x->views);
	html_lit(b, "</span>");
	html_lit(b, "</p><p class=\"kb-where muted\"");
	html_attr(b, "lang", lang_code(r->lang));
	html_lit(b, ">");
	html_text(b, kb_name(r, x->kb_ja, x->kb_en));
	if (*x->cat_ja) {
		html_lit(b, " | ");
		html_text(b, kb_name(r, x->cat_ja, x->cat_en));
	}
	html_lit(b, " | ");
	html_text(b, kb_lang_label(x->lang));
	html_lit(b, "</p><div class=\"kb-body\">");
	int rc = markdown_html(b, x->body, strlen(x->body));
	html_lit(b, "</div>");
	if (nfiles > 0) {
		html_lit(b, "<section class=\"kb-files card\"");
		html_attr(b, "lang", lang_code(r->lang));
		html_lit(b, "><h2>");
		html_text(b, T(r, "Attachments"));
		html_lit(b, "</h2><ul>");
		for (int i = 0; i < nfiles; i++) {
			html_lit(b, "<li><a download");
			html_attr(
			    b, "href",
			    arena_printf(r->a, "%s/%lld", files_base, (long long)files[i].id));
			html_lit(b, ">");
			html_file_name(b, files[i].filename);
			html_lit(b, "</a> <span class=\"muted\">(");
			write_size(b, files[i].size);
			html_lit(b, ")</span></li>");
		}
		html_lit(b, "</ul></section>");
	}
	html_lit(b, "</article>");
	return rc;
}

int
kb_send_attachment(struct req *r, const struct kb_attachment *f)
{
	return http_send_stored(r, f->sha256, f->mime, f->filename);
}
