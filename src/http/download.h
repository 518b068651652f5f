/*
 * The one file sender: every download (case, work request and knowledge
 * attachments, exports) leaves through here, so every one gets the same
 * Content-Type policy and Content-Disposition.
 */
#ifndef MADOGUCHI_HTTP_DOWNLOAD_H
#define MADOGUCHI_HTTP_DOWNLOAD_H

#include <stdint.h>

struct req;

/*
 * Answers with the file on fd (size bytes; the server sends it without
 * copying it into memory and closes fd) as an attachment named filename:
 * Content-Disposition with an ASCII fallback and the UTF-8 name of RFC
 * 5987/6266, so Japanese names arrive intact. Types a browser might run or
 * render as a page (HTML, XML, SVG, JavaScript) are sent as
 * application/octet-stream. Returns the status (200).
 */
int http_send_file(struct req *r, int fd, uint64_t size, const char *mime, const char *filename);
/*
 * The same for a file of the attachment store, by its SHA-256; 500 (logged)
 * when the stored file is missing.
 */
int http_send_stored(struct req *r, const char *sha256, const char *mime, const char *filename);
/* The Content-Type a download of mime is sent with. */
const char *http_download_type(const char *mime);

#endif
