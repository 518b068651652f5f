/*
 * Flowing PDF documents; see doc.h. One layout per kind of text is kept
 * and refilled for each piece: a report has tens of lines, not millions,
 * but the shaping context is still dear to make.
 */
#include "export/doc.h"
#include "core/buf.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "export/backend.h"
#include "export/pdf_canvas.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Geometry in points: A4 portrait. */
#define PAGE_W   595.275591
#define PAGE_H   841.889764
#define MARGIN   42.0
#define FOOTER_H 18.0
#define TITLE_PT 16.0
#define SUB_PT   9.0
#define HEAD_PT  12.0
#define BODY_PT  10.0
#define CELL_PT  9.0
#define ROW_H    16.0
#define PAIR_H   17.0
#define LABEL_W  0.42 /* of the text width: a pair's label column */
#define PAD      3.0

enum style {
	ST_TITLE,
	ST_SUB,
	ST_HEAD,
	ST_BODY,
	ST_LABEL,
	ST_CELL,
	ST_CELL_HEAD,
	ST_FOOT,
	ST__MAX
};

struct doc {
	struct pdf_canvas cv;
	char *path;
	PangoLayout *style[ST__MAX];
	struct buf clean;
	double y;
	int page;
	bool failed;
	/* the table being written */
	int ncols;
	double x[DOC_COLS_MAX], w[DOC_COLS_MAX];
	char *titles[DOC_COLS_MAX];
};

static double
text_w(void)
{
	return PAGE_W - 2 * MARGIN;
}

/* Height in points of l's text. */
static double
height_of(PangoLayout *l)
{
	PangoRectangle logical;
	pango_layout_get_extents(l, NULL, &logical);
	return (double)logical.height / PANGO_SCALE;
}

/* Sets l's text (cleaned: valid UTF-8, one line unless wrapped) and width. */
static void
set_text(struct doc *d, PangoLayout *l, const char *text, double width, bool one_line)
{
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_text(l, export_clean(&d->clean, text, one_line ? CLEAN_ONE_LINE : 0), -1);
}

static void
show(struct doc *d, PangoLayout *l, double x, double y)
{
	cairo_move_to(d->cv.cr, x, y);
	pango_cairo_show_layout(d->cv.cr, l);
}

static void
table_head(struct doc *d)
{
	cairo_t *cr = d->cv.cr;
	cairo_set_source_rgb(cr, 0.88, 0.90, 0.93);
	cairo_rectangle(cr, MARGIN, d->y, text_w(), ROW_H);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	PangoLayout *l = d->style[ST_CELL_HEAD];
	for (int i = 0; i < d->ncols; i++) {
		set_text(d, l, d->titles[i], d->w[i] - 2 * PAD, true);
		show(d, l, d->x[i] + PAD, d->y + (ROW_H - height_of(l)) / 2);
	}
	d->y += ROW_H;
}

/* The page number at the foot; the top of the text area. */
static void
start_page(struct doc *d)
{
	char num[24];
	snprintf(num, sizeof(num), "%d", d->page);
	PangoLayout *l = d->style[ST_FOOT];
	set_text(d, l, num, text_w(), true);
	cairo_set_source_rgb(d->cv.cr, 0.3, 0.3, 0.3);
	show(d, l, MARGIN, PAGE_H - MARGIN - FOOTER_H / 2);
	cairo_set_source_rgb(d->cv.cr, 0, 0, 0);
	d->y = MARGIN;
}

/* Room for h points more on this page, else the next page (with the table's header again). */
static void
need(struct doc *d, double h)
{
	if (d->y + h <= PAGE_H - MARGIN - FOOTER_H)
		return;
	cairo_show_page(d->cv.cr);
	d->page++;
	start_page(d);
	if (d->ncols)
		table_head(d);
}

static void
free_table(struct doc *d)
{
	for (int i = 0; i < d->ncols; i++)
		free(d->titles[i]);
	d->ncols = 0;
}

struct doc *
doc_open(const char *path, const char *title)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		log_error("export pdf: %s: cannot create", path);
		return NULL;
	}
	close(fd); /* cairo reopens it by name; the mode stays */
	struct doc *d = xcalloc(1, sizeof(*d));
	d->path = xstrdup(path);
	const char *t = export_clean(&d->clean, title, CLEAN_ONE_LINE);
	if (pdf_canvas_open(&d->cv, path, PAGE_W, PAGE_H, t) != 0) {
		pdf_canvas_close(&d->cv, path, true);
		buf_free(&d->clean);
		free(d->path);
		free(d);
		return NULL;
	}
	static const struct {
		double pt;
		bool bold;
	} styles[ST__MAX] = {
	    [ST_TITLE] = {TITLE_PT, true},    [ST_SUB] = {SUB_PT, false},
	    [ST_HEAD] = {HEAD_PT, true},      [ST_BODY] = {BODY_PT, false},
	    [ST_LABEL] = {BODY_PT, false},    [ST_CELL] = {CELL_PT, false},
	    [ST_CELL_HEAD] = {CELL_PT, true}, [ST_FOOT] = {SUB_PT, false},
	};
	for (int i = 0; i < ST__MAX; i++)
		d->style[i] = pdf_canvas_layout(d->cv.ctx, styles[i].pt, styles[i].bold, text_w());
	pango_layout_set_alignment(d->style[ST_FOOT], PANGO_ALIGN_CENTER);
	/* Paragraphs wrap instead of ending in an ellipsis. */
	pango_layout_set_ellipsize(d->style[ST_BODY], PANGO_ELLIPSIZE_NONE);
	pango_layout_set_wrap(d->style[ST_BODY], PANGO_WRAP_WORD_CHAR);
	d->page = 1;
	start_page(d);
	PangoLayout *l = d->style[ST_TITLE];
	set_text(d, l, title, text_w(), true);
	show(d, l, MARGIN, d->y);
	d->y += height_of(l) + 4;
	return d;
}

