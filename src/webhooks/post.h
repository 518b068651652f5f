/*
 * One HTTP POST of a webhook delivery with libcurl: 10 seconds at most,
 * redirects not followed, no proxy, http and https only. The address
 * libcurl is about to connect to is checked as the socket is opened, so
 * a name that resolves (or is made to resolve, DNS rebinding) to an
 * internal address is refused unless allow_internal.
 */
#ifndef MADOGUCHI_WEBHOOKS_POST_H
#define MADOGUCHI_WEBHOOKS_POST_H

#include <stdbool.h>
#include <stddef.h>

#define WEBHOOK_TIMEOUT_SECONDS 10

struct webhook_post {
	const char *url;
	const char *body;
	size_t len;
	const char *signature;   /* Madoguchi-Signature */
	const char *delivery_id; /* Madoguchi-Delivery */
	const char *event;       /* Madoguchi-Event */
	bool allow_internal;
};

struct webhook_answer {
	int status;      /* the HTTP status; 0 when none came */
	char error[256]; /* why it was not delivered; "" when it was */
};

/* 0 when the receiver answered 2xx, else -1 with out->error set. */
int webhook_post(const struct webhook_post *p, struct webhook_answer *out);

#endif
