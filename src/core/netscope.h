/*
 * Which addresses lie inside a network rather than on the public
 * Internet: loopback, private (RFC 1918), shared (RFC 6598), link-local,
 * unique-local, multicast, documentation and reserved ranges of IPv4 and
 * IPv6. An address that carries an IPv4 address (NAT64, 6to4, mapped) is
 * judged by that IPv4 address. The portal refuses to send webhooks there
 * unless the provider allows it, so a registered URL cannot reach the
 * provider's own network.
 */
#ifndef MADOGUCHI_CORE_NETSCOPE_H
#define MADOGUCHI_CORE_NETSCOPE_H

#include <stdbool.h>

#include "core/netaddr.h"

struct sockaddr;

/* Whether a is not a public unicast address. */
bool netscope_internal(const struct netaddr *a);
/* The address of a socket address (AF_INET or AF_INET6); 0, or -1 for another family. */
int netscope_from_sockaddr(const struct sockaddr *sa, struct netaddr *out);

#endif
