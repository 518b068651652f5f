/*
 * The client's address behind reverse proxies. A request's peer is the
 * client unless it is one of the trusted proxies (--trusted-proxy); then
 * X-Forwarded-For is read from the right, each proxy having appended the
 * address it saw, and the first address that is not a trusted proxy is the
 * client. Entries further left came from the client itself and are never
 * believed; a peer that is not trusted has its header ignored altogether.
 */
#ifndef MADOGUCHI_HTTP_FORWARDED_H
#define MADOGUCHI_HTTP_FORWARDED_H

#include <stddef.h>

#include "core/netaddr.h"

/* Hops of X-Forwarded-For read at most: a longer chain stops at the last one read. */
#define FORWARDED_HOPS_MAX 16

/*
 * The client of a request from peer carrying the X-Forwarded-For value xff
 * (NULL: none; several header lines joined with commas, in order). When an
 * entry cannot be read as an address, the hop right of it (the proxy that
 * passed it on) is the client. Trusted proxies: trusted[0..n).
 */
struct netaddr forwarded_client(const struct netaddr *peer, const char *xff,
                                const struct netrange *trusted, size_t n);

#endif
