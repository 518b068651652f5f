/* Error pages; see error_page.h. */
#include "web/error_page.h"
#include "core/i18n.h"
#include "http/request.h"
#include "web/html.h"
#include "web/layout.h"

struct error_text {
	int status;
	const char *title, *text;
};

static const struct error_text texts[] = {
    {400, N_("Bad request"), N_("The request could not be understood.")},
    {403, N_("This form has expired"),
     N_("For your security the form could not be accepted. Go back, reload the page and "
        "try again.")},
    {404, N_("Page not found"),
     N_("The page you asked for does not exist or is not available "
        "to you.")},
    {405, N_("Method not allowed"), N_("This address does not accept that kind of request.")},
    {413, N_("Request too large"), N_("What you sent is larger than this page accepts.")},
    {500, N_("Something went wrong"),
     N_("The portal could not complete your request. Nothing was changed; please try again "
        "later.")},
    {503, N_("Temporarily unavailable"), N_("The portal is busy. Please try again shortly.")},
};

void
error_page(struct req *r, int status)
{
	const struct error_text *t = &texts[5];
	for (size_t i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
		if (texts[i].status == status)
			t = &texts[i];
	r->out.len = 0;
	r->status = status;
	struct page p = {.title = T(r, t->title), .bare = r->user == NULL};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"error-page\"><p class=\"error-code\">");
	html_int(b, status);
	html_lit(b, "</p><h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1><p>");
	html_text(b, T(r, t->text));
	html_lit(b, "</p><p><a href=\"/\">");
	html_text(b, T(r, "Back to home"));
	html_lit(b, "</a></p></div>");
	layout_end(r);
}
