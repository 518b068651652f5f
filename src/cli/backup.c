/*
 * `madoguchi backup DIR`, `madoguchi restore DIR` and `madoguchi check`:
 * the data directory copied while the portal serves and writes, put back
 * into an empty one, and verified in place.
 *
 * A backup holds a consistent copy of the database (one read transaction),
 * every stored file its rows refer to, secret.key when the sealing key is a
 * file, and manifest.txt (files/manifest.h) written last. The sign-in
 * sessions are left out: a backup then holds no live credential, and after
 * a restore everyone signs in again. Not copied: mail/outbox/ (mail already
 * handed over, the queue itself is in the database), tmp/ and files/tmp/
 * (unfinished work), and files no row refers to (the sweep would remove them).
 *
 * Exit status: 0 done, 1 failed or a problem found (each on stderr, naming
 * the file), 2 usage. Messages follow the language of the environment
 * (LC_ALL, LC_MESSAGES, LANG), 日本語 by default.
 */
#include "app.h"
#include "cli/cli.h"
#include "core/i18n.h"
#include "files/manifest.h"
#include "store/backup.h"
#include "store/db.h"
#include "store/migrate.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static enum lang L = LANG_JA;

static void
pick_lang(void)
{
	const char *vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i]);
		if (!v || !*v)
			continue;
		char code[3] = {v[0], v[0] ? v[1] : '\0', '\0'};
		if (lang_parse(code, &L) != 0)
			L = LANG_JA;
		return;
	}
}

/* One line on stderr after the command's name; fmt is a translated msgid. */
__attribute__((format(printf, 2, 3))) static void
say(const char *cmd, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "madoguchi %s: ", cmd);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

