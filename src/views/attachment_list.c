/* The card of a case's or a request's files; see attachment_list.h. */
#include "views/attachment_list.h"
#include "core/arena.h"
#include "http/request.h"
#include "store/cases.h"
#include "web/html.h"

void
attachment_list(struct req *r, const char *base, const struct attachment_row *f, int n)
{
	struct buf *b = &r->out;
	html_lit(b, "<section class=\"card\"><h2>");
	html_text(b, T(r, "Attachments"));
	html_lit(b, "</h2>");
	if (n == 0) {
		html_lit(b, "<p class=\"muted\">");
		html_text(b, T(r, "There are no attachments."));
		html_lit(b, "</p></section>");
		return;
	}
	html_lit(b, "<ul class=\"attachments\">");
	for (int i = 0; i < n; i++) {
		html_lit(b, "<li><a");
		html_attr(b, "href", arena_printf(r->a, "%s/files/%lld", base, (long long)f[i].id));
		html_lit(b, ">");
		html_file_name(b, f[i].filename);
		html_lit(b, "</a> <span class=\"muted\">");
		html_textf(b, "(%.1f KB)", (double)f[i].size / 1024.0);
		if (f[i].internal) {
			html_lit(b, " ");
			html_text(b, T(r, "internal"));
		}
		/* The digest lets whoever got the file elsewhere check it is this one. */
		html_lit(b, "</span>");
		if (f[i].sha256 && *f[i].sha256) {
			html_lit(b, " <small class=\"muted sha256\">SHA-256 <code>");
			html_text(b, f[i].sha256);
			html_lit(b, "</code></small>");
		}
		html_lit(b, "</li>");
	}
	html_lit(b, "</ul></section>");
}
