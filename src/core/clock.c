/* The clock, with the test builds' adjustable offset. */
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#ifdef MADOGUCHI_TEST_HOOKS
static int64_t
test_offset(void)
{
	const char *path = getenv("MADOGUCHI_TEST_CLOCK_FILE");
	if (!path)
		return 0;
	FILE *f = fopen(path, "r");
	if (!f)
		return 0;
	long long off = 0;
	if (fscanf(f, "%lld", &off) != 1)
		off = 0;
	fclose(f);
	return (int64_t)off;
}
#endif

int64_t
clock_now(void)
{
	int64_t t = (int64_t)time(NULL);
#ifdef MADOGUCHI_TEST_HOOKS
	t += test_offset();
#endif
	return t;
}
