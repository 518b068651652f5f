/*
 * `madoguchi admin`: the provider's first steps and rescues from the
 * command line, as the system.
 *
 *   admin create --email ADDRESS --name NAME [--another]
 *   admin unlock USER_ID
 *   admin reset-mfa USER_ID
 *
 * create prints the one-time link that sets the password (24 hours).
 * Exit status: 0 done, 1 refused or failed (the reason on stderr), 2 usage.
 */
#include "accounts/staff.h"
#include "app.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "domain/domain.h"
#include "store/db.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int
usage(void)
{
	fprintf(stderr, "usage: madoguchi admin create --email ADDRESS --name NAME [--another]\n"
	                "       madoguchi admin unlock USER_ID\n"
	                "       madoguchi admin reset-mfa USER_ID\n");
	return 2;
}

/* The answer of an operation on stderr, as an exit status. */
static int
report(const struct dom *d, int st)
{
	if (st == DOM_OK)
		return 0;
	if (st == DOM_INVALID)
		for (int i = 0; i < d->nerrors; i++)
			fprintf(stderr, "madoguchi admin: --%s: %s\n", d->errors[i].field,
			        d->errors[i].msgid);
	else if (st == DOM_NOT_FOUND)
		fprintf(stderr, "madoguchi admin: no such user ID\n");
	else
		fprintf(stderr, "madoguchi admin: %s\n", d->message ? d->message : "failed");
	return 1;
}

static int
create(struct dom *d, int argc, char **argv)
{
	const char *email = NULL, *name = NULL;
	bool another = false;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "--another") == 0)
			another = true;
		else if (strcmp(argv[i], "--email") == 0 && i + 1 < argc)
			email = argv[++i];
		else if (strcmp(argv[i], "--name") == 0 && i + 1 < argc)
			name = argv[++i];
		else
			return usage();
	}
	if (!email || !name)
		return usage();
	const char *link;
	int st = staff_admin_create(d, email, name, another, &link);
	if (st == DOM_CONFLICT && !another)
		fprintf(stderr, "madoguchi admin: add --another to create one more\n");
	if (st != DOM_OK)
		return report(d, st);
	printf("provider admin %s created; set the password within 24 hours at:\n%s\n", email,
	       link);
	if (staff_mfa_required(db_thread()))
		printf("at the first sign-in, pair an authenticator app (staff must use one)\n");
	return 0;
}

int
cli_admin(struct app *app, int argc, char **argv)
{
	if (argc < 1)
		return usage();
	struct arena *a = arena_new();
	struct dom d = {.app = app, .a = a};
	const char *sub = argv[0];
	int rc;
	if (strcmp(sub, "create") == 0)
		rc = create(&d, argc - 1, argv + 1);
	else if (strcmp(sub, "unlock") == 0 && argc == 2)
		rc = report(&d, staff_unlock(&d, argv[1]));
	else if (strcmp(sub, "reset-mfa") == 0 && argc == 2)
		rc = report(&d, staff_reset_mfa(&d, argv[1]));
	else
		rc = usage();
	if (rc == 0 && strcmp(sub, "create") != 0)
		printf("done: %s %s\n", sub, argv[1]);
	arena_free(a);
	db_thread_close();
	return rc;
}
