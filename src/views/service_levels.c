/* Service levels in words; see service_levels.h. */
#include "views/service_levels.h"
#include "cases/service_levels.h"
#include "core/arena.h"
#include "core/buf.h"
#include "http/request.h"
#include "web/html.h"

const char *
sla_duration(struct req *r, int64_t secs)
{
	if (secs < 0)
		secs = -secs;
	long long mins = (long long)(secs / 60), h = mins / 60, d = h / 24;
	if (d > 0)
		return h % 24 ? arena_printf(r->a, T(r, "%lld d %lld h"), d, h % 24)
		              : arena_printf(r->a, T(r, "%lld d"), d);
	if (h > 0)
		return mins % 60 ? arena_printf(r->a, T(r, "%lld h %lld min"), h, mins % 60)
		                 : arena_printf(r->a, T(r, "%lld h"), h);
	return arena_printf(r->a, T(r, "%lld min"), mins);
}

const char *
sla_target_text(struct req *r, int64_t minutes)
{
	return minutes > 0 ? sla_duration(r, minutes * 60) : T(r, "None");
}

const char *
sla_target_field(struct req *r, int64_t minutes)
{
	if (minutes <= 0)
		return "";
	if (minutes % 60 == 0)
		return arena_printf(r->a, "%lld", (long long)(minutes / 60));
	return arena_printf(r->a, "%lld:%02lld", (long long)(minutes / 60),
	                    (long long)(minutes % 60));
}

/* The phase as the markup names it (data-sla), for styles and tests. */
static const char *
phase_code(const struct sla_clock *k)
{
	switch (k->phase) {
	case SLA_RUNNING:
		return k->left < 0 ? "breached" : "running";
	case SLA_PAUSED:
		return k->left < 0 ? "breached" : "paused";
	case SLA_MET:
		return "met";
	case SLA_MISSED:
		return "missed";
	case SLA_NONE:
		break;
	}
	return "none";
}

/* "残り 3時間", "超過 2時間", "停止中 残り 3時間", "達成 (35分)", "未達 (5時間)". */
static const char *
clock_text(struct req *r, const struct sla_clock *k)
{
	const char *d =
	    sla_duration(r, k->phase == SLA_MET || k->phase == SLA_MISSED ? k->elapsed : k->left);
	switch (k->phase) {
	case SLA_RUNNING:
		return arena_printf(r->a, k->left < 0 ? T(r, "%s over") : T(r, "%s left"), d);
	case SLA_PAUSED:
		return arena_printf(r->a,
		                    k->left < 0
		                        ? T(r, "Paused while waiting for the customer, %s over")
		                        : T(r, "Paused while waiting for the customer, %s left"),
		                    d);
	case SLA_MET:
		return arena_printf(r->a, T(r, "Met (%s)"), d);
	case SLA_MISSED:
		return arena_printf(r->a, T(r, "Missed (%s)"), d);
	case SLA_NONE:
		break;
	}
	return "—";
}

void
sla_queue_th(struct req *r)
{
	html_lit(&r->out, "<th scope=\"col\" data-sort=\"sla\">");
	html_text(&r->out, T(r, "Service level"));
	html_lit(&r->out, "</th>");
}

void
sla_queue_cell(struct req *r, const struct case_row *c, int64_t now)
{
	struct buf *b = &r->out;
	struct sla_clock k;
	bool response;
	sla_next(c, now, &k, &response);
	html_lit(b, "<td");
	html_attr(b, "data-sla", phase_code(&k));
	html_lit(b, ">");
	if (k.phase == SLA_NONE) {
		html_lit(b, "—</td>");
		return;
	}
	/* The words carry the meaning; the class only colours them. */
	html_lit(b, "<span");
	html_attr(b, "class", k.left < 0 || k.phase == SLA_MISSED ? "sla sla-breached" : "sla");
	html_attr(b, "title",
	          arena_printf(r->a, "%s: %s",
	                       response ? T(r, "First response target") : T(r, "Resolution target"),
	                       sla_duration(r, k.target)));
	html_lit(b, ">");
	html_text(b, response ? T(r, "First response") : T(r, "Resolution"));
	html_lit(b, " ");
	html_text(b, clock_text(r, &k));
	html_lit(b, "</span></td>");
}

static void
kv(struct req *r, const char *label, const char *value, const char *phase)
{
	struct buf *b = &r->out;
	html_lit(b, "<dt>");
	html_text(b, label);
	html_lit(b, "</dt><dd");
	if (phase)
		html_attr(b, "data-sla", phase);
	html_lit(b, ">");
	html_text(b, value);
	html_lit(b, "</dd>");
}

void
sla_case_rows(struct req *r, const struct case_row *c, int64_t now)
{
	struct sla_clock k;
	sla_first_response(c, now, &k);
	kv(r, T(r, "First response target"), sla_target_text(r, c->response_target_min), NULL);
	if (k.phase != SLA_NONE)
		kv(r, T(r, "First response"), clock_text(r, &k), phase_code(&k));
	sla_resolution(c, now, &k);
	kv(r, T(r, "Resolution target"), sla_target_text(r, c->resolution_target_min), NULL);
	if (k.phase != SLA_NONE)
		kv(r, T(r, "Resolution"), clock_text(r, &k), phase_code(&k));
}

void
sla_target_rows(struct req *r, int64_t response_min, int64_t resolution_min)
{
	kv(r, T(r, "First response target"), sla_target_text(r, response_min), NULL);
	kv(r, T(r, "Resolution target"), sla_target_text(r, resolution_min), NULL);
}
