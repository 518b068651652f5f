/*
 * libFuzzer target: the scoped_trigram tokenizer and the MATCH texts of
 * fts_scoped_query (store/fts_scoped.c), through SQLite as the case search
 * runs them. The input is a text and a keyword: split at the first NUL
 * byte, or, without one, the keyword is a piece of the text (its first two
 * bytes choose where and how long). The text goes in as the row of scope 1
 * and of scope 2; then
 *  - a search within scope 1 never returns scope 2's row, and finds scope
 *    1's when the keyword (one character or more, valid UTF-8) is part of
 *    the text: as trigrams from 3 characters, as a prefix query below;
 *    the same within scope 2; scope 0 finds nothing;
 *  - a row without a scope token is refused;
 *  - the raw input as a MATCH text may fail, never crash;
 *  - fts_scoped_query truncates as snprintf does.
 *
 * Build: the Makefile's fuzz rule with src/store/fts_scoped.c and SQLite.
 */
#include <sqlite3.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "store/fts_scoped.h"

#define KEYWORD_MAX 400 /* CQ_VALUE_MAX */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check(int ok)
{
	if (!ok)
		abort();
}

static sqlite3 *db;

static void
open_db(void)
{
	if (db)
		return;
	check(sqlite3_open(":memory:", &db) == SQLITE_OK);
	check(fts_scoped_register(db) == 0);
	check(sqlite3_exec(db,
	                   "CREATE VIRTUAL TABLE t USING fts5(body, content='', columnsize=0, "
	                   "tokenize='scoped_trigram')",
	                   NULL, NULL, NULL) == SQLITE_OK);
}

/* Inserts text under a scope (0: as it is, no token added). SQLite's result code. */
static int
insert(int64_t rowid, int64_t scope, const char *text, size_t n)
{
	sqlite3_stmt *st;
	const char *sql = scope ? "INSERT INTO t (rowid, body) VALUES (?, fts_scope_token(?) || ?)"
	                        : "INSERT INTO t (rowid, body) VALUES (?, ?3)";
	check(sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_int64(st, 1, rowid);
	if (scope)
		sqlite3_bind_int64(st, 2, scope);
	sqlite3_bind_text(st, 3, text, (int)n, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc;
}

/* The rowids a search finds, as bits (1 << rowid); -1 when the statement fails. */
static int
search(int64_t scope, const char *kw)
{
	sqlite3_stmt *st;
	check(sqlite3_prepare_v2(db,
	                         "SELECT rowid FROM t WHERE t MATCH "
	                         "fts_scoped_query(fts_scope_token(?), ?)",
	                         -1, &st, NULL) == SQLITE_OK);
	sqlite3_bind_int64(st, 1, scope);
	sqlite3_bind_text(st, 2, kw, -1, SQLITE_STATIC);
	int found = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st, 0);
		check(id >= 1 && id <= 3);
		found |= 1 << id;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? found : -1;
}

/* The raw bytes as a MATCH text: any result but a crash will do. */
static void
raw_match(const char *text, size_t n)
{
	sqlite3_stmt *st;
	check(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t MATCH ?", -1, &st, NULL) ==
	      SQLITE_OK);
	sqlite3_bind_text(st, 1, text, (int)n, SQLITE_STATIC);
	while (sqlite3_step(st) == SQLITE_ROW)
		;
	sqlite3_finalize(st);
}

static bool
utf8_ok(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	for (size_t i = 0; i < n;) {
		unsigned c = p[i];
		size_t k = c < 0x80             ? 1
		           : (c & 0xE0) == 0xC0 ? 2
		           : (c & 0xF0) == 0xE0 ? 3
		           : (c & 0xF8) == 0xF0 ? 4
		                                : 0;
		if (!k || (k == 2 && c < 0xC2) || i + k > n)
			return false;
		uint32_t cp = k == 1 ? c : c & (0x7Fu >> k);
		for (size_t j = 1; j < k; j++) {
			if ((p[i + j] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (p[i + j] & 0x3F);
		}
		if ((k == 3 && cp < 0x800) || (k == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += k;
	}
	return true;
}

static size_t
chars(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

/* fts_scoped_query's output is NUL terminated and cut as snprintf cuts. */
static void
check_truncation(const char *scope, const char *kw)
{
	size_t len = fts_scoped_query(NULL, 0, scope, kw);
	char *full = malloc(len + 1);
	check(full != NULL);
	check(fts_scoped_query(full, len + 1, scope, kw) == len);
	check(strlen(full) == len);
	for (size_t n = 1; n <= len && n < 64; n += 7) {
		char cut[64];
		check(fts_scoped_query(cut, n, scope, kw) == len);
		check(cut[n - 1] == '\0' && memcmp(cut, full, n - 1) == 0);
	}
	free(full);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	open_db();
	check(sqlite3_exec(db, "INSERT INTO t (t) VALUES ('delete-all')", NULL, NULL, NULL) ==
	      SQLITE_OK);
	const char *in = (const char *)data;
	const char *nul = memchr(in, '\0', size);
	char *text, *kw;
	size_t ntext;
	if (nul) {
		ntext = (size_t)(nul - in);
		text = strndup(in, ntext);
		kw = strndup(nul + 1, size - ntext - 1);
	} else {
		ntext = size > 2 ? size - 2 : 0;
		text = strndup(in + (size - ntext), ntext);
		size_t at = ntext ? data[0] % ntext : 0;
		size_t len = size ? data[size > 1] % 40u : 0;
		kw = strndup(text + at, len < ntext - at ? len : ntext - at);
	}
	check(text && kw);
	if (strlen(kw) > KEYWORD_MAX)
		kw[KEYWORD_MAX] = '\0'; /* as the case list's values */

	check(insert(1, 1, text, ntext) == SQLITE_DONE);
	check(insert(2, 2, text, ntext) == SQLITE_DONE);
	int64_t own = fts_scope_of(text, ntext);
	int rc = insert(3, 0, text, ntext);
	check(own > 0 ? rc == SQLITE_DONE : rc != SQLITE_DONE);

	bool findable = utf8_ok(text, ntext) && utf8_ok(kw, strlen(kw)) && chars(kw) >= 1 &&
	                memmem(text, ntext, kw, strlen(kw)) != NULL;
	int one = search(1, kw);
	check(one >= 0 && !(one & (1 << 2)));
	check(!findable || (one & (1 << 1)));
	check(search(0, kw) == 0);
	int two = search(2, kw);
	check(two >= 0 && !(two & (1 << 1)));
	check(!findable || (two & (1 << 2)));

	raw_match(in, size);
	char token[FTS_SCOPE_BYTES + 1];
	check(fts_scope_token(1, token) == 0 && fts_scope_of(token, FTS_SCOPE_BYTES) == 1);
	check_truncation(token, kw);
	check_truncation(NULL, kw);
	free(text);
	free(kw);
	return 0;
}
