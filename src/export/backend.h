/*
 * What the three export writers (csv.c, xlsx.c, pdf.c) share with the
 * dispatcher (export.c): the export handle and a few cell helpers. Internal
 * to src/export; callers use export.h.
 */
#ifndef MADOGUCHI_EXPORT_BACKEND_H
#define MADOGUCHI_EXPORT_BACKEND_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#include "core/buf.h"
#include "export/export.h"

struct export
{
	enum export_format fmt;
	size_t ncols;
	struct export_col *cols; /* copies: titles owned, never NULL */
	char *title;             /* never NULL */
	char *path;
	struct buf scratch; /* holds one cleaned cell at a time */
	bool failed;        /* sticky: a row failed, the file is not usable */
	void *impl;         /* the writer's state */
};

/*
 * Each writer: open takes the file created at e->path (fd, which it owns
 * from then on, closed even on error) and writes what precedes the rows;
 * when it fails it leaves e->impl NULL, or set for close to free. row
 * writes ncols values. close finishes the file and frees e->impl (also when
 * it fails). All return 0 or -1 and log why on -1.
 */
int csv_open(struct export *e, int fd);
int csv_row(struct export *e, const struct export_value *vals);
int csv_close(struct export *e);
int xlsx_open(struct export *e, int fd);
int xlsx_row(struct export *e, const struct export_value *vals);
int xlsx_close(struct export *e);
int pdf_open(struct export *e, int fd);
int pdf_row(struct export *e, const struct export_value *vals);
int pdf_close(struct export *e);

/* Flags of export_clean. */
enum {
	CLEAN_ONE_LINE = 1, /* control characters and line/paragraph separators become spaces */
};

/*
 * s as valid UTF-8 ("" for NULL): s itself when nothing needs changing, else
 * a copy in b (overwritten by the next call) with each invalid sequence
 * replaced by U+FFFD and, with CLEAN_ONE_LINE, line breaks flattened.
 */
const char *export_clean(struct buf *b, const char *s, int flags);

/* Whether the date and time fields of tm are in range, in years 1 to 9999. */
bool export_tm_valid(const struct tm *tm);
/* "YYYY-MM-DD HH:MM:SS" of a valid tm. */
void export_tm_format(char out[20], const struct tm *tm);

#endif
