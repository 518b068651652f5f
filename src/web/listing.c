/* Table headers and the pager; see listing.h. */
#include "web/listing.h"
#include "core/arena.h"
#include "http/request.h"
#include "web/fields.h"
#include "web/html.h"

void
listing_th(struct req *r, const char *msgid)
{
	html_lit(&r->out, "<th scope=\"col\">");
	html_text(&r->out, T(r, msgid));
	html_lit(&r->out, "</th>");
}

static void
page_link(struct req *r, const char *base, int64_t page, const char *rel, const char *label)
{
	struct buf *b = &r->out;
	html_lit(b, "<a");
	html_attr(b, "rel", rel);
	html_attr(b, "href", arena_printf(r->a, "%spage=%lld", base, (long long)page));
	html_lit(b, ">");
	html_text(b, label);
	html_lit(b, "</a>");
}

void
listing_pager(struct req *r, const char *base, int64_t page, int64_t per_page, int64_t total)
{
	struct buf *b = &r->out;
	/* A page past the end shows "0–0 of N" rather than a range beyond it. */
	int64_t first = total && (page - 1) * per_page < total ? (page - 1) * per_page + 1 : 0;
	int64_t last = !first ? 0 : page * per_page < total ? page * per_page : total;
	html_lit(b, "<nav class=\"pager\"");
	html_attr(b, "aria-label", T(r, "Pages"));
	html_lit(b, ">");
	if (page > 1) {
		page_link(r, base, page - 1, "prev", T(r, "Previous"));
		html_lit(b, " ");
	}
	html_lit(b, "<span>");
	html_textf(b, T(r, "%lld–%lld of %lld"), (long long)first, (long long)last,
	           (long long)total);
	html_lit(b, "</span>");
	if (page * per_page < total) {
		html_lit(b, " ");
		page_link(r, base, page + 1, "next", T(r, "Next"));
	}
	html_lit(b, "</nav>");
}

void
listing_kv(struct req *r, const char *label, const char *value)
{
	struct buf *b = &r->out;
	html_lit(b, "<dt>");
	html_text(b, label);
	html_lit(b, "</dt><dd>");
	html_text(b, value && *value ? value : "—");
	html_lit(b, "</dd>");
}

int64_t
listing_page(struct req *r)
{
	static const struct field_decl page_decl[] = {
	    {.name = "page", .kind = FIELD_INT, .min = 1, .max = LISTING_PAGE_MAX}};
	struct field_value v; /* absent or refused: the first page */
	return fields_read(r, FROM_QUERY, page_decl, 1, NULL, &v) == 0 && v.present ? v.num : 1;
}
