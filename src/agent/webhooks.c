/*
 * Console → Webhooks (provider admins): the endpoints with their events
 * and state, enable, disable and delete buttons, the form that registers
 * one (its secret shown once, above the list), and the setting that lets
 * targets inside a network be used. An endpoint's delivery log is
 * agent/webhook_log.c.
 */
#include "agent/console.h"
#include "core/arena.h"
#include "http/request.h"
#include "store/db.h"
#include "views/case_labels.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "webhooks/webhooks.h"

#include <stdlib.h>

#define BASE "/console/webhooks"

/* The form's fields; the event check boxes follow enum webhook_event. */
enum { F_URL, F_SECRET, F_INTERNAL, F_EVENT0 };
static const struct field_decl create_decl[] = {
    [F_URL] = {.name = "url", .kind = FIELD_LINE, .max_chars = WEBHOOK_URL_MAX},
    [F_SECRET] = {.name = "secret", .kind = FIELD_ASIS, .max_chars = WEBHOOK_SECRET_MAX},
    [F_INTERNAL] = {.name = "include_internal", .kind = FIELD_BOOL},
    [F_EVENT0 + WEBHOOK_CASE_CREATED] = {.name = "event_case_created", .kind = FIELD_BOOL},
    [F_EVENT0 + WEBHOOK_CASE_UPDATED] = {.name = "event_case_updated", .kind = FIELD_BOOL},
    [F_EVENT0 + WEBHOOK_COMMENT_CREATED] = {.name = "event_comment_created", .kind = FIELD_BOOL},
    [F_EVENT0 +
        WEBHOOK_CASE_STATE_CHANGED] = {.name = "event_case_state_changed", .kind = FIELD_BOOL},
};
static const struct field_decl private_decl[] = {{.name = "allow_private", .kind = FIELD_BOOL}};
enum { N_DELETED, N_ENABLED, N_DISABLED, N_SAVED };
static const struct field_decl notice_decl[] = {
    [N_DELETED] = {.name = "deleted", .kind = FIELD_BOOL},
    [N_ENABLED] = {.name = "enabled", .kind = FIELD_BOOL},
    [N_DISABLED] = {.name = "disabled", .kind = FIELD_BOOL},
    [N_SAVED] = {.name = "saved", .kind = FIELD_BOOL},
};

static void
write_secret(struct req *r, const char *secret)
{
	struct buf *b = &r->out;
	html_lit(b, "<div class=\"card\" role=\"status\"><p>");
	html_text(b, T(r, "Copy the secret now: it is shown only once. The receiver checks "
	                  "the Madoguchi-Signature header with it."));
	html_lit(b, "</p><p><code id=\"webhook-secret\">");
	html_text(b, secret);
	html_lit(b, "</code></p></div>");
}

static void
write_notice(struct req *r)
{
	static const char *const msgids[] = {
	    [N_DELETED] = N_("The endpoint and its delivery log have been deleted."),
	    [N_ENABLED] = N_("The endpoint has been enabled."),
	    [N_DISABLED] = N_("The endpoint has been disabled: nothing is sent to it until it "
	                      "is enabled again."),
	    [N_SAVED] = N_("The setting has been saved."),
	};
	int i = fields_first_flag(r, notice_decl, FIELDS_N(notice_decl));
	if (i >= 0)
		form_alert(r, ALERT_SUCCESS, T(r, msgids[i]), true);
}

static void
write_row(struct req *r, const struct webhook_endpoint_row *e)
{
	struct buf *b = &r->out;
	const char *self = arena_printf(r->a, "%s/%lld", BASE, (long long)e->id);
	html_lit(b, "<tr><td><a");
	html_attr(b, "href", self);
	html_lit(b, ">");
	html_text(b, e->url);
	html_lit(b, "</a></td><td>");
	html_text(b, e->events);
	html_lit(b, "</td><td>");
	html_text(b, e->include_internal ? T(r, "Sent") : T(r, "Not sent"));
	html_lit(b, "</td><td>");
	html_text(b, case_time(r, e->created_at));
	html_lit(b, "</td><td>");
	html_text(b, e->enabled ? T(r, "Enabled") : T(r, "Disabled"));
	html_lit(b, "</td><td>");
	form_action_button(r, arena_printf(r->a, "%s/%s", self, e->enabled ? "disable" : "enable"),
	                   e->enabled ? T(r, "Disable") : T(r, "Enable"), NULL, false);
	form_action_button(r, arena_printf(r->a, "%s/delete", self), T(r, "Delete"),
	                   T(r, "Delete this endpoint and its delivery log?"), false);
	html_lit(b, "</td></tr>");
}