/* 0: path does not exist; 1: an empty folder; 2: anything else there. */
static int
dir_state(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0)
		return errno == ENOENT ? 0 : 2;
	if (!S_ISDIR(st.st_mode))
		return 2;
	DIR *d = opendir(path);
	if (!d)
		return 2;
	int state = 1;
	struct dirent *e;
	while (state == 1 && (e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			state = 2;
	closedir(d);
	return state;
}

/* A new or empty folder to write into: 0, -2 when not empty, -1 after saying why. */
static int
empty_folder(const char *cmd, const char *path)
{
	int state = dir_state(path);
	if (state == 2)
		return -2;
	if (state == 0 && mkdir(path, 0700) != 0) {
		say(cmd, i18n_tr(L, "cannot create %s: %s"), path, strerror(errno));
		return -1;
	}
	return 0;
}

/* Makes the files written so far durable, folders included, before the manifest says so. */
static int
sync_folder(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = syncfs(fd);
	close(fd);
	return rc;
}

static int
usage(const char *cmd)
{
	fprintf(stderr, "usage: madoguchi %s [--data-dir DIR] %s\n", cmd,
	        strcmp(cmd, "check") == 0 ? "" : "BACKUP_DIR");
	return 2;
}

/* ---------------------------------------------------------------- backup */

struct copying {
	const char *from, *to; /* data directory, backup folder */
	struct manifest *m;
	int problems;
	char last_sha[65]; /* rows come in hash order: a second size of one file */
	uint64_t last_size;
};

/* Copies one stored file into the backup, checking it against what its rows record. */
static int
copy_stored(void *ctx, const char *sha256, uint64_t size)
{
	struct copying *c = ctx;
	char rel[MANIFEST_PATH_MAX], src[4096], dst[4096], got[65];
	uint64_t n;
	manifest_file_path(sha256, rel);
	if (strcmp(c->last_sha, sha256) == 0) {
		if (size != c->last_size) {
			say("backup", i18n_tr(L, "%s: %llu bytes, but the database records %llu"),
			    rel, (unsigned long long)c->last_size, (unsigned long long)size);
			c->problems++;
		}
		return 0;
	}
	snprintf(c->last_sha, sizeof(c->last_sha), "%s", sha256);
	snprintf(src, sizeof(src), "%s/%s", c->from, rel);
	snprintf(dst, sizeof(dst), "%s/%s", c->to, rel);
	if (!manifest_path_ok(rel)) {
		say("backup",
		    i18n_tr(L, "the database refers to a stored file by a malformed hash: %s"),
		    sha256);
		c->problems++;
		return 0;
	}
	if (mkdir_parents(dst) != 0 || file_copy_hashed(src, dst, 0600, got, &n) != 0) {
		say("backup", i18n_tr(L, "%s: cannot copy it: %s"), rel, strerror(errno));
		c->problems++;
		return 0;
	}
	c->last_size = n;
	if (strcmp(got, sha256) != 0) {
		say("backup", i18n_tr(L, "%s: its content does not match its SHA-256 (damaged)"),
		    rel);
		c->problems++;
	} else if (n != size) {
		say("backup", i18n_tr(L, "%s: %llu bytes, but the database records %llu"), rel,
		    (unsigned long long)n, (unsigned long long)size);
		c->problems++;
	}
	manifest_add(c->m, rel, n, got);
	return 0;
}

/* Copies, hashes and lists a file of the data directory (secret.key) under rel. */
static int
copy_plain(struct copying *c, const char *rel)
{
	char src[4096], dst[4096], got[65];
	uint64_t n;
	snprintf(src, sizeof(src), "%s/%s", c->from, rel);
	snprintf(dst, sizeof(dst), "%s/%s", c->to, rel);
	if (file_copy_hashed(src, dst, 0600, got, &n) != 0) {
		say("backup", i18n_tr(L, "%s: cannot copy it: %s"), rel, strerror(errno));
		return -1;
	}
	return manifest_add(c->m, rel, n, got);
}

int
cli_backup(struct app *app, int argc, char **argv)
{
	pick_lang();
	if (argc != 1)
		return usage("backup");
	const char *out = argv[0];
	struct manifest m = {0};
	struct copying c = {.from = app->cfg.data_dir, .to = out, .m = &m};
	struct db *copy = NULL;
	unsigned char key[32];
	bool from_env = false;
	char path[4096], sha[65];
	uint64_t size;
	int rc = 1, started = 0;
	struct stat st;
	if (stat(app->cfg.database, &st) != 0) {
		say("backup", i18n_tr(L, "no database at %s (see --data-dir and --database)"),
		    app->cfg.database);
		goto out;
	}
	if (app_read_seal_key(app->cfg.data_dir, key, &from_env) != 0) {
		say("backup",
		    i18n_tr(
		        L,
		        "cannot read the sealing key (secret.key in %s, or MADOGUCHI_SECRET_KEY)"),
		    app->cfg.data_dir);
		goto out;
	}
	manifest_key_check(key, m.key_check);
	sodium_memzero(key, sizeof(key));
	snprintf(m.key_source, sizeof(m.key_source), "%s", from_env ? "environment" : "file");
	int empty = empty_folder("backup", out);
	if (empty == -2)
		say("backup",
		    i18n_tr(L, "%s is not empty: a backup goes into a new or empty folder"), out);
	if (empty != 0)
		goto out;
	started = 1;

	db_configure(app->cfg.database);
	struct db *db = db_thread();
	snprintf(path, sizeof(path), "%s/madoguchi.db", out);
	if (!db || backup_copy_into(db, path) != 0) {
		say("backup", i18n_tr(L, "the copy of the database failed"));
		goto out;
	}
	db_thread_close();
	copy = db_open_file(path);
	if (!copy || backup_drop_sessions(copy) != 0 || (m.schema = migrate_version(copy)) <= 0) {
		say("backup", i18n_tr(L, "the copy of the database cannot be read"));
		goto out;
	}
	/* The files come from the copy's rows: exactly those its transaction saw. */
	if (backup_each_file(copy, copy_stored, &c) != 0) {
		say("backup", i18n_tr(L, "the copy of the database cannot be read"));
		goto out;
	}
	db_close_file(copy);
	copy = NULL;
	if (c.problems)
		goto out;
	size_t stored = m.count;
	if (file_sha256(path, sha, &size) != 0 ||
	    manifest_add(&m, "madoguchi.db", size, sha) != 0) {
		say("backup", i18n_tr(L, "the copy of the database cannot be read"));
		goto out;
	}
	if (!from_env && copy_plain(&c, "secret.key") != 0)
		goto out;
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(m.created, sizeof(m.created), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (sync_folder(out) != 0 || manifest_write(&m, out) != 0) {
		say("backup", i18n_tr(L, "cannot write the manifest: %s"), strerror(errno));
		goto out;
	}
	printf(
	    i18n_tr(L, "backup written to %s: database (schema version %d), %zu stored files%s\n"),
	    out, m.schema, stored,
	    from_env ? i18n_tr(L, "; the sealing key is MADOGUCHI_SECRET_KEY, keep it apart") : "");
	rc = 0;
out:
	if (copy)
		db_close_file(copy);
	db_thread_close();
	if (rc != 0 && started)
		say("backup",
		    i18n_tr(L, "the backup in %s is incomplete (it has no %s): remove it"), out,
		    MANIFEST_NAME);
	manifest_free(&m);
	return rc;
}

/* ---------------------------------------------------------------- restore */

/* Whether the manifest lists rel. */
static const struct manifest_entry *
entry_of(const struct manifest *m, const char *rel)
{
	for (size_t i = 0; i < m->count; i++)
		if (strcmp(m->entries[i].path, rel) == 0)
			return &m->entries[i];
	return NULL;
}

/* Every file of the backup against the manifest; the number of problems. */
static int
verify_backup(const char *in, const struct manifest *m)
{
	int problems = 0;
	for (size_t i = 0; i < m->count; i++) {
		const struct manifest_entry *e = &m->entries[i];
		char path[4096], sha[65];
		uint64_t size;
		snprintf(path, sizeof(path), "%s/%s", in, e->path);
		if (file_sha256(path, sha, &size) != 0) {
			say("restore", i18n_tr(L, "%s: missing from the backup or unreadable: %s"),
			    e->path, strerror(errno));
			problems++;
		} else if (size != e->size || strcmp(sha, e->sha256) != 0) {
			say("restore",
			    i18n_tr(L,
			            "%s: damaged (its size or SHA-256 differs from the manifest)"),
			    e->path);
			problems++;
		}
	}
	return problems;
}

/* The sealing key a restored portal will use must be the backup's. 0 or -1 (said why). */
static int
check_key(const char *in, const struct manifest *m)
{
	unsigned char key[32];
	bool from_env;
	/* MADOGUCHI_SECRET_KEY if set, else the backup's own secret.key */
	int rc = app_read_seal_key(in, key, &from_env);
	if (rc == 1 || (rc == 0 && !from_env && strcmp(m->key_source, "file") != 0)) {
		say("restore",
		    i18n_tr(L, "the backup was made with MADOGUCHI_SECRET_KEY: set it to "
		               "the same key to restore"));
		return -1;
	}
	if (rc != 0) {
		say("restore", i18n_tr(L, "MADOGUCHI_SECRET_KEY is not 64 hex digits"));
		return -1;
	}
	char check[33];
	manifest_key_check(key, check);
	sodium_memzero(key, sizeof(key));
	if (strcmp(check, m->key_check) != 0) {
		say("restore",
		    i18n_tr(L,
		            "the sealing key is not the backup's: MADOGUCHI_SECRET_KEY must be the "
		            "key of the portal that was backed up"));
		return -1;
	}
	return 0;
}

/* Copies one file of the backup to dst, checking the bytes written. 0 or -1 (said why). */
static int
restore_one(const char *in, const struct manifest_entry *e, const char *dst)
{
	char src[4096], sha[65];
	uint64_t size;
	snprintf(src, sizeof(src), "%s/%s", in, e->path);
	if (mkdir_parents(dst) != 0 || file_copy_hashed(src, dst, 0600, sha, &size) != 0) {
		say("restore", i18n_tr(L, "%s: cannot copy it: %s"), e->path, strerror(errno));
		return -1;
	}
	if (size != e->size || strcmp(sha, e->sha256) != 0) {
		say("restore", i18n_tr(L, "%s: changed while it was restored"), e->path);
		return -1;
	}
	return 0;
}

int
cli_restore(struct app *app, int argc, char **argv)
{
	pick_lang();
	if (argc != 1)
		return usage("restore");
	const char *in = argv[0], *data = app->cfg.data_dir;
	struct manifest m = {0};
	int line = 0, rc = 1, started = 0;
	int r = manifest_read(in, &m, &line);
	if (r == -1) {
		say("restore",
		    i18n_tr(L, "%s has no readable %s: not a backup, or one that did not finish"),
		    in, MANIFEST_NAME);
		goto out;
	}
	const struct manifest_entry *dbe = r == 0 ? entry_of(&m, "madoguchi.db") : NULL;
	if (r != 0 || !dbe || (strcmp(m.key_source, "file") == 0 && !entry_of(&m, "secret.key"))) {
		say("restore", i18n_tr(L, "%s/%s is not a valid manifest (line %d)"), in,
		    MANIFEST_NAME, line);
		goto out;
	}
	if (m.schema > migrate_latest()) {
		say("restore",
		    i18n_tr(L, "the backup has schema version %d, newer than this program's %d"),
		    m.schema, migrate_latest());
		goto out;
	}
	int problems = verify_backup(in, &m);
	if (problems) {
		say("restore",
		    i18n_tr(L, "the backup in %s is damaged (%d files): nothing was restored"), in,
		    problems);
		goto out;
	}
	if (check_key(in, &m) != 0)
		goto out;
	struct stat st;
	if (stat(app->cfg.database, &st) == 0) {
		say("restore",
		    i18n_tr(L, "%s exists already: restore only into an empty data directory"),
		    app->cfg.database);
		goto out;
	}
	int empty = empty_folder("restore", data);
	if (empty == -2)
		say("restore",
		    i18n_tr(L, "%s is not empty: restore only into an empty data directory"), data);
	if (empty != 0)
		goto out;
	started = 1;
	char dst[4096];
	size_t stored = 0;
	for (size_t i = 0; i < m.count; i++) {
		const struct manifest_entry *e = &m.entries[i];
		if (e == dbe)
			continue;
		snprintf(dst, sizeof(dst), "%s/%s", data, e->path);
		if (restore_one(in, e, dst) != 0)
			goto out;
		stored += strcmp(e->path, "secret.key") != 0;
	}
	/* The database last, under a temporary name: no database means no restore. */
	snprintf(dst, sizeof(dst), "%s.restoring", app->cfg.database);
	if (restore_one(in, dbe, dst) != 0)
		goto out;
	if (rename(dst, app->cfg.database) != 0 || sync_folder(data) != 0) {
		say("restore", i18n_tr(L, "cannot put the database in place: %s"), strerror(errno));
		unlink(dst);
		goto out;
	}
	printf(i18n_tr(L, "restored into %s: database (schema version %d) of %s, %zu stored files; "
	                  "everyone signs in again\n"),
	       data, m.schema, m.created, stored);
	rc = 0;
out:
	if (rc != 0 && started)
		say("restore",
		    i18n_tr(L, "%s holds a partial restore: empty it before trying again"), data);
	manifest_free(&m);
	return rc;
}

/* ---------------------------------------------------------------- check */

struct checking {
	const char *data;
	int problems;
	size_t files;
};

static void
db_problem(void *ctx, const char *problem)
{
	(void)ctx;
	say("check", i18n_tr(L, "database: %s"), problem);
}

static int
check_stored(void *ctx, const char *sha256, uint64_t size)
{
	struct checking *c = ctx;
	char rel[MANIFEST_PATH_MAX], path[4096], got[65];
	uint64_t n;
	c->files++;
	if (strlen(sha256) != 64 || strspn(sha256, "0123456789abcdef") != 64) {
		say("check",
		    i18n_tr(L, "the database refers to a stored file by a malformed hash: %s"),
		    sha256);
		c->problems++;
		return 0;
	}
	manifest_file_path(sha256, rel);
	snprintf(path, sizeof(path), "%s/%s", c->data, rel);
	if (file_sha256(path, got, &n) != 0) {
		say("check", i18n_tr(L, "%s: missing from the file store or unreadable: %s"), rel,
		    strerror(errno));
		c->problems++;
	} else if (n != size) {
		say("check", i18n_tr(L, "%s: %llu bytes, but the database records %llu"), rel,
		    (unsigned long long)n, (unsigned long long)size);
		c->problems++;
	} else if (strcmp(got, sha256) != 0) {
		say("check", i18n_tr(L, "%s: its content does not match its SHA-256 (damaged)"),
		    rel);
		c->problems++;
	}
	return 0;
}

int
cli_check(struct app *app)
{
	pick_lang();
	struct checking c = {.data = app->cfg.data_dir};
	struct stat st;
	if (stat(app->cfg.database, &st) != 0) {
		say("check", i18n_tr(L, "no database at %s (see --data-dir and --database)"),
		    app->cfg.database);
		return 1;
	}
	db_configure(app->cfg.database);
	struct db *db = db_thread();
	int bad = db ? backup_integrity(db, db_problem, NULL) : -1;
	int files = bad >= 0 ? backup_each_file(db, check_stored, &c) : -1;
	db_thread_close();
	if (bad < 0 || files != 0) {
		say("check", i18n_tr(L, "the database cannot be read"));
		return 1;
	}
	c.problems += bad;
	unsigned char key[32];
	bool from_env;
	if (app_read_seal_key(app->cfg.data_dir, key, &from_env) != 0) {
		say("check",
		    i18n_tr(
		        L,
		        "cannot read the sealing key (secret.key in %s, or MADOGUCHI_SECRET_KEY)"),
		    app->cfg.data_dir);
		c.problems++;
	}
	sodium_memzero(key, sizeof(key));
	if (bad == 0)
		printf(i18n_tr(L, "database: intact\n"));
	printf(i18n_tr(L, "stored files: %zu checked\n"), c.files);
	if (c.problems) {
		say("check", i18n_tr(L, "%d problems found"), c.problems);
		return 1;
	}
	return 0;
}
