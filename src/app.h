/*
 * The application: long-lived state built once at start-up (settings,
 * keys, the provider's presentation) and read by every request. Nothing in
 * it changes while requests are served, so it needs no locks.
 */
#ifndef MADOGUCHI_APP_H
#define MADOGUCHI_APP_H

#include "core/config.h"

struct app {
	struct config cfg;
	/* Key of the CSRF token MAC; kept in the database so that several
	 * instances behind one load balancer agree on it. */
	unsigned char csrf_key[32];
	/* Key sealing secrets at rest (TOTP seeds): MADOGUCHI_SECRET_KEY, or the
	 * file secret.key of the data directory, never the database, so that a
	 * copy of the database alone does not reveal them. */
	unsigned char seal_key[32];
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
/* Releases what app_init allocated. */
void app_free(struct app *app);

#endif
