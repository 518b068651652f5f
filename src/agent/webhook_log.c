/*
 * Console → Webhooks → an endpoint (provider admins): its latest
 * deliveries with the event, the receiver's status code, the attempts,
 * the next attempt and the last error, and a button that queues the same
 * payload again.
 */
#include "agent/console.h"
#include "core/arena.h"
#include "http/request.h"
#include "views/case_labels.h"
#include "web/actor.h"
#include "web/fields.h"
#include "web/form.h"
#include "web/html.h"
#include "web/layout.h"
#include "webhooks/webhooks.h"

#include <stdlib.h>

static const struct field_decl notice_decl[] = {{.name = "redelivered", .kind = FIELD_BOOL}};

static const char *
state_of(struct req *r, const struct webhook_delivery_row *w)
{
	if (w->delivered_at)
		return arena_printf(r->a, "%s %s", T(r, "Delivered"),
		                    case_time(r, w->delivered_at));
	if (w->failed_at)
		return arena_printf(r->a, "%s %s", T(r, "Failed"), case_time(r, w->failed_at));
	return T(r, "Pending");
}

static void
write_row(struct req *r, const char *self, const struct webhook_delivery_row *w)
{
	struct buf *b = &r->out;
	html_lit(b, "<tr><td>");
	html_text(b, w->event);
	html_lit(b, "<br><code>");
	html_text(b, w->event_id);
	html_lit(b, "</code></td><td>");
	html_text(b, case_time(r, w->created_at));
	html_lit(b, "</td><td>");
	if (w->status_code)
		html_int(b, w->status_code);
	else
		html_text(b, "—");
	html_lit(b, "</td><td>");
	html_int(b, w->attempts);
	html_lit(b, "</td><td>");
	html_text(b, w->next_attempt_at ? case_time(r, w->next_attempt_at) : "—");
	html_lit(b, "</td><td>");
	html_text(b, *w->last_error ? w->last_error : "—");
	html_lit(b, "</td><td>");
	html_text(b, state_of(r, w));
	html_lit(b, "</td><td>");
	form_action_button(
	    r, arena_printf(r->a, "%s/deliveries/%lld/redeliver", self, (long long)w->id),
	    T(r, "Redeliver"), NULL, false);
	html_lit(b, "</td></tr>");
}

static void
write_log(struct req *r, const char *self, const struct webhook_delivery_row *v, int n)
{
	struct buf *b = &r->out;
	if (n == 0) {
		html_lit(b, "<p>");
		html_text(b, T(r, "Nothing has been sent to this endpoint yet."));
		html_lit(b, "</p>");
		return;
	}
	static const char *const heads[] = {N_("Event"),    N_("Queued"),       N_("Status code"),
	                                    N_("Attempts"), N_("Next attempt"), N_("Last error"),
	                                    N_("State"),    N_("Actions")};
	html_lit(b, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\"");
	html_attr(b, "aria-label", T(r, "Deliveries"));
	html_lit(b, "><table class=\"table\"><thead><tr>");
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		html_lit(b, "<th scope=\"col\">");
		html_text(b, T(r, heads[i]));
		html_lit(b, "</th>");
	}
	html_lit(b, "</tr></thead><tbody>");
	for (int i = 0; i < n; i++)
		write_row(r, self, &v[i]);
	html_lit(b, "</tbody></table></div>");
}

/* The id of path parameter i, or 0. */
static int64_t
path_id(struct req *r, int i)
{
	char *end;
	long long id = strtoll(r->pp[i], &end, 10);
	return *end || id <= 0 ? 0 : (int64_t)id;
}

int
page_console_webhook(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int64_t id = path_id(r, 0);
	struct webhook_endpoint_row ep;
	struct webhook_delivery_row *log = NULL;
	int n = 0;
	int st = id ? webhook_log_op(&d, id, &ep, &log, &n) : DOM_NOT_FOUND;
	if (st != DOM_OK)
		return web_status(st);
	struct page p = {.title = T(r, "Deliveries"), .menu = "console-webhooks"};
	layout_begin(r, &p);
	layout_heading(r, p.title, "/console/webhooks", T(r, "Webhooks"));
	struct buf *b = &r->out;
	html_lit(b, "<p><code>");
	html_text(b, ep.url);
	html_lit(b, "</code> ");
	html_text(b, ep.enabled ? T(r, "Enabled") : T(r, "Disabled"));
	html_lit(b, "</p>");
	if (fields_first_flag(r, notice_decl, 1) == 0)
		form_alert(r, ALERT_SUCCESS, T(r, "The payload has been queued again."), true);
	const char *self = arena_printf(r->a, "/console/webhooks/%lld", (long long)id);
	write_log(r, self, log, n);
	layout_end(r);
	return 200;
}

int
page_console_webhook_redeliver(struct req *r)
{
	struct dom d;
	web_dom(r, &d);
	int64_t id = path_id(r, 0), delivery = path_id(r, 1);
	int st = id && delivery ? webhook_redeliver(&d, id, delivery) : DOM_NOT_FOUND;
	if (st != DOM_OK)
		return web_status(st);
	return req_redirect(
	    r, arena_printf(r->a, "/console/webhooks/%lld?redelivered=1", (long long)id));
}
