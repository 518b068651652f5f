/*
 * Allocation that never returns NULL: running out of memory aborts here, in
 * one place, so that no caller carries an error path for it.
 */
#ifndef MADOGUCHI_CORE_XALLOC_H
#define MADOGUCHI_CORE_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* Ends the process for a request of n bytes that cannot be met. */
_Noreturn void xalloc_fail(size_t n);

#endif
