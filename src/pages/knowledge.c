/*
 * Knowledge (ナレッジ, guide 4.9): the search page of a customer, an article,
 * and its attachments. Search needs 3 characters at least and is served by
 * the trigram index (store/knowledge.h), so it finds substrings in Japanese
 * as in English; without a query the page lists the articles (newest
 * first). Filters (language, knowledge base, category, author) show as
 * removable chips with すべて消去; sorts: relevance, views, newest,
 * alphabetical; 20 results a page.
 *
 * A customer sees the published articles of the services it subscribes to
 * (and those its targeting allows): any other article, draft or retired,
 * of another service or another customer, answers 404 exactly like one
 * that does not exist.
 */
#include "app.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/text.h"
#include "http/request.h"
#include "pages/pages.h"
#include "store/db.h"
#include "store/knowledge.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "views/knowledge_view.h"

#include <stdio.h>
#include <string.h>

#define PER_PAGE  20
#define QUERY_MIN 3   /* characters */
#define QUERY_MAX 200 /* characters */
#define PAGE_MAX  10000

static const char *const sort_labels[KB_SORT__MAX] = {N_("Relevance"), N_("Views"), N_("Newest"),
                                                      N_("Alphabetical")};

/* --- the search page --- */

struct search {
	const char *q; /* trimmed, "" when absent */
	const char *lang;
	int64_t kb, cat, author, page;
	enum kb_sort sort;
	bool sort_given;
	const char *error; /* of the query field */
	bool searching;    /* q is a search (not empty, no error); else the list */
};

/*
 * The search's query. A value that is not one of the allowed ones counts
 * as not given (the whole list, the first page, the default order); the
 * search term's own limits are checked below, with their messages.
 */
static const char *const lang_choices[] = {"ja", "en", NULL};
static const char *const sort_choices[KB_SORT__MAX + 1] = {"relevance", "views", "newest", "alpha",
                                                           NULL};
enum { ARG_Q, ARG_LANG, ARG_KB, ARG_CAT, ARG_AUTHOR, ARG_PAGE, ARG_SORT, ARG__MAX };
static const struct field_decl search_decl[ARG__MAX] = {
    [ARG_Q] = {.name = "q", .kind = FIELD_LINE, .max_chars = 64 * 1024},
    [ARG_LANG] = {.name = "lang", .kind = FIELD_CHOICE, .choices = lang_choices},
    [ARG_KB] = {.name = "kb", .kind = FIELD_ID},
    [ARG_CAT] = {.name = "cat", .kind = FIELD_ID},
    [ARG_AUTHOR] = {.name = "author", .kind = FIELD_ID},
    [ARG_PAGE] = {.name = "page", .kind = FIELD_INT, .min = 1, .max = PAGE_MAX},
    [ARG_SORT] = {.name = "sort", .kind = FIELD_CHOICE, .choices = sort_choices},
};

/* The id or number of a query argument; 0 when absent or refused. */
static int64_t
arg_num(const struct field_value *v, bool refused)
{
	return v->present && !refused ? v->num : 0;
}

static void
read_search(struct req *r, struct search *s)
{
	memset(s, 0, sizeof(*s));
	struct field_value v[ARG__MAX];
	struct dom d; /* which arguments were refused */
	web_dom(r, &d);
	fields_read(r, FROM_QUERY, search_decl, ARG__MAX, &d, v);
	s->q = v[ARG_Q].text;
	s->lang = v[ARG_LANG].choice >= 0 ? lang_choices[v[ARG_LANG].choice] : "";
	s->kb = arg_num(&v[ARG_KB], dom_error(&d, "kb"));
	s->cat = arg_num(&v[ARG_CAT], dom_error(&d, "cat"));
	s->author = arg_num(&v[ARG_AUTHOR], dom_error(&d, "author"));
	s->page = arg_num(&v[ARG_PAGE], dom_error(&d, "page"));
	if (s->page < 1)
		s->page = 1;
	s->sort = v[ARG_SORT].choice >= 0 ? (enum kb_sort)v[ARG_SORT].choice : KB_SORT__MAX;
	s->sort_given = s->sort != KB_SORT__MAX;
	size_t chars = text_chars(s->q);
	if (*s->q && chars < QUERY_MIN)
		s->error = T(r, "Enter at least 3 characters to search.");
	else if (chars > QUERY_MAX)
		s->error = T(r, "Enter 200 characters at most.");
	else
		s->searching = *s->q != '\0';
	if (!s->sort_given)
		s->sort = s->searching ? KB_SORT_RELEVANCE : KB_SORT_NEWEST;
	else if (s->sort == KB_SORT_RELEVANCE && !s->searching)
		s->sort = KB_SORT_NEWEST;
}

