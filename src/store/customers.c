/* Rows of customers, services and contracts. */
#include "store/customers.h"
#include "core/arena.h"
#include "core/clock.h"
#include "store/db.h"

#include <string.h>

/* Runs an INSERT; returns the new id, 0 on a uniqueness conflict, -1 on error. */
static int64_t
finish_insert(struct db *db, struct dbq *q)
{
	int rc = q_step(q);
	q_end(q);
	if (rc == DB_CONSTRAINT)
		return 0;
	return rc == DB_DONE ? db_last_id(db) : -1;
}

/* Runs a one-column lookup of an id by a text key. */
static int64_t
id_by_text(struct db *db, enum stmt_id id, const char *key)
{
	struct dbq *q = db_query(db, id);
	if (!q)
		return -1;
	q_bind_text(q, 1, key);
	int rc = q_step(q);
	int64_t v = rc == DB_ROW ? q_int(q, 0) : rc == DB_DONE ? 0 : -1;
	q_end(q);
	return v;
}

int64_t
customers_insert(struct db *db, const char *number, const char *name)
{
	struct dbq *q = db_query(db, STMT_CUSTOMER_INSERT);
	if (!q)
		return -1;
	q_bind_text(q, 1, number);
	q_bind_text(q, 2, name);
	q_bind_int(q, 3, clock_now());
	return finish_insert(db, q);
}

int64_t
customers_id_by_number(struct db *db, const char *number)
{
	return id_by_text(db, STMT_CUSTOMER_BY_NUMBER, number);
}

int64_t
customers_count(struct db *db)
{
	struct dbq *q = db_query(db, STMT_CUSTOMER_COUNT);
	if (!q)
		return -1;
	int64_t n = q_step(q) == DB_ROW ? q_int(q, 0) : -1;
	q_end(q);
	return n;
}

int
customers_page(struct db *db, int64_t limit, int64_t offset, struct arena *a,
               struct customer_row **out)
{
	struct dbq *q = db_query(db, STMT_CUSTOMER_PAGE);
	if (!q)
		return -1;
	q_bind_int(q, 1, limit);
	q_bind_int(q, 2, offset);
	struct customer_row *rows = arena_alloc(a, (size_t)limit * sizeof(*rows));
	int n = 0, rc = DB_DONE;
	while ((rc = q_step(q)) == DB_ROW && n < limit) {
		rows[n].id = q_int(q, 0);
		rows[n].number = q_text(q, 1, a);
		rows[n].name = q_text(q, 2, a);
		rows[n].contracts = q_int(q, 3);
		rows[n].users = q_int(q, 4);
		n++;
	}
	q_end(q);
	*out = rows;
	return rc == DB_ERROR ? -1 : n;
}

int
customers_find(struct db *db, const char *term, int limit, struct arena *a,
               struct customer_row **out)
{
	struct dbq *q = db_query(db, STMT_CUSTOMER_FIND);
	if (!q)
		return -1;
	q_bind_contains(q, 1, term);
	q_bind_contains(q, 2, term);
	q_bind_int(q, 3, limit);
	struct customer_row *rows = arena_zalloc(a, (size_t)limit * sizeof(*rows));
	int n = 0, rc = DB_DONE;
	while (n < limit && (rc = q_step(q)) == DB_ROW) {
		rows[n].id = q_int(q, 0);
		rows[n].number = q_text(q, 1, a);
		rows[n].name = q_text(q, 2, a);
		n++;
	}
	q_end(q);
	*out = rows;
	return rc == DB_ERROR ? -1 : n;
}

int64_t
services_insert(struct db *db, const struct new_service *s)
{
	struct dbq *q = db_query(db, STMT_SERVICE_INSERT);
	if (!q)
		return -1;
	q_bind_text(q, 1, s->code);
	q_bind_text(q, 2, s->name_ja);
	q_bind_text(q, 3, s->name_en);
	q_bind_text(q, 4, s->portal_url);
	q_bind_int(q, 5, s->has_points);
	return finish_insert(db, q);
}

int64_t
services_id_by_code(struct db *db, const char *code)
{
	return id_by_text(db, STMT_SERVICE_BY_CODE, code);
}

int64_t
contracts_insert(struct db *db, const struct new_contract *c)
{
	struct dbq *q = db_query(db, STMT_CONTRACT_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, c->customer_id);
	q_bind_int(q, 2, c->service_id);
	q_bind_text(q, 3, c->kind);
	q_bind_text(q, 4, c->plan);
	q_bind_text(q, 5, c->start_date);
	q_bind_text(q, 6, c->renewal_date);
	q_bind_int(q, 7, clock_now());
	return finish_insert(db, q);
}

static void
contract_from_row(struct dbq *q, struct arena *a, struct contract *c)
{
	c->id = q_int(q, 0);
	c->service_ja = q_text(q, 1, a);
	c->service_en = q_text(q, 2, a);
	c->portal_url = q_text(q, 3, a);
	c->kind = q_text(q, 4, a);
	c->plan = q_text(q, 5, a);
	c->start_date = q_text(q, 6, a);
	c->renewal_date = q_text(q, 7, a);
	c->response_target_min = q_int(q, 8);
	c->resolution_target_min = q_int(q, 9);
}

int
contracts_of_customer(struct db *db, int64_t customer_id, struct arena *a, struct contract **out)
{
	struct dbq *q = db_query(db, STMT_CONTRACTS_OF_CUSTOMER);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	size_t cap = 8;
	int n = 0, rc = DB_DONE;
	struct contract *rows = arena_alloc(a, cap * sizeof(*rows));
	while ((rc = q_step(q)) == DB_ROW) {
		if ((size_t)n == cap) {
			struct contract *bigger = arena_alloc(a, 2 * cap * sizeof(*rows));
			memcpy(bigger, rows, cap * sizeof(*rows));
			rows = bigger;
			cap *= 2;
		}
		contract_from_row(q, a, &rows[n++]);
	}
	q_end(q);
	*out = rows;
	return rc == DB_ERROR ? -1 : n;
}

int
contract_of_customer(struct db *db, int64_t contract_id, int64_t customer_id, struct arena *a,
                     struct contract *out)
{
	struct dbq *q = db_query(db, STMT_CONTRACT_OF_CUSTOMER);
	if (!q)
		return -1;
	q_bind_int(q, 1, contract_id);
	q_bind_int(q, 2, customer_id);
	int rc = q_step(q);
	if (rc == DB_ROW)
		contract_from_row(q, a, out);
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
services_of_customer(struct db *db, int64_t customer_id, struct arena *a, struct service_row **out)
{
	struct dbq *q = db_query(db, STMT_SERVICES_OF_CUSTOMER);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	size_t cap = 8;
	int n = 0, rc;
	struct service_row *rows = arena_alloc(a, cap * sizeof(*rows));
	while ((rc = q_step(q)) == DB_ROW) {
		if ((size_t)n == cap) {
			struct service_row *bigger = arena_alloc(a, 2 * cap * sizeof(*rows));
			memcpy(bigger, rows, cap * sizeof(*rows));
			rows = bigger;
			cap *= 2;
		}
		rows[n].id = q_int(q, 0);
		rows[n].name_ja = q_text(q, 1, a);
		rows[n].name_en = q_text(q, 2, a);
		n++;
	}
	q_end(q);
	*out = rows;
	return rc == DB_ERROR ? -1 : n;
}
