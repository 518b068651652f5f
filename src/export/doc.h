/*
 * Flowing PDF documents (a report rather than a list): A4 portrait, a
 * title, headings, wrapped paragraphs, label–value lines and tables whose
 * header repeats when a page breaks; each page carries its number. Text is
 * laid out by Pango as in the table export (export.h), so Japanese renders
 * with the same fonts. Drawing calls never fail one by one: an error is
 * sticky and doc_close reports it, so a writer reads straight through.
 */
#ifndef MADOGUCHI_EXPORT_DOC_H
#define MADOGUCHI_EXPORT_DOC_H

#define DOC_COLS_MAX 8

struct doc;

/* Creates the file at path (mode 0600) titled title (the metadata too). NULL on error (logged). */
struct doc *doc_open(const char *path, const char *title);
/* A line of small grey text under the title (who, which period, when made). */
void doc_subtitle(struct doc *d, const char *text);
void doc_heading(struct doc *d, const char *text);
/* A paragraph, wrapped to the page. */
void doc_text(struct doc *d, const char *text);
/* One line of a label and its value, the values aligned. */
void doc_pair(struct doc *d, const char *label, const char *value);
/*
 * Starts a table of ncols (1 to DOC_COLS_MAX) columns: their titles and
 * their widths as parts of the page's width (any unit: they are scaled).
 * Rows follow with doc_row until the next heading, paragraph or table.
 */
void doc_table(struct doc *d, int ncols, const char *const *titles, const double *widths);
/* One row: ncols cells of one line each, cut with an ellipsis to their column. */
void doc_row(struct doc *d, const char *const *cells);
/* Finishes the file and frees d. 0 when the file is complete, else -1 (the caller removes it). */
int doc_close(struct doc *d);

#endif