/* The address of the search s (defaults left out). */
static const char *
search_url(struct req *r, const struct search *s)
{
	struct buf u = {0};
	buf_puts(&u, "/knowledge?");
	if (*s->q) {
		buf_puts(&u, "q=");
		html_url_component(&u, s->q);
		buf_putc(&u, '&');
	}
	if (*s->lang)
		buf_printf(&u, "lang=%s&", s->lang);
	if (s->kb)
		buf_printf(&u, "kb=%lld&", (long long)s->kb);
	if (s->cat)
		buf_printf(&u, "cat=%lld&", (long long)s->cat);
	if (s->author)
		buf_printf(&u, "author=%lld&", (long long)s->author);
	if (s->sort_given)
		buf_printf(&u, "sort=%s&", sort_choices[s->sort]);
	if (s->page > 1)
		buf_printf(&u, "page=%lld&", (long long)s->page);
	u.p[--u.len] = '\0'; /* the last '&' or the '?' */
	const char *out = arena_strdup(r->a, u.p);
	buf_free(&u);
	return out;
}

/* What the filter lists and chips need to name things. */
struct facets {
	struct kb_base *bases;
	int nbases;
	struct kb_category *cats;
	int ncats;
	struct kb_author *authors;
	int nauthors;
};

static const char *
base_label(const struct req *r, const struct facets *f, int64_t id)
{
	for (int i = 0; i < f->nbases; i++)
		if (f->bases[i].id == id)
			return kb_name(r, f->bases[i].name_ja, f->bases[i].name_en);
	return NULL;
}

static const char *
cat_label(const struct req *r, const struct facets *f, int64_t id)
{
	for (int i = 0; i < f->ncats; i++)
		if (f->cats[i].id == id)
			return kb_name(r, f->cats[i].name_ja, f->cats[i].name_en);
	return NULL;
}

static const char *
author_label(const struct facets *f, int64_t id)
{
	for (int i = 0; i < f->nauthors; i++)
		if (f->authors[i].id == id)
			return f->authors[i].name;
	return NULL;
}

/* One choice of a filter list: a link that sets (or, when current, clears) it. */
static void
filter_link(struct req *r, const struct search *next, const char *label, bool current)
{
	struct buf *b = &r->out;
	html_lit(b, "<li><a");
	html_attr(b, "href", search_url(r, next));
	if (current)
		html_lit(b, " aria-current=\"true\" class=\"kb-filter-on\"");
	html_lit(b, ">");
	html_text(b, label);
	html_lit(b, "</a></li>");
}

