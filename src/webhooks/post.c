/* The HTTP POST of a delivery; see post.h. */
#include "webhooks/post.h"
#include "core/netaddr.h"
#include "core/netscope.h"

#include <curl/curl.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

struct guard {
	bool allow_internal;
	char refused[NETADDR_TEXT_MAX]; /* the internal address refused, "" if none */
};

/*
 * Called by libcurl for every address it tries: a socket only for public
 * addresses (or any when allowed), so what was checked is what is used.
 */
static curl_socket_t
open_socket(void *ctx, curlsocktype purpose, struct curl_sockaddr *sa)
{
	struct guard *g = ctx;
	struct netaddr a;
	if (purpose != CURLSOCKTYPE_IPCXN || netscope_from_sockaddr(&sa->addr, &a) != 0)
		return CURL_SOCKET_BAD;
	if (!g->allow_internal && netscope_internal(&a)) {
		netaddr_format(&a, g->refused);
		return CURL_SOCKET_BAD;
	}
	return socket(sa->family, sa->socktype, sa->protocol);
}

/* The receiver's answer is not read: only its status counts. */
static size_t
discard(char *p, size_t size, size_t n, void *ctx)
{
	(void)p;
	(void)ctx;
	return size * n;
}

static struct curl_slist *
headers(const struct webhook_post *p)
{
	char line[256];
	struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
	h = curl_slist_append(h, "User-Agent: Madoguchi-Webhooks/1");
	h = curl_slist_append(h, "Expect:");
	snprintf(line, sizeof(line), "Madoguchi-Signature: %s", p->signature);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "Madoguchi-Delivery: %s", p->delivery_id);
	h = curl_slist_append(h, line);
	snprintf(line, sizeof(line), "Madoguchi-Event: %s", p->event);
	return curl_slist_append(h, line);
}

int
webhook_post(const struct webhook_post *p, struct webhook_answer *out)
{
	memset(out, 0, sizeof(*out));
	CURL *c = curl_easy_init();
	if (!c) {
		snprintf(out->error, sizeof(out->error), "cannot start an HTTP request");
		return -1;
	}
	struct guard g = {.allow_internal = p->allow_internal};
	struct curl_slist *h = headers(p);
	char cerr[CURL_ERROR_SIZE] = "";
	curl_easy_setopt(c, CURLOPT_URL, p->url);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
	curl_easy_setopt(c, CURLOPT_PROXY, "");
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)WEBHOOK_TIMEOUT_SECONDS);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)WEBHOOK_TIMEOUT_SECONDS);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETFUNCTION, open_socket);
	curl_easy_setopt(c, CURLOPT_OPENSOCKETDATA, &g);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
	curl_easy_setopt(c, CURLOPT_POSTFIELDS, p->body);
	curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)p->len);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, cerr);
	CURLcode rc = curl_easy_perform(c);
	long status = 0;
	curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
	curl_slist_free_all(h);
	curl_easy_cleanup(c);
	out->status = (int)status;
	if (rc == CURLE_OK && status >= 200 && status <= 299)
		return 0;
	if (rc != CURLE_OK && g.refused[0])
		snprintf(
		    out->error, sizeof(out->error),
		    "refused: %s is an internal address (setting webhooks.allow_private is off)",
		    g.refused);
	else if (rc != CURLE_OK)
		snprintf(out->error, sizeof(out->error), "%s",
		         *cerr ? cerr : curl_easy_strerror(rc));
	else
		snprintf(out->error, sizeof(out->error), "HTTP %ld", status);
	return -1;
}
