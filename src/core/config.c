/* Flags, environment and defaults, in that order of precedence. */
#include "core/config.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct option_row {
	const char *flag; /* --flag VALUE */
	const char *env;  /* MADOGUCHI_... */
	const char *help;
};

static const struct option_row options[] = {
    {"--listen", "MADOGUCHI_LISTEN", "address and port to listen on (127.0.0.1:8080)"},
    {"--data-dir", "MADOGUCHI_DATA_DIR", "data directory (./data)"},
    {"--database", "MADOGUCHI_DATABASE", "SQLite database file (<data-dir>/madoguchi.db)"},
    {"--base-url", "MADOGUCHI_BASE_URL", "public base URL, https:// enables HSTS"},
    {"--provider-name", "MADOGUCHI_PROVIDER_NAME", "provider name shown in pages and mails"},
    {"--mail-from", "MADOGUCHI_MAIL_FROM", "mail sender, \"Name <address>\""},
    {"--smtp-url", "MADOGUCHI_SMTP_URL", "SMTP server URL (unset: mails are written to files)"},
    {"--threads", "MADOGUCHI_THREADS", "HTTP worker threads (2 per CPU)"},
    {"--idle-minutes", "MADOGUCHI_IDLE_MINUTES", "session idle timeout in minutes (30)"},
    {"--absolute-hours", "MADOGUCHI_ABSOLUTE_HOURS", "session lifetime in hours (12)"},
    {"--max-connections", "MADOGUCHI_MAX_CONNECTIONS", "concurrent connections (1024)"},
    {"--metrics-token", "MADOGUCHI_METRICS_TOKEN",
     "bearer token that opens /metrics to other hosts (unset: none)"},
    {"--metrics-loopback", "MADOGUCHI_METRICS_LOOPBACK",
     "1: /metrics open to 127.0.0.1 and ::1 without a token; 0: token only (1)"},
    {"--trusted-proxy", "MADOGUCHI_TRUSTED_PROXY",
     "reverse proxies whose X-Forwarded-For gives the client's address: addresses or CIDR "
     "ranges, comma-separated (unset: none, the header is ignored)"},
    {"--upload-max", "MADOGUCHI_UPLOAD_MAX",
     "largest file an API request may attach: bytes, or with K, M or G (2G, the most)"},
    {"--api-rate", "MADOGUCHI_API_RATE",
     "requests per second an API token may keep sending, after a burst of 60 times that (2)"},
    {"--mail-inbound", "MADOGUCHI_MAIL_INBOUND",
     "address that receives replies to case mails, e.g. reply@example.com (unset: none)"},
    {"--imap-url", "MADOGUCHI_IMAP_URL", "mailbox that mail-in --imap polls, imaps://host/INBOX"},
    {"--imap-user", "MADOGUCHI_IMAP_USER", "user name of that mailbox"},
    {"--imap-password", "MADOGUCHI_IMAP_PASSWORD",
     "its password (prefer the environment variable to the flag)"},
};

enum { OPT_COUNT = sizeof(options) / sizeof(options[0]) };

void
config_usage(void)
{
	fprintf(stderr, "settings (flag, or environment variable):\n");
	for (size_t i = 0; i < OPT_COUNT; i++)
		fprintf(stderr, "  %-20s %-28s %s\n", options[i].flag, options[i].env,
		        options[i].help);
}

static int
parse_uint(const char *name, const char *s, unsigned lo, unsigned hi, unsigned *out)
{
	char *end;
	unsigned long v = strtoul(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < lo || v > hi) {
		fprintf(stderr, "madoguchi: %s must be a number from %u to %u\n", name, lo, hi);
		return -1;
	}
	*out = (unsigned)v;
	return 0;
}

/* Bytes with an optional K, M or G (powers of 1024), from 1 to the most. */
static int
parse_size(const char *name, const char *s, unsigned long long most, unsigned long long *out)
{
	char *end;
	unsigned long long v = strtoull(s, &end, 10);
	unsigned long long unit = 1;
	if (*end == 'K' || *end == 'k')
		unit = 1024;
	else if (*end == 'M' || *end == 'm')
		unit = 1024 * 1024;
	else if (*end == 'G' || *end == 'g')
		unit = 1024 * 1024 * 1024;
	if (unit != 1)
		end++;
	if (*s < '0' || *s > '9' || *end != '\0' || v == 0 || v > most / unit) {
		fprintf(stderr, "madoguchi: %s must be a size from 1 byte to %lluG\n", name,
		        most >> 30);
		return -1;
	}
	*out = v * unit;
	return 0;
}

