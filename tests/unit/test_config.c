/*
 * Unit tests of run settings (src/core/config.c): defaults, the precedence
 * flag > MADOGUCHI_* environment > default, both flag forms, where flag
 * parsing stops, refusals (unknown flag, missing value, numbers out of
 * range, bad base URL, a bad trusted proxy, upload sizes), TLS from an https base URL,
 * the derived database path, the list of trusted proxies and config_free.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/config.h"

static const char *const env_names[] = {
    "MADOGUCHI_LISTEN",         "MADOGUCHI_DATA_DIR",        "MADOGUCHI_DATABASE",
    "MADOGUCHI_BASE_URL",       "MADOGUCHI_PROVIDER_NAME",   "MADOGUCHI_MAIL_FROM",
    "MADOGUCHI_SMTP_URL",       "MADOGUCHI_THREADS",         "MADOGUCHI_IDLE_MINUTES",
    "MADOGUCHI_ABSOLUTE_HOURS", "MADOGUCHI_MAX_CONNECTIONS", "MADOGUCHI_TRUSTED_PROXY",
    "MADOGUCHI_UPLOAD_MAX",     "MADOGUCHI_API_RATE",
};

/* Every test starts from an environment without MADOGUCHI_* settings. */
static int
clear_env(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(env_names) / sizeof(env_names[0]); i++)
		unsetenv(env_names[i]);
	return 0;
}

/*
 * config_load over a NULL-terminated list of arguments placed after a
 * command name, as main() calls it (optind 2). Returns its result; *next is
 * the optind it leaves.
 */
static int
load(struct config *cfg, int *next, const char *const *args)
{
	char *argv[32] = {(char *)"madoguchi", (char *)"serve"};
	int argc = 2;
	for (; args && args[argc - 2]; argc++) {
		assert_true(argc < 31);
		argv[argc] = (char *)args[argc - 2];
	}
	argv[argc] = NULL;
	int oi = 2;
	memset(cfg, 0, sizeof(*cfg));
	int rc = config_load(cfg, argc, argv, &oi);
	if (next)
		*next = oi;
	return rc;
}

static void
test_config_defaults(void **state)
{
	(void)state;
	struct config cfg;
	int next;
	assert_int_equal(load(&cfg, &next, NULL), 0);
	assert_int_equal(next, 2);
	assert_string_equal(cfg.listen, "127.0.0.1:8080");
	assert_string_equal(cfg.data_dir, "./data");
	assert_string_equal(cfg.database, "./data/madoguchi.db");
	assert_string_equal(cfg.base_url, "http://127.0.0.1:8080");
	assert_false(cfg.tls);
	assert_null(cfg.provider_name);
	assert_null(cfg.mail_from);
	assert_null(cfg.smtp_url);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	assert_int_equal(cfg.threads, ncpu > 0 ? (unsigned)ncpu * 2 : 4u);
	assert_int_equal(cfg.idle_minutes, 30);
	assert_int_equal(cfg.absolute_hours, 12);
	assert_int_equal(cfg.max_connections, 1024);
	config_free(&cfg);
	assert_null(cfg.owned[0]);
	assert_null(cfg.owned[1]);
	/* A second config_free is harmless. */
	config_free(&cfg);
}

static void
test_config_precedence(void **state)
{
	(void)state;
	struct config cfg;
	/* Environment beats default. */
	setenv("MADOGUCHI_LISTEN", "0.0.0.0:9000", 1);
	setenv("MADOGUCHI_IDLE_MINUTES", "45", 1);
	setenv("MADOGUCHI_PROVIDER_NAME", "株式会社窓口", 1);
	assert_int_equal(load(&cfg, NULL, NULL), 0);
	assert_string_equal(cfg.listen, "0.0.0.0:9000");
	assert_int_equal(cfg.idle_minutes, 45);
	assert_string_equal(cfg.provider_name, "株式会社窓口");
	/* The default base URL follows the listen address, wherever it came from. */
	assert_string_equal(cfg.base_url, "http://0.0.0.0:9000");
	config_free(&cfg);

	/* Flag beats environment. */
	const char *const args[] = {"--listen", "10.0.0.1:80", "--idle-minutes", "5", NULL};
	assert_int_equal(load(&cfg, NULL, args), 0);
	assert_string_equal(cfg.listen, "10.0.0.1:80");
	assert_int_equal(cfg.idle_minutes, 5);
	/* Settings without a flag still come from the environment. */
	assert_string_equal(cfg.provider_name, "株式会社窓口");
	assert_string_equal(cfg.base_url, "http://10.0.0.1:80");
	config_free(&cfg);

	/* An empty environment variable counts as unset. */
	setenv("MADOGUCHI_LISTEN", "", 1);
	assert_int_equal(load(&cfg, NULL, NULL), 0);
	assert_string_equal(cfg.listen, "127.0.0.1:8080");
	config_free(&cfg);
}

