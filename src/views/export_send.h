/*
 * Lists downloaded as files (PDF, Excel, CSV): the ≡ menu that offers them
 * and the answer that sends one. The file is written row by row into a
 * temporary file of the data directory (constant memory whatever the
 * size), unlinked once open, and sent from its descriptor.
 */
#ifndef MADOGUCHI_VIEWS_EXPORT_SEND_H
#define MADOGUCHI_VIEWS_EXPORT_SEND_H

#include "export/export.h"

struct req;

/* The ≡ menu: links to href_base + qs + "format=pdf|xlsx|csv". */
void export_menu(struct req *r, const char *href_base, const char *qs);
/* ?format= of the request; 0, or -1 when it is not one we write. */
int export_format_of(struct req *r, enum export_format *fmt);
/*
 * Writes the file with write (0 or -1) and answers with it, named
 * name_en.ext (and, for Japanese readers, name_local.ext as filename*).
 * Returns the status.
 */
int export_send(struct req *r, enum export_format fmt, const char *name_en, const char *name_local,
                int (*write)(struct req *r, const char *path, void *ctx), void *ctx);

#endif
