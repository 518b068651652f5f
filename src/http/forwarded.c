/* X-Forwarded-For read from the right, believed only as far as trusted proxies go. */
#include "http/forwarded.h"

#include <string.h>

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The entry ending at end (exclusive), blanks trimmed: [*start, end'). */
static size_t
entry_before(const char *xff, const char *end, const char **start)
{
	const char *s = end;
	while (s > xff && s[-1] != ',')
		s--;
	*start = s;
	while (*start < end && is_blank(**start))
		(*start)++;
	while (end > *start && is_blank(end[-1]))
		end--;
	return (size_t)(end - *start);
}

struct netaddr
forwarded_client(const struct netaddr *peer, const char *xff, const struct netrange *trusted,
                 size_t n)
{
	struct netaddr client = *peer;
	if (!xff || n == 0 || !netrange_list_contains(trusted, n, peer))
		return client;
	const char *end = xff + strlen(xff);
	for (int hop = 0; hop < FORWARDED_HOPS_MAX; hop++) {
		const char *start;
		size_t len = entry_before(xff, end, &start);
		struct netaddr a;
		if (netaddr_parse(start, len, &a) != 0)
			break;
		client = a;
		if (!netrange_list_contains(trusted, n, &a))
			break;
		/* Step left over the entry and its comma. */
		while (end > xff && end[-1] != ',')
			end--;
		if (end == xff)
			break;
		end--;
	}
	return client;
}