static void
write_filters(struct req *r, const struct search *s, const struct facets *f)
{
	struct buf *b = &r->out;
	html_lit(b, "<aside class=\"kb-filters card\"");
	html_attr(b, "aria-label", T(r, "Filters"));
	html_lit(b, "><details open><summary>");
	html_text(b, T(r, "Filters"));
	html_lit(b, "</summary><h2 class=\"kb-filter-title\">");
	html_text(b, T(r, "Language"));
	html_lit(b, "</h2><ul class=\"kb-filter-list kb-langs\">");
	static const char *const langs[] = {"en", "ja"};
	for (int i = 0; i < 2; i++) {
		struct search n = *s;
		n.page = 1;
		bool on = strcmp(s->lang, langs[i]) == 0;
		n.lang = on ? "" : langs[i];
		filter_link(r, &n, kb_lang_label(langs[i]), on);
	}
	html_lit(b, "</ul><p class=\"kb-filter-group\">");
	html_text(b, T(r, "Refine results"));
	html_lit(b, "</p><h2 class=\"kb-filter-title\">");
	html_text(b, T(r, "Knowledge base"));
	html_lit(b, "</h2><ul class=\"kb-filter-list kb-bases\">");
	for (int i = 0; i < f->nbases; i++) {
		struct search n = *s;
		n.page = 1;
		bool on = s->kb == f->bases[i].id;
		n.kb = on ? 0 : f->bases[i].id;
		if (!on)
			n.cat = 0; /* a category belongs to one knowledge base */
		filter_link(r, &n, kb_name(r, f->bases[i].name_ja, f->bases[i].name_en), on);
	}
	html_lit(b, "</ul><h2 class=\"kb-filter-title\">");
	html_text(b, T(r, "Category"));
	html_lit(b, "</h2><ul class=\"kb-filter-list kb-cats\">");
	for (int i = 0; i < f->ncats; i++) {
		if (s->kb && f->cats[i].kb_id != s->kb)
			continue;
		struct search n = *s;
		n.page = 1;
		bool on = s->cat == f->cats[i].id;
		n.cat = on ? 0 : f->cats[i].id;
		filter_link(r, &n, kb_name(r, f->cats[i].name_ja, f->cats[i].name_en), on);
	}
	html_lit(b, "</ul><h2 class=\"kb-filter-title\">");
	html_text(b, T(r, "Author"));
	html_lit(b, "</h2><ul class=\"kb-filter-list kb-authors\">");
	for (int i = 0; i < f->nauthors; i++) {
		struct search n = *s;
		n.page = 1;
		bool on = s->author == f->authors[i].id;
		n.author = on ? 0 : f->authors[i].id;
		filter_link(r, &n, f->authors[i].name, on);
	}
	html_lit(b, "</ul></details></aside>");
}

static void
chip(struct req *r, const struct search *without, const char *label)
{
	struct buf *b = &r->out;
	html_lit(b, "<li><a class=\"kb-chip\"");
	html_attr(b, "href", search_url(r, without));
	html_attr(b, "aria-label", arena_printf(r->a, T(r, "Remove the filter %s"), label));
	html_lit(b, ">");
	html_text(b, label);
	html_lit(b, " <span aria-hidden=\"true\">×</span></a></li>");
}

/* 適用済みフィルター: a chip per filter, and すべて消去. */
static void
write_chips(struct req *r, const struct search *s, const struct facets *f)
{
	if (!*s->lang && !s->kb && !s->cat && !s->author)
		return;
	struct buf *b = &r->out;
	html_lit(b,
	         "<div class=\"kb-chips\"><span class=\"kb-chips-label\" id=\"kb-chips-label\">");
	html_text(b, T(r, "Applied filters"));
	html_lit(b, "</span><ul aria-labelledby=\"kb-chips-label\">");
	struct search n;
	if (*s->lang) {
		n = *s;
		n.page = 1;
		n.lang = "";
		chip(r, &n, kb_lang_label(s->lang));
	}
	if (s->kb) {
		n = *s;
		n.page = 1;
		n.kb = 0;
		n.cat = 0;
		const char *l = base_label(r, f, s->kb);
		chip(r, &n, l ? l : T(r, "Knowledge base"));
	}
	if (s->cat) {
		n = *s;
		n.page = 1;
		n.cat = 0;
		const char *l = cat_label(r, f, s->cat);
		chip(r, &n, l ? l : T(r, "Category"));
	}
	if (s->author) {
		n = *s;
		n.page = 1;
		n.author = 0;
		const char *l = author_label(f, s->author);
		chip(r, &n, l ? l : T(r, "Author"));
	}
	n = *s;
	n.page = 1;
	n.lang = "";
	n.kb = n.cat = n.author = 0;
	html_lit(b, "<li><a class=\"kb-clear\"");
	html_attr(b, "href", search_url(r, &n));
	html_lit(b, ">");
	html_text(b, T(r, "Clear all"));
	html_lit(b, "</a></li></ul></div>");
}

