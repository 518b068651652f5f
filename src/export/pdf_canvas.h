/*
 * What the PDF writers share (pdf.c, the table export; doc.c, flowing
 * documents): a cairo PDF surface with its own Pango font map and a
 * context set for print — points as font sizes, no hinting, Japanese
 * forms of Han characters, Noto Sans CJK JP first — and layouts in it.
 * Internal to src/export.
 */
#ifndef MADOGUCHI_EXPORT_PDF_CANVAS_H
#define MADOGUCHI_EXPORT_PDF_CANVAS_H

#include <stdbool.h>

#include <cairo.h>
#include <pango/pangocairo.h>

#define PDF_FONTS "Noto Sans CJK JP,Noto Sans,DejaVu Sans,sans-serif"

struct pdf_canvas {
	cairo_surface_t *surface;
	cairo_t *cr;
	PangoFontMap *fontmap; /* private: freed with the canvas, not kept by the thread */
	PangoContext *ctx;
};

/*
 * Creates the PDF at path (w × h points), its title metadata set. 0, or -1
 * after logging why; close the canvas in either case.
 */
int pdf_canvas_open(struct pdf_canvas *c, const char *path, double w, double h, const char *title);
/* A layout of font size pt (bold or not), width points wide, cut with an ellipsis. */
PangoLayout *pdf_canvas_layout(PangoContext *ctx, double pt, bool bold, double width);
/* 0 while the drawing has not failed, else -1 after logging it for path. */
int pdf_canvas_check(const struct pdf_canvas *c, const char *path);
/*
 * Finishes the file (written as pages end) and frees the canvas. 0 when the
 * file is complete; -1, logged unless quiet (the failing call said why).
 */
int pdf_canvas_close(struct pdf_canvas *c, const char *path, bool quiet);

#endif
