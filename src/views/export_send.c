/* Lists as downloaded files; see export_send.h. */
#include "views/export_send.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "http/request.h"
#include "web/fields.h"
#include "web/html.h"

void
export_menu(struct req *r, const char *href_base, const char *qs)
{
	static const struct {
		const char *format, *label;
	} items[] = {
	    {"pdf", N_("Export as PDF")},
	    {"xlsx", N_("Export as Excel")},
	    {"csv", N_("Export as CSV")},
	};
	struct buf *b = &r->out;
	html_lit(b, "<details class=\"page-menu\"><summary");
	html_attr(b, "aria-label", T(r, "Export"));
	html_attr(b, "title", T(r, "Export"));
	html_lit(b, "><span aria-hidden=\"true\">≡</span></summary><ul class=\"submenu\">");
	for (size_t i = 0; i < sizeof(items) / sizeof(items[0]); i++) {
		html_lit(b, "<li><a download");
		html_attr(b, "href",
		          arena_printf(r->a, "%s%sformat=%s", href_base, qs, items[i].format));
		html_lit(b, ">");
		html_text(b, T(r, items[i].label));
		html_lit(b, "</a></li>");
	}
	html_lit(b, "</ul></details>");
}

int
export_format_of(struct req *r, enum export_format *fmt)
{
	static const char *const formats[] = {"csv", "xlsx", "pdf", NULL};
	static const enum export_format format_of[] = {EXPORT_CSV, EXPORT_XLSX, EXPORT_PDF};
	static const struct field_decl format_decl[] = {
	    {.name = "format", .kind = FIELD_CHOICE, .required = true, .choices = formats}};
	struct field_value v;
	if (fields_read(r, FROM_QUERY, format_decl, 1, NULL, &v) > 0)
		return -1;
	*fmt = format_of[v.choice];
	return 0;
}

/* ` attachment; filename="name.ext"; filename*=UTF-8''…` (RFC 6266, 5987). */
static const char *
disposition(struct req *r, enum export_format fmt, const char *name_en, const char *name_local)
{
	const char *ext = export_ext(fmt);
	struct buf b = {0};
	buf_printf(&b, "attachment; filename=\"%s.%s\"; filename*=UTF-8''", name_en, ext);
	html_url_component(&b, r->lang == LANG_EN ? name_en : name_local);
	buf_printf(&b, ".%s", ext);
	const char *s = arena_strdup(r->a, b.p);
	buf_free(&b);
	return s;
}

int
export_send(struct req *r, enum export_format fmt, const char *name_en, const char *name_local,
            int (*write)(struct req *r, const char *path, void *ctx), void *ctx)
{
	const char *dir = arena_printf(r->a, "%s/tmp", r->app->cfg.data_dir);
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		log_error("rid=%s mkdir %s: %s", r->rid, dir, strerror(errno));
		return 500;
	}
	char *path = arena_printf(r->a, "%s/export-XXXXXX", dir);
	int tmp = mkstemp(path);
	if (tmp < 0) {
		log_error("rid=%s mkstemp %s: %s", r->rid, path, strerror(errno));
		return 500;
	}
	close(tmp);
	if (write(r, path, ctx) != 0) {
		log_error("rid=%s export %s failed", r->rid, name_en);
		unlink(path);
		return 500;
	}
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	unlink(path); /* the open descriptor keeps the data until the response is sent */
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0) {
		log_error("rid=%s reopen export: %s", r->rid, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 500;
	}
	r->file_fd = fd;
	r->file_size = (uint64_t)st.st_size;
	r->content_type = export_mime(fmt);
	req_header(r, "Content-Disposition", disposition(r, fmt, name_en, name_local));
	return 200;
}