static void
write_sorts(struct req *r, const struct search *s)
{
	struct buf *b = &r->out;
	html_lit(b, "<nav class=\"kb-sorts\"");
	html_attr(b, "aria-label", T(r, "Sort by"));
	html_lit(b, "><span>");
	html_text(b, T(r, "Sort by"));
	html_lit(b, "</span><ul>");
	for (int i = 0; i < KB_SORT__MAX; i++) {
		if (i == KB_SORT_RELEVANCE && !s->searching)
			continue;
		struct search n = *s;
		n.page = 1;
		n.sort = (enum kb_sort)i;
		n.sort_given = true;
		html_lit(b, "<li><a");
		html_attr(b, "href", search_url(r, &n));
		if (s->sort == (enum kb_sort)i)
			html_lit(b, " aria-current=\"true\"");
		html_lit(b, ">");
		html_text(b, T(r, sort_labels[i]));
		html_lit(b, "</a></li>");
	}
	html_lit(b, "</ul></nav>");
}

static void
write_hit(struct req *r, const struct kb_hit *h)
{
	struct buf *b = &r->out;
	html_lit(b, "<li class=\"kb-hit\"><h3 class=\"kb-hit-title\"><a");
	html_attr(b, "href", arena_printf(r->a, "/knowledge/%s", h->number));
	html_attr(b, "lang", h->lang);
	html_lit(b, ">");
	if (h->title_marked)
		kb_write_marked(r, h->title_marked);
	else
		html_text(b, h->title);
	html_lit(b, "</a></h3><p class=\"kb-hit-where\">");
	html_text(b, kb_name(r, h->kb_ja, h->kb_en));
	if (*h->cat_ja) {
		html_lit(b, " | ");
		html_text(b, kb_name(r, h->cat_ja, h->cat_en));
	}
	html_lit(b, "</p><p class=\"kb-hit-snippet\"");
	html_attr(b, "lang", h->lang);
	html_lit(b, ">");
	if (h->snippet_marked)
		kb_write_marked(r, h->snippet_marked);
	else
		html_text(b, h->excerpt);
	html_lit(b, "</p><p class=\"kb-hit-meta muted\">");
	html_text(b, h->author);
	html_lit(b, " • ");
	html_textf(b, T(r, "%lld views"), (long long)h->views);
	html_lit(b, " • ");
	kb_write_time_ago(r, h->published_at);
	html_lit(b, "</p></li>");
}

/*
 * The pager under the results. total < 0: a broad search, whose total is
 * only known to be more than KB_COUNT_CAP (-1 when a next page is offered).
 */
static void
write_pager(struct req *r, const struct search *s, int64_t total)
{
	struct buf *b = &r->out;
	bool broad = total < 0;
	bool more = total == -1;
	if (broad)
		total = KB_COUNT_CAP;
	int64_t first = total ? (s->page - 1) * PER_PAGE + 1 : 0;
	int64_t last = s->page * PER_PAGE < total ? s->page * PER_PAGE : total;
	html_lit(b, "<nav class=\"pager\"");
	html_attr(b, "aria-label", T(r, "Pages"));
	html_lit(b, ">");
	if (s->page > 1) {
		struct search n = *s;
		n.page--;
		html_lit(b, "<a rel=\"prev\"");
		html_attr(b, "href", search_url(r, &n));
		html_lit(b, ">");
		html_text(b, T(r, "Previous"));
		html_lit(b, "</a> ");
	}
	html_lit(b, "<span>");
	if (broad)
		html_textf(b, T(r, "%lld–%lld of more than %lld"), (long long)first,
		           (long long)last, (long long)total);
	else
		html_textf(b, T(r, "%lld–%lld of %lld"), (long long)first, (long long)last,
		           (long long)total);
	html_lit(b, "</span>");
	if (broad ? more : last < total) {
		struct search n = *s;
		n.page++;
		html_lit(b, " <a rel=\"next\"");
		html_attr(b, "href", search_url(r, &n));
		html_lit(b, ">");
		html_text(b, T(r, "Next"));
		html_lit(b, "</a>");
	}
	html_lit(b, "</nav>");
}

