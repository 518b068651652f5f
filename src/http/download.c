/* File downloads; see download.h. */
#include "http/download.h"
#include "core/buf.h"
#include "http/request.h"
#include "web/html.h"

#include <microhttpd.h>

int
http_send_file(struct req *r, int fd, uint64_t size, const char *mime, const char *filename)
{
	struct buf h = {0};
	buf_puts(&h, "attachment; filename=\"");
	/* The fallback keeps printable ASCII but quotes and backslashes. */
	for (const char *c = filename; *c; c++) {
		unsigned char u = (unsigned char)*c;
		if ((u & 0xc0) == 0x80)
			continue; /* one '_' per non-ASCII character, not per byte */
		buf_putc(&h, u >= 0x20 && u < 0x7f && u != '"' && u != '\\' ? (char)u : '_');
	}
	buf_puts(&h, "\"; filename*=UTF-8''");
	html_url_component(&h, filename);
	req_header(r, "Content-Disposition", h.p);
	buf_free(&h);
	req_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "private, no-store");
	r->content_type = mime && *mime ? mime : "application/octet-stream";
	r->file_fd = fd;
	r->file_size = size;
	return 200;
}
