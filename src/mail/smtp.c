/*
 * SMTP transport over libcurl. The URL carries everything: smtp:// (STARTTLS
 * when the server offers it) or smtps:// (TLS from the start), user:password@
 * for AUTH, and ?starttls=required to refuse a server that will not upgrade
 * a smtp:// connection. The query is ours, not curl's: it is removed before
 * the URL reaches curl. Credentials never appear in logs or last_error.
 */
#include "mail/transport.h"
#include "core/xalloc.h"
#include "mail/outbox.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define CONNECT_SECONDS 15
/* The whole session; below OUTBOX_CLAIM_SECONDS so no other sender can
 * claim a mail while this one may still be delivering it. */
#define SESSION_SECONDS 45
_Static_assert(SESSION_SECONDS < OUTBOX_CLAIM_SECONDS, "a delivery must end within its claim");

struct smtp_target {
	char *url;   /* for curl: without our query */
	char *where; /* for logs: scheme://host:port */
	bool tls_required;
};

static void
target_free(struct smtp_target *t)
{
	curl_free(t->url);
	free(t->where);
}

/* Reads "starttls=required|try" options joined by '&'. 0 or -1. */
static int
parse_options(const char *query, struct smtp_target *t, char *info, size_t infolen)
{
	const char *p = query;
	while (*p) {
		size_t n = strcspn(p, "&");
		if (n == 17 && strncmp(p, "starttls=required", n) == 0) {
			t->tls_required = true;
		} else if (n == 12 && strncmp(p, "starttls=try", n) == 0) {
			t->tls_required = false;
		} else if (n) {
			snprintf(info, infolen,
			         "smtp url: unknown option (only starttls=required "
			         "or starttls=try)");
			return -1;
		}
		p += n;
		if (*p == '&')
			p++;
	}
	return 0;
}

/* Splits url into what curl gets and what logs may show. 0, or -1 with info. */
static int
target_parse(const char *url, struct smtp_target *t, char *info, size_t infolen)
{
	memset(t, 0, sizeof(*t));
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *query = NULL;
	int rc = -1;
	if (!u)
		goto out;
	if (curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) != CURLUE_OK) {
		snprintf(info, infolen, "smtp url: not a URL");
		goto out;
	}
	bool smtps = strcasecmp(scheme, "smtps") == 0;
	if (!smtps && strcasecmp(scheme, "smtp") != 0) {
		snprintf(info, infolen, "smtp url: the scheme must be smtp or smtps");
		goto out;
	}
	if (curl_url_get(u, CURLUPART_QUERY, &query, 0) == CURLUE_OK &&
	    parse_options(query, t, info, infolen) != 0)
		goto out;
	t->tls_required |= smtps;
	if (curl_url_set(u, CURLUPART_QUERY, NULL, 0) != CURLUE_OK ||
	    curl_url_get(u, CURLUPART_URL, &t->url, 0) != CURLUE_OK) {
		snprintf(info, infolen, "smtp url: not a URL");
		goto out;
	}
	size_t wl = strlen(scheme) + strlen(host) + strlen(port) + 5;
	t->where = xmalloc(wl);
	snprintf(t->where, wl, "%s://%s:%s", scheme, host, port);
	snprintf(info, infolen, "%s", t->where);
	rc = 0;
out:
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_free(query);
	curl_url_cleanup(u);
	if (rc != 0)
		target_free(t);
	return rc;
}

int
mail_smtp_check(const char *url, char *info, size_t infolen)
{
	struct smtp_target t;
	if (target_parse(url, &t, info, infolen) != 0)
		return -1;
	target_free(&t);
	return 0;
}

struct reader {
	const char *p;
	size_t left;
};

static size_t
read_cb(char *dst, size_t size, size_t nmemb, void *arg)
{
	struct reader *r = arg;
	size_t n = size * nmemb;
	if (n > r->left)
		n = r->left;
	memcpy(dst, r->p, n);
	r->p += n;
	r->left -= n;
	return n;
}

int
mail_smtp_deliver(const char *url, const struct mail_envelope *env, char *info, size_t infolen)
{
	struct smtp_target t;
	if (target_parse(url, &t, info, infolen) != 0)
		return -1;
	CURL *c = curl_easy_init();
	if (!c) {
		target_free(&t);
		snprintf(info, infolen, "smtp: cannot start libcurl");
		return -1;
	}
	char from[300], rcpt[300];
	snprintf(from, sizeof(from), "<%s>", env->from_addr);
	snprintf(rcpt, sizeof(rcpt), "<%s>", env->to_addr);
	struct curl_slist *rcpts = curl_slist_append(NULL, rcpt);
	struct reader rd = {env->data, env->len};
	char errbuf[CURL_ERROR_SIZE] = "";

	curl_easy_setopt(c, CURLOPT_URL, t.url);
#if LIBCURL_VERSION_NUM >= 0x075500
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "smtp,smtps");
#else
	curl_easy_setopt(c, CURLOPT_PROTOCOLS, (long)(CURLPROTO_SMTP | CURLPROTO_SMTPS));
#endif
	curl_easy_setopt(c, CURLOPT_USE_SSL,
	                 (long)(t.tls_required ? CURLUSESSL_ALL : CURLUSESSL_TRY));
	curl_easy_setopt(c, CURLOPT_MAIL_FROM, from);
	curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts);
	curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
	curl_easy_setopt(c, CURLOPT_READFUNCTION, read_cb);
	curl_easy_setopt(c, CURLOPT_READDATA, &rd);
	curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, (curl_off_t)env->len);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, (long)CONNECT_SECONDS);
	curl_easy_setopt(c, CURLOPT_TIMEOUT, (long)SESSION_SECONDS);
	/* Signals are not ours to use in a threaded server. */
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, errbuf);

	CURLcode res = curl_easy_perform(c);
	if (res == CURLE_OK) {
		snprintf(info, infolen, "%s", t.where);
	} else {
		long code = 0;
		curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code);
		char reply[32] = "";
		if (code)
			snprintf(reply, sizeof(reply), " (reply %ld)", code);
		snprintf(info, infolen, "smtp %s: %s%s", t.where,
		         *errbuf ? errbuf : curl_easy_strerror(res), reply);
	}
	curl_slist_free_all(rcpts);
	curl_easy_cleanup(c);
	target_free(&t);
	return res == CURLE_OK ? 0 : -1;
}
