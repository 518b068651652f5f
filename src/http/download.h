/* Sending a stored file as a download. */
#ifndef MADOGUCHI_HTTP_DOWNLOAD_H
#define MADOGUCHI_HTTP_DOWNLOAD_H

#include <stdint.h>

struct req;

/*
 * Answers with the file on fd (size bytes; the server sends it without
 * copying it into memory and closes fd) as an attachment named filename:
 * Content-Disposition with an ASCII fallback and the UTF-8 name of RFC
 * 5987/6266, so Japanese names arrive intact. Returns the status (200).
 */
int http_send_file(struct req *r, int fd, uint64_t size, const char *mime, const char *filename);

#endif
