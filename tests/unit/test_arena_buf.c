/*
 * Unit tests of the memory helpers: the per-request arena (src/core/arena.c:
 * alignment, chunk growth, large blocks, strings, printf, deferred clean-ups,
 * growing arrays and sizes that cannot be allocated) and the growable buffer
 * (src/core/buf.c: append, printf, growth, take).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/arena.h"
#include "core/buf.h"

static void
test_arena_alignment(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	static const size_t sizes[] = {0,  1,  2,  3,   7,    8,    15,   16,
	                               17, 31, 33, 100, 1000, 2047, 2049, 5000};
	/* Several rounds so that allocations cross chunk boundaries. */
	for (int round = 0; round < 50; round++) {
		for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
			unsigned char *p = arena_alloc(a, sizes[i]);
			assert_non_null(p);
			if ((uintptr_t)p % 16 != 0)
				fail_msg("arena_alloc(%zu) returned %p, not aligned to 16",
				         sizes[i], (void *)p);
			memset(p, 0xa5, sizes[i]);
		}
	}
	arena_free(a);
}

static void
test_arena_no_overlap(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	enum { N = 2000 };
	unsigned char *ptrs[N];
	size_t lens[N];
	for (size_t i = 0; i < N; i++) {
		lens[i] = 1 + (i * 37) % 300;
		ptrs[i] = arena_alloc(a, lens[i]);
		memset(ptrs[i], (int)(i & 0xff), lens[i]);
	}
	/* Every block still holds what was written: no two blocks overlap. */
	for (size_t i = 0; i < N; i++)
		for (size_t k = 0; k < lens[i]; k++)
			if (ptrs[i][k] != (unsigned char)(i & 0xff))
				fail_msg("block %zu was overwritten at byte %zu", i, k);
	arena_free(a);
}

static void
test_arena_large(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	char *small1 = arena_strdup(a, "before");
	size_t big_n = 1u << 20;
	unsigned char *big = arena_alloc(a, big_n);
	assert_non_null(big);
	assert_int_equal((uintptr_t)big % 16, 0);
	memset(big, 0x5a, big_n);
	/* The current chunk is still used for small allocations after a big one. */
	char *small2 = arena_strdup(a, "after");
	assert_string_equal(small1, "before");
	assert_string_equal(small2, "after");
	assert_int_equal(big[0], 0x5a);
	assert_int_equal(big[big_n - 1], 0x5a);
	/* Several big blocks, and one just above a quarter chunk. */
	for (int i = 0; i < 8; i++) {
		unsigned char *p = arena_alloc(a, 100000);
		memset(p, i, 100000);
	}
	unsigned char *q = arena_alloc(a, 2049);
	memset(q, 1, 2049);
	arena_free(a);
}

static void
test_arena_zalloc_and_strings(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	/* Dirty the chunk first so that zalloc has something to clear. */
	memset(arena_alloc(a, 4000), 0xff, 4000);
	arena_free(a);
	a = arena_new();
	unsigned char *z = arena_zalloc(a, 3000);
	for (size_t i = 0; i < 3000; i++)
		assert_int_equal(z[i], 0);
	unsigned char *zb = arena_zalloc(a, 50000);
	for (size_t i = 0; i < 50000; i++)
		assert_int_equal(zb[i], 0);

	const char *src = "日本語 text";
	char *d = arena_strdup(a, src);
	assert_string_equal(d, src);
	assert_ptr_not_equal(d, src);
	assert_null(arena_strdup(a, NULL));
	char *n = arena_strndup(a, "abcdef", 3);
	assert_string_equal(n, "abc");
	char *e = arena_strndup(a, "abc", 0);
	assert_string_equal(e, "");
	/* strndup copies n bytes, NULs included. */
	char *m = arena_strndup(a, "a\0b", 3);
	assert_memory_equal(m, "a\0b\0", 4);
	arena_free(a);
}

