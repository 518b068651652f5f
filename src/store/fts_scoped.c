/*
 * Why this exists: a customer's keyword search must cost what that
 * customer's own text costs, however many customers share the index. With
 * one trigram index for all of them and a per-customer "scope" token in
 * each row, "scope AND keyword" read the whole posting list of the
 * customer's scope (a row per case and comment of its history) and the
 * keyword's postings of every customer: 200 to 560 ms for a customer with
 * 20,000 cases. This tokenizer wraps the built-in trigram tokenizer and
 * puts the scope in front of each trigram it emits, so that every
 * (customer, trigram) pair has a posting list of its own and a search
 * reads only the customer's rows that hold the keyword's trigrams.
 *
 * With the scope in front, the trigrams of one customer that begin with
 * the same characters are neighbours in the index: a keyword of one or
 * two characters is a prefix query ("<scope>ab" *) over them, still read
 * from that customer's postings only. Each document is tokenized with two
 * sentinel characters after it, so that its last two characters begin
 * trigrams as well.
 *
 * Text format, for documents and query phrases alike: the scope token
 * (three characters U+E000..U+F8FF, base-6400 digits of the scope, most
 * significant first), then the text. A document needs a scope above 0;
 * scope 0 in a query matches nothing. Provider staff searching every
 * customer run the query once per customer (store/case_query_sql.c).
 *
 * Case folding and the characters of a trigram are the built-in
 * tokenizer's own: this file only moves bytes around its tokens.
 */
#include "store/fts_scoped.h"

#include <limits.h>
#include <sqlite3.h>
#include <stdbool.h>
#include <string.h>

#define SCOPE_BASE 6400u   /* U+E000..U+F8FF: the private-use area of the BMP */
#define PUA_FIRST  0xE000u /* digit 0 */
#define TOKEN_MAX  64      /* a trigram is at most 12 bytes; the scope 9 more */

/* ---- The scope token ---- */

static char *
put_digit(char *p, unsigned v)
{
	unsigned cp = PUA_FIRST + v;
	*p++ = (char)(0xE0 | (cp >> 12));
	*p++ = (char)(0x80 | ((cp >> 6) & 0x3F));
	*p++ = (char)(0x80 | (cp & 0x3F));
	return p;
}

int
fts_scope_token(int64_t scope, char out[FTS_SCOPE_BYTES + 1])
{
	if (scope < 0 || scope > FTS_SCOPE_MAX)
		return -1;
	uint64_t v = (uint64_t)scope;
	char *p = out;
	p = put_digit(p, (unsigned)(v / ((uint64_t)SCOPE_BASE * SCOPE_BASE)));
	p = put_digit(p, (unsigned)(v / SCOPE_BASE % SCOPE_BASE));
	p = put_digit(p, (unsigned)(v % SCOPE_BASE));
	*p = '\0';
	return 0;
}

/* One digit: the 3-byte UTF-8 form of U+E000..U+F8FF, nothing else. */
static int
get_digit(const unsigned char *p)
{
	if ((p[0] != 0xEE && p[0] != 0xEF) || (p[1] & 0xC0) != 0x80 || (p[2] & 0xC0) != 0x80)
		return -1;
	unsigned cp = ((p[0] & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3Fu);
	if (cp < PUA_FIRST || cp >= PUA_FIRST + SCOPE_BASE)
		return -1;
	return (int)(cp - PUA_FIRST);
}

int64_t
fts_scope_of(const char *text, size_t n)
{
	if (!text || n < FTS_SCOPE_BYTES)
		return -1;
	const unsigned char *p = (const unsigned char *)text;
	int64_t v = 0;
	for (int i = 0; i < 3; i++) {
		int d = get_digit(p + 3 * i);
		if (d < 0)
			return -1;
		v = v * SCOPE_BASE + d;
	}
	return v;
}

/* ---- MATCH texts ---- */

/* Appends n bytes to out (size cap) at *len, always counting. */
static void
put(char *out, size_t cap, size_t *len, const char *s, size_t n)
{
	if (*len < cap) {
		size_t room = cap - *len;
		memcpy(out + *len, s, n < room ? n : room);
	}
	*len += n;
}

/* A phrase: scope and text in double quotes, quotes in text doubled. */
static void
put_phrase(char *out, size_t cap, size_t *len, const char *scope, const char *s, size_t n)
{
	put(out, cap, len, "\"", 1);
	put(out, cap, len, scope, FTS_SCOPE_BYTES);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			put(out, cap, len, "\"\"", 2);
		else
			put(out, cap, len, s + i, 1);
	}
	put(out, cap, len, "\"", 1);
}

/* The byte length of the UTF-8 character at s (1 for a stray byte). */
static size_t
char_len(const char *s)
{
	size_t n = 1;
	while (s[n] && ((unsigned char)s[n] & 0xC0) == 0x80)
		n++;
	return n;
}

/* Whether s has fewer than 3 characters: no trigram, a prefix term. */
static bool
is_short(const char *s)
{
	int k = 0;
	for (; *s && k < 3; s += char_len(s))
		k++;
	return k < 3;
}