static void
write_search_form(struct req *r, const struct search *s)
{
	struct buf *b = &r->out;
	html_lit(b,
	         "<form class=\"kb-search\" method=\"get\" action=\"/knowledge\" role=\"search\">");
	form_field(r, &(struct field){.name = "q",
	                              .label = T(r, "Search (3 characters at least)"),
	                              .value = s->q,
	                              .error = s->error,
	                              .type = "search",
	                              .autocomplete = "off",
	                              .maxlength = QUERY_MAX});
	if (*s->lang)
		form_hidden(r, "lang", s->lang);
	if (s->kb)
		form_hidden(r, "kb", arena_printf(r->a, "%lld", (long long)s->kb));
	if (s->cat)
		form_hidden(r, "cat", arena_printf(r->a, "%lld", (long long)s->cat));
	if (s->author)
		form_hidden(r, "author", arena_printf(r->a, "%lld", (long long)s->author));
	form_submit(r, T(r, "Search"));
}

static void
breadcrumb(struct req *r, const char *last)
{
	struct buf *b = &r->out;
	html_lit(b, "<nav class=\"breadcrumb\"");
	html_attr(b, "aria-label", T(r, "Breadcrumb"));
	html_lit(b, "><a href=\"/\">");
	html_text(b, T(r, "Home"));
	html_lit(b, "</a> &gt; <a href=\"/knowledge\">");
	html_text(b, T(r, "Knowledge"));
	html_lit(b, "</a> &gt; <span aria-current=\"page\">");
	html_text(b, last);
	html_lit(b, "</span></nav>");
}

