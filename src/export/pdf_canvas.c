/* The PDF surface and Pango context the PDF writers share; see pdf_canvas.h. */
#include "export/pdf_canvas.h"
#include "core/log.h"

#include <cairo-pdf.h>
#include <string.h>

int
pdf_canvas_open(struct pdf_canvas *c, const char *path, double w, double h, const char *title)
{
	memset(c, 0, sizeof(*c));
	c->surface = cairo_pdf_surface_create(path, w, h);
	cairo_status_t st = cairo_surface_status(c->surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		log_error("export pdf: %s: %s", path, cairo_status_to_string(st));
		cairo_surface_destroy(c->surface);
		c->surface = NULL;
		return -1;
	}
	cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(c->surface, CAIRO_PDF_METADATA_CREATOR, "Madoguchi");
	c->cr = cairo_create(c->surface);

	c->fontmap = pango_cairo_font_map_new();
	c->ctx = pango_font_map_create_context(c->fontmap);
	pango_cairo_update_context(c->cr, c->ctx);
	/* Points as font sizes, and outlines unhinted and unrounded: this is print, not screen. */
	pango_cairo_context_set_resolution(c->ctx, 72);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(c->ctx, fo);
	cairo_font_options_destroy(fo);
	pango_context_set_round_glyph_positions(c->ctx, FALSE);
	/* Han characters shared by Chinese and Japanese take their Japanese forms. */
	pango_context_set_language(c->ctx, pango_language_from_string("ja"));
	return 0;
}

PangoLayout *
pdf_canvas_layout(PangoContext *ctx, double pt, bool bold, double width)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_from_string(PDF_FONTS);
	pango_font_description_set_size(fd, (gint)(pt * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
	/* The default height (-1) keeps one line per paragraph. */
	return l;
}

int
pdf_canvas_check(const struct pdf_canvas *c, const char *path)
{
	cairo_status_t st = c->cr ? cairo_status(c->cr) : CAIRO_STATUS_NULL_POINTER;
	if (st == CAIRO_STATUS_SUCCESS)
		return 0;
	log_error("export pdf: %s: %s", path, cairo_status_to_string(st));
	return -1;
}

int
pdf_canvas_close(struct pdf_canvas *c, const char *path, bool quiet)
{
	int rc = 0;
	if (c->cr)
		cairo_destroy(c->cr);
	if (c->surface) {
		cairo_surface_finish(c->surface);
		cairo_status_t st = cairo_surface_status(c->surface);
		if (st != CAIRO_STATUS_SUCCESS) {
			if (!quiet)
				log_error("export pdf: %s: %s", path, cairo_status_to_string(st));
			rc = -1;
		}
		cairo_surface_destroy(c->surface);
	} else {
		rc = -1;
	}
	if (c->ctx)
		g_object_unref(c->ctx);
	if (c->fontmap)
		g_object_unref(c->fontmap);
	memset(c, 0, sizeof(*c));
	return rc;
}