int
config_load(struct config *cfg, int argc, char **argv, int *optind)
{
	const char *val[OPT_COUNT] = {0};
	int i = *optind;
	while (i < argc && strncmp(argv[i], "--", 2) == 0) {
		const char *arg = argv[i];
		const char *eq = strchr(arg, '=');
		size_t nlen = eq ? (size_t)(eq - arg) : strlen(arg);
		size_t k;
		for (k = 0; k < OPT_COUNT; k++)
			if (strlen(options[k].flag) == nlen &&
			    strncmp(options[k].flag, arg, nlen) == 0)
				break;
		if (k == OPT_COUNT) {
			fprintf(stderr, "madoguchi: unknown option %s\n", arg);
			return -1;
		}
		if (eq) {
			val[k] = eq + 1;
		} else if (i + 1 < argc) {
			val[k] = argv[++i];
		} else {
			fprintf(stderr, "madoguchi: %s needs a value\n", arg);
			return -1;
		}
		i++;
	}
	*optind = i;
	for (size_t k = 0; k < OPT_COUNT; k++)
		if (!val[k]) {
			const char *e = getenv(options[k].env);
			if (e && *e)
				val[k] = e;
		}

	memset(cfg, 0, sizeof(*cfg));
	cfg->listen = val[0] ? val[0] : "127.0.0.1:8080";
	cfg->data_dir = val[1] ? val[1] : "./data";
	cfg->database = val[2];
	cfg->base_url = val[3];
	cfg->provider_name = val[4];
	cfg->mail_from = val[5];
	cfg->smtp_url = val[6];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	cfg->threads = ncpu > 0 ? (unsigned)ncpu * 2 : 4;
	cfg->idle_minutes = 30;
	cfg->absolute_hours = 12;
	cfg->max_connections = 1024;
	cfg->upload_max = CONFIG_UPLOAD_MOST;
	cfg->api_rate = 2;
	if (val[7] && parse_uint("--threads", val[7], 1, 256, &cfg->threads))
		return -1;
	if (val[8] && parse_uint("--idle-minutes", val[8], 1, 24 * 60, &cfg->idle_minutes))
		return -1;
	if (val[9] && parse_uint("--absolute-hours", val[9], 1, 24 * 30, &cfg->absolute_hours))
		return -1;
	if (val[10] && parse_uint("--max-connections", val[10], 4, 65536, &cfg->max_connections))
		return -1;
	cfg->metrics_token = val[11];
	/* Anyone who can reach the port may try it: a guessable one is refused. */
	if (cfg->metrics_token && strlen(cfg->metrics_token) < 16) {
		fprintf(stderr, "madoguchi: --metrics-token must be at least 16 characters\n");
		return -1;
	}
	unsigned loopback = 1;
	if (val[12] && parse_uint("--metrics-loopback", val[12], 0, 1, &loopback))
		return -1;
	cfg->metrics_loopback = loopback == 1;
	const char *bad = NULL;
	if (val[13] && netrange_list_parse(val[13], &cfg->trusted_proxies, &cfg->ntrusted_proxies,
	                                   &bad) != 0) {
		fprintf(stderr,
		        "madoguchi: --trusted-proxy: \"%s\" is not an address or CIDR range\n",
		        bad);
		return -1;
	}
	if (val[14] && parse_size("--upload-max", val[14], CONFIG_UPLOAD_MOST, &cfg->upload_max))
		return -1;
	if (val[15] && parse_uint("--api-rate", val[15], 1, 1000000, &cfg->api_rate))
		return -1;
	cfg->mail_inbound = val[16];
	cfg->imap_url = val[17];
	cfg->imap_user = val[18];
	cfg->imap_password = val[19];
	if (cfg->mail_inbound &&
	    (!strchr(cfg->mail_inbound, '@') || strchr(cfg->mail_inbound, '+'))) {
		fprintf(stderr, "madoguchi: --mail-inbound must be an address without \"+\"\n");
		return -1;
	}

	if (!cfg->database) {
		size_t n = strlen(cfg->data_dir) + sizeof("/madoguchi.db");
		char *p = xmalloc(n);
		snprintf(p, n, "%s/madoguchi.db", cfg->data_dir);
		cfg->database = cfg->owned[0] = p;
	}
	if (!cfg->base_url) {
		size_t n = strlen(cfg->listen) + sizeof("http://");
		char *p = xmalloc(n);
		snprintf(p, n, "http://%s", cfg->listen);
		cfg->base_url = cfg->owned[1] = p;
	}
	if (strncmp(cfg->base_url, "https://", 8) == 0)
		cfg->tls = true;
	else if (strncmp(cfg->base_url, "http://", 7) != 0) {
		fprintf(stderr, "madoguchi: --base-url must start with http:// or https://\n");
		return -1;
	}
	return 0;
}

void
config_free(struct config *cfg)
{
	free(cfg->owned[0]);
	free(cfg->owned[1]);
	cfg->owned[0] = cfg->owned[1] = NULL;
	free(cfg->trusted_proxies);
	cfg->trusted_proxies = NULL;
	cfg->ntrusted_proxies = 0;
}
