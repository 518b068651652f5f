/* Labels of cases in the user's language; see case_labels.h. */
#include "views/case_labels.h"
#include "app.h"
#include "core/arena.h"
#include "core/tz.h"
#include "http/download.h"
#include "http/request.h"

const char *
case_state_label(struct req *r, enum case_state s)
{
	return case_state_text(r->lang, s, r->app->provider_short, r->a);
}

const char *
case_category_label(struct req *r, const char *code)
{
	const struct case_category *c = case_category_find(code);
	return c ? T(r, c->label) : code;
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
