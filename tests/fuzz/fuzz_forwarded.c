/*
 * libFuzzer target: a list of trusted proxies and an X-Forwarded-For value
 * (the input's first line, then the rest) through netrange_list_parse and
 * forwarded_client. Checks that an untrusted peer is always its own client,
 * that the client is the peer or an address the header holds, and that an
 * address written by netaddr_format reads back the same.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "core/netaddr.h"
#include "http/forwarded.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static bool
same(const struct netaddr *a, const struct netaddr *b)
{
	return a->family == b->family && memcmp(a->bytes, b->bytes, sizeof(a->bytes)) == 0;
}

/* Whether the header holds an entry that reads as address a. */
static bool
listed(const char *xff, const struct netaddr *a)
{
	for (const char *p = xff;;) {
		const char *end = strchr(p, ',');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		while (len && (*p == ' ' || *p == '\t'))
			p++, len--;
		while (len && (p[len - 1] == ' ' || p[len - 1] == '\t'))
			len--;
		struct netaddr e;
		if (netaddr_parse(p, len, &e) == 0 && same(&e, a))
			return true;
		if (!end)
			return false;
		p = end + 1;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	memcpy(text, data, size);
	text[size] = '\0';
	char *nl = strchr(text, '\n');
	const char *xff = nl ? nl + 1 : "";
	if (nl)
		*nl = '\0';
	struct netrange *trusted;
	size_t n;
	const char *bad;
	if (netrange_list_parse(text, &trusted, &n, &bad) == 0) {
		static const char *const peers[] = {"127.0.0.1", "::1", "192.0.2.1"};
		for (size_t i = 0; i < sizeof(peers) / sizeof(peers[0]); i++) {
			struct netaddr peer;
			check(netaddr_parse(peers[i], strlen(peers[i]), &peer) == 0);
			struct netaddr c = forwarded_client(&peer, xff, trusted, n);
			check(c.family == AF_INET || c.family == AF_INET6);
			if (!netrange_list_contains(trusted, n, &peer))
				check(same(&c, &peer));
			else
				check(same(&c, &peer) || listed(xff, &c));
			char out[NETADDR_TEXT_MAX];
			netaddr_format(&c, out);
			struct netaddr back;
			check(netaddr_parse(out, strlen(out), &back) == 0 && same(&back, &c));
		}
		free(trusted);
	}
	free(text);
	return 0;
}
