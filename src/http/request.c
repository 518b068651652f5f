/* Accessors and response helpers of struct req. */
#include "http/request.h"
#include "app.h"
#include "core/arena.h"
#include "http/parse.h"

#include <microhttpd.h>
#include <stdio.h>
#include <string.h>

void
req_header(struct req *r, const char *name, const char *value)
{
	if (r->nheaders >= REQ_MAX_HEADERS)
		return;
	r->headers[r->nheaders].name = arena_strdup(r->a, name);
	r->headers[r->nheaders].value = arena_strdup(r->a, value);
	r->nheaders++;
}

void
req_cookie(struct req *r, const char *name, const char *value, long max_age)
{
	char age[48] = "";
	if (max_age >= 0)
		snprintf(age, sizeof(age), "; Max-Age=%ld", max_age);
	req_header(r, MHD_HTTP_HEADER_SET_COOKIE,
	           arena_printf(r->a, "%s=%s; Path=/; HttpOnly; SameSite=Lax%s%s", name, value,
	                        r->app->cfg.tls ? "; Secure" : "", age));
}

bool
req_safe_local_path(const char *p)
{
	if (!p || p[0] != '/' || p[1] == '/' || p[1] == '\\')
		return false;
	for (; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == '\\' || *p == 0x7f)
			return false;
	return true;
}

int
req_redirect(struct req *r, const char *location)
{
	req_header(r, MHD_HTTP_HEADER_LOCATION, req_safe_local_path(location) ? location : "/");
	return MHD_HTTP_SEE_OTHER;
}

const char *
req_in_header(const struct req *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *
req_cookie_value(const struct req *r, const char *name)
{
	return params_get(&r->cookies, name);
}

const char *
req_form(const struct req *r, const char *name)
{
	return params_get(&r->form, name);
}

const char *
req_query(const struct req *r, const char *name)
{
	return params_get(&r->query, name);
}

int64_t
req_path_id(const struct req *r, int i)
{
	int64_t id;
	return i >= 0 && i < REQ_MAX_PATH_PARAMS && r->pp[i] && parse_id(r->pp[i], &id) == 0 ? id
	                                                                                     : 0;
}
