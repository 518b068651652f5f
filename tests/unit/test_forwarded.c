/*
 * Unit tests of the client's address behind proxies: addresses and CIDR
 * ranges (src/core/netaddr.c) and X-Forwarded-For read from the right as
 * far as trusted proxies go (src/http/forwarded.c), including the header a
 * client forges to pass for another address.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "core/netaddr.h"
#include "http/forwarded.h"

static struct netaddr
addr(const char *s)
{
	struct netaddr a;
	if (netaddr_parse(s, strlen(s), &a) != 0)
		fail_msg("not an address: %s", s);
	return a;
}

/* The canonical text of an address, in a static buffer. */
static const char *
text(struct netaddr a)
{
	static char out[NETADDR_TEXT_MAX];
	netaddr_format(&a, out);
	return out;
}

static void
test_netaddr_parse_and_format(void **state)
{
	(void)state;
	assert_string_equal(text(addr("192.0.2.1")), "192.0.2.1");
	assert_string_equal(text(addr("2001:DB8:0:0::1")), "2001:db8::1");
	/* An IPv4 address as a dual-stack socket writes it is IPv4. */
	assert_string_equal(text(addr("::ffff:127.0.0.1")), "127.0.0.1");
	assert_int_equal(addr("::ffff:127.0.0.1").family, addr("127.0.0.1").family);
	struct netaddr a;
	static const char *const bad[] = {
	    "",           " 1.2.3.4",
	    "1.2.3.4 ",   "1.2.3",
	    "1.2.3.256",  "[::1]",
	    "1.2.3.4:80", "unknown",
	    "::1%lo",     "01234567890123456789012345678901234567890123456789"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (netaddr_parse(bad[i], strlen(bad[i]), &a) == 0)
			fail_msg("accepted %s", bad[i]);
	/* Only len bytes are read. */
	assert_int_equal(netaddr_parse("10.0.0.1,garbage", 8, &a), 0);
	assert_string_equal(text(a), "10.0.0.1");
}

static void
test_netrange_contains(void **state)
{
	(void)state;
	struct netrange *r;
	size_t n;
	const char *bad = NULL;
	assert_int_equal(
	    netrange_list_parse(" 10.0.0.0/8,192.0.2.7 2001:db8::/32\t,", &r, &n, &bad), 0);
	assert_int_equal(n, 3);
	struct netaddr yes[] = {addr("10.255.1.2"), addr("192.0.2.7"), addr("2001:db8:ffff::9"),
	                        addr("::ffff:10.0.0.1")};
	struct netaddr no[] = {addr("11.0.0.1"), addr("192.0.2.8"), addr("2001:db9::1"),
	                       addr("::a00:1")};
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++)
		assert_true(netrange_list_contains(r, n, &yes[i]));
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++)
		assert_false(netrange_list_contains(r, n, &no[i]));
	free(r);

	/* Host bits of the base are ignored; /0 takes every address of its family. */
	assert_int_equal(netrange_list_parse("192.0.2.77/25,::/0", &r, &n, &bad), 0);
	struct netaddr low = addr("192.0.2.1"), high = addr("192.0.2.200"), v6 = addr("fe80::1"),
	               v4 = addr("8.8.8.8");
	assert_true(netrange_list_contains(r, n, &low));
	assert_false(netrange_list_contains(r, n, &high));
	assert_true(netrange_list_contains(r, n, &v6));
	assert_false(netrange_list_contains(r, n, &v4));
	free(r);

	assert_int_equal(netrange_list_parse("", &r, &n, &bad), 0);
	assert_int_equal(n, 0);
	assert_null(r);
	assert_int_equal(netrange_list_parse("127.0.0.1,10.0.0.0/40", &r, &n, &bad), -1);
	assert_string_equal(bad, "10.0.0.0/40");
	assert_null(r);
}

/* The client forwarded_client names, as text. */
static const char *
client(const char *peer, const char *xff, const char *trusted)
{
	struct netrange *r;
	size_t n;
	const char *bad;
	assert_int_equal(netrange_list_parse(trusted, &r, &n, &bad), 0);
	struct netaddr p = addr(peer);
	struct netaddr c = forwarded_client(&p, xff, r, n);
	free(r);
	return text(c);
}

static void
test_forwarded_untrusted_peer_is_the_client(void **state)
{
	(void)state;
	/* No trusted proxy: the header is ignored. */
	assert_string_equal(client("127.0.0.1", "203.0.113.9", ""), "127.0.0.1");
	/* A peer that is not a trusted proxy forges the header: ignored. */
	assert_string_equal(client("198.51.100.4", "127.0.0.1", "127.0.0.1"), "198.51.100.4");
	assert_string_equal(client("198.51.100.4", "10.0.0.1, 127.0.0.1", "127.0.0.1,10.0.0.0/8"),
	                    "198.51.100.4");
}

static void
test_forwarded_right_most_untrusted(void **state)
{
	(void)state;
	const char *lo = "127.0.0.1";
	assert_string_equal(client(lo, "203.0.113.9", lo), "203.0.113.9");
	assert_string_equal(client(lo, NULL, lo), "127.0.0.1");
	/* The client wrote a loopback address; the proxy appended the real one. */
	assert_string_equal(client(lo, "127.0.0.1, 203.0.113.9", lo), "203.0.113.9");
	assert_string_equal(client(lo, "1.1.1.1,2.2.2.2 ,  203.0.113.9", lo), "203.0.113.9");
	/* Two proxies: the inner one (10.0.0.5) is trusted too. */
	assert_string_equal(client(lo, "8.8.8.8, 203.0.113.9, 10.0.0.5", "127.0.0.1,10.0.0.0/8"),
	                    "203.0.113.9");
	/* A request from the proxy's own host: every hop trusted, the left-most is the client. */
	assert_string_equal(client(lo, "127.0.0.1", lo), "127.0.0.1");
	assert_string_equal(client(lo, "2001:db8::7", lo), "2001:db8::7");
	assert_string_equal(client("::1", "::ffff:192.0.2.3", "::1"), "192.0.2.3");
}

static void
test_forwarded_malformed_entries(void **state)
{
	(void)state;
	const char *lo = "127.0.0.1";
	/* An entry that is not an address stops the walk at the hop right of it. */
	assert_string_equal(client(lo, "garbage", lo), "127.0.0.1");
	assert_string_equal(client(lo, "", lo), "127.0.0.1");
	assert_string_equal(client(lo, "203.0.113.9, unknown", lo), "127.0.0.1");
	assert_string_equal(client(lo, "203.0.113.9,,", lo), "127.0.0.1");
	assert_string_equal(client(lo, "evil, 203.0.113.9", lo), "203.0.113.9");
	assert_string_equal(client(lo, "10.0.0.9, x, 10.0.0.5", "127.0.0.1,10.0.0.0/8"),
	                    "10.0.0.5");
	/* A chain of trusted hops longer than the limit stops at the last one read. */
	char chain[32 * 12] = "203.0.113.9";
	for (int i = 0; i < 30; i++)
		strcat(chain, ", 10.0.0.1");
	assert_string_equal(client(lo, chain, "127.0.0.1,10.0.0.0/8"), "10.0.0.1");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_netaddr_parse_and_format),
	    cmocka_unit_test(test_netrange_contains),
	    cmocka_unit_test(test_forwarded_untrusted_peer_is_the_client),
	    cmocka_unit_test(test_forwarded_right_most_untrusted),
	    cmocka_unit_test(test_forwarded_malformed_entries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