static void
test_arena_printf(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	assert_string_equal(arena_printf(a, "%s-%d-%05.1f", "x", 42, 3.14159), "x-42-003.1");
	assert_string_equal(arena_printf(a, "%s", ""), "");
	/* Longer than a chunk. */
	char *big_in = malloc(20001);
	assert_non_null(big_in);
	memset(big_in, 'q', 20000);
	big_in[20000] = '\0';
	char *big = arena_printf(a, "<%s>", big_in);
	assert_int_equal(strlen(big), 20002);
	assert_int_equal(big[0], '<');
	assert_int_equal(big[20001], '>');
	assert_memory_equal(big + 1, big_in, 20000);
	free(big_in);
	arena_free(a);
}

struct order {
	int seen[8];
	int n;
};

static struct order order_log;

static void
record(void *arg)
{
	order_log.seen[order_log.n++] = (int)(intptr_t)arg;
}

static void
free_heap(void *p)
{
	free(p);
}

static void
test_arena_defer_order(void **state)
{
	(void)state;
	memset(&order_log, 0, sizeof(order_log));
	struct arena *a = arena_new();
	arena_defer(a, record, (void *)(intptr_t)1);
	arena_alloc(a, 100000); /* a big block between the registrations */
	arena_defer(a, record, (void *)(intptr_t)2);
	for (int i = 0; i < 500; i++)
		arena_alloc(a, 100); /* new chunks */
	arena_defer(a, record, (void *)(intptr_t)3);
	/* A heap block released by a clean-up: LeakSanitizer sees it freed. */
	arena_defer(a, free_heap, malloc(64));
	assert_int_equal(order_log.n, 0);
	arena_free(a);
	assert_int_equal(order_log.n, 3);
	assert_int_equal(order_log.seen[0], 3);
	assert_int_equal(order_log.seen[1], 2);
	assert_int_equal(order_log.seen[2], 1);
	/* arena_free(NULL) is a no-op. */
	arena_free(NULL);
}

/*
 * Runs arena_alloc(n) in a child. An impossible size must end the process
 * through xmalloc's out-of-memory abort (or ASan's allocation-size-too-big
 * report), never return a block, and never overflow the heap.
 */
static void
expect_alloc_dies(size_t n)
{
	char log[] = "/tmp/madoguchi-test-arena-XXXXXX";
	int fd = mkstemp(log);
	assert_true(fd >= 0);
	fflush(stdout);
	fflush(stderr);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		dup2(fd, STDERR_FILENO);
		struct arena *a = arena_new();
		unsigned char *p = arena_alloc(a, n);
		/* Reached only when the allocation "succeeded". */
		_exit(p ? 0 : 3);
	}
	int status = 0;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	char out[4096] = {0};
	ssize_t got = pread(fd, out, sizeof(out) - 1, 0);
	close(fd);
	unlink(log);
	if (got > 0 && strstr(out, "heap-buffer-overflow"))
		fail_msg("arena_alloc(%zu) overflowed the heap:\n%s", n, out);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		fail_msg("arena_alloc(%zu) returned a block instead of aborting", n);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 3)
		fail_msg("arena_alloc(%zu) returned NULL instead of aborting", n);
}

static void
test_arena_impossible_size(void **state)
{
	(void)state;
	expect_alloc_dies(SIZE_MAX);
	expect_alloc_dies(SIZE_MAX - 20);
	expect_alloc_dies(SIZE_MAX / 2);
}

static void
test_arena_grow(void **state)
{
	(void)state;
	struct arena *a = arena_new();
	int64_t *v = NULL;
	size_t cap = 0;
	for (size_t n = 0; n < 1000; n++) {
		v = arena_grow(a, v, sizeof(*v), &cap, n);
		assert_true(cap > n);
		v[n] = (int64_t)n * 3;
	}
	assert_int_equal(cap, 1024);
	for (size_t n = 0; n < 1000; n++)
		assert_int_equal(v[n], (int64_t)n * 3);
	/* Room left: the same array. */
	size_t before = cap;
	assert_ptr_equal(arena_grow(a, v, sizeof(*v), &cap, 1000), v);
	assert_int_equal(cap, before);
	arena_free(a);
}

