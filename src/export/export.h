/*
 * Table exports: the lists of the portal (cases, login history, orders…)
 * downloaded as CSV, XLSX or PDF. One streaming API for the three formats:
 * open with the columns, write rows one at a time, close. Rows are written
 * to the file as they come, so memory stays flat whatever the row count and
 * a handler can pour a whole SQL result into an export without holding it.
 *
 * Text is UTF-8; invalid sequences are written as U+FFFD. Cell text is
 * always data, never a formula: CSV cells that a spreadsheet would read as a
 * formula get a leading apostrophe, XLSX cells are typed strings.
 */
#ifndef MADOGUCHI_EXPORT_EXPORT_H
#define MADOGUCHI_EXPORT_EXPORT_H

#include <stddef.h>
#include <time.h>

enum export_format { EXPORT_CSV, EXPORT_XLSX, EXPORT_PDF };
enum export_kind { EXPORT_TEXT, EXPORT_TIME }; /* TIME: a local date-time */

struct export_col {
	const char *title; /* header cell; copied by export_open */
	enum export_kind kind;
	double width_hint; /* in characters (Excel's column width); <= 0: a default */
};

/*
 * One cell. TEXT: text (NULL is an empty cell). TIME: tm, already in the
 * user's time zone (only the date and time fields are read), unless text is
 * not NULL: then that text is written instead, for a time that is missing
 * ("" or "—").
 */
struct export_value {
	const char *text;
	struct tm tm;
};

struct export;

/*
 * Creates the file at path (mode 0600, truncated) and writes what comes
 * before the rows: the header row and, for the PDF, the title line; title
 * also names the XLSX sheet. cols is copied. Returns NULL on error (ncols
 * not within 1 to 16384, path not writable, library failure), after logging
 * why.
 * A file may be left at path on error: the caller removes it.
 */
struct export *export_open(enum export_format fmt, const char *path, const char *title,
                           const struct export_col *cols, size_t ncols);
/*
 * Writes one row of ncols values. Returns 0, or -1 on error (write error,
 * a TIME value out of range, more rows than XLSX allows): the export has
 * then failed, later rows are refused and export_close returns -1.
 */
int export_row(struct export *e, const struct export_value *vals);
/*
 * Finishes the file and frees e (also on error). Returns 0 when the file at
 * path is complete, -1 otherwise (the caller removes it). NULL is a no-op
 * returning -1.
 */
int export_close(struct export *e);

/* Content-Type of a format: "text/csv; charset=utf-8"… */
const char *export_mime(enum export_format fmt);
/* File name extension without the dot: "csv", "xlsx", "pdf". */
const char *export_ext(enum export_format fmt);

#endif
