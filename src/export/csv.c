/*
 * CSV writer: RFC 4180 (CRLF line ends, fields with a quote, comma or line
 * break quoted, quotes doubled), UTF-8 with a byte order mark because Excel
 * reads a CSV without one in the legacy code page (Shift_JIS in Japan).
 * Formula injection is neutralised as OWASP advises: a cell beginning with
 * = + - @ TAB or CR gets a leading apostrophe, so that a spreadsheet opening
 * the file shows the text instead of evaluating it.
 */
#include "export/backend.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct csv {
	FILE *f;
};

/* Whether a cell beginning with c would be read as a formula by a spreadsheet. */
static bool
formula_lead(char c)
{
	return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
}

/* Writes one field (valid UTF-8, not NULL), neutralised and quoted as needed. */
static void
put_field(FILE *f, const char *s)
{
	bool quote = strpbrk(s, "\",\r\n") != NULL;
	if (quote)
		putc('"', f);
	if (formula_lead(s[0]))
		putc('\'', f);
	if (!quote) {
		fputs(s, f);
		return;
	}
	for (const char *q; (q = strchr(s, '"')); s = q + 1) {
		fwrite(s, 1, (size_t)(q - s) + 1, f);
		putc('"', f);
	}
	fputs(s, f);
	putc('"', f);
}

int
csv_open(struct export *e, int fd)
{
	FILE *f = fdopen(fd, "wb");
	if (!f) {
		log_error("export csv: %s", strerror(errno));
		close(fd);
		return -1;
	}
	/* Large writes: rows are short and a request may export many thousands. */
	setvbuf(f, NULL, _IOFBF, 64 * 1024);
	struct csv *c = xcalloc(1, sizeof(*c));
	c->f = f;
	e->impl = c;

	fputs("\xef\xbb\xbf", f);
	for (size_t i = 0; i < e->ncols; i++) {
		if (i)
			putc(',', f);
		put_field(f, export_clean(&e->scratch, e->cols[i].title, 0));
	}
	fputs("\r\n", f);
	if (ferror(f)) {
		log_error("export csv: write error on %s", e->path);
		return -1;
	}
	return 0;
}

int
csv_row(struct export *e, const struct export_value *vals)
{
	struct csv *c = e->impl;
	for (size_t i = 0; i < e->ncols; i++) {
		if (i)
			putc(',', c->f);
		const struct export_value *v = &vals[i];
		if (e->cols[i].kind == EXPORT_TIME && !v->text) {
			if (!export_tm_valid(&v->tm)) {
				log_error("export csv: time out of range in column %zu", i);
				return -1;
			}
			char t[20];
			export_tm_format(t, &v->tm);
			fputs(t, c->f);
		} else {
			put_field(c->f, export_clean(&e->scratch, v->text, 0));
		}
	}
	fputs("\r\n", c->f);
	if (ferror(c->f)) {
		log_error("export csv: write error on %s", e->path);
		return -1;
	}
	return 0;
}

int
csv_close(struct export *e)
{
	struct csv *c = e->impl;
	/* fclose flushes the buffer: its result decides whether the file is whole. */
	int rc = ferror(c->f) ? -1 : 0;
	if (fclose(c->f) != 0)
		rc = -1;
	if (rc < 0 && !e->failed) /* else the failing call has said why */
		log_error("export csv: write error on %s", e->path);
	free(c);
	e->impl = NULL;
	return rc;
}