static void
test_buf_append_growth(void **state)
{
	(void)state;
	struct buf b = {0};
	assert_null(b.p);
	/* One byte at a time across the first growth (256). */
	for (int i = 0; i < 300; i++)
		buf_putc(&b, (char)('a' + i % 26));
	assert_int_equal(b.len, 300);
	assert_true(b.cap > b.len);
	assert_int_equal(b.p[300], '\0');
	assert_int_equal(b.p[299], 'a' + 299 % 26);

	/* A block past 4 KiB in one go. */
	char block[5000];
	memset(block, 'z', sizeof(block));
	buf_append(&b, block, sizeof(block));
	assert_int_equal(b.len, 5300);
	assert_true(b.cap > b.len);
	assert_int_equal(b.p[b.len], '\0');
	assert_memory_equal(b.p + 300, block, sizeof(block));
	assert_int_equal(b.p[0], 'a');

	buf_puts(&b, "end");
	assert_int_equal(b.len, 5303);
	assert_string_equal(b.p + 5300, "end");

	/* Embedded NULs are kept. */
	buf_append(&b, "\0x", 2);
	assert_int_equal(b.len, 5305);
	assert_memory_equal(b.p + 5303, "\0x\0", 3);

	buf_append(&b, "", 0);
	assert_int_equal(b.len, 5305);
	buf_free(&b);
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
}

static void
test_buf_printf(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_printf(&b, "%d+%d=%s", 1, 2, "three");
	assert_string_equal(b.p, "1+2=three");

	/* Longer than buf_printf's stack buffer (256). */
	char mid[300];
	memset(mid, 'm', sizeof(mid) - 1);
	mid[sizeof(mid) - 1] = '\0';
	buf_printf(&b, "[%s]", mid);
	assert_int_equal(b.len, 9 + 301);
	assert_int_equal(b.p[9], '[');
	assert_int_equal(b.p[b.len - 1], ']');
	assert_int_equal(b.p[b.len], '\0');

	/* Past 4 KiB. */
	char *big = malloc(6001);
	assert_non_null(big);
	memset(big, 'B', 6000);
	big[6000] = '\0';
	size_t before = b.len;
	buf_printf(&b, "%s%s", big, "!");
	assert_int_equal(b.len, before + 6001);
	assert_memory_equal(b.p + before, big, 6000);
	assert_string_equal(b.p + before + 6000, "!");
	free(big);

	/* Exactly 255 and 256 characters: the edge of the stack buffer. */
	struct buf e = {0};
	char s255[256];
	memset(s255, 'e', 255);
	s255[255] = '\0';
	buf_printf(&e, "%s", s255);
	buf_printf(&e, "%s.", s255);
	assert_int_equal(e.len, 255 + 256);
	assert_int_equal(e.p[e.len - 1], '.');
	assert_int_equal(strlen(e.p), e.len);
	buf_free(&e);
	buf_free(&b);
}

static void
test_buf_take(void **state)
{
	(void)state;
	struct buf b = {0};
	buf_puts(&b, "hello");
	size_t len = 0;
	char *p = buf_take(&b, &len);
	assert_string_equal(p, "hello");
	assert_int_equal(len, 5);
	/* The buffer is empty and reusable afterwards. */
	assert_null(b.p);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap, 0);
	buf_puts(&b, "again");
	char *q = buf_take(&b, NULL);
	assert_string_equal(q, "again");
	assert_ptr_not_equal(p, q);
	free(p);
	free(q);

	/* Taking an empty buffer gives an empty string, not NULL. */
	struct buf e = {0};
	char *s = buf_take(&e, &len);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	free(s);

	/* A large buffer is handed over whole. */
	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%04d,", i);
	char *big = buf_take(&b, &len);
	assert_int_equal(len, 5000);
	assert_int_equal(strlen(big), 5000);
	assert_memory_equal(big + 4995, "0999,", 5);
	free(big);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_arena_alignment),
	    cmocka_unit_test(test_arena_no_overlap),
	    cmocka_unit_test(test_arena_large),
	    cmocka_unit_test(test_arena_zalloc_and_strings),
	    cmocka_unit_test(test_arena_printf),
	    cmocka_unit_test(test_arena_defer_order),
	    cmocka_unit_test(test_arena_impossible_size),
	    cmocka_unit_test(test_arena_grow),
	    cmocka_unit_test(test_buf_append_growth),
	    cmocka_unit_test(test_buf_printf),
	    cmocka_unit_test(test_buf_take),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
