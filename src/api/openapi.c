/*
 * GET /api/v1/openapi.json: the OpenAPI 3.1 document of the API, kept in
 * the repository as docs/openapi.json and embedded in the binary. Public,
 * like the documentation it is.
 */
#include "api/api.h"
#include "core/assets.h"
#include "http/request.h"

int
api_openapi(struct req *r)
{
	const struct asset *a = asset_find("docs/openapi.json");
	if (!a)
		return 404;
	buf_append(&r->out, a->data, a->len);
	r->content_type = "application/json";
	return 200;
}
