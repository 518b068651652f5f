/*
 * What a provider's integration needs to raise cases: the customers, and
 * each customer's contacts and services (scope customers:read). A token
 * kept to one customer sees that customer only; a customer's token may
 * read its own services, which raising a case names.
 */
#include "api/api.h"
#include "api/wire.h"
#include "core/arena.h"
#include "http/request.h"
#include "store/cases.h"
#include "store/customers.h"
#include "store/db.h"

#include <stdlib.h>
#include <string.h>

#define CUSTOMERS_MAX 1000

static int
begin_staff(struct api_call *c, struct req *r)
{
	int st = api_begin(c, r, API_SCOPE_CUSTOMERS_READ);
	if (st)
		return st;
	if (!c->d.who.staff)
		return api_problem(r, 403, N_("Only provider tokens may list customers."));
	return 0;
}

int
api_customers(struct req *r)
{
	struct api_call c;
	int st = begin_staff(&c, r);
	if (st)
		return st;
	struct customer_row *v = NULL;
	int n = customers_page(db_thread(), CUSTOMERS_MAX, 0, r->a, &v);
	if (n < 0)
		return api_problem(r, 500, NULL);
	json_t *items = json_array();
	for (int i = 0; i < n; i++) {
		if (c.customer_id && v[i].id != c.customer_id)
			continue;
		json_array_append_new(
		    items, json_pack("{s:s,s:s}", "number", v[i].number, "name", v[i].name));
	}
	return api_json(r, 200, json_pack("{s:o}", "items", items));
}

/* The customer of the path for the call, or 0 with the problem written (*st). */
static int64_t
path_customer(struct api_call *c, int *st)
{
	int64_t id = customers_id_by_number(db_thread(), c->r->pp[0]);
	if (id < 0) {
		*st = api_problem(c->r, 500, NULL);
		return 0;
	}
	if (id == 0 || (c->customer_id && id != c->customer_id)) {
		*st = api_problem(c->r, 404, N_("No such resource."));
		return 0;
	}
	return id;
}

int
api_customer_contacts(struct req *r)
{
	struct api_call c;
	int st = begin_staff(&c, r);
	if (st)
		return st;
	int64_t id = path_customer(&c, &st);
	if (!id)
		return st;
	struct person *v = NULL;
	int n = customer_people(db_thread(), id, r->a, &v);
	if (n < 0)
		return api_problem(r, 500, NULL);
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items, json_pack("{s:I,s:s,s:s}", "id", (json_int_t)v[i].id,
		                                       "name", v[i].name, "email", v[i].email));
	return api_json(r, 200, json_pack("{s:o}", "items", items));
}

/*
 * The services: provider tokens with customers:read, and a customer's
 * token for its own company with cases:read, since raising a case from a
 * customer names one of them.
 */
int
api_customer_services(struct req *r)
{
	struct api_call c;
	int st = api_begin(&c, r, API_SCOPE__MAX);
	if (st)
		return st;
	enum api_scope need = c.d.who.staff ? API_SCOPE_CUSTOMERS_READ : API_SCOPE_CASES_READ;
	if (!api_scopes_have(c.tok.scopes, need))
		return api_problem(r, 403, N_("The API token lacks the scope this request needs."));
	int64_t id = path_customer(&c, &st);
	if (!id)
		return st;
	struct service_row *v = NULL;
	int n = services_of_customer(db_thread(), id, r->a, &v);
	if (n < 0)
		return api_problem(r, 500, NULL);
	json_t *items = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(items,
		                      json_pack("{s:I,s:s,s:s}", "id", (json_int_t)v[i].id,
		                                "name_ja", v[i].name_ja, "name_en", v[i].name_en));
	return api_json(r, 200, json_pack("{s:o}", "items", items));
}
