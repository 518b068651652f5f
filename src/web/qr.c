/* QR code drawing; see qr.h. */
#include "web/qr.h"
#include "core/buf.h"
#include "web/html.h"

#include <qrencode.h>

/* One path of unit squares: the markup is made here, only the label is data. */
int
qr_svg(struct buf *b, const char *text, const char *label)
{
	QRcode *qr = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!qr)
		return -1;
	int w = qr->width, quiet = 4, size = w + 2 * quiet;
	buf_printf(b,
	           "<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	           "width=\"%d\" height=\"%d\" role=\"img\" shape-rendering=\"crispEdges\"",
	           size, size, size * 5, size * 5);
	html_attr(b, "aria-label", label);
	buf_printf(b, "><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
	           size, size);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (qr->data[y * w + x] & 1)
				buf_printf(b, "M%d %dh1v1h-1z", x + quiet, y + quiet);
	buf_puts(b, "\"/></svg>");
	QRcode_free(qr);
	return 0;
}
