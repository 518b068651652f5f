/* Rows of customers, services and contracts. */
#include "store/customers.h"
#include "core/arena.h"
#include "core/clock.h"
#include "store/db.h"
#include "store/rows.h"

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
	return row_int(q);
}

/* A customer of the list, with its numbers of contracts and of users. */
static void
customer_counted(struct dbq *q, struct arena *a, void *p)
{
	struct customer_row *v = p;
	v->id = q_int(q, 0);
	v->number = q_text(q, 1, a);
	v->name = q_text(q, 2, a);
	v->contracts = q_int(q, 3);
	v->users = q_int(q, 4);
}

/* A customer found by a search: id, number and name. */
static void
customer_found(struct dbq *q, struct arena *a, void *p)
{
	struct customer_row *v = p;
	v->id = q_int(q, 0);
	v->number = q_text(q, 1, a);
	v->name = q_text(q, 2, a);
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
	int n;
	*out = rows_collect(q, a, sizeof(**out), customer_counted, &n);
	return n;
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
	int n;
	*out = rows_collect(q, a, sizeof(**out), customer_found, &n);
	return n;
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
contract_from_row(struct dbq *q, struct arena *a, void *p)
{
	struct contract *c = p;
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
	int n;
	*out = rows_collect(q, a, sizeof(**out), contract_from_row, &n);
	return n;
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
	return row_one(q, a, contract_from_row, out);
}

static void
service_fill(struct dbq *q, struct arena *a, void *p)
{
	struct service_row *v = p;
	v->id = q_int(q, 0);
	v->name_ja = q_text(q, 1, a);
	v->name_en = q_text(q, 2, a);
}

int
services_of_customer(struct db *db, int64_t customer_id, struct arena *a, struct service_row **out)
{
	struct dbq *q = db_query(db, STMT_SERVICES_OF_CUSTOMER);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	int n;
	*out = rows_collect(q, a, sizeof(**out), service_fill, &n);
	return n;
}
