/* Addresses and CIDR ranges, for the list of trusted proxies (core/config.h). */
#include "core/netaddr.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

static const unsigned char v4_mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

int
netaddr_parse(const char *s, size_t len, struct netaddr *out)
{
	char text[NETADDR_TEXT_MAX];
	if (len == 0 || len >= sizeof(text))
		return -1;
	memcpy(text, s, len);
	text[len] = '\0';
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, text, out->bytes) == 1) {
		out->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, text, out->bytes) != 1)
		return -1;
	out->family = AF_INET6;
	if (memcmp(out->bytes, v4_mapped, sizeof(v4_mapped)) == 0) {
		memmove(out->bytes, out->bytes + 12, 4);
		memset(out->bytes + 4, 0, 12);
		out->family = AF_INET;
	}
	return 0;
}

void
netaddr_format(const struct netaddr *a, char out[NETADDR_TEXT_MAX])
{
	if (!inet_ntop(a->family, a->bytes, out, NETADDR_TEXT_MAX))
		strcpy(out, "-");
}

static unsigned
bits_of(int family)
{
	return family == AF_INET ? 32 : 128;
}

/* Whether the first prefix bits of a and b are equal. */
static bool
same_prefix(const unsigned char *a, const unsigned char *b, unsigned prefix)
{
	size_t whole = prefix / 8;
	if (memcmp(a, b, whole) != 0)
		return false;
	unsigned rest = prefix % 8;
	if (rest == 0)
		return true;
	unsigned char mask = (unsigned char)(0xff << (8 - rest));
	return (a[whole] & mask) == (b[whole] & mask);
}

int
netrange_parse(const char *s, size_t len, struct netrange *out)
{
	const char *slash = memchr(s, '/', len);
	size_t alen = slash ? (size_t)(slash - s) : len;
	if (netaddr_parse(s, alen, &out->base) != 0)
		return -1;
	unsigned max = bits_of(out->base.family);
	out->prefix = max;
	if (slash) {
		const char *p = slash + 1, *end = s + len;
		if (p == end || end - p > 3)
			return -1;
		unsigned v = 0;
		for (; p < end; p++) {
			if (*p < '0' || *p > '9')
				return -1;
			v = v * 10 + (unsigned)(*p - '0');
		}
		if (v > max)
			return -1;
		out->prefix = v;
	}
	/* Clear the host bits, so that matching compares the prefix only. */
	for (unsigned bit = out->prefix; bit < max; bit++)
		out->base.bytes[bit / 8] &= (unsigned char)~(0x80u >> (bit % 8));
	return 0;
}

static bool
is_separator(char c)
{
	return c == ',' || c == ' ' || c == '\t';
}

int
netrange_list_parse(const char *list, struct netrange **out, size_t *n, const char **bad)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	for (const char *p = list; *p;) {
		while (*p && is_separator(*p))
			p++;
		const char *start = p;
		while (*p && !is_separator(*p))
			p++;
		if (p == start)
			break;
		struct netrange r;
		if (netrange_parse(start, (size_t)(p - start), &r) != 0) {
			free(*out);
			*out = NULL;
			*n = 0;
			*bad = start;
			return -1;
		}
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*out = xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[(*n)++] = r;
	}
	return 0;
}

bool
netrange_list_contains(const struct netrange *ranges, size_t n, const struct netaddr *a)
{
	for (size_t i = 0; i < n; i++)
		if (ranges[i].base.family == a->family &&
		    same_prefix(ranges[i].base.bytes, a->bytes, ranges[i].prefix))
			return true;
	return false;
}
