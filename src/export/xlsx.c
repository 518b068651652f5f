/*
 * XLSX writer on libxlsxwriter in constant-memory mode: each row goes to a
 * temporary file (next to the output, so it is on the same disk and inside
 * the data directory) as soon as the next one starts, and the zip is built
 * from those files at close. Strings are inline rather than shared, which
 * is what keeps memory flat. Text is always written as a string cell, so a
 * cell beginning with "=" stays text; times are real date cells so that
 * sorting and filtering work in Excel.
 */
#include "export/backend.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <xlsxwriter.h>

/* Excel's limit on the characters (UTF-16 units) of a cell. */
#define CELL_MAX 32767
/* Width of a column without a hint, in characters. */
#define DEFAULT_WIDTH      14.0
#define DEFAULT_TIME_WIDTH 20.0

struct xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *head, *time;
	lxw_row_t row; /* the next row to write; 0 is the header */
	char *tmpdir;
	struct buf text; /* a cell rewritten by cell_text */
};

/* UTF-16 units of the code point led by byte c of valid UTF-8 (0 for a continuation byte). */
static unsigned
utf16_units(unsigned char c)
{
	if ((c & 0xc0) == 0x80)
		return 0;
	return c >= 0xf0 ? 2 : 1;
}

/*
 * The sheet name for title, by Excel's rules: at most 31 characters, none
 * of : \ / ? * [ ], not beginning or ending with an apostrophe, not the
 * reserved "History", not empty. out has room for 31 four-byte characters.
 */
static void
sheet_name(char out[128], struct buf *scratch, const char *title)
{
	const unsigned char *s =
	    (const unsigned char *)export_clean(scratch, title, CLEAN_ONE_LINE);
	size_t len = 0, units = 0;
	for (size_t i = 0; s[i]; i++) {
		unsigned u = utf16_units(s[i]);
		if (u && units + u > 31)
			break;
		units += u;
		out[len++] = strchr(":\\/?*[]", s[i]) ? '_' : (char)s[i];
	}
	/* Trim on whole characters: only ASCII spaces and apostrophes go. */
	while (len && (out[len - 1] == ' ' || out[len - 1] == '\''))
		len--;
	out[len] = '\0';
	size_t lead = strspn(out, " '");
	memmove(out, out + lead, len - lead + 1);
	if (!out[0])
		strcpy(out, "Sheet1");
	else if (strcasecmp(out, "History") == 0)
		strcpy(out, "History_");
}

/* Whether s begins with _xHHHH_, which Excel reads as an escaped character. */
static bool
escape_like(const char *s)
{
	if (s[0] != '_' || s[1] != 'x')
		return false;
	for (int i = 2; i < 6; i++)
		if (!isxdigit((unsigned char)s[i]))
			return false;
	return s[6] == '_';
}

/*
 * s (valid UTF-8) as Excel must be given it: a literal "_xHHHH_" has its
 * underscore escaped, or Excel would show the character it names instead,
 * and the text is cut on a character boundary to Excel's limit. Returns s,
 * or a copy in x->text.
 */
static const char *
cell_text(struct xlsx *x, const char *s)
{
	size_t units = 0, i = 0;
	bool escapes = false;
	for (; s[i]; i++) {
		unsigned u = utf16_units((unsigned char)s[i]);
		if (u && units + u > CELL_MAX)
			break;
		units += u;
		escapes = escapes || escape_like(s + i);
	}
	if (!s[i] && !escapes)
		return s;
	struct buf *b = &x->text;
	b->len = 0;
	buf_reserve(b, i);
	b->p[0] = '\0';
	units = 0;
	for (i = 0; s[i]; i++) {
		bool esc = escape_like(s + i);
		unsigned u = esc ? 7 : utf16_units((unsigned char)s[i]);
		if (units + u > CELL_MAX)
			break;
		units += u;
		if (esc)
			buf_puts(b, "_x005F");
		buf_putc(b, s[i]);
	}
	/* The cut falls before a lead byte (continuation bytes count 0): no character is split. */
	return b->p;
}

/* Logs a libxlsxwriter failure; returns -1 for the caller to pass on. */
static int
fail(struct export *e, const char *what, lxw_error err)
{
	log_error("export xlsx: %s (%s): %s", what, e->path, lxw_strerror(err));
	return -1;
}

