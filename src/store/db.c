/*
 * SQLite backend of the query interface: one connection per thread (WAL
 * journal, foreign keys, busy timeout), statements prepared on first use and
 * kept for the life of the connection.
 */
#include "store/db.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "store/fts_scoped.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

struct db {
	sqlite3 *h;
	sqlite3_stmt *stmts[STMT__MAX];
	bool batch; /* db_batch_begin: db_begin opens savepoints */
	int depth;  /* savepoints open inside the batch */
};

static const char *db_path;
static pthread_key_t db_key;
static pthread_once_t db_key_once = PTHREAD_ONCE_INIT;
static _Thread_local struct db *tl_db;

static void
db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < STMT__MAX; i++)
		sqlite3_finalize(db->stmts[i]);
	sqlite3_close(db->h);
	free(db);
}

static void
db_key_destroy(void *p)
{
	db_close(p);
}

static void
db_key_create(void)
{
	pthread_key_create(&db_key, db_key_destroy);
}

void
db_configure(const char *path)
{
	db_path = path;
	pthread_once(&db_key_once, db_key_create);
}

/*
 * synchronous=FULL: a committed transaction survives a power cut, not only
 * a crash of the process ("nothing committed is ever lost").
 */
static const char db_pragmas[] = "PRAGMA journal_mode=WAL;"
                                 "PRAGMA synchronous=FULL;"
                                 "PRAGMA foreign_keys=ON;"
                                 "PRAGMA temp_store=MEMORY;"
                                 "PRAGMA cache_size=-16000;";

/* A connection to path with the case search tokenizer; NULL (logged) on failure. */
static struct db *
db_open(const char *path, int flags, const char *pragmas)
{
	struct db *db = xcalloc(1, sizeof(*db));
	int rc = sqlite3_open_v2(path, &db->h, flags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		log_error("database %s: %s", path, db->h ? sqlite3_errmsg(db->h) : "open failed");
		db_close(db);
		return NULL;
	}
	sqlite3_busy_timeout(db->h, 5000);
	if (pragmas && db_exec(db, pragmas) != 0) {
		db_close(db);
		return NULL;
	}
	/* The case search index (case_search) cannot be read or written without it. */
	if (fts_scoped_register(db->h) != 0) {
		log_error("database %s: cannot register the %s tokenizer", path,
		          FTS_SCOPED_TOKENIZER);
		db_close(db);
		return NULL;
	}
	return db;
}

struct db *
db_thread(void)
{
	if (tl_db)
		return tl_db;
	struct db *db = db_open(db_path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, db_pragmas);
	if (!db)
		return NULL;
	tl_db = db;
	pthread_setspecific(db_key, db);
	return db;
}

struct db *
db_open_file(const char *path)
{
	return db_open(path, SQLITE_OPEN_READWRITE, "PRAGMA foreign_keys=ON;");
}

void
db_close_file(struct db *db)
{
	db_close(db);
}

void
db_thread_close(void)
{
	if (!tl_db)
		return;
	pthread_setspecific(db_key, NULL);
	db_close(tl_db);
	tl_db = NULL;
}

int
db_exec(struct db *db, const char *sql)
{
	char *err = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &err) != SQLITE_OK) {
		log_error("sql: %s", err ? err : sqlite3_errmsg(db->h));
		sqlite3_free(err);
		return -1;
	}
	return 0;
}

int
db_begin(struct db *db)
{
	if (!db->batch)
		return db_exec(db, "BEGIN IMMEDIATE");
	if (db_exec(db, "SAVEPOINT op") != 0)
		return -1;
	db->depth++;
	return 0;
}

int
db_commit(struct db *db)
{
	if (!db->batch)
		return db_exec(db, "COMMIT");
	if (db->depth <= 0)
		return -1;
	db->depth--;
	return db_exec(db, "RELEASE op");
}

int
db_rollback(struct db *db)
{
	if (sqlite3_get_autocommit(db->h))
		return 0;
	if (!db->batch)
		return db_exec(db, "ROLLBACK");
	if (db->depth <= 0)
		return -1;
	db->depth--;
	/* ROLLBACK TO keeps the savepoint open: RELEASE closes it, changing nothing more. */
	return db_exec(db, "ROLLBACK TO op; RELEASE op");
}