/* GET /knowledge?q=&lang=&kb=&cat=&author=&sort=&page= */
int
page_knowledge(struct req *r)
{
	struct search s;
	read_search(r, &s);
	struct db *db = db_thread();
	if (!db)
		return 500;
	int64_t now = clock_now(), cid = r->user->customer_id;
	struct facets f = {0};
	f.nbases = kb_bases_visible(db, cid, r->a, &f.bases);
	f.ncats = kb_categories_visible(db, cid, r->a, &f.cats);
	f.nauthors = kb_authors_visible(db, cid, now, r->a, &f.authors);
	if (f.nbases < 0 || f.ncats < 0 || f.nauthors < 0)
		return 500;
	struct kb_query kq = {.customer_id = cid,
	                      .now = now,
	                      .keywords = s.searching ? s.q : NULL,
	                      .lang = s.lang,
	                      .kb_id = s.kb,
	                      .category_id = s.cat,
	                      .author_id = s.author,
	                      .sort = s.sort,
	                      .limit = PER_PAGE,
	                      .offset = (s.page - 1) * PER_PAGE};
	int64_t total = 0; /* -1: more than KB_COUNT_CAP */
	struct kb_hit *hits = NULL;
	int n = 0;
	if (!s.error) {
		n = kb_search(db, &kq, r->a, &hits, &total);
		if (n < 0)
			return 500;
	}
	struct page p = {.title = T(r, "Knowledge search"), .menu = "knowledge"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	breadcrumb(r, p.title);
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1>");
	write_search_form(r, &s);
	html_lit(b, "<div class=\"kb-layout\">");
	write_filters(r, &s, &f);
	html_lit(b,
	         "<section class=\"kb-results\" aria-labelledby=\"kb-count\"><h2 id=\"kb-count\" "
	         "class=\"kb-count\" aria-live=\"polite\">");
	if (s.error)
		html_text(b, T(r, "No search was made."));
	else if (s.searching && total < 0)
		html_textf(b, T(r, "More than %lld results: \"%s\""), (long long)KB_COUNT_CAP, s.q);
	else if (s.searching)
		html_textf(b, T(r, "%lld results: \"%s\""), (long long)total, s.q);
	else if (total < 0)
		html_textf(b, T(r, "More than %lld results"), (long long)KB_COUNT_CAP);
	else
		html_textf(b, T(r, "%lld results"), (long long)total);
	html_lit(b, "</h2>");
	if (!s.error) {
		write_sorts(r, &s);
		write_chips(r, &s, &f);
		if (s.searching && total < 0) {
			html_lit(b, "<p class=\"muted kb-broad\">");
			html_textf(b,
			           T(r,
			             "More than %lld articles match, so the results come from the "
			             "%lld added most recently. Add words or filters to narrow the "
			             "search."),
			           (long long)KB_COUNT_CAP, (long long)KB_COUNT_CAP);
			html_lit(b, "</p>");
		}
		if (n == 0) {
			html_lit(b, "<p class=\"muted kb-none\">");
			html_text(b, T(r, "No article matches."));
			html_lit(b, "</p>");
		} else {
			html_lit(b, "<ol class=\"kb-hits\">");
			for (int i = 0; i < n; i++)
				write_hit(r, &hits[i]);
			html_lit(b, "</ol>");
		}
		if (total < 0)
			write_pager(r, &s,
			            n == PER_PAGE && s.page < KB_COUNT_CAP / PER_PAGE ? -1 : -2);
		else if (total > PER_PAGE)
			write_pager(r, &s, total);
	}
	html_lit(b, "</section></div><p class=\"kb-more\"><a href=\"/announcements\">");
	html_text(b, T(r, "All announcements"));
	html_lit(b, "</a></p>");
	layout_end(r);
	return 200;
}

/* True for "KB" and 7 digits. */
static bool
number_ok(const char *s)
{
	if (!s || strlen(s) != 9 || s[0] != 'K' || s[1] != 'B')
		return false;
	for (int i = 2; i < 9; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* GET /knowledge/:number */
int
page_knowledge_article(struct req *r)
{
	if (!number_ok(r->pp[0]))
		return 404;
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct kb_article x;
	int found = kb_article_visible(db, r->pp[0], r->user->customer_id, clock_now(), r->a, &x);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	if (r->method == HTTP_GET) {
		if (kb_article_viewed(db, x.id) != 0)
			return 500;
		x.views++;
	}
	struct kb_attachment *files;
	int nfiles = kb_attachments_of(db, x.id, r->a, &files);
	if (nfiles < 0)
		return 500;
	struct page p = {.title = x.title, .menu = "knowledge"};
	layout_begin(r, &p);
	breadcrumb(r, x.number);
	if (kb_write_article(r, &x, files, nfiles,
	                     arena_printf(r->a, "/knowledge/%s/files", x.number), 1) != 0)
		log_error("rid=%s %s: markdown failed", r->rid, x.number);
	layout_end(r);
	return 200;
}

/* GET /knowledge/:number/files/:id */
int
page_knowledge_file(struct req *r)
{
	int64_t fid;
	if (!number_ok(r->pp[0]) || parse_id(r->pp[1], &fid) != 0)
		return 404;
	struct db *db = db_thread();
	if (!db)
		return 500;
	struct kb_article x;
	int found = kb_article_visible(db, r->pp[0], r->user->customer_id, clock_now(), r->a, &x);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	struct kb_attachment f;
	found = kb_attachment_get(db, fid, x.id, r->a, &f);
	if (found <= 0)
		return found < 0 ? 500 : 404;
	return kb_send_attachment(r, &f);
}
