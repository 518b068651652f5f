/* File downloads; see download.h. */
#include "http/download.h"
#include "app.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/text.h"
#include "files/filestore.h"
#include "http/request.h"

#include <microhttpd.h>
#include <string.h>
#include <strings.h>

const char *
http_download_type(const char *mime)
{
	if (!mime || !*mime || strncasecmp(mime, "text/html", 9) == 0 || strcasestr(mime, "xml") ||
	    strcasestr(mime, "javascript") || strcasestr(mime, "ecmascript") ||
	    strchr(mime, '\r') || strchr(mime, '\n'))
		return "application/octet-stream";
	return mime;
}

/* "attachment; filename=…; filename*=UTF-8''…": ASCII fallback, then the UTF-8 name. */
static void
disposition(struct buf *h, const char *filename)
{
	buf_puts(h, "attachment; filename=\"");
	for (const unsigned char *p = (const unsigned char *)filename; *p; p++) {
		if ((*p & 0xc0) == 0x80)
			continue; /* one '_' per non-ASCII character, not per byte */
		bool plain =
		    *p >= 0x20 && *p < 0x7f && *p != '"' && *p != '\\' && *p != '%' && *p != ';';
		buf_putc(h, plain ? (char)*p : '_');
	}
	buf_puts(h, "\"; filename*=UTF-8''");
	text_pct_encode(h, filename);
}

int
http_send_file(struct req *r, int fd, uint64_t size, const char *mime, const char *filename)
{
	struct buf h = {0};
	disposition(&h, text_file_name(r->a, filename, strlen(filename), TEXT_FILE_NAME_MAX));
	req_header(r, "Content-Disposition", h.p);
	buf_free(&h);
	req_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "private, no-store");
	r->content_type = http_download_type(mime);
	r->file_fd = fd;
	r->file_size = size;
	return 200;
}

int
http_send_stored(struct req *r, const char *sha256, const char *mime, const char *filename)
{
	uint64_t size = 0;
	int fd = filestore_open(r->app->cfg.data_dir, sha256, &size);
	if (fd < 0) {
		log_error("rid=%s stored file %s missing", r->rid, sha256);
		return 500;
	}
	return http_send_file(r, fd, size, mime, filename);
}
