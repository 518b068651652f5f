/* The subcommands of the madoguchi binary (main.c dispatches to them). */
#ifndef MADOGUCHI_CLI_CLI_H
#define MADOGUCHI_CLI_CLI_H

struct app;

int cli_serve(struct app *app);
int cli_migrate(struct app *app);
int cli_demo(struct app *app);
/* Cases in every state for the demo customers, through the case operations. */
int cli_demo_cases(struct app *app);
/* admin create|unlock|reset-mfa: argv holds what follows the settings (cli/admin.c). */
int cli_admin(struct app *app, int argc, char **argv);
/* The route table, one route a line; needs no settings nor database (cli/routes.c). */
int cli_routes(void);
/*
 * backup DIR, restore DIR, check (cli/backup.c): run without app_init, so
 * that none of them creates or migrates the data directory it reads.
 */
int cli_backup(struct app *app, int argc, char **argv);
int cli_restore(struct app *app, int argc, char **argv);
int cli_check(struct app *app);
/* Replies by e-mail from stdin or an IMAP mailbox (cli/mail_in.c); sysexits codes. */
int cli_mail_in(struct app *app, int argc, char **argv);
/* One round of the periodic jobs (jobs.c). */
int cli_jobs(struct app *app);
/* One round of the webhook sender (webhooks/sender.h), with what it did. */
int cli_webhooks(struct app *app);

#endif
