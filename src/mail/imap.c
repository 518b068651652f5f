/* IMAP polling with libcurl; see imap.h. */
#include "mail/imap.h"
#include "core/buf.h"
#include "core/log.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UIDS_MAX 1000 /* per poll; the rest waits for the next one */

struct sink {
	struct buf b;
	size_t max;
	bool over;
};

static size_t
on_data(char *p, size_t size, size_t n, void *cls)
{
	struct sink *s = cls;
	size_t len = size * n;
	if (s->b.len + len > s->max) {
		s->over = true;
		return 0; /* aborts the transfer */
	}
	buf_append(&s->b, p, len);
	return len;
}

/* The URL split into its server part ("imaps://host:port/") and its mailbox. */
struct where {
	char root[1024], mailbox[256], base[1024 + 256];
};

static int
split_url(const char *url, struct where *w)
{
	const char *scheme = strstr(url, "://");
	const char *slash = scheme ? strchr(scheme + 3, '/') : NULL;
	size_t rootlen = slash ? (size_t)(slash - url) + 1 : strlen(url);
	const char *box = slash && slash[1] ? slash + 1 : "INBOX";
	if (!scheme || rootlen + 2 > sizeof(w->root) || strlen(box) >= sizeof(w->mailbox) ||
	    strpbrk(box, "\"\\\r\n/;?"))
		return -1;
	snprintf(w->root, sizeof(w->root), "%.*s%s", (int)rootlen, url, slash ? "" : "/");
	snprintf(w->mailbox, sizeof(w->mailbox), "%s", box);
	snprintf(w->base, sizeof(w->base), "%s%s", w->root, w->mailbox);
	return 0;
}

/* One request on the connection the handle keeps: a custom command when cmd is set. */
static int
run(CURL *h, const char *url, const char *cmd, struct sink *out)
{
	out->b.len = 0;
	out->over = false;
	curl_easy_setopt(h, CURLOPT_URL, url);
	curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, cmd);
	curl_easy_setopt(h, CURLOPT_WRITEDATA, out);
	CURLcode rc = curl_easy_perform(h);
	if (rc != CURLE_OK && !out->over) {
		log_error("imap: %s: %s", cmd ? cmd : "fetch", curl_easy_strerror(rc));
		return -1;
	}
	return out->over ? 1 : 0;
}

/* The UIDs of "* SEARCH 3 5 8"; count or -1. */
static int
parse_uids(const struct buf *b, long *uids, int max)
{
	const char *p = b->p ? b->p : "";
	const char *s = strstr(p, "* SEARCH");
	if (!s)
		return b->len ? -1 : 0;
	s += 8;
	int n = 0;
	while (n < max) {
		char *end;
		long v = strtol(s, &end, 10);
		if (end == s || v <= 0)
			break;
		uids[n++] = v;
		s = end;
	}
	return n;
}

/* Fetches, hands over and flags one message. 1 handled, 0 left unseen, -1 connection lost. */
static int
one(CURL *h, const struct where *w, long uid, struct sink *body, imap_handler handle, void *ctx)
{
	char cmd[320], url[sizeof(w->base) + 32];
	struct sink scratch = {.max = 1 << 20};
	/* Read-only while fetching: reading a message must not mark it. libcurl
	 * keeps the mailbox it selected, so the fetch below reuses this state. */
	snprintf(cmd, sizeof(cmd), "EXAMINE \"%s\"", w->mailbox);
	int rc = run(h, w->root, cmd, &scratch);
	snprintf(url, sizeof(url), "%s/;UID=%ld", w->base, uid);
	if (rc == 0)
		rc = run(h, url, NULL, body);
	if (rc == 1)
		log_error("imap: message %ld is larger than the limit; left unseen", uid);
	bool handled = rc == 0 && handle(ctx, body->b.p ? body->b.p : "", body->b.len) == 0;
	if (handled) {
		snprintf(cmd, sizeof(cmd), "SELECT \"%s\"", w->mailbox);
		rc = run(h, w->root, cmd, &scratch);
		snprintf(cmd, sizeof(cmd), "UID STORE %ld +FLAGS (\\Seen)", uid);
		if (rc == 0)
			rc = run(h, w->root, cmd, &scratch);
	}
	buf_free(&scratch.b);
	return rc < 0 ? -1 : handled ? 1 : 0;
}

int
imap_poll(const char *url, const char *user, const char *password, size_t max_bytes,
          imap_handler handle, void *ctx, int *left)
{
	*left = 0;
	struct where w;
	if (!url || split_url(url, &w) != 0) {
		log_error(
		    "imap: the mailbox URL is not imap://host/MAILBOX or imaps://host/MAILBOX");
		return -1;
	}
	CURL *h = curl_easy_init();
	if (!h)
		return -1;
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "imap,imaps");
	curl_easy_setopt(h, CURLOPT_USERNAME, user ? user : "");
	curl_easy_setopt(h, CURLOPT_PASSWORD, password ? password : "");
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, on_data);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT, 30L);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	struct sink list = {.max = 1 << 20}, body = {.max = max_bytes};
	long *uids = calloc(UIDS_MAX, sizeof(*uids));
	int handled = -1;
	if (uids && run(h, w.base, "UID SEARCH UNSEEN", &list) == 0) {
		int n = parse_uids(&list.b, uids, UIDS_MAX);
		handled = n < 0 ? -1 : 0;
		for (int i = 0; i < n; i++) {
			int rc = one(h, &w, uids[i], &body, handle, ctx);
			if (rc < 0) {
				*left += n - i;
				break;
			}
			handled += rc;
			*left += rc == 0;
		}
	}
	free(uids);
	buf_free(&list.b);
	buf_free(&body.b);
	curl_easy_cleanup(h);
	return handled;
}
