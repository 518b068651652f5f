/*
 * PDF writer: cairo's PDF surface, A4 landscape, text laid out by Pango so
 * that Japanese renders (Noto Sans CJK JP first, fontconfig's fallback for
 * anything it lacks; cairo embeds only the glyphs used). A page is drawn
 * row by row and emitted with cairo_show_page as soon as it is full, so
 * memory does not grow with the row count. Each cell is one line, cut with
 * an ellipsis to its column; the header row repeats on every page and each
 * page carries its number.
 *
 * Every export has its own Pango font map rather than the per-thread
 * default: exports run on the server's worker threads, and a private map
 * is freed with the export instead of living as long as the thread.
 */
#include "export/backend.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "export/pdf_canvas.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* Geometry in points (1/72 inch, cairo's unit on a PDF surface). */
#define PAGE_W             841.889764 /* A4 landscape */
#define PAGE_H             595.275591
#define MARGIN             28.0
#define TITLE_H            26.0
#define HEAD_H             17.0
#define ROW_H              14.0
#define FOOTER_H           16.0
#define PAD                3.0 /* between a cell's edge and its text */
#define BODY_PT            8.5
#define TITLE_PT           13.0
#define FOOT_PT            8.0
#define DEFAULT_WIDTH      14.0 /* hint of a column without one, as in xlsx.c */
#define DEFAULT_TIME_WIDTH 20.0

/*
 * A cell's laid-out text, kept for reuse: shaping is the dearest step of a
 * row, and a column often repeats its values (a user's name, an event).
 */
struct slot {
	PangoLayout *layout; /* body font, the column's width, ellipsis; NULL until used */
	char *text;          /* what layout holds */
};
#define SLOTS 16 /* per column, a power of 2 */

struct pdf {
	struct pdf_canvas cv;
	struct slot *cache; /* SLOTS per column: laid-out cells */
	PangoLayout **head; /* per column, bold, text set once */
	PangoLayout *title, *footer;
	double *x, *w;           /* left edge and width of each column */
	double body_dy, head_dy; /* from a row's top to its text's top, to centre it */
	double y;                /* top of the next row on the page */
	int page;                /* number of the page being drawn, from 1 */
	size_t *fit;             /* per column, more characters than can ever show */
	struct buf cut;          /* a cell's text cut to fit */
};

/*
 * s (valid UTF-8) cut after max characters, with an ellipsis, in b; s when
 * shorter. Pango would ellipsize anyway, but it shapes the whole text first
 * and cairo keeps all of it in the page as the ellipsis's text: a long cell
 * would cost time and bytes for what is never shown.
 */
static const char *
cut_text(struct buf *b, const char *s, size_t max)
{
	size_t i = 0, chars = 0;
	for (; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) != 0x80 && chars++ == max)
			break;
	}
	if (!s[i])
		return s;
	b->len = 0;
	buf_append(b, s, i);
	buf_puts(b, "…");
	return b->p;
}

/* A layout in ctx with font size pt (bold or not), cut with an ellipsis at width points. */
static PangoLayout *
new_layout(PangoContext *ctx, double pt, bool bold, double width)
{
	return pdf_canvas_layout(ctx, pt, bold, width);
}

/* Offset from the top of a box of height h to the top of a line of l's font, to centre it. */
static double
centre_dy(PangoLayout *l, double h)
{
	pango_layout_set_text(l, "Ag漢字", -1);
	PangoRectangle logical;
	pango_layout_get_extents(l, NULL, &logical);
	return (h - (double)logical.height / PANGO_SCALE) / 2;
}

/* Width of the text of a column w wide. */
static double
text_width(double w)
{
	return w - 2 * PAD > 1 ? w - 2 * PAD : 1;
}

/* A layout of column col holding text: from the cache, or laid out now in the slot of its hash. */
static PangoLayout *
cell_layout(struct pdf *p, size_t col, const char *text)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (const unsigned char *c = (const unsigned char *)text; *c; c++)
		h = (h ^ *c) * 16777619u;
	struct slot *sl = &p->cache[col * SLOTS + (h & (SLOTS - 1))];
	if (sl->text && strcmp(sl->text, text) == 0)
		return sl->layout;
	if (!sl->layout)
		sl->layout = new_layout(p->cv.ctx, BODY_PT, false, text_width(p->w[col]));
	free(sl->text);
	sl->text = xstrdup(text);
	pango_layout_set_text(sl->layout, text, -1);
	return sl->layout;
}