static void
test_config_flag_forms(void **state)
{
	(void)state;
	struct config cfg;
	int next;
	const char *const args[] = {"--data-dir=/var/lib/mg",
	                            "--threads",
	                            "8",
	                            "--max-connections=4",
	                            "--mail-from=A <a@b.example>",
	                            "--smtp-url",
	                            "smtps://mail.example:465",
	                            NULL};
	assert_int_equal(load(&cfg, &next, args), 0);
	assert_int_equal(next, 9);
	assert_string_equal(cfg.data_dir, "/var/lib/mg");
	assert_int_equal(cfg.threads, 8);
	assert_int_equal(cfg.max_connections, 4);
	assert_string_equal(cfg.mail_from, "A <a@b.example>");
	assert_string_equal(cfg.smtp_url, "smtps://mail.example:465");
	config_free(&cfg);

	/* "--flag=" gives an empty value; a value may itself contain '='. */
	const char *const args2[] = {"--provider-name=", "--base-url=http://h/?a=b", NULL};
	assert_int_equal(load(&cfg, NULL, args2), 0);
	assert_string_equal(cfg.provider_name, "");
	assert_string_equal(cfg.base_url, "http://h/?a=b");
	config_free(&cfg);

	/* The last occurrence of a flag wins. */
	const char *const args3[] = {"--threads=2", "--threads=3", NULL};
	assert_int_equal(load(&cfg, NULL, args3), 0);
	assert_int_equal(cfg.threads, 3);
	config_free(&cfg);
}

static void
test_config_stops_at_non_flag(void **state)
{
	(void)state;
	struct config cfg;
	int next = 0;
	const char *const args[] = {"--threads", "2", "extra", "--listen", "x:1", NULL};
	assert_int_equal(load(&cfg, &next, args), 0);
	assert_int_equal(next, 4);
	assert_int_equal(cfg.threads, 2);
	/* Flags after the first non-flag are not read. */
	assert_string_equal(cfg.listen, "127.0.0.1:8080");
	config_free(&cfg);
}

static void
test_config_unknown_flag(void **state)
{
	(void)state;
	struct config cfg;
	static const char *const bad[] = {"--nope", "--listenx", "--listen-", "--LISTEN",
	                                  "--lis",  "--",        "---listen", "--nope=1"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *const args[] = {bad[i], "v", NULL};
		if (load(&cfg, NULL, args) != -1)
			fail_msg("config_load accepted %s", bad[i]);
		config_free(&cfg);
	}
	/* A flag at the end without its value. */
	const char *const args[] = {"--listen", NULL};
	assert_int_equal(load(&cfg, NULL, args), -1);
	config_free(&cfg);
}

