/*
 * The built-in privacy page, linked from the footer when the provider has
 * not set the address of its own policy (setting provider.privacy_url).
 */
#include "app.h"
#include "http/request.h"
#include "pages/pages.h"
#include "web/html.h"
#include "web/layout.h"

int
page_privacy(struct req *r)
{
	struct page p = {.title = T(r, "Privacy policy"), .bare = r->user == NULL};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1><section class=\"card\"><p>");
	html_text(b, r->app->provider_name);
	html_text(b, T(r, " uses the personal data kept in this portal (names, e-mail addresses, "
	                  "telephone numbers and sign-in records) only to provide its services "
	                  "to you and to keep your account secure."));
	html_lit(b, "</p><p>");
	html_text(b, T(r, "Please ask your administrator or the provider's support for the full "
	                  "policy and for any request about your data."));
	html_lit(b, "</p></section>");
	layout_end(r);
	return 200;
}