static void
write_list(struct req *r, const struct webhook_endpoint_row *v, int n)
{
	struct buf *b = &r->out;
	if (n == 0) {
		html_lit(b, "<p>");
		html_text(b, T(r, "No endpoints yet."));
		html_lit(b, "</p>");
		return;
	}
	static const char *const heads[] = {N_("URL"),     N_("Events"), N_("Internal notes"),
	                                    N_("Created"), N_("State"),  N_("Actions")};
	html_lit(b, "<div class=\"table-wrap\"><table class=\"table\"><thead><tr>");
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		html_lit(b, "<th scope=\"col\">");
		html_text(b, T(r, heads[i]));
		html_lit(b, "</th>");
	}
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++)
		write_row(r, &v[i]);
	html_lit(b, "</tbody></table></div>");
}

static void
write_form(struct req *r, const struct dom *d, const struct field_value *v)
{
	struct buf *b = &r->out;
	html_lit(b, "<h2>");
	html_text(b, T(r, "Register an endpoint"));
	html_lit(b, "</h2><form class=\"card form\" method=\"post\"");
	html_attr(b, "action", BASE);
	html_lit(b, ">");
	form_csrf(r);
	form_field(r,
	           &(struct field){.name = "url",
	                           .label = T(r, "URL"),
	                           .type = "url",
	                           .value = v ? v[F_URL].text : NULL,
	                           .error = d ? web_error(r, d, "url") : NULL,
	                           .maxlength = WEBHOOK_URL_MAX,
	                           .hint = T(r, "https:// (or http://) on the receiving server."),
	                           .required = true});
	form_field(r, &(struct field){.name = "secret",
	                              .label = T(r, "Secret"),
	                              .type = "password",
	                              .autocomplete = "off",
	                              .error = d ? web_error(r, d, "secret") : NULL,
	                              .maxlength = WEBHOOK_SECRET_MAX,
	                              .hint = T(r, "Leave it empty to have one generated.")});
	html_lit(b, "<fieldset><legend>");
	html_text(b, T(r, "Events"));
	html_lit(b, "</legend>");
	for (int i = 0; i < WEBHOOK_EVENT__MAX; i++)
		form_checkbox(r, create_decl[F_EVENT0 + i].name,
		              webhook_event_code((enum webhook_event)i), v && v[F_EVENT0 + i].num);
	if (d && web_error(r, d, "events"))
		form_error(r, "events-error", web_error(r, d, "events"));
	html_lit(b, "</fieldset>");
	form_checkbox(r, "include_internal",
	              T(r, "Send internal notes too (flagged \"internal\": true)"),
	              v && v[F_INTERNAL].num);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-primary\" type=\"submit\">");
	html_text(b, T(r, "Register"));
	html_lit(b, "</button></div></form>");
}

static void
write_private_setting(struct req *r, bool allow)
{
	struct buf *b = &r->out;
	html_lit(b, "<h2>");
	html_text(b, T(r, "Targets inside a network"));
	html_lit(b, "</h2><form class=\"card form\" method=\"post\"");
	html_attr(b, "action", BASE "/settings");
	html_lit(b, "><p>");
	html_text(b, T(r, "Private, loopback, link-local and unique-local addresses (10.0.0.0/8, "
	                  "127.0.0.1, fd00::/8 …) are refused, also when a host name resolves to "
	                  "them, so that an endpoint cannot reach the provider's own network."));
	html_lit(b, "</p>");
	form_csrf(r);
	form_checkbox(r, "allow_private", T(r, "Allow targets in private ranges"), allow);
	html_lit(b, "<div class=\"actions\"><button class=\"btn btn-secondary\" type=\"submit\">");
	html_text(b, T(r, "Save"));
	html_lit(b, "</button></div></form>");
}

