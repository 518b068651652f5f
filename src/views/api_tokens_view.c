/* The API tokens page of both sides; see api_tokens_view.h. */
#include "views/api_tokens_view.h"
#include "accounts/api_tokens.h"
#include "core/arena.h"
#include "core/clock.h"
#include "http/request.h"
#include "views/case_labels.h"
#include "web/actor.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"

#include <stdlib.h>
#include <string.h>

static const char *const expiry_values[] = {"30", "90", "365", "0"};

/* The form field of a scope: "scope_cases_read" (ids take no colon). */
static const char *
scope_field(struct arena *a, int scope)
{
	char *name = arena_printf(a, "scope_%s", api_scope_code((enum api_scope)scope));
	for (char *p = name; *p; p++)
		if (*p == ':')
			*p = '_';
	return name;
}

static void
write_secret(struct req *r, const char *secret)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"card\" role=\"status\"><p>");
	html_text(b, T(r, "Copy the token now: it is shown only once."));
	html_lit(b, "</p><p><code id=\"api-token-secret\">");
	html_text(b, secret);
	html_lit(b, "</code></p></div>");
}

static void
write_row(struct req *r, const char *base, const struct api_token_row *t, bool staff)
{
	struct buf *b = &r->out;
	html_lit(b, "<tr><td>");
	html_text(b, t->name);
	html_lit(b, "<br><code>");
	html_text(b, t->prefix);
	html_lit(b, "…</code></td><td>");
	html_text(b, t->scopes);
	if (staff) {
		html_lit(b, "</td><td>");
		html_text(b, *t->customer_number ? t->customer_number : T(r, "All customers"));
	}
	html_lit(b, "</td><td>");
	html_text(b, t->creator_name);
	html_lit(b, "</td><td>");
	html_text(b, t->expires_at ? case_time(r, t->expires_at) : T(r, "Never"));
	html_lit(b, "</td><td>");
	if (t->last_used_at) {
		html_text(b, case_time(r, t->last_used_at));
		html_lit(b, "<br>");
		html_text(b, t->last_used_ip);
	} else {
		html_text(b, T(r, "Not used yet"));
	}
	html_lit(b, "</td><td>");
	if (t->revoked_at) {
		html_text(b, T(r, "Revoked"));
	} else if (t->expires_at && t->expires_at <= clock_now()) {
		html_text(b, T(r, "Expired"));
	} else {
		html_lit(b, "<form method=\"post\"");
		html_attr(b, "action",
		          arena_printf(r->a, "%s/%lld/revoke", base, (long long)t->id));
		html_lit(b, ">");
		form_csrf(r);
		html_lit(b, "<button class=\"btn btn-danger\" type=\"submit\">");
		html_text(b, T(r, "Revoke"));
		html_lit(b, "</button></form>");
	}
	html_lit(b, "</td></tr>");
}

