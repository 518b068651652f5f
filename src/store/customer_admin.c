/* Customers, contracts and service links as the console maintains them; see customer_admin.h. */
#include "store/customer_admin.h"
#include "core/arena.h"
#include "store/db.h"
#include "store/rows.h"

#include <stdbool.h>
#include <string.h>

int
cadm_customer_get(struct db *db, int64_t id, struct arena *a, struct cadm_customer *out)
{
	struct dbq *q = db_query(db, STMT_CADM_CUSTOMER_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		out->id = q_int(q, 0);
		out->number = q_text(q, 1, a);
		out->name = q_text(q, 2, a);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
cadm_customer_rename(struct db *db, int64_t id, const char *name)
{
	struct dbq *q = db_query(db, STMT_CADM_CUSTOMER_RENAME);
	if (!q)
		return -1;
	q_bind_text(q, 1, name);
	q_bind_int(q, 2, id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

static void
contract_read(struct dbq *q, struct arena *a, struct cadm_contract *c, bool full)
{
	int i = 0;
	c->id = q_int(q, i++);
	if (full)
		c->customer_id = q_int(q, i++);
	c->service_id = q_int(q, i++);
	c->service_ja = q_text(q, i++, a);
	c->service_en = q_text(q, i++, a);
	c->kind = q_text(q, i++, a);
	c->plan = q_text(q, i++, a);
	c->start_date = q_text(q, i++, a);
	c->renewal_date = q_text(q, i++, a);
	if (full) {
		c->customer_number = q_text(q, i++, a);
		c->customer_name = q_text(q, i++, a);
	}
	c->response_target_min = q_int(q, i++);
	c->resolution_target_min = q_int(q, i);
}

/* A contract of the customer's list: without the customer's columns. */
static void
contract_listed(struct dbq *q, struct arena *a, void *p)
{
	contract_read(q, a, p, false);
}

/* A contract found by its id: with its customer's id, number and name. */
static void
contract_full(struct dbq *q, struct arena *a, void *p)
{
	contract_read(q, a, p, true);
}

int
cadm_contracts(struct db *db, int64_t customer_id, struct arena *a, struct cadm_contract **out)
{
	struct dbq *q = db_query(db, STMT_CADM_CONTRACTS);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	int n;
	struct cadm_contract *rows = rows_collect(q, a, sizeof(*rows), contract_listed, &n);
	for (int i = 0; i < n; i++)
		rows[i].customer_id = customer_id;
	*out = rows;
	return n;
}

int
cadm_contract_get(struct db *db, int64_t id, struct arena *a, struct cadm_contract *out)
{
	struct dbq *q = db_query(db, STMT_CADM_CONTRACT_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return row_one(q, a, contract_full, out);
}

int
cadm_contract_update(struct db *db, int64_t id, int64_t service_id, const char *kind,
                     const char *plan, const char *start_date, const char *renewal_date)
{
	struct dbq *q = db_query(db, STMT_CADM_CONTRACT_UPDATE);
	if (!q)
		return -1;
	q_bind_int(q, 1, service_id);
	q_bind_text(q, 2, kind);
	q_bind_text(q, 3, plan);
	q_bind_text(q, 4, start_date);
	q_bind_text(q, 5, renewal_date && *renewal_date ? renewal_date : NULL);
	q_bind_int(q, 6, id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : rc == DB_CONSTRAINT ? 1 : -1;
}

static void
service_fill(struct dbq *q, struct arena *a, void *p)
{
	struct cadm_service *v = p;
	v->id = q_int(q, 0);
	v->code = q_text(q, 1, a);
	v->name_ja = q_text(q, 2, a);
	v->name_en = q_text(q, 3, a);
	v->portal_url = q_text(q, 4, a);
	v->response_target_min = q_int(q, 5);
	v->resolution_target_min = q_int(q, 6);
}

int
cadm_services(struct db *db, struct arena *a, struct cadm_service **out)
{
	struct dbq *q = db_query(db, STMT_CADM_SERVICES);
	if (!q)
		return -1;
	int n;
	*out = rows_collect(q, a, sizeof(**out), service_fill, &n);
	return n;
}

int
cadm_service_get(struct db *db, int64_t id, struct arena *a, struct cadm_service *out)
{
	struct dbq *q = db_query(db, STMT_CADM_SERVICE_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return row_one(q, a, service_fill, out);
}

int
cadm_service_set_portal(struct db *db, int64_t id, const char *url)
{
	struct dbq *q = db_query(db, STMT_CADM_SERVICE_SET_PORTAL);
	if (!q)
		return -1;
	q_bind_text(q, 1, url && *url ? url : NULL);
	q_bind_int(q, 2, id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

static void
bind_minutes(struct dbq *q, int i, int64_t v)
{
	if (v > 0)
		q_bind_int(q, i, v);
	else
		q_bind_null(q, i);
}

static int
set_targets(struct db *db, enum stmt_id id, int64_t row, int64_t response_min,
            int64_t resolution_min)
{
	struct dbq *q = db_query(db, id);
	if (!q)
		return -1;
	bind_minutes(q, 1, response_min);
	bind_minutes(q, 2, resolution_min);
	q_bind_int(q, 3, row);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
cadm_service_set_targets(struct db *db, int64_t id, int64_t response_min, int64_t resolution_min)
{
	return set_targets(db, STMT_SLA_SERVICE_SET, id, response_min, resolution_min);
}

int
cadm_contract_set_targets(struct db *db, int64_t id, int64_t response_min, int64_t resolution_min)
{
	return set_targets(db, STMT_SLA_CONTRACT_SET, id, response_min, resolution_min);
}
