/*
 * The "scoped_trigram" FTS5 tokenizer and the SQL functions that go with
 * it (see fts_scoped.c for why it exists).
 *
 * Every text it tokenizes, document or query phrase, starts with a scope
 * token (fts_scope_token): three private-use characters that stand for a
 * customer. Each trigram of the rest is indexed as that token followed by
 * the trigram, so that the postings of a trigram are per customer and the
 * trigrams that begin with the same characters are neighbours.
 *
 * SQL, on every connection after fts_scoped_register:
 *
 *   fts_scope_token(id)       the scope token of a customer id (text)
 *   fts_scoped_query(scope, keyword)
 *                             the MATCH text that finds keyword (one
 *                             character or more) as a substring within
 *                             one scope (a token from fts_scope_token)
 *
 * e.g. INSERT INTO t (rowid, body) VALUES (?, fts_scope_token(?) || ?);
 *      SELECT rowid FROM t WHERE t MATCH fts_scoped_query(fts_scope_token(?), ?);
 */
#ifndef MADOGUCHI_STORE_FTS_SCOPED_H
#define MADOGUCHI_STORE_FTS_SCOPED_H

#include <stddef.h>
#include <stdint.h>

struct sqlite3;

#define FTS_SCOPED_TOKENIZER "scoped_trigram"
#define FTS_SCOPE_BYTES      9 /* three 3-byte UTF-8 characters */
#define FTS_SCOPE_MAX        (6400LL * 6400 * 6400 - 1)

/*
 * Writes the scope token of scope (0 to FTS_SCOPE_MAX) into out, NUL
 * terminated. Scope 0 belongs to no document: a query of it matches
 * nothing. Returns 0, or -1 when scope is out of range.
 */
int fts_scope_token(int64_t scope, char out[FTS_SCOPE_BYTES + 1]);
/* The scope that the first FTS_SCOPE_BYTES of text (n bytes) encode, or -1. */
int64_t fts_scope_of(const char *text, size_t n);
/*
 * The MATCH text of fts_scoped_query(scope, keyword) into out (n bytes,
 * NUL included), as snprintf: returns the length it needs without the NUL.
 * scope: a token (NULL: scope 0's, nothing). A keyword of 3 characters or
 * more is a phrase of its trigrams; one of 1 or 2 characters, a prefix
 * query over the scope's trigrams that begin with it; an empty one
 * matches nothing.
 */
size_t fts_scoped_query(char *out, size_t n, const char *scope, const char *keyword);
/*
 * Registers the tokenizer (over the built-in trigram tokenizer, whose case
 * folding it keeps) and the two SQL functions on a connection. 0 or -1.
 */
int fts_scoped_register(struct sqlite3 *h);

#endif
