/*
 * What the unit tests of the domain operations share: a migrated SQLite
 * database in a temporary directory, the context of a user as a channel
 * would fill it, and counts of the mails and audit events an operation
 * left. Header-only (each test is one program); include after cmocka.h.
 */
#ifndef MADOGUCHI_TESTS_DOMAIN_FIXTURE_H
#define MADOGUCHI_TESTS_DOMAIN_FIXTURE_H

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app.h"
#include "core/clock.h"
#include "domain/domain.h"
#include "mail/outbox.h"
#include "store/db.h"
#include "store/migrate.h"
#include "store/users.h"
#include "tmpdir.h"

/* dir: a mkdtemp template, made into the directory; dbpath receives the file. */
static inline int
fixture_db_open(char *dir, char *dbpath, size_t n, struct db **db)
{
	if (!mkdtemp(dir))
		return -1;
	snprintf(dbpath, n, "%s/madoguchi.db", dir);
	db_configure(dbpath);
	*db = db_thread();
	return *db && migrate_run(*db) >= 0 ? 0 : -1;
}

static inline void
fixture_db_close(const char *dir)
{
	db_thread_close();
	tmpdir_remove(dir);
}

/* The settings of a test portal that mails (links, sender, the provider's names). */
static inline void
fixture_app(struct app *app)
{
	app->cfg.base_url = "http://127.0.0.1:8080";
	app->cfg.mail_from = "Portal <portal@example.jp>";
	app->provider_name = "株式会社見晴らし";
	app->provider_short = "見晴らし";
}

/* The context of user id: what web_dom fills for a signed-in request. */
static inline void
fixture_as(struct dom *d, struct arena *a, const struct app *app, struct db *db, int64_t id)
{
	struct user u;
	assert_int_equal(users_get(db, id, a, &u), 1);
	memset(d, 0, sizeof(*d));
	d->app = app;
	d->a = a;
	actor_of_user(&d->who, &u);
}

/* Mails waiting in the outbox (due within a day). */
static inline int
fixture_mails_queued(struct db *db)
{
	int64_t ids[256];
	return outbox_due(db, clock_now() + 86400, ids, 256);
}

/* The number of audit events named event, read on a connection of its own. */
static inline int64_t
fixture_audited(const char *dbpath, const char *event)
{
	sqlite3 *h;
	sqlite3_stmt *st;
	int64_t n = -1;
	if (sqlite3_open(dbpath, &h) != SQLITE_OK)
		return -1;
	if (sqlite3_prepare_v2(h, "SELECT count(*) FROM audit_events WHERE event = ?", -1, &st,
	                       NULL) == SQLITE_OK) {
		sqlite3_bind_text(st, 1, event, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW)
			n = sqlite3_column_int64(st, 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
	return n;
}

#endif