size_t
fts_scoped_query(char *out, size_t n, const char *scope, const char *keyword)
{
	size_t len = 0;
	size_t cap = n ? n - 1 : 0;
	char nobody[FTS_SCOPE_BYTES + 1];
	fts_scope_token(0, nobody);
	put_phrase(out, cap, &len, scope ? scope : nobody, keyword, strlen(keyword));
	if (*keyword && is_short(keyword))
		put(out, cap, &len, " *", 2);
	if (n)
		out[len < cap ? len : cap] = '\0';
	return len;
}

/* ---- The tokenizer ---- */

/* What a connection keeps: the built-in trigram tokenizer's methods. */
struct scoped_module {
	fts5_tokenizer trigram;
	void *trigram_ctx;
};

/* One tokenizer instance (an FTS5 table's): a trigram instance inside. */
struct scoped {
	fts5_tokenizer trigram;
	Fts5Tokenizer *inner;
};

static int
scoped_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	const struct scoped_module *m = ctx;
	struct scoped *s = sqlite3_malloc(sizeof(*s));
	if (!s)
		return SQLITE_NOMEM;
	s->trigram = m->trigram;
	/* The table's options (case_sensitive …) are the trigram tokenizer's. */
	int rc = m->trigram.xCreate(m->trigram_ctx, argv, argc, &s->inner);
	if (rc != SQLITE_OK) {
		sqlite3_free(s);
		return rc;
	}
	*out = (Fts5Tokenizer *)s;
	return SQLITE_OK;
}

static void
scoped_delete(Fts5Tokenizer *t)
{
	struct scoped *s = (struct scoped *)t;
	if (!s)
		return;
	s->trigram.xDelete(s->inner);
	sqlite3_free(s);
}

typedef int (*token_fn)(void *ctx, int tflags, const char *token, int n, int start, int end);

/* Two sentinels after a document: every character of it starts a trigram. */
#define SENTINELS     "\xEE\x80\x80\xEE\x80\x80" /* U+E000 twice */
#define SENTINEL_SZ   3
#define SENTINELS_LEN ((int)sizeof(SENTINELS) - 1)

/* Between the trigram tokenizer and FTS5: each token gets the scope in front. */
struct relay {
	void *ctx;
	token_fn emit;
	const char *scope; /* FTS_SCOPE_BYTES */
	int end;           /* offsets past the text (its sentinels) end here */
	int count;         /* tokens relayed */
};

static int
relay_token(void *p, int tflags, const char *token, int n, int start, int end)
{
	struct relay *r = p;
	char buf[TOKEN_MAX];
	if (n < 0 || n > TOKEN_MAX - FTS_SCOPE_BYTES)
		return SQLITE_ERROR;
	memcpy(buf, r->scope, FTS_SCOPE_BYTES);
	memcpy(buf + FTS_SCOPE_BYTES, token, (size_t)n);
	/* Offsets into the whole text, scope token included. */
	start += FTS_SCOPE_BYTES;
	end += FTS_SCOPE_BYTES;
	r->count++;
	return r->emit(r->ctx, tflags, buf, FTS_SCOPE_BYTES + n, start,
	               end < r->end ? end : r->end);
}

/* The trigram tokens of body (n bytes) followed by the sentinels, to cb. */
static int
tokenize_with_sentinels(const struct scoped *s, void *ctx, int flags, const char *body, int n,
                        token_fn cb)
{
	char *buf = sqlite3_malloc(n + (int)sizeof(SENTINELS));
	if (!buf)
		return SQLITE_NOMEM;
	memcpy(buf, body, (size_t)n);
	memcpy(buf + n, SENTINELS, sizeof(SENTINELS));
	int rc = s->trigram.xTokenize(s->inner, ctx, flags, buf, n + SENTINELS_LEN, cb);
	sqlite3_free(buf);
	return rc;
}

/* What the trigram tokenizer makes of a short keyword with sentinels. */
struct first_token {
	char token[TOKEN_MAX];
	int n, count;
};

static int
keep_first(void *p, int tflags, const char *token, int n, int start, int end)
{
	(void)tflags;
	(void)start;
	(void)end;
	struct first_token *f = p;
	if (f->count++ == 0) {
		if (n < 0 || n > TOKEN_MAX)
			return SQLITE_ERROR;
		memcpy(f->token, token, (size_t)n);
		f->n = n;
	}
	return SQLITE_OK;
}

/*
 * A query phrase: the keyword's trigrams after the scope, or, for a
 * keyword of one or two characters (no trigram), the scope and those
 * characters folded as the trigram tokenizer folds them: a term that only
 * a prefix query ("…" *) can match, against the trigrams that begin with
 * them.
 */