static void
test_config_numeric_ranges(void **state)
{
	(void)state;
	struct config cfg;
	static const struct {
		const char *flag, *value;
		int ok;
	} cases[] = {
	    {"--threads", "1", 1},
	    {"--threads", "256", 1},
	    {"--threads", "0", 0},
	    {"--threads", "257", 0},
	    {"--threads", "-1", 0},
	    {"--threads", "", 0},
	    {"--threads", "abc", 0},
	    {"--threads", "4x", 0},
	    {"--threads", "18446744073709551617", 0},
	    {"--idle-minutes", "1", 1},
	    {"--idle-minutes", "1440", 1},
	    {"--idle-minutes", "0", 0},
	    {"--idle-minutes", "1441", 0},
	    {"--absolute-hours", "720", 1},
	    {"--absolute-hours", "721", 0},
	    {"--absolute-hours", "0", 0},
	    {"--max-connections", "4", 1},
	    {"--max-connections", "65536", 1},
	    {"--max-connections", "3", 0},
	    {"--max-connections", "65537", 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *const args[] = {cases[i].flag, cases[i].value, NULL};
		int rc = load(&cfg, NULL, args);
		if (rc != (cases[i].ok ? 0 : -1))
			fail_msg("config_load %s \"%s\" returned %d", cases[i].flag, cases[i].value,
			         rc);
		config_free(&cfg);
	}

	/* The same checks apply to the environment. */
	setenv("MADOGUCHI_THREADS", "1000", 1);
	assert_int_equal(load(&cfg, NULL, NULL), -1);
	config_free(&cfg);
	setenv("MADOGUCHI_THREADS", "16", 1);
	assert_int_equal(load(&cfg, NULL, NULL), 0);
	assert_int_equal(cfg.threads, 16);
	config_free(&cfg);
	/* A good flag overrides a bad environment value. */
	setenv("MADOGUCHI_THREADS", "bad", 1);
	const char *const args[] = {"--threads", "3", NULL};
	assert_int_equal(load(&cfg, NULL, args), 0);
	assert_int_equal(cfg.threads, 3);
	config_free(&cfg);
}

static void
test_config_base_url(void **state)
{
	(void)state;
	struct config cfg;
	const char *const https[] = {"--base-url", "https://portal.example.jp", NULL};
	assert_int_equal(load(&cfg, NULL, https), 0);
	assert_true(cfg.tls);
	assert_string_equal(cfg.base_url, "https://portal.example.jp");
	config_free(&cfg);

	setenv("MADOGUCHI_BASE_URL", "https://env.example", 1);
	assert_int_equal(load(&cfg, NULL, NULL), 0);
	assert_true(cfg.tls);
	config_free(&cfg);

	const char *const http[] = {"--base-url=http://portal.example.jp", NULL};
	assert_int_equal(load(&cfg, NULL, http), 0);
	assert_false(cfg.tls);
	config_free(&cfg);

	static const char *const bad[] = {"ftp://x", "portal.example.jp", "javascript:alert(1)",
	                                  "",        "https:/x",          "//x"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *const args[] = {"--base-url", bad[i], NULL};
		if (load(&cfg, NULL, args) != -1)
			fail_msg("config_load accepted base URL \"%s\"", bad[i]);
		config_free(&cfg);
	}
}

static void
test_config_database_path(void **state)
{
	(void)state;
	struct config cfg;
	const char *const dir[] = {"--data-dir", "/srv/madoguchi", NULL};
	assert_int_equal(load(&cfg, NULL, dir), 0);
	assert_string_equal(cfg.database, "/srv/madoguchi/madoguchi.db");
	assert_ptr_equal(cfg.database, cfg.owned[0]);
	config_free(&cfg);

	setenv("MADOGUCHI_DATA_DIR", "/env/dir", 1);
	assert_int_equal(load(&cfg, NULL, NULL), 0);
	assert_string_equal(cfg.database, "/env/dir/madoguchi.db");
	config_free(&cfg);

	/* An explicit database is used as given and not owned. */
	const char *const db[] = {"--database", "/tmp/x.db", NULL};
	assert_int_equal(load(&cfg, NULL, db), 0);
	assert_string_equal(cfg.database, "/tmp/x.db");
	assert_null(cfg.owned[0]);
	config_free(&cfg);

	/* A long data directory is not truncated. */
	char longdir[600];
	memset(longdir, 'd', sizeof(longdir) - 1);
	longdir[0] = '/';
	longdir[sizeof(longdir) - 1] = '\0';
	const char *const ld[] = {"--data-dir", longdir, NULL};
	assert_int_equal(load(&cfg, NULL, ld), 0);
	assert_int_equal(strlen(cfg.database), strlen(longdir) + strlen("/madoguchi.db"));
	assert_memory_equal(cfg.database, longdir, strlen(longdir));
	config_free(&cfg);
}

/* The address text as a netaddr, for the checks below. */
static struct netaddr
addr(const char *s)
{
	struct netaddr a;
	assert_int_equal(netaddr_parse(s, strlen(s), &a), 0);
	return a;
}

static void
test_config_trusted_proxy(void **state)
{
	(void)state;
	struct config cfg;
	assert_int_equal(load(&cfg, NULL, NULL), 0);
	assert_int_equal(cfg.ntrusted_proxies, 0); /* none unless given */
	assert_null(cfg.trusted_proxies);
	config_free(&cfg);

	const char *const list[] = {"--trusted-proxy", "127.0.0.1, 10.1.0.0/16,::1", NULL};
	assert_int_equal(load(&cfg, NULL, list), 0);
	assert_int_equal(cfg.ntrusted_proxies, 3);
	struct netaddr in = addr("10.1.200.3"), out = addr("10.2.0.1"), lo6 = addr("::1"),
	               lo4 = addr("127.0.0.1"), other = addr("127.0.0.2");
	assert_true(netrange_list_contains(cfg.trusted_proxies, cfg.ntrusted_proxies, &in));
	assert_false(netrange_list_contains(cfg.trusted_proxies, cfg.ntrusted_proxies, &out));
	assert_true(netrange_list_contains(cfg.trusted_proxies, cfg.ntrusted_proxies, &lo6));
	assert_true(netrange_list_contains(cfg.trusted_proxies, cfg.ntrusted_proxies, &lo4));
	assert_false(netrange_list_contains(cfg.trusted_proxies, cfg.ntrusted_proxies, &other));
	config_free(&cfg);
	assert_null(cfg.trusted_proxies);

	setenv("MADOGUCHI_TRUSTED_PROXY", "192.0.2.0/24", 1);
	assert_int_equal(load(&cfg, NULL, NULL), 0);
	assert_int_equal(cfg.ntrusted_proxies, 1);
	config_free(&cfg);

	static const char *const bad[] = {"nginx",     "10.0.0.0/33", "::1/129",
	                                  "10.0.0.1/", "10.0.0/8",    "127.0.0.1,localhost",
	                                  "1.2.3.4/-1"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		const char *const args[] = {"--trusted-proxy", bad[i], NULL};
		if (load(&cfg, NULL, args) != -1)
			fail_msg("config_load accepted --trusted-proxy %s", bad[i]);
		assert_null(cfg.trusted_proxies);
		config_free(&cfg);
	}
}

/* --upload-max: bytes or K/M/G, 1 byte to 2 GiB; --api-rate: 1 to a million. */
static void
test_config_upload_max_and_rate(void **state)
{
	(void)state;
	struct config cfg;
	assert_int_equal(load(&cfg, NULL, NULL), 0);
	assert_true(cfg.upload_max == CONFIG_UPLOAD_MOST);
	assert_int_equal(cfg.api_rate, 2);
	config_free(&cfg);
	static const struct {
		const char *value;
		unsigned long long bytes; /* 0: refused */
	} cases[] = {
	    {"1", 1},
	    {"60M", 60ULL << 20},
	    {"512k", 512ULL << 10},
	    {"2G", 2ULL << 30},
	    {"2147483648", 2ULL << 30},
	    {"2147483649", 0},
	    {"3G", 0},
	    {"0", 0},
	    {"-1", 0},
	    {"", 0},
	    {"M", 0},
	    {"10MB", 0},
	    {"18446744073709551617", 0},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *const args[] = {"--upload-max", cases[i].value, NULL};
		int rc = load(&cfg, NULL, args);
		if (rc != (cases[i].bytes ? 0 : -1) ||
		    (rc == 0 && cfg.upload_max != cases[i].bytes))
			fail_msg("--upload-max \"%s\": %d, %llu", cases[i].value, rc,
			         cfg.upload_max);
		config_free(&cfg);
	}
	setenv("MADOGUCHI_API_RATE", "500", 1);
	assert_int_equal(load(&cfg, NULL, NULL), 0);
	assert_int_equal(cfg.api_rate, 500);
	config_free(&cfg);
	const char *const zero[] = {"--api-rate", "0", NULL};
	assert_int_equal(load(&cfg, NULL, zero), -1);
	config_free(&cfg);
}

int
main(void)
{
#define UT(f) cmocka_unit_test_setup_teardown(f, clear_env, clear_env)
	const struct CMUnitTest tests[] = {
	    UT(test_config_defaults),      UT(test_config_precedence),
	    UT(test_config_flag_forms),    UT(test_config_stops_at_non_flag),
	    UT(test_config_unknown_flag),  UT(test_config_numeric_ranges),
	    UT(test_config_base_url),      UT(test_config_database_path),
	    UT(test_config_trusted_proxy), UT(test_config_upload_max_and_rate),
	};
#undef UT
	/* config_load explains refusals on stderr; that is expected here. */
	return cmocka_run_group_tests(tests, NULL, NULL);
}