int
db_batch_begin(struct db *db)
{
	if (db->batch || db_exec(db, "BEGIN IMMEDIATE") != 0)
		return -1;
	db->batch = true;
	db->depth = 0;
	return 0;
}

/* Ends the batch; refused while an operation inside it is still open. */
static int
batch_end(struct db *db, const char *sql)
{
	if (!db->batch || db->depth != 0)
		return -1;
	db->batch = false;
	if (sqlite3_get_autocommit(db->h)) /* SQLite rolled back on its own (disk full, …) */
		return -1;
	return db_exec(db, sql);
}

int
db_batch_commit(struct db *db)
{
	if (batch_end(db, "COMMIT") == 0)
		return 0;
	db_batch_rollback(db);
	return -1;
}

int
db_batch_rollback(struct db *db)
{
	db->batch = false;
	db->depth = 0;
	if (sqlite3_get_autocommit(db->h))
		return 0;
	return db_exec(db, "ROLLBACK");
}

struct dbq *
db_query(struct db *db, enum stmt_id id)
{
	if (!db || (unsigned)id >= STMT__MAX)
		return NULL;
	if (!db->stmts[id]) {
		if (sqlite3_prepare_v3(db->h, stmt_sql[id], -1, SQLITE_PREPARE_PERSISTENT,
		                       &db->stmts[id], NULL) != SQLITE_OK) {
			log_error("prepare %d: %s", (int)id, sqlite3_errmsg(db->h));
			return NULL;
		}
	}
	return (struct dbq *)db->stmts[id];
}

void
q_bind_int(struct dbq *q, int i, int64_t v)
{
	sqlite3_bind_int64((sqlite3_stmt *)q, i, v);
}

void
q_bind_text(struct dbq *q, int i, const char *s)
{
	if (s)
		sqlite3_bind_text((sqlite3_stmt *)q, i, s, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null((sqlite3_stmt *)q, i);
}

void
q_bind_contains(struct dbq *q, int i, const char *term)
{
	size_t n = strlen(term);
	char *p = malloc(2 * n + 3);
	if (!p) {
		sqlite3_bind_null((sqlite3_stmt *)q, i);
		return;
	}
	size_t o = 0;
	p[o++] = '%';
	for (size_t k = 0; k < n; k++) {
		if (term[k] == '%' || term[k] == '_' || term[k] == '\\')
			p[o++] = '\\';
		p[o++] = term[k];
	}
	p[o++] = '%';
	sqlite3_bind_text((sqlite3_stmt *)q, i, p, (int)o, free);
}

void
q_bind_null(struct dbq *q, int i)
{
	sqlite3_bind_null((sqlite3_stmt *)q, i);
}

int
q_step(struct dbq *q)
{
	sqlite3_stmt *st = (sqlite3_stmt *)q;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		return DB_ROW;
	if (rc == SQLITE_DONE)
		return DB_DONE;
	if ((rc & 0xff) == SQLITE_CONSTRAINT)
		return DB_CONSTRAINT;
	log_error("sql step: %s", sqlite3_errmsg(sqlite3_db_handle(st)));
	return DB_ERROR;
}

int64_t
q_int(struct dbq *q, int col)
{
	return sqlite3_column_int64((sqlite3_stmt *)q, col);
}

char *
q_text(struct dbq *q, int col, struct arena *a)
{
	const unsigned char *t = sqlite3_column_text((sqlite3_stmt *)q, col);
	int n = sqlite3_column_bytes((sqlite3_stmt *)q, col);
	return arena_strndup(a, t ? (const char *)t : "", t ? (size_t)n : 0);
}

bool
q_is_null(struct dbq *q, int col)
{
	return sqlite3_column_type((sqlite3_stmt *)q, col) == SQLITE_NULL;
}

void
q_end(struct dbq *q)
{
	if (!q)
		return;
	sqlite3_reset((sqlite3_stmt *)q);
	sqlite3_clear_bindings((sqlite3_stmt *)q);
}

int64_t
db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int
db_changes(struct db *db)
{
	return sqlite3_changes(db->h);
}

struct dbq *
db_prepare(struct db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (!db || sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
		log_error("prepare: %s", db ? sqlite3_errmsg(db->h) : "no connection");
		return NULL;
	}
	return (struct dbq *)st;
}

void
q_finalize(struct dbq *q)
{
	sqlite3_finalize((sqlite3_stmt *)q);
}
