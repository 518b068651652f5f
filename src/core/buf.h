/*
 * A growable byte buffer: response bodies, SQL-free string building. Memory
 * comes from the heap because a response body outlives the handler (the HTTP
 * library frees it after sending).
 */
#ifndef MADOGUCHI_CORE_BUF_H
#define MADOGUCHI_CORE_BUF_H

#include <stdarg.h>
#include <stddef.h>

struct buf {
	char *p;
	size_t len, cap;
};

void buf_reserve(struct buf *b, size_t extra);
void buf_append(struct buf *b, const void *data, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void buf_free(struct buf *b);
/* Hands the bytes to the caller (NUL-terminated) and empties the buffer. */
char *buf_take(struct buf *b, size_t *len);

#endif