/*
 * Draws l in the cell of width w and height h at (x, top), dy below the
 * top; clipped to the cell when even the ellipsis overflows.
 */
static void
draw_text(cairo_t *cr, PangoLayout *l, double x, double top, double w, double h, double dy)
{
	PangoRectangle logical;
	pango_layout_get_extents(l, NULL, &logical);
	/* Clipping only when needed keeps the page content small and fast to write. */
	bool clip = logical.x < 0 || logical.x + logical.width > (int)((w - PAD) * PANGO_SCALE);
	if (clip) {
		cairo_save(cr);
		cairo_rectangle(cr, x, top, w, h);
		cairo_clip(cr);
	}
	cairo_move_to(cr, x + PAD, top + dy);
	pango_cairo_show_layout(cr, l);
	if (clip)
		cairo_restore(cr);
}

/* Starts page p->page: the title on the first, the page number, the header row. */
static void
start_page(struct export *e, struct pdf *p)
{
	cairo_t *cr = p->cv.cr;
	double x0 = MARGIN, x1 = PAGE_W - MARGIN;
	p->y = MARGIN;
	cairo_set_source_rgb(cr, 0, 0, 0);
	if (p->page == 1) {
		cairo_move_to(cr, x0, p->y);
		pango_cairo_show_layout(cr, p->title);
		p->y += TITLE_H;
	}

	char num[24];
	snprintf(num, sizeof(num), "%d", p->page);
	pango_layout_set_text(p->footer, num, -1);
	cairo_move_to(cr, x0, PAGE_H - MARGIN - FOOTER_H / 2);
	pango_cairo_show_layout(cr, p->footer);

	cairo_set_source_rgb(cr, 0.88, 0.90, 0.93);
	cairo_rectangle(cr, x0, p->y, x1 - x0, HEAD_H);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (size_t i = 0; i < e->ncols; i++) {
		cairo_move_to(cr, p->x[i] + PAD, p->y + p->head_dy);
		pango_cairo_show_layout(cr, p->head[i]);
	}
	p->y += HEAD_H;
	cairo_set_line_width(cr, 0.8);
	cairo_move_to(cr, x0, p->y);
	cairo_line_to(cr, x1, p->y);
	cairo_stroke(cr);
}

/* Frees what pdf_open built; the surface is finished (and the file written) first. */
static int
pdf_free(struct export *e, struct pdf *p)
{
	/* else the failing call has said why */
	int rc = pdf_canvas_close(&p->cv, e->path, e->failed);
	for (size_t i = 0; p->cache && i < e->ncols * SLOTS; i++) {
		if (p->cache[i].layout)
			g_object_unref(p->cache[i].layout);
		free(p->cache[i].text);
	}
	for (size_t i = 0; p->head && i < e->ncols; i++) {
		if (p->head[i])
			g_object_unref(p->head[i]);
	}
	if (p->title)
		g_object_unref(p->title);
	if (p->footer)
		g_object_unref(p->footer);
	free(p->cache);
	free(p->head);
	free(p->x);
	free(p->w);
	free(p->fit);
	buf_free(&p->cut);
	free(p);
	return rc;
}

