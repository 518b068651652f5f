/*
 * The database layer. Code outside src/store/ never sees SQL or the SQLite
 * API: it calls the table-family functions (users.h, sessions.h, ...), which
 * run the statements of stmt.c through the small query interface below. A
 * second backend (PostgreSQL) implements this same interface.
 *
 * Each worker thread has its own connection, opened on first use, with every
 * statement prepared once and reused.
 */
#ifndef MADOGUCHI_STORE_DB_H
#define MADOGUCHI_STORE_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "store/stmt.h"

struct arena;
struct db;
struct dbq;

enum { DB_ROW = 1, DB_DONE = 0, DB_ERROR = -1, DB_CONSTRAINT = -2 };

/* Sets the database file for every later connection. Call once, first. */
void db_configure(const char *path);
/* The calling thread's connection; NULL (logged) if it cannot be opened. */
struct db *db_thread(void);
/* Closes the calling thread's connection (also done at thread exit). */
void db_thread_close(void);

/*
 * A connection of its own to another database file that exists already (a
 * backup's copy), not the thread's: for db_query like any other, closed
 * with db_close_file. NULL (logged) when it cannot be opened.
 */
struct db *db_open_file(const char *path);
void db_close_file(struct db *db);

/* Runs SQL without parameters (migrations, pragmas). Returns 0 or -1. */
int db_exec(struct db *db, const char *sql);
/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Return 0 or -1. */
int db_begin(struct db *db);
int db_commit(struct db *db);
int db_rollback(struct db *db);
/*
 * A batch: one transaction around many operations that each open their own
 * with db_begin (the demo seeder, which runs the domain operations). Inside
 * a batch db_begin, db_commit and db_rollback take a savepoint, release it
 * or roll back to it, so a refused operation undoes only itself, and
 * nothing is written to disk before db_batch_commit. db_batch_commit fails
 * (and rolls everything back) while an operation is still open;
 * db_batch_rollback undoes the whole batch. Return 0 or -1.
 */
int db_batch_begin(struct db *db);
int db_batch_commit(struct db *db);
int db_batch_rollback(struct db *db);

/* The prepared statement id, reset and ready for binding; NULL on error. */
struct dbq *db_query(struct db *db, enum stmt_id id);
/*
 * A statement built at run time (the case list's filters): only from
 * whitelisted fragments, values always bound. Finish with q_finalize.
 */
struct dbq *db_prepare(struct db *db, const char *sql);
void q_finalize(struct dbq *q);
/* Parameters are numbered from 1. */
void q_bind_int(struct dbq *q, int i, int64_t v);
void q_bind_text(struct dbq *q, int i, const char *s);
void q_bind_null(struct dbq *q, int i);
/* "%term%" with LIKE's wildcards escaped: the SQL says LIKE ? ESCAPE '\'. */
void q_bind_contains(struct dbq *q, int i, const char *term);
/* DB_ROW, DB_DONE, DB_CONSTRAINT (a unique or foreign key refused) or DB_ERROR. */
int q_step(struct dbq *q);
int64_t q_int(struct dbq *q, int col);
/* Column text copied into the arena ("" for NULL). */
char *q_text(struct dbq *q, int col, struct arena *a);
bool q_is_null(struct dbq *q, int col);
/* Resets the statement and clears its bindings; always call when done. */
void q_end(struct dbq *q);
/* Id of the last inserted row on this connection. */
int64_t db_last_id(struct db *db);
/* Rows changed by the last statement. */
int db_changes(struct db *db);

#endif