/* The page; secret NULL unless an endpoint was just registered. */
static int
render(struct req *r, int status, const char *secret, const struct dom *d,
       const struct field_value *v)
{
	struct dom ld;
	web_dom(r, &ld);
	struct webhook_endpoint_row *eps = NULL;
	int n = 0;
	int st = webhook_endpoints_op(&ld, &eps, &n);
	if (st != DOM_OK)
		return web_status(st);
	struct page p = {.title = T(r, "Webhooks"), .menu = "console-webhooks"};
	layout_begin(r, &p);
	struct buf *b = &r->out;
	html_lit(b, "<h1 class=\"page-title\">");
	html_text(b, p.title);
	html_lit(b, "</h1><p>");
	html_text(b, T(r, "Other systems are told about cases as they change: each delivery is "
	                  "a signed POST of JSON (docs/api.md), retried for 24 hours until the "
	                  "receiver answers 2xx."));
	html_lit(b, "</p>");
	if (secret)
		write_secret(r, secret);
	else if (!d)
		write_notice(r);
	if (d && d->nerrors)
		form_alert(r, ALERT_ERROR,
		           T(r, "The endpoint was not registered: see the fields below."), false);
	write_list(r, eps, n);
	write_form(r, d, secret ? NULL : v);
	write_private_setting(r, webhook_allow_private(db_thread()));
	layout_end(r);
	return status;
}

int
page_console_webhooks(struct req *r)
{
	return render(r, 200, NULL, NULL, NULL);
}

int
page_console_webhook_create(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[FIELDS_N(create_decl)];
	fields_read(r, FROM_FORM, create_decl, FIELDS_N(create_decl), &d, v);
	struct webhook_endpoint_in in = {.url = v[F_URL].text,
	                                 .secret = v[F_SECRET].present ? v[F_SECRET].text : NULL,
	                                 .include_internal = v[F_INTERNAL].num != 0};
	for (int i = 0; i < WEBHOOK_EVENT__MAX; i++)
		in.events[i] = v[F_EVENT0 + i].num != 0;
	const char *secret = NULL;
	int st = webhook_endpoint_create(&d, &in, &secret, NULL);
	if (st == DOM_INVALID)
		return render(r, 422, NULL, &d, v);
	if (st != DOM_OK)
		return web_status(st);
	if (!secret) /* entered by the admin: nothing to show */
		return req_redirect(r, BASE "?saved=1");
	return render(r, 200, secret, NULL, NULL);
}

int
page_console_webhook_private(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	struct field_value v[1];
	fields_read(r, FROM_FORM, private_decl, 1, &d, v);
	int st = webhook_allow_private_set(&d, v[0].num != 0);
	return st == DOM_OK ? req_redirect(r, BASE "?saved=1") : web_status(st);
}

/* The endpoint id of the path, or 0. */
static int64_t
path_id(struct req *r)
{
	char *end;
	long long id = strtoll(r->pp[0], &end, 10);
	return *end || id <= 0 ? 0 : (int64_t)id;
}

static int
set_enabled(struct req *r, bool enabled)
{
	struct dom d;
	web_dom(r, &d);
	int64_t id = path_id(r);
	int st = id ? webhook_endpoint_enable(&d, id, enabled) : DOM_NOT_FOUND;
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(r, enabled ? BASE "?enabled=1" : BASE "?disabled=1");
}

int
page_console_webhook_enable(struct req *r)
{
	return set_enabled(r, true);
}

int
page_console_webhook_disable(struct req *r)
{
	return set_enabled(r, false);
}

int
page_console_webhook_delete(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int64_t id = path_id(r);
	int st = id ? webhook_endpoint_remove(&d, id) : DOM_NOT_FOUND;
	return st == DOM_OK ? req_redirect(r, BASE "?deleted=1") : web_status(st);
}
