/*
 * The madoguchi command: serve, migrate, demo, demo-cases, admin, backup,
 * restore, check, jobs, webhooks, mail-in, routes. Settings come from flags after the command and
 * from MADOGUCHI_* environment variables; a command's own arguments follow the settings.
 */
#include "app.h"
#include "cli/cli.h"
#include "core/config.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#ifndef MADOGUCHI_VERSION
#define MADOGUCHI_VERSION "0.1.0"
#endif

struct command {
	const char *name;
	int (*run)(struct app *app);
	int (*run_args)(struct app *app, int argc, char **argv); /* a command with arguments */
	const char *help;
	bool bare; /* runs before app_init: must not create or migrate the data directory */
};

static const struct command commands[] = {
    {"serve", cli_serve, NULL, "serve the portal (applies migrations first)", false},
    {"migrate", cli_migrate, NULL, "apply database migrations and print the schema version", false},
    {"demo", cli_demo, NULL, "create demo data (idempotent) and print the demo accounts", false},
    {"demo-cases", cli_demo_cases, NULL,
     "add cases in every state to the demo customers (idempotent; after demo)", false},
    {"admin", NULL, cli_admin,
     "create --email A --name N [--another] | unlock USER_ID | reset-mfa USER_ID", false},
    {"backup", NULL, cli_backup,
     "DIR: copy database, key and attachments into the new folder DIR (while serving)", true},
    {"restore", NULL, cli_restore,
     "DIR: verify the backup DIR, then restore it into an empty --data-dir", true},
    {"jobs", cli_jobs, NULL, "run the periodic jobs once (auto-close of resolved cases)", false},
    {"webhooks", cli_webhooks, NULL, "deliver the webhooks that are due now, once", false},
    {"check", cli_check, NULL,
     "verify the database and every attachment it refers to (size, SHA-256)", true},
    {"mail-in", NULL, cli_mail_in,
     "[RECIPIENT] < message | --imap: replies by e-mail become case comments (sysexits)", false},
};

/*
 * What some commands need besides their row: a flag of their own (without
 * a value), taken out before the settings are read, and the exit status
 * when start-up fails (a mail server tries again on 75).
 */
static const struct {
	const char *name, *own_flag;
	int start_failed;
} extras[] = {{"mail-in", "--imap", 75}};

static const char *
own_flag_of(const struct command *cmd)
{
	for (size_t i = 0; i < sizeof(extras) / sizeof(extras[0]); i++)
		if (strcmp(extras[i].name, cmd->name) == 0)
			return extras[i].own_flag;
	return NULL;
}

static int
start_failed(const struct command *cmd)
{
	for (size_t i = 0; i < sizeof(extras) / sizeof(extras[0]); i++)
		if (strcmp(extras[i].name, cmd->name) == 0)
			return extras[i].start_failed;
	return 1;
}

static void
usage(FILE *f)
{
	fprintf(f, "usage: madoguchi COMMAND [--flag VALUE ...]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].help);
	fprintf(f, "  %-10s %s\n", "routes",
	        "print every route: method, pattern, role, flags, body limit (tab-separated)");
	fprintf(f, "  --help   this text\n  --version\n\n");
	config_usage();
}

int
main(int argc, char **argv)
{
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	if (strcmp(argv[1], "--version") == 0) {
		printf("madoguchi %s\n", MADOGUCHI_VERSION);
		return 0;
	}
	/* The table is compiled in: no settings, no data directory to open. */
	if (strcmp(argv[1], "routes") == 0) {
		if (argc > 2) {
			fprintf(stderr, "madoguchi: unexpected argument %s\n", argv[2]);
			return 2;
		}
		return cli_routes();
	}
	const struct command *cmd = NULL;
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			cmd = &commands[i];
	if (!cmd) {
		fprintf(stderr, "madoguchi: unknown command %s\n", argv[1]);
		usage(stderr);
		return 2;
	}
	static struct app app;
	int optind = 2;
	char *own = NULL;
	const char *flag = own_flag_of(cmd);
	for (int i = 2; flag && i < argc; i++)
		if (strcmp(argv[i], flag) == 0) {
			own = argv[i];
			memmove(&argv[i], &argv[i + 1], (size_t)(argc - i - 1) * sizeof(*argv));
			argv[argc - 1] = own;
			break;
		}
	if (config_load(&app.cfg, own ? argc - 1 : argc, argv, &optind) != 0)
		return 2;
	if (optind < argc && !cmd->run_args) {
		fprintf(stderr, "madoguchi: unexpected argument %s\n", argv[optind]);
		return 2;
	}
	if (cmd->bare ? app_init_libraries() != 0 : app_init(&app) != 0) {
		config_free(&app.cfg);
		return start_failed(cmd);
	}
	int rc = cmd->run_args ? cmd->run_args(&app, argc - optind, argv + optind) : cmd->run(&app);
	app_free(&app);
	return rc;
}
