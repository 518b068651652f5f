/*
 * Export dispatch: checks the arguments, creates the file, copies the
 * columns and hands each call to the writer of the format. Also the helpers
 * every writer needs: UTF-8 cleaning (a spreadsheet or a PDF with a broken
 * byte sequence is rejected or garbled by the reader, so bad bytes become
 * U+FFFD here, once) and the text form of a time.
 */
#include "export/backend.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

/* Excel's column count; the other formats have no limit, but one bound keeps them alike. */
#define MAX_COLS 16384

struct export *
export_open(enum export_format fmt, const char *path, const char *title,
            const struct export_col *cols, size_t ncols)
{
	if (!path || !cols || ncols == 0 || ncols > MAX_COLS ||
	    (fmt != EXPORT_CSV && fmt != EXPORT_XLSX && fmt != EXPORT_PDF)) {
		log_error("export: bad arguments");
		return NULL;
	}
	/*
	 * Created here rather than by the libraries so that every format gets
	 * the same private mode (exports hold customer data) and an unwritable
	 * path fails now, not at the end (libxlsxwriter opens its file only
	 * when the workbook is closed). The libraries reopen it with "wb",
	 * which truncates and keeps the mode.
	 */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		log_error("export: cannot create %s: %s", path, strerror(errno));
		return NULL;
	}

	struct export *e = xcalloc(1, sizeof(*e));
	e->fmt = fmt;
	e->ncols = ncols;
	e->path = xstrdup(path);
	e->title = xstrdup(title ? title : "");
	e->cols = xcalloc(ncols, sizeof(*e->cols));
	for (size_t i = 0; i < ncols; i++) {
		e->cols[i] = cols[i];
		e->cols[i].title = xstrdup(cols[i].title ? cols[i].title : "");
	}

	int rc;
	switch (fmt) {
	case EXPORT_CSV:
		rc = csv_open(e, fd);
		break;
	case EXPORT_XLSX:
		rc = xlsx_open(e, fd);
		break;
	default:
		rc = pdf_open(e, fd);
		break;
	}
	if (rc < 0) {
		e->failed = true;
		export_close(e);
		return NULL;
	}
	return e;
}

int
export_row(struct export *e, const struct export_value *vals)
{
	if (!e || e->failed)
		return -1;
	if (!vals) {
		e->failed = true;
		return -1;
	}
	int rc;
	switch (e->fmt) {
	case EXPORT_CSV:
		rc = csv_row(e, vals);
		break;
	case EXPORT_XLSX:
		rc = xlsx_row(e, vals);
		break;
	default:
		rc = pdf_row(e, vals);
		break;
	}
	if (rc < 0)
		e->failed = true;
	return rc;
}

int
export_close(struct export *e)
{
	if (!e)
		return -1;
	int rc = 0;
	/* The writer still finishes after a failed row: it owns memory and temporary files. */
	if (e->impl) {
		switch (e->fmt) {
		case EXPORT_CSV:
			rc = csv_close(e);
			break;
		case EXPORT_XLSX:
			rc = xlsx_close(e);
			break;
		default:
			rc = pdf_close(e);
			break;
		}
	}
	if (e->failed)
		rc = -1;
	for (size_t i = 0; i < e->ncols; i++)
		free((char *)e->cols[i].title);
	free(e->cols);
	free(e->title);
	free(e->path);
	buf_free(&e->scratch);
	free(e);
	return rc;
}

const char *
export_mime(enum export_format fmt)
{
	switch (fmt) {
	case EXPORT_CSV:
		return "text/csv; charset=utf-8";
	case EXPORT_XLSX:
		return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	case EXPORT_PDF:
		return "application/pdf";
	}
	return "application/octet-stream";
}

const char *
export_ext(enum export_format fmt)
{
	switch (fmt) {
	case EXPORT_CSV:
		return "csv";
	case EXPORT_XLSX:
		return "xlsx";
	case EXPORT_PDF:
		return "pdf";
	}
	return "bin";
}

/*
 * Length of the valid UTF-8 sequence at s (1 to 4), or 0 if the bytes there
 * are not one (bad lead, truncated, overlong, surrogate, above U+10FFFF).
 * *cp receives the code point.
 */
static size_t
utf8_seq(const unsigned char *s, unsigned *cp)
{
	unsigned c = s[0];
	if (c < 0x80) {
		*cp = c;
		return 1;
	}
	size_t n;
	unsigned min;
	if ((c & 0xe0) == 0xc0) {
		n = 2, min = 0x80, c &= 0x1f;
	} else if ((c & 0xf0) == 0xe0) {
		n = 3, min = 0x800, c &= 0x0f;
	} else if ((c & 0xf8) == 0xf0) {
		n = 4, min = 0x10000, c &= 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		/* A NUL fails this test too, so the walk never passes the end. */
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = (c << 6) | (s[i] & 0x3f);
	}
	if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	*cp = c;
	return n;
}

/* Whether code point c must become a space in one-line text. */
static bool
breaks_line(unsigned c)
{
	return c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029;
}

const char *
export_clean(struct buf *b, const char *s, int flags)
{
	if (!s)
		return "";
	const unsigned char *p = (const unsigned char *)s;
	/* Most cells need nothing: find the first byte that does before copying. */
	size_t i = 0;
	unsigned cp;
	for (;;) {
		if (!p[i])
			return s;
		size_t n = utf8_seq(p + i, &cp);
		if (n == 0 || ((flags & CLEAN_ONE_LINE) && breaks_line(cp)))
			break;
		i += n;
	}
	b->len = 0;
	buf_append(b, s, i);
	while (p[i]) {
		size_t n = utf8_seq(p + i, &cp);
		if (n == 0) {
			buf_puts(b, "\xef\xbf\xbd");
			i++;
		} else if ((flags & CLEAN_ONE_LINE) && breaks_line(cp)) {
			buf_putc(b, ' ');
			i += n;
		} else {
			buf_append(b, s + i, n);
			i += n;
		}
	}
	return b->p;
}

bool
export_tm_valid(const struct tm *tm)
{
	/* tm_sec may be 60, a leap second. The day is not checked against the month. */
	return tm->tm_year >= 1 - 1900 && tm->tm_year <= 9999 - 1900 && tm->tm_mon >= 0 &&
	       tm->tm_mon <= 11 && tm->tm_mday >= 1 && tm->tm_mday <= 31 && tm->tm_hour >= 0 &&
	       tm->tm_hour <= 23 && tm->tm_min >= 0 && tm->tm_min <= 59 && tm->tm_sec >= 0 &&
	       tm->tm_sec <= 60;
}

/* Writes v as width decimal digits, zero-padded, at p. */
static void
put_digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--) {
		p[i] = (char)('0' + v % 10);
		v /= 10;
	}
}

void
export_tm_format(char out[20], const struct tm *tm)
{
	/* By hand: fixed width, no locale, and no truncation warnings for int fields. */
	memcpy(out, "0000-00-00 00:00:00", 20);
	put_digits(out, tm->tm_year + 1900, 4);
	put_digits(out + 5, tm->tm_mon + 1, 2);
	put_digits(out + 8, tm->tm_mday, 2);
	put_digits(out + 11, tm->tm_hour, 2);
	put_digits(out + 14, tm->tm_min, 2);
	put_digits(out + 17, tm->tm_sec, 2);
}