int
pdf_open(struct export *e, int fd)
{
	/* The file exists now with its mode; cairo reopens it by name and writes as pages end. */
	close(fd);
	struct pdf *p = xcalloc(1, sizeof(*p));
	e->impl = p;
	const char *title = export_clean(&e->scratch, e->title, CLEAN_ONE_LINE);
	if (pdf_canvas_open(&p->cv, e->path, PAGE_W, PAGE_H, title) != 0)
		return -1;

	/* Column widths: the hints' proportions stretched over the page width. */
	double avail = PAGE_W - 2 * MARGIN, sum = 0;
	p->x = xcalloc(e->ncols, sizeof(*p->x));
	p->w = xcalloc(e->ncols, sizeof(*p->w));
	for (size_t i = 0; i < e->ncols; i++) {
		const struct export_col *c = &e->cols[i];
		p->w[i] = c->width_hint > 0        ? c->width_hint
		          : c->kind == EXPORT_TIME ? DEFAULT_TIME_WIDTH
		                                   : DEFAULT_WIDTH;
		sum += p->w[i];
	}
	p->cache = xcalloc(e->ncols * SLOTS, sizeof(*p->cache));
	p->head = xcalloc(e->ncols, sizeof(*p->head));
	p->fit = xcalloc(e->ncols, sizeof(*p->fit));
	double x = MARGIN;
	for (size_t i = 0; i < e->ncols; i++) {
		p->w[i] = avail * p->w[i] / sum;
		p->x[i] = x;
		x += p->w[i];
		double text_w = text_width(p->w[i]);
		/*
		 * Hardly a glyph is narrower than a fifth of an em: characters
		 * past this many are past the column's edge. (Text of zero-width
		 * marks is cut early; it still shows its ellipsis.)
		 */
		p->fit[i] = (size_t)(text_w / (0.2 * BODY_PT)) + 2;
		p->head[i] = new_layout(p->cv.ctx, BODY_PT, true, text_w);
		pango_layout_set_text(
		    p->head[i], export_clean(&e->scratch, e->cols[i].title, CLEAN_ONE_LINE), -1);
	}
	p->title = new_layout(p->cv.ctx, TITLE_PT, true, avail);
	pango_layout_set_text(p->title, export_clean(&e->scratch, e->title, CLEAN_ONE_LINE), -1);
	p->footer = new_layout(p->cv.ctx, FOOT_PT, false, avail);
	pango_layout_set_alignment(p->footer, PANGO_ALIGN_CENTER);

	PangoLayout *probe = new_layout(p->cv.ctx, BODY_PT, false, avail);
	p->body_dy = centre_dy(probe, ROW_H);
	g_object_unref(probe);
	probe = new_layout(p->cv.ctx, BODY_PT, true, avail);
	p->head_dy = centre_dy(probe, HEAD_H);
	g_object_unref(probe);

	p->page = 1;
	start_page(e, p);
	return pdf_canvas_check(&p->cv, e->path);
}

int
pdf_row(struct export *e, const struct export_value *vals)
{
	struct pdf *p = e->impl;
	cairo_t *cr = p->cv.cr;
	if (p->y + ROW_H > PAGE_H - MARGIN - FOOTER_H) {
		/* The full page is written out and dropped here: this is what keeps memory flat. */
		cairo_show_page(cr);
		cairo_status_t st = cairo_surface_status(p->cv.surface);
		if (st != CAIRO_STATUS_SUCCESS) {
			log_error("export pdf: %s: %s", e->path, cairo_status_to_string(st));
			return -1;
		}
		p->page++;
		start_page(e, p);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (size_t i = 0; i < e->ncols; i++) {
		const struct export_value *v = &vals[i];
		const char *text;
		char t[20];
		if (e->cols[i].kind == EXPORT_TIME && !v->text) {
			if (!export_tm_valid(&v->tm)) {
				log_error("export pdf: time out of range in column %zu", i);
				return -1;
			}
			export_tm_format(t, &v->tm);
			text = t;
		} else {
			text = cut_text(&p->cut, export_clean(&e->scratch, v->text, CLEAN_ONE_LINE),
			                p->fit[i]);
		}
		if (text[0])
			draw_text(cr, cell_layout(p, i, text), p->x[i], p->y, p->w[i], ROW_H,
			          p->body_dy);
	}
	p->y += ROW_H;
	cairo_set_source_rgb(cr, 0.78, 0.78, 0.78);
	cairo_set_line_width(cr, 0.4);
	cairo_move_to(cr, MARGIN, p->y);
	cairo_line_to(cr, PAGE_W - MARGIN, p->y);
	cairo_stroke(cr);

	cairo_status_t st = cairo_status(cr);
	if (st != CAIRO_STATUS_SUCCESS) {
		log_error("export pdf: %s: %s", e->path, cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

int
pdf_close(struct export *e)
{
	struct pdf *p = e->impl;
	e->impl = NULL;
	/* The last page is always partly drawn (at least its header): emit it. */
	if (p->cv.cr && cairo_status(p->cv.cr) == CAIRO_STATUS_SUCCESS)
		cairo_show_page(p->cv.cr);
	return pdf_free(e, p);
}
