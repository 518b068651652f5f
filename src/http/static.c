/*
 * Static files embedded in the binary. Their URLs carry a content hash, so
 * they are cached for a year as immutable; the strong ETag answers
 * revalidation with 304.
 */
#include "core/assets.h"
#include "http/request.h"
#include "http/static.h"

#include <microhttpd.h>
#include <string.h>

int
page_static(struct req *r)
{
	const struct asset *a = asset_by_url(r->path);
	if (!a)
		return 404;
	req_header(r, MHD_HTTP_HEADER_ETAG, a->etag);
	req_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "public, max-age=31536000, immutable");
	const char *inm = req_in_header(r, MHD_HTTP_HEADER_IF_NONE_MATCH);
	if (inm && (strstr(inm, a->etag) || strcmp(inm, "*") == 0)) {
		r->no_body = true;
		return MHD_HTTP_NOT_MODIFIED;
	}
	r->asset = a;
	r->content_type = a->type;
	return 200;
}