static int
tokenize_query(const struct scoped *s, struct relay *r, int flags, const char *body, int n)
{
	int rc = s->trigram.xTokenize(s->inner, r, flags, body, n, relay_token);
	if (rc != SQLITE_OK || r->count > 0 || n == 0)
		return rc;
	/* With the two sentinels, a trigram per character of the keyword. */
	struct first_token f = {.n = 0};
	rc = tokenize_with_sentinels(s, &f, flags, body, n, keep_first);
	if (rc != SQLITE_OK || f.count == 0)
		return rc;
	int strip = (3 - f.count) * SENTINEL_SZ;
	if (f.count > 2 || f.n < strip)
		return SQLITE_ERROR;
	return relay_token(r, 0, f.token, f.n - strip, 0, n);
}

/*
 * A text without a scope token is refused (SQLITE_ERROR): a row written
 * without one would be found by nobody, a query without one by everybody.
 * Scope 0 is no document's: a query of it matches nothing.
 */
static int
scoped_tokenize(Fts5Tokenizer *t, void *ctx, int flags, const char *text, int n, token_fn emit)
{
	const struct scoped *s = (const struct scoped *)t;
	int64_t scope = n >= 0 ? fts_scope_of(text, (size_t)n) : -1;
	bool query = (flags & FTS5_TOKENIZE_QUERY) != 0;
	if (scope < 0 || (scope == 0 && !query) || n > INT_MAX - (int)sizeof(SENTINELS))
		return SQLITE_ERROR;
	struct relay r = {.ctx = ctx, .emit = emit, .scope = text, .end = n};
	const char *body = text + FTS_SCOPE_BYTES;
	int nbody = n - FTS_SCOPE_BYTES;
	if (query)
		return tokenize_query(s, &r, flags, body, nbody);
	/*
	 * A document: its trigrams, and those of its last two characters
	 * followed by the sentinels, so that a prefix query of one or two
	 * characters finds them at the very end too.
	 */
	return tokenize_with_sentinels(s, &r, flags, body, nbody, relay_token);
}

/* ---- SQL functions ---- */

static void
sql_scope_token(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	if (sqlite3_value_type(argv[0]) == SQLITE_NULL)
		return; /* NULL */
	char token[FTS_SCOPE_BYTES + 1];
	if (sqlite3_value_numeric_type(argv[0]) != SQLITE_INTEGER ||
	    fts_scope_token(sqlite3_value_int64(argv[0]), token) != 0) {
		sqlite3_result_error(cx, "fts_scope_token: not a scope", -1);
		return;
	}
	sqlite3_result_text(cx, token, FTS_SCOPE_BYTES, SQLITE_TRANSIENT);
}

static void
sql_scoped_query(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *scope = NULL;
	if (sqlite3_value_type(argv[0]) != SQLITE_NULL) {
		scope = (const char *)sqlite3_value_text(argv[0]);
		if (sqlite3_value_bytes(argv[0]) != FTS_SCOPE_BYTES ||
		    fts_scope_of(scope, FTS_SCOPE_BYTES) < 0) {
			sqlite3_result_error(cx, "fts_scoped_query: not a scope token", -1);
			return;
		}
	}
	const char *kw = (const char *)sqlite3_value_text(argv[1]);
	if (!kw)
		return; /* NULL: matches nothing */
	size_t len = fts_scoped_query(NULL, 0, scope, kw);
	if (len >= (size_t)INT_MAX) {
		sqlite3_result_error_toobig(cx);
		return;
	}
	char *out = sqlite3_malloc64(len + 1);
	if (!out) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	fts_scoped_query(out, len + 1, scope, kw);
	sqlite3_result_text(cx, out, (int)len, sqlite3_free);
}

/* ---- Registration ---- */

/* The connection's FTS5 API (the documented "SELECT fts5(?1)" handshake). */
static fts5_api *
fts5_api_of(sqlite3 *h)
{
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(h, "SELECT fts5(?1)", -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
		sqlite3_step(st);
	}
	sqlite3_finalize(st);
	return api;
}

int
fts_scoped_register(sqlite3 *h)
{
	static fts5_tokenizer methods = {scoped_create, scoped_delete, scoped_tokenize};
	fts5_api *api = fts5_api_of(h);
	if (!api || api->iVersion < 2)
		return -1;
	struct scoped_module *m = sqlite3_malloc(sizeof(*m));
	if (!m)
		return -1;
	if (api->xFindTokenizer(api, "trigram", &m->trigram_ctx, &m->trigram) != SQLITE_OK) {
		sqlite3_free(m);
		return -1;
	}
	/* From here FTS5 owns m and frees it with the connection. */
	if (api->xCreateTokenizer(api, FTS_SCOPED_TOKENIZER, m, &methods, sqlite3_free) !=
	    SQLITE_OK) {
		sqlite3_free(m);
		return -1;
	}
	int fl = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
	if (sqlite3_create_function(h, "fts_scope_token", 1, fl, NULL, sql_scope_token, NULL,
	                            NULL) != SQLITE_OK ||
	    sqlite3_create_function(h, "fts_scoped_query", 2, fl, NULL, sql_scoped_query, NULL,
	                            NULL) != SQLITE_OK)
		return -1;
	return 0;
}
