/*
 * Settings of a run, from command-line flags first, then MADOGUCHI_*
 * environment variables, then defaults. Built once at start-up and read-only
 * afterwards, so every thread may read it without locks.
 */
#ifndef MADOGUCHI_CORE_CONFIG_H
#define MADOGUCHI_CORE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "core/netaddr.h"

/* The most --upload-max allows: the attachment limit of SPEC §4 (2 GiB). */
#define CONFIG_UPLOAD_MOST (2ULL * 1024 * 1024 * 1024)

struct config {
	const char *listen;        /* host:port, default 127.0.0.1:8080 */
	const char *data_dir;      /* default ./data */
	const char *database;      /* SQLite file, default <data_dir>/madoguchi.db */
	const char *base_url;      /* public base URL, default http://<listen> */
	const char *provider_name; /* NULL: the name stored in the database */
	const char *mail_from;     /* sender, "Name <addr>" */
	const char *smtp_url;      /* smtp://host:port or smtps://; NULL: file transport */
	unsigned threads;          /* HTTP worker threads, default: 2 per CPU */
	unsigned idle_minutes;     /* session idle timeout, default 30 */
	unsigned absolute_hours;   /* session absolute lifetime, default 12 */
	unsigned max_connections;  /* default 1024 */
	const char *metrics_token; /* Bearer token for /metrics; NULL: none */
	bool metrics_loopback;     /* /metrics answers loopback peers without a token */
	/* Peers whose X-Forwarded-For is believed (http/forwarded.h); freed by config_free. */
	struct netrange *trusted_proxies;
	size_t ntrusted_proxies;
	/* The largest file one API request may send (bytes), default and at most 2 GiB. */
	unsigned long long upload_max;
	/* Requests an API token may keep sending per second, after a burst of 60 times that. */
	unsigned api_rate;
	bool tls; /* base_url is https: HSTS and Secure cookies */
	/* Replies by e-mail (docs/operations.md): the address whose sub-addresses
	 * (local+token@domain) reach `madoguchi mail-in`; NULL: case mails carry
	 * no reply address. The IMAP mailbox `mail-in --imap` polls instead. */
	const char *mail_inbound;
	const char *imap_url; /* imaps://host/INBOX */
	const char *imap_user, *imap_password;
	char *owned[2]; /* defaults built by config_load, freed by config_free */
};

/*
 * Reads flags (argv from index *optind on, stopping at the first non-flag)
 * and the environment into cfg. Returns 0, or -1 after printing why to stderr.
 */
int config_load(struct config *cfg, int argc, char **argv, int *optind);
void config_usage(void);
/* Releases the defaults config_load allocated. */
void config_free(struct config *cfg);

#endif
