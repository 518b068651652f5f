/*
 * A bump allocator over a list of chunks. Large requests get a chunk of their
 * own so that one big value does not waste the rest of a standard chunk.
 */
#include "core/arena.h"
#include "core/xalloc.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ARENA_CHUNK 8192
#define ARENA_ALIGN 16

struct chunk {
	struct chunk *next;
	size_t used, cap;
	_Alignas(16) unsigned char data[];
};

struct deferred {
	struct deferred *next;
	void (*fn)(void *);
	void *arg;
};

struct arena {
	struct chunk *head;
	struct deferred *defers;
};

static struct chunk *
chunk_new(size_t cap)
{
	if (cap > SIZE_MAX - sizeof(struct chunk))
		xalloc_fail(cap);
	struct chunk *c = xmalloc(sizeof(*c) + cap);
	c->next = NULL;
	c->used = 0;
	c->cap = cap;
	return c;
}

struct arena *
arena_new(void)
{
	struct arena *a = xmalloc(sizeof(*a));
	a->head = chunk_new(ARENA_CHUNK - sizeof(struct chunk));
	a->defers = NULL;
	return a;
}

/* Runs the deferred clean-ups, newest first, then releases every chunk. */
void
arena_free(struct arena *a)
{
	if (!a)
		return;
	for (struct deferred *d = a->defers; d; d = d->next)
		d->fn(d->arg);
	struct chunk *c = a->head;
	while (c) {
		struct chunk *next = c->next;
		free(c);
		c = next;
	}
	free(a);
}

void *
arena_alloc(struct arena *a, size_t n)
{
	if (n > SIZE_MAX - ARENA_ALIGN)
		xalloc_fail(n);
	size_t need = (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	struct chunk *c = a->head;
	if (c->cap - c->used < need) {
		if (need > ARENA_CHUNK / 4) {
			/* A big block: own chunk, linked behind the current one. */
			struct chunk *big = chunk_new(need);
			big->used = need;
			big->next = c->next;
			c->next = big;
			return big->data;
		}
		c = chunk_new(ARENA_CHUNK - sizeof(struct chunk));
		c->next = a->head;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += need;
	return p;
}

void *
arena_grow(struct arena *a, void *old, size_t elem, size_t *cap, size_t n)
{
	if (n < *cap)
		return old;
	size_t ncap = *cap ? *cap * 2 : 16;
	if (ncap > SIZE_MAX / elem)
		xalloc_fail(SIZE_MAX);
	void *p = arena_alloc(a, ncap * elem);
	if (n)
		memcpy(p, old, n * elem);
	*cap = ncap;
	return p;
}

void *
arena_zalloc(struct arena *a, size_t n)
{
	void *p = arena_alloc(a, n);
	memset(p, 0, n);
	return p;
}

char *
arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *
arena_strdup(struct arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *
arena_vprintf(struct arena *a, const char *fmt, va_list ap)
{
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0)
		return arena_strdup(a, "");
	char *p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *
arena_printf(struct arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

void
arena_defer(struct arena *a, void (*fn)(void *), void *arg)
{
	struct deferred *d = arena_alloc(a, sizeof(*d));
	d->fn = fn;
	d->arg = arg;
	d->next = a->defers;
	a->defers = d;
}
