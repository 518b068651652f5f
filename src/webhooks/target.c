/*
 * The URL of an endpoint at registration; see internal.h. Parsed with
 * libcurl's own URL parser, so the host judged here is the host the
 * sender will connect to. Names are judged at delivery time instead
 * (webhooks/post.c), since what they resolve to can change.
 */
#include "webhooks/internal.h"
#include "core/i18n.h"
#include "core/netaddr.h"
#include "core/netscope.h"
#include "core/text.h"
#include "webhooks/webhooks.h"

#include <curl/curl.h>
#include <string.h>
#include <strings.h>

/* Whether host (as libcurl gives it: IPv6 in brackets) names this machine or a network inside. */
static bool
host_internal(const char *host)
{
	size_t len = strlen(host);
	if (len >= 2 && host[0] == '[' && host[len - 1] == ']') {
		host++;
		len -= 2;
		const char *zone = memchr(host, '%', len);
		if (zone)
			return true; /* a scoped address is link-local */
	}
	struct netaddr a;
	if (netaddr_parse(host, len, &a) == 0)
		return netscope_internal(&a);
	const char *dot = len > 10 ? host + len - 10 : NULL;
	return strcasecmp(host, "localhost") == 0 || strcasecmp(host, "localhost.") == 0 ||
	       (dot && strcasecmp(dot, ".localhost") == 0);
}

static const char *
parts_refusal(CURLU *u, bool allow_private)
{
	char *scheme = NULL, *host = NULL, *user = NULL;
	const char *why = NULL;
	if (curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    (strcasecmp(scheme, "https") != 0 && strcasecmp(scheme, "http") != 0))
		why = N_("Enter an address that starts with https:// or http://.");
	else if (curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK || !*host)
		why = N_("Enter the address of the receiving server.");
	else if (curl_url_get(u, CURLUPART_USER, &user, 0) == CURLUE_OK)
		why = N_("Leave the user name and password out of the address.");
	else if (!allow_private && host_internal(host))
		why = N_("This address is in a private, loopback or link-local range; such "
		         "targets are refused unless the setting below allows them.");
	curl_free(scheme);
	curl_free(host);
	curl_free(user);
	return why;
}

const char *
webhook_target_refusal(const char *url, bool allow_private)
{
	if (!url || text_blank(url))
		return N_("Enter the address of the endpoint.");
	if (text_chars(url) > WEBHOOK_URL_MAX)
		return N_("The address is too long.");
	for (const char *p = url; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p == 0x7f)
			return N_("Enter an address that starts with https:// or http://.");
	CURLU *u = curl_url();
	if (!u)
		return N_("Enter an address that starts with https:// or http://.");
	const char *why = curl_url_set(u, CURLUPART_URL, url, 0) == CURLUE_OK
	                      ? parts_refusal(u, allow_private)
	                      : N_("Enter an address that starts with https:// or http://.");
	curl_url_cleanup(u);
	return why;
}
