/* Start-up of the long-lived application state. */
#include "app.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/settings.h"

#include <errno.h>
#include <stdbool.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* The setting key, or creates it as fresh random bytes (hex) the first time. */
static int
load_key(struct db *db, const char *name, unsigned char *key, size_t len)
{
	struct arena *a = arena_new();
	int rc = -1;
	char *hex = settings_get(db, name, a);
	if (!hex) {
		randombytes_buf(key, len);
		char *h = arena_alloc(a, len * 2 + 1);
		sodium_bin2hex(h, len * 2 + 1, key, len);
		rc = settings_put(db, name, h);
		sodium_memzero(h, len * 2);
	} else {
		size_t got = 0;
		rc = sodium_hex2bin(key, len, hex, strlen(hex), NULL, &got, NULL) == 0 && got == len
		         ? 0
		         : -1;
		sodium_memzero(hex, strlen(hex));
	}
	arena_free(a);
	return rc;
}

int
app_read_seal_key(const char *data_dir, unsigned char key[32], bool *from_env)
{
	const char *env = getenv("MADOGUCHI_SECRET_KEY");
	size_t got = 0;
	*from_env = env && *env;
	if (*from_env)
		return sodium_hex2bin(key, 32, env, strlen(env), NULL, &got, NULL) == 0 && got == 32
		           ? 0
		           : -1;
	char path[4096];
	snprintf(path, sizeof(path), "%s/secret.key", data_dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 1 : -1;
	ssize_t n = read(fd, key, 32);
	close(fd);
	return n == 32 ? 0 : -1;
}

/*
 * The sealing key (app_read_seal_key), created as the file
 * <data_dir>/secret.key (mode 0600, written and synced before use) the
 * first time.
 */
static int
load_seal_key(struct app *app)
{
	bool from_env;
	int rc = app_read_seal_key(app->cfg.data_dir, app->seal_key, &from_env);
	if (rc <= 0)
		return rc;
	char path[4096];
	snprintf(path, sizeof(path), "%s/secret.key", app->cfg.data_dir);
	randombytes_buf(app->seal_key, sizeof(app->seal_key));
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return -1;
	ssize_t n = write(fd, app->seal_key, sizeof(app->seal_key));
	rc = n == (ssize_t)sizeof(app->seal_key) && fsync(fd) == 0 ? 0 : -1;
	close(fd);
	return rc;
}

static const char *
setting_or(struct db *db, const char *key, const char *fallback)
{
	struct arena *a = arena_new();
	char *v = settings_get(db, key, a);
	const char *out = xstrdup(v && *v ? v : fallback);
	arena_free(a);
	return out;
}

int
app_init_libraries(void)
{
	if (sodium_init() < 0) {
		log_error("libsodium failed to start");
		return -1;
	}
	if (i18n_init() != 0) {
		log_error("a translation catalog is corrupt");
		return -1;
	}
	return 0;
}

int
app_init(struct app *app)
{
	if (app_init_libraries() != 0)
		return -1;
	if (mkdir(app->cfg.data_dir, 0700) != 0 && errno != EEXIST) {
		log_error("data directory %s: %s", app->cfg.data_dir, strerror(errno));
		return -1;
	}
	if (load_seal_key(app) != 0) {
		log_error(
		    "cannot read or create the sealing key (secret.key or MADOGUCHI_SECRET_KEY)");
		return -1;
	}
	db_configure(app->cfg.database);
	struct db *db = db_thread();
	if (!db)
		return -1;
	if (migrate_run(db) < 0)
		return -1;
	if (load_key(db, "secret.csrf_key", app->csrf_key, sizeof(app->csrf_key)) != 0) {
		log_error("cannot load or create the CSRF key");
		return -1;
	}
	if (load_key(db, "secret.reply_key", app->reply_key, sizeof(app->reply_key)) != 0) {
		log_error("cannot load or create the reply token key");
		return -1;
	}
	app->provider_name = app->cfg.provider_name ? app->cfg.provider_name
	                                            : setting_or(db, "provider.name", "Madoguchi");
	app->provider_short = setting_or(db, "provider.short_name", app->provider_name);
	app->portal_title = setting_or(db, "provider.portal_title", "");
	app->privacy_url = setting_or(db, "provider.privacy_url", "");
	return 0;
}

void
app_free(struct app *app)
{
	sodium_memzero(app->csrf_key, sizeof(app->csrf_key));
	sodium_memzero(app->seal_key, sizeof(app->seal_key));
	sodium_memzero(app->reply_key, sizeof(app->reply_key));
	if (app->provider_name != app->cfg.provider_name)
		free((char *)app->provider_name);
	free((char *)app->provider_short);
	free((char *)app->portal_title);
	free((char *)app->privacy_url);
	config_free(&app->cfg);
}
