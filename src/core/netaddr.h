/*
 * IP addresses and CIDR ranges (IPv4 and IPv6): parsed from text, matched,
 * written back in their canonical form. An IPv4 address written as IPv6
 * (::ffff:192.0.2.1, as a dual-stack socket reports it) is taken as IPv4.
 */
#ifndef MADOGUCHI_CORE_NETADDR_H
#define MADOGUCHI_CORE_NETADDR_H

#include <stdbool.h>
#include <stddef.h>

/* Long enough for any address netaddr_format writes, with its NUL. */
#define NETADDR_TEXT_MAX 46

struct netaddr {
	int family;              /* AF_INET or AF_INET6 */
	unsigned char bytes[16]; /* network order; 4 used for AF_INET */
};

struct netrange {
	struct netaddr base; /* host bits cleared */
	unsigned prefix;     /* 0..32 or 0..128 */
};

/* Parses one address ("192.0.2.1", "2001:db8::1"); 0, or -1 when s is not one. */
int netaddr_parse(const char *s, size_t len, struct netaddr *out);
/* The canonical text of a (inet_ntop) into out[NETADDR_TEXT_MAX]. */
void netaddr_format(const struct netaddr *a, char out[NETADDR_TEXT_MAX]);

/* Parses "192.0.2.0/24", "::1" or "10.0.0.1" (a single host); 0 or -1. */
int netrange_parse(const char *s, size_t len, struct netrange *out);
/*
 * Parses a list of ranges separated by commas and blanks into a new array
 * (*out, freed with free(); NULL when the list is empty). 0, or -1 with the
 * first bad entry in *bad (a pointer into list) and nothing allocated.
 */
int netrange_list_parse(const char *list, struct netrange **out, size_t *n, const char **bad);
/* Whether a lies in one of ranges[0..n). */
bool netrange_list_contains(const struct netrange *ranges, size_t n, const struct netaddr *a);

#endif