static void
write_list(struct req *r, const char *base, const struct api_token_row *v, int n, bool staff)
{
	struct buf *b = &r->out;
	if (n == 0) {
		html_lit(b, "<p>");
		html_text(b, T(r, "No API tokens yet."));
		html_lit(b, "</p>");
		return;
	}
	html_lit(b,
	         "<div class=\"table-wrap\"><table class=\"table\"><thead><tr><th scope=\"col\">");
	html_text(b, T(r, "Name"));
	html_lit(b, "</th><th scope=\"col\">");
	html_text(b, T(r, "Scopes"));
	if (staff) {
		html_lit(b, "</th><th scope=\"col\">");
		html_text(b, T(r, "Customer"));
	}
	html_lit(b, "</th><th scope=\"col\">");
	html_text(b, T(r, "Issued by"));
	html_lit(b, "</th><th scope=\"col\">");
	html_text(b, T(r, "Expires"));
	html_lit(b, "</th><th scope=\"col\">");
	html_text(b, T(r, "Last use"));
	html_lit(b, "</th><th scope=\"col\">");
	html_text(b, T(r, "State"));
	html_lit(b, "</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++)
		write_row(r, base, &v[i], staff);
	html_lit(b, "</tbody></table></div>");
}

static void
write_form(struct req *r, const char *base, const struct dom *d, const struct api_token_in *in,
           bool staff)
{
	struct buf *b = &r->out;
	html_lit(b, "<h2>");
	html_text(b, T(r, "Issue a token"));
	html_lit(b, "</h2><form class=\"card form\" method=\"post\"");
	html_attr(b, "action", base);
	html_lit(b, ">");
	form_csrf(r);
	form_field(r, &(struct field){.name = "name",
	                              .label = T(r, "Name"),
	                              .value = in ? in->name : NULL,
	                              .error = d ? web_error(r, d, "name") : NULL,
	                              .maxlength = API_TOKEN_NAME_MAX,
	                              .required = true});
	html_lit(b, "<fieldset><legend>");
	html_text(b, T(r, "Scopes"));
	html_lit(b, "</legend>");
	for (int i = 0; i < API_SCOPE__MAX; i++) {
		if (!staff && !api_scope_for_customers((enum api_scope)i))
			continue;
		const char *code = api_scope_code((enum api_scope)i);
		form_checkbox(r, scope_field(r->a, i), code, in && in->scopes[i]);
	}
	if (d && web_error(r, d, "scopes"))
		form_error(r, "scopes-error", web_error(r, d, "scopes"));
	html_lit(b, "</fieldset>");
	if (staff)
		form_field(r,
		           &(struct field){.name = "customer",
		                           .label = T(r, "Customer number (empty: every customer)"),
		                           .value = in ? in->customer_number : NULL,
		                           .error = d ? web_error(r, d, "customer") : NULL,
		                           .maxlength = 20});
	const char *labels[] = {T(r, "30 days"), T(r, "90 days"), T(r, "1 year"), T(r, "Never")};
	const char *cur = in ? arena_printf(r->a, "%d", in->expires_days) : "90";
	form_select(r, "expires", T(r, "Expires after"), expiry_values, labels, 4, cur);
	form_submit(r, T(r, "Issue"));
}

int
api_tokens_render(struct req *r, const char *base, int status, const char *secret,
                  const struct dom *d, const struct api_token_in *in)
{
	struct dom ld;
	web_dom(r, &ld);
	struct api_token_row *v = NULL;
	int n = 0;
	int st = api_token_list_op(&ld, &v, &n);
	if (st != DOM_OK)
		return web_status(st);
	bool staff = ld.who.staff;
	struct page p = {.title = T(r, "API tokens"),
	                 .menu = staff ? "console-api-tokens" : "api-tokens"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1><p>");
	html_text(b,
	          T(r, "Tokens let other systems use the API (docs/api.md) with "
	               "Authorization: Bearer. Each one acts as the administrator who issued it."));
	html_lit(b, "</p>");
	if (secret)
		write_secret(r, secret);
	else if (req_query(r, "revoked"))
		form_alert(r, ALERT_SUCCESS, T(r, "The token has been revoked."), true);
	if (d && d->nerrors)
		form_alert(r, ALERT_ERROR, T(r, "The token was not issued: see the fields below."),
		           false);
	write_list(r, base, v, n, staff);
	write_form(r, base, d, in, staff);
	layout_end(r);
	return status;
}

int
api_tokens_page(struct req *r, const char *base)
{
	return api_tokens_render(r, base, 200, NULL, NULL, NULL);
}

int
api_tokens_issue(struct req *r, const char *base)
{
	struct dom d;
	web_dom(r, &d);
	struct api_token_in in = {.name = req_form(r, "name"),
	                          .customer_number = req_form(r, "customer")};
	for (int i = 0; i < API_SCOPE__MAX; i++)
		in.scopes[i] = req_form(r, scope_field(r->a, i)) != NULL;
	const char *exp = req_form(r, "expires");
	char *end = NULL;
	long days = exp ? strtol(exp, &end, 10) : -1;
	in.expires_days = exp && end != exp && !*end ? (int)days : -1;
	const char *secret = NULL;
	int st = api_token_issue(&d, &in, &secret, NULL);
	if (st == DOM_INVALID)
		return api_tokens_render(r, base, 422, NULL, &d, &in);
	if (st != DOM_OK)
		return web_status(st);
	return api_tokens_render(r, base, 200, secret, NULL, NULL);
}

int
api_tokens_revoke(struct req *r, const char *base)
{
	struct dom d;
	web_dom(r, &d);
	char *end;
	long long id = strtoll(r->pp[0], &end, 10);
	if (*end || id <= 0)
		return 404;
	int st = api_token_revoke_op(&d, id);
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, arena_printf(r->a, "%s?revoked=1", base));
}