void
doc_subtitle(struct doc *d, const char *text)
{
	PangoLayout *l = d->style[ST_SUB];
	set_text(d, l, text, text_w(), true);
	need(d, height_of(l));
	cairo_set_source_rgb(d->cv.cr, 0.35, 0.35, 0.35);
	show(d, l, MARGIN, d->y);
	cairo_set_source_rgb(d->cv.cr, 0, 0, 0);
	d->y += height_of(l) + 2;
}

void
doc_heading(struct doc *d, const char *text)
{
	free_table(d);
	PangoLayout *l = d->style[ST_HEAD];
	set_text(d, l, text, text_w(), true);
	double h = height_of(l);
	need(d, 14 + h + 4 + 2 * ROW_H); /* never a heading alone at a page's foot */
	d->y += 14;
	show(d, l, MARGIN, d->y);
	d->y += h + 2;
	cairo_set_line_width(d->cv.cr, 0.8);
	cairo_move_to(d->cv.cr, MARGIN, d->y);
	cairo_line_to(d->cv.cr, PAGE_W - MARGIN, d->y);
	cairo_stroke(d->cv.cr);
	d->y += 6;
}

void
doc_text(struct doc *d, const char *text)
{
	free_table(d);
	PangoLayout *l = d->style[ST_BODY];
	set_text(d, l, text, text_w(), false);
	double h = height_of(l);
	need(d, h); /* a paragraph taller than a page is drawn on, clipped by the page */
	show(d, l, MARGIN, d->y);
	d->y += h + 4;
}

void
doc_pair(struct doc *d, const char *label, const char *value)
{
	free_table(d);
	need(d, PAIR_H);
	double lw = text_w() * LABEL_W;
	PangoLayout *l = d->style[ST_LABEL];
	set_text(d, l, label, lw - PAD, true);
	cairo_set_source_rgb(d->cv.cr, 0.3, 0.3, 0.3);
	show(d, l, MARGIN, d->y + (PAIR_H - height_of(l)) / 2);
	cairo_set_source_rgb(d->cv.cr, 0, 0, 0);
	set_text(d, l, value, text_w() - lw, true);
	show(d, l, MARGIN + lw, d->y + (PAIR_H - height_of(l)) / 2);
	d->y += PAIR_H;
	cairo_set_source_rgb(d->cv.cr, 0.85, 0.85, 0.85);
	cairo_set_line_width(d->cv.cr, 0.4);
	cairo_move_to(d->cv.cr, MARGIN, d->y);
	cairo_line_to(d->cv.cr, PAGE_W - MARGIN, d->y);
	cairo_stroke(d->cv.cr);
	cairo_set_source_rgb(d->cv.cr, 0, 0, 0);
}

void
doc_table(struct doc *d, int ncols, const char *const *titles, const double *widths)
{
	free_table(d);
	if (ncols < 1 || ncols > DOC_COLS_MAX) {
		log_error("export pdf: %s: a table of %d columns", d->path, ncols);
		d->failed = true;
		return;
	}
	double sum = 0, x = MARGIN;
	for (int i = 0; i < ncols; i++)
		sum += widths[i] > 0 ? widths[i] : 1;
	for (int i = 0; i < ncols; i++) {
		d->w[i] = text_w() * (widths[i] > 0 ? widths[i] : 1) / sum;
		d->x[i] = x;
		x += d->w[i];
		d->titles[i] = xstrdup(titles[i] ? titles[i] : "");
	}
	need(d, 2 * ROW_H);
	d->ncols = ncols; /* after need(): a break here must not draw the header twice */
	table_head(d);
}

void
doc_row(struct doc *d, const char *const *cells)
{
	if (!d->ncols)
		return;
	need(d, ROW_H);
	PangoLayout *l = d->style[ST_CELL];
	for (int i = 0; i < d->ncols; i++) {
		if (!cells[i] || !cells[i][0])
			continue;
		set_text(d, l, cells[i], d->w[i] - 2 * PAD, true);
		show(d, l, d->x[i] + PAD, d->y + (ROW_H - height_of(l)) / 2);
	}
	d->y += ROW_H;
	cairo_set_source_rgb(d->cv.cr, 0.78, 0.78, 0.78);
	cairo_set_line_width(d->cv.cr, 0.4);
	cairo_move_to(d->cv.cr, MARGIN, d->y);
	cairo_line_to(d->cv.cr, PAGE_W - MARGIN, d->y);
	cairo_stroke(d->cv.cr);
	cairo_set_source_rgb(d->cv.cr, 0, 0, 0);
}

int
doc_close(struct doc *d)
{
	if (!d)
		return -1;
	free_table(d);
	bool failed = d->failed || pdf_canvas_check(&d->cv, d->path) != 0;
	if (!failed)
		cairo_show_page(d->cv.cr);
	for (int i = 0; i < ST__MAX; i++)
		if (d->style[i])
			g_object_unref(d->style[i]);
	int rc = pdf_canvas_close(&d->cv, d->path, failed);
	buf_free(&d->clean);
	free(d->path);
	free(d);
	return failed ? -1 : rc;
}
