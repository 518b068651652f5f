/* Labels and rules of cases; see case_common.h. */
#include "pages/case_common.h"
#include "app.h"
#include "core/arena.h"
#include "core/tz.h"
#include "files/filestore.h"
#include "http/download.h"
#include "http/request.h"
#include "core/log.h"

#include <string.h>

const struct case_category case_categories[] = {
    {"service", N_("About the service"), true},
    {"product", N_("About product specifications"), true},
    {"alert", N_("About alerts"), true},
    {"fault", N_("About a fault"), true},
    {"report_question", N_("About the monthly report"), true},
    {"other", N_("Other"), true},
    {"work", N_("Work request"), false},
    {"monthly_report", N_("Monthly report delivery"), false},
    {"alarm", N_("Alarm"), false},
    {"health_check", N_("Health check request (start of use)"), false},
    {"overage", N_("Credit overage"), false},
};
const int case_categories_count = sizeof(case_categories) / sizeof(case_categories[0]);

const char *
case_state_label(struct req *r, enum case_state s)
{
	switch (s) {
	case CASE_NEW:
		return T(r, "New");
	case CASE_WORKING:
		return arena_printf(r->a, T(r, "%s working"), r->app->provider_short);
	case CASE_AWAITING:
		return T(r, "Awaiting customer");
	case CASE_RESOLVED:
		return T(r, "Resolved (awaiting close)");
	case CASE_CLOSED:
		return T(r, "Closed");
	case CASE__MAX:
		break;
	}
	return "";
}

const struct case_category *
case_category_find(const char *code)
{
	for (int i = 0; code && i < case_categories_count; i++)
		if (strcmp(case_categories[i].code, code) == 0)
			return &case_categories[i];
	return NULL;
}

const char *
case_category_label(struct req *r, const char *code)
{
	const struct case_category *c = case_category_find(code);
	return c ? T(r, c->label) : code;
}

bool
case_staff_may_move(enum case_state from, enum case_state to)
{
	/* Closed is final: a new question is a new inquiry. */
	return from != CASE_CLOSED && to != from && (unsigned)to < CASE__MAX;
}

const char *
case_time(struct req *r, int64_t t)
{
	struct buf b = {0};
	tz_format(&b, r->user ? r->user->time_zone : TZ_DEFAULT, t);
	const char *s = arena_strdup(r->a, b.p ? b.p : "");
	buf_free(&b);
	return s;
}

const char *
case_service_name(struct req *r, const struct case_row *c)
{
	return r->lang == LANG_EN ? c->service_en : c->service_ja;
}

int
case_send_attachment(struct req *r, const struct attachment_row *f)
{
	return http_send_stored(r, f->sha256, f->mime, f->filename);
}