int
xlsx_open(struct export *e, int fd)
{
	/* The file exists now with its mode; libxlsxwriter reopens it at close. */
	close(fd);
	struct xlsx *x = xcalloc(1, sizeof(*x));
	char *dir = xstrdup(e->path);
	x->tmpdir = xstrdup(dirname(dir));
	free(dir);
	lxw_workbook_options opt = {.constant_memory = LXW_TRUE, .tmpdir = x->tmpdir};
	x->wb = workbook_new_opt(e->path, &opt);
	if (!x->wb) {
		log_error("export xlsx: cannot create workbook %s", e->path);
		free(x->tmpdir);
		free(x);
		return -1;
	}
	e->impl = x;

	char name[128];
	sheet_name(name, &e->scratch, e->title);
	x->ws = workbook_add_worksheet(x->wb, name);
	if (!x->ws)
		x->ws = workbook_add_worksheet(x->wb, NULL);
	if (!x->ws) {
		log_error("export xlsx: cannot add a worksheet to %s", e->path);
		return -1;
	}
	lxw_doc_properties props = {.title = (char *)export_clean(&e->scratch, e->title, 0)};
	workbook_set_properties(x->wb, &props);

	x->head = workbook_add_format(x->wb);
	format_set_bold(x->head);
	format_set_bottom(x->head, LXW_BORDER_THIN);
	x->time = workbook_add_format(x->wb);
	format_set_num_format(x->time, "yyyy-mm-dd hh:mm:ss");

	for (size_t i = 0; i < e->ncols; i++) {
		const struct export_col *c = &e->cols[i];
		double w = c->width_hint > 0        ? c->width_hint
		           : c->kind == EXPORT_TIME ? DEFAULT_TIME_WIDTH
		                                    : DEFAULT_WIDTH;
		if (w > 255)
			w = 255; /* Excel's widest column */
		lxw_error err = worksheet_set_column(x->ws, (lxw_col_t)i, (lxw_col_t)i, w, NULL);
		if (err)
			return fail(e, "column width", err);
		const char *t = cell_text(x, export_clean(&e->scratch, c->title, 0));
		err = worksheet_write_string(x->ws, 0, (lxw_col_t)i, t, x->head);
		if (err)
			return fail(e, "header", err);
	}
	worksheet_freeze_panes(x->ws, 1, 0);
	/* Printing from Excel: landscape, one page wide, the header on every page. */
	worksheet_set_landscape(x->ws);
	worksheet_fit_to_pages(x->ws, 1, 0);
	worksheet_repeat_rows(x->ws, 0, 0);
	x->row = 1;
	return 0;
}

int
xlsx_row(struct export *e, const struct export_value *vals)
{
	struct xlsx *x = e->impl;
	if (x->row >= LXW_ROW_MAX) {
		log_error("export xlsx: more than %d rows (%s)", LXW_ROW_MAX - 1, e->path);
		return -1;
	}
	for (size_t i = 0; i < e->ncols; i++) {
		const struct export_value *v = &vals[i];
		lxw_col_t col = (lxw_col_t)i;
		lxw_error err;
		if (e->cols[i].kind == EXPORT_TIME && !v->text) {
			const struct tm *tm = &v->tm;
			if (!export_tm_valid(tm)) {
				log_error("export xlsx: time out of range in column %zu", i);
				return -1;
			}
			if (tm->tm_year >= 0) {
				lxw_datetime dt = {tm->tm_year + 1900, tm->tm_mon + 1, tm->tm_mday,
				                   tm->tm_hour,        tm->tm_min,     tm->tm_sec};
				err = worksheet_write_datetime(x->ws, x->row, col, &dt, x->time);
			} else {
				/* Excel has no dates before 1900: the time goes as text. */
				char t[20];
				export_tm_format(t, tm);
				err = worksheet_write_string(x->ws, x->row, col, t, NULL);
			}
		} else {
			const char *t = cell_text(x, export_clean(&e->scratch, v->text, 0));
			err = t[0] ? worksheet_write_string(x->ws, x->row, col, t, NULL)
			           : LXW_NO_ERROR;
		}
		if (err)
			return fail(e, "cell", err);
	}
	x->row++;
	return 0;
}

int
xlsx_close(struct export *e)
{
	struct xlsx *x = e->impl;
	int rc = 0;
	/* After a failed row libxlsxwriter refuses the range (a row is half written): no filter. */
	if (x->ws && !e->failed) {
		lxw_error err =
		    worksheet_autofilter(x->ws, 0, 0, x->row - 1, (lxw_col_t)(e->ncols - 1));
		if (err)
			rc = fail(e, "autofilter", err);
	}
	/* Closing also frees the workbook, so it runs even when a row failed. */
	lxw_error err = workbook_close(x->wb);
	if (err)
		rc = fail(e, "close", err);
	free(x->tmpdir);
	buf_free(&x->text);
	free(x);
	e->impl = NULL;
	return rc;
}
