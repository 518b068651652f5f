/* Rows of the integration API; see api_tokens.h. */
#include "store/api_tokens.h"
#include "core/arena.h"
#include "store/db.h"
#include "store/rows.h"

static void
read_token(struct dbq *q, struct arena *a, void *p)
{
	struct api_token_row *t = p;
	t->id = q_int(q, 0);
	t->name = q_text(q, 1, a);
	t->prefix = q_text(q, 2, a);
	t->scopes = q_text(q, 3, a);
	t->customer_id = q_int(q, 4);
	t->created_by = q_int(q, 5);
	t->created_at = q_int(q, 6);
	t->expires_at = q_int(q, 7);
	t->revoked_at = q_int(q, 8);
	t->last_used_at = q_int(q, 9);
	t->last_used_ip = q_text(q, 10, a);
	t->customer_number = q_text(q, 11, a);
	t->creator_name = q_text(q, 12, a);
}

int64_t
api_token_insert(struct db *db, const struct api_token_new *t)
{
	struct dbq *q = db_query(db, STMT_API_TOKEN_INSERT);
	if (!q)
		return -1;
	q_bind_text(q, 1, t->name);
	q_bind_text(q, 2, t->hash);
	q_bind_text(q, 3, t->prefix);
	q_bind_text(q, 4, t->scopes);
	q_bind_int(q, 5, t->customer_id);
	q_bind_int(q, 6, t->created_by);
	q_bind_int(q, 7, t->created_at);
	q_bind_int(q, 8, t->expires_at);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? db_last_id(db) : -1;
}

int
api_token_by_hash(struct db *db, const char *hash, struct arena *a, struct api_token_row *out)
{
	struct dbq *q = db_query(db, STMT_API_TOKEN_BY_HASH);
	if (!q)
		return -1;
	q_bind_text(q, 1, hash);
	return row_one(q, a, read_token, out);
}

int
api_token_touch(struct db *db, int64_t id, int64_t now, const char *ip)
{
	struct dbq *q = db_query(db, STMT_API_TOKEN_TOUCH);
	if (!q)
		return -1;
	q_bind_int(q, 1, now);
	q_bind_text(q, 2, ip ? ip : "");
	q_bind_int(q, 3, id);
	q_bind_int(q, 4, now);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
api_token_revoke(struct db *db, int64_t id, int64_t customer_id, int64_t now)
{
	struct dbq *q = db_query(db, STMT_API_TOKEN_REVOKE);
	if (!q)
		return -1;
	q_bind_int(q, 1, now);
	q_bind_int(q, 2, id);
	q_bind_int(q, 3, customer_id);
	q_bind_int(q, 4, customer_id);
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	return db_changes(db) > 0 ? 1 : 0;
}

int
api_token_list(struct db *db, int64_t customer_id, struct arena *a, struct api_token_row **out)
{
	struct dbq *q = db_query(db, STMT_API_TOKEN_LIST);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	q_bind_int(q, 2, customer_id);
	int n;
	*out = rows_collect(q, a, sizeof(**out), read_token, &n);
	return n;
}

int
api_idem_claim(struct db *db, int64_t token_id, const char *key, const char *fingerprint,
               int64_t now)
{
	struct dbq *q = db_query(db, STMT_API_IDEM_CLAIM);
	if (!q)
		return -1;
	q_bind_int(q, 1, token_id);
	q_bind_text(q, 2, key);
	q_bind_text(q, 3, fingerprint);
	q_bind_int(q, 4, now);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 1 : rc == DB_CONSTRAINT ? 0 : -1;
}

int
api_idem_get(struct db *db, int64_t token_id, const char *key, struct arena *a,
             struct api_idem_row *out)
{
	struct dbq *q = db_query(db, STMT_API_IDEM_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, token_id);
	q_bind_text(q, 2, key);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		out->fingerprint = q_text(q, 0, a);
		out->status = (int)q_int(q, 1);
		out->body = q_text(q, 2, a);
		out->created_at = q_int(q, 3);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
api_idem_store(struct db *db, int64_t token_id, const char *key, int status, const char *body)
{
	struct dbq *q = db_query(db, STMT_API_IDEM_STORE);
	if (!q)
		return -1;
	q_bind_int(q, 1, status);
	q_bind_text(q, 2, body);
	q_bind_int(q, 3, token_id);
	q_bind_text(q, 4, key);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
api_idem_drop(struct db *db, int64_t token_id, const char *key)
{
	struct dbq *q = db_query(db, STMT_API_IDEM_DROP);
	if (!q)
		return -1;
	q_bind_int(q, 1, token_id);
	q_bind_text(q, 2, key);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
api_idem_purge(struct db *db, int64_t before)
{
	struct dbq *q = db_query(db, STMT_API_IDEM_PURGE);
	if (!q)
		return -1;
	q_bind_int(q, 1, before);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
api_external_open(struct db *db, int64_t customer_id, const char *external_id, struct arena *a,
                  const char **number)
{
	struct dbq *q = db_query(db, STMT_API_EXTERNAL_OPEN);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	q_bind_text(q, 2, external_id);
	int rc = q_step(q);
	if (rc == DB_ROW)
		*number = q_text(q, 0, a);
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
api_external_add(struct db *db, int64_t case_id, int64_t customer_id, const char *external_id)
{
	struct dbq *q = db_query(db, STMT_API_EXTERNAL_ADD);
	if (!q)
		return -1;
	q_bind_int(q, 1, case_id);
	q_bind_int(q, 2, customer_id);
	q_bind_text(q, 3, external_id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
api_case_page(struct db *db, const struct api_case_filter *f, struct arena *a,
              const char ***numbers, struct api_case_cursor **cursors)
{
	struct dbq *q = db_query(db, STMT_API_CASE_PAGE);
	if (!q)
		return -1;
	const char *state = f->state ? f->state : "";
	const char *category = f->category ? f->category : "";
	q_bind_int(q, 1, f->customer_id);
	q_bind_int(q, 2, f->customer_id);
	q_bind_text(q, 3, state);
	q_bind_text(q, 4, state);
	q_bind_text(q, 5, category);
	q_bind_text(q, 6, category);
	q_bind_int(q, 7, f->updated_since);
	q_bind_int(q, 8, f->after.updated_at);
	q_bind_int(q, 9, f->after.updated_at);
	q_bind_int(q, 10, f->after.id);
	q_bind_int(q, 11, f->limit);
	const char **nv = arena_alloc(a, sizeof(*nv) * (size_t)(f->limit > 0 ? f->limit : 1));
	struct api_case_cursor *cv =
	    arena_alloc(a, sizeof(*cv) * (size_t)(f->limit > 0 ? f->limit : 1));
	int n = 0, rc;
	while ((rc = q_step(q)) == DB_ROW && n < f->limit) {
		nv[n] = q_text(q, 0, a);
		cv[n].updated_at = q_int(q, 1);
		cv[n].id = q_int(q, 2);
		n++;
	}
	q_end(q);
	*numbers = nv;
	*cursors = cv;
	return rc == DB_DONE || rc == DB_ROW ? n : -1;
}
