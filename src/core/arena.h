/*
 * Per-request arena: every allocation made while serving a request comes
 * from here and is released at once when the request completes, so handlers
 * never free and never leak. Clean-ups that must run at that moment (closing
 * a file, resetting a statement) are registered with arena_defer().
 */
#ifndef MADOGUCHI_CORE_ARENA_H
#define MADOGUCHI_CORE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

struct arena;

struct arena *arena_new(void);
void arena_free(struct arena *a);
void *arena_alloc(struct arena *a, size_t n);
void *arena_zalloc(struct arena *a, size_t n);
char *arena_strdup(struct arena *a, const char *s);
/*
 * Room for element n of an array of elem-sized elements that holds *cap:
 * the same array, or a copy twice as large (16 at first) with *cap updated.
 */
void *arena_grow(struct arena *a, void *old, size_t elem, size_t *cap, size_t n);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
char *arena_vprintf(struct arena *a, const char *fmt, va_list ap);
void arena_defer(struct arena *a, void (*fn)(void *), void *arg);

#endif
