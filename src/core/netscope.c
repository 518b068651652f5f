/* Internal and public addresses; see netscope.h. */
#include "core/netscope.h"

#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>

/* IANA's special-purpose registries, less the few ranges that are global. */
static const char *const internal_ranges[] = {
    "0.0.0.0/8",     "10.0.0.0/8",      "100.64.0.0/10",  "127.0.0.0/8",    "169.254.0.0/16",
    "172.16.0.0/12", "192.0.0.0/24",    "192.0.2.0/24",   "192.88.99.0/24", "192.168.0.0/16",
    "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4",    "240.0.0.0/4",
    "::/96",         "::1/128",         "100::/64",       "2001::/23",      "2001:db8::/32",
    "fc00::/7",      "fe80::/10",       "fec0::/10",      "ff00::/8",
};
#define N_RANGES (sizeof(internal_ranges) / sizeof(internal_ranges[0]))

static struct netrange ranges[N_RANGES];
static pthread_once_t ranges_once = PTHREAD_ONCE_INIT;

static void
parse_ranges(void)
{
	for (size_t i = 0; i < N_RANGES; i++)
		netrange_parse(internal_ranges[i], strlen(internal_ranges[i]), &ranges[i]);
}

/* The IPv4 address inside a NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
static bool
embedded_v4(const struct netaddr *a, struct netaddr *v4)
{
	static const unsigned char nat64[12] = {0, 0x64, 0xff, 0x9b};
	const unsigned char *b = a->bytes;
	memset(v4, 0, sizeof(*v4));
	v4->family = AF_INET;
	if (memcmp(b, nat64, sizeof(nat64)) == 0) {
		memcpy(v4->bytes, b + 12, 4);
		return true;
	}
	if (b[0] == 0x20 && b[1] == 0x02) {
		memcpy(v4->bytes, b + 2, 4);
		return true;
	}
	return false;
}

bool
netscope_internal(const struct netaddr *a)
{
	pthread_once(&ranges_once, parse_ranges);
	if (a->family != AF_INET && a->family != AF_INET6)
		return true;
	struct netaddr v4;
	if (a->family == AF_INET6 && embedded_v4(a, &v4))
		return netscope_internal(&v4);
	return netrange_list_contains(ranges, N_RANGES, a);
}

int
netscope_from_sockaddr(const struct sockaddr *sa, struct netaddr *out)
{
	memset(out, 0, sizeof(*out));
	if (sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;
		out->family = AF_INET;
		memcpy(out->bytes, &in->sin_addr, 4);
		return 0;
	}
	if (sa->sa_family != AF_INET6)
		return -1;
	const struct sockaddr_in6 *in6 = (const void *)sa;
	static const unsigned char mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
	if (memcmp(&in6->sin6_addr, mapped, sizeof(mapped)) == 0) {
		out->family = AF_INET;
		memcpy(out->bytes, (const unsigned char *)&in6->sin6_addr + 12, 4);
		return 0;
	}
	out->family = AF_INET6;
	memcpy(out->bytes, &in6->sin6_addr, 16);
	return 0;
}
