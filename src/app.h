/*
 * The application: long-lived state built once at start-up (settings,
 * keys, the provider's presentation) and read by every request. Nothing in
 * it changes while requests are served, so it needs no locks.
 */
#ifndef MADOGUCHI_APP_H
#define MADOGUCHI_APP_H

#include "core/config.h"

#include <stdbool.h>

struct app {
	struct config cfg;
	/* Key of the CSRF token MAC; kept in the database so that several
	 * instances behind one load balancer agree on it. */
	unsigned char csrf_key[32];
	/* Key sealing secrets at rest (TOTP seeds): MADOGUCHI_SECRET_KEY, or the
	 * file secret.key of the data directory, never the database, so that a
	 * copy of the database alone does not reveal them. */
	unsigned char seal_key[32];
	/* Key of the reply tokens in the Reply-To address of case mails
	 * (mail/reply_token.h); in the database like the CSRF key, so every
	 * instance and the mail-in command agree on it. */
	unsigned char reply_key[32];
	const char *provider_name;  /* 株式会社… as shown in the footer */
	const char *provider_short; /* short name used in the "作業中" state */
	const char *portal_title;   /* the header's brand text */
	const char *privacy_url;    /* "" for the built-in privacy page */
};

/*
 * Opens the database, applies migrations, loads or creates keys and the
 * provider's presentation. Returns 0, or -1 after logging why.
 */
int app_init(struct app *app);
/*
 * Only what every command needs before it touches a data directory
 * (libsodium, the translations): for the commands that must not create
 * one (backup, restore, check). 0, or -1 after logging why.
 */
int app_init_libraries(void);
/*
 * Reads the sealing key without creating it: from MADOGUCHI_SECRET_KEY
 * (*from_env true) or <data_dir>/secret.key. Returns 0, 1 when there is
 * none yet, -1 when it is unreadable or malformed.
 */
int app_read_seal_key(const char *data_dir, unsigned char key[32], bool *from_env);
/* Releases what app_init allocated. */
void app_free(struct app *app);

#endif
