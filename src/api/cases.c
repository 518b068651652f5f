/*
 * Cases over the API: raise (with alarm dedup on external_id), list, get
 * with activity, comment and change state. Each call goes to the same
 * domain operations as the pages (cases/cases.h), so the API obeys the
 * forms' rules; a token kept to one customer sees only that customer's
 * cases, others are 404.
 */
#include "api/api.h"
#include "api/wire.h"
#include "cases/case_json.h"
#include "cases/cases.h"
#include "core/arena.h"
#include "http/request.h"
#include "store/api_tokens.h"
#include "store/cases.h"
#include "store/customers.h"
#include "store/db.h"

#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define LIST_LIMIT_MAX     100
#define LIST_LIMIT_DEFAULT 50

/*
 * Raising with an external id looks for the open case and opens one when
 * there is none: one at a time, so that concurrent alarms make one case.
 */
static pthread_mutex_t raise_lock = PTHREAD_MUTEX_INITIALIZER;

static json_t *
activity_json(struct api_call *c, const struct case_row *k)
{
	struct activity_row *v = NULL;
	int n = case_activity(db_thread(), k->id, c->d.who.staff, c->r->a, &v);
	if (n < 0)
		return NULL;
	json_t *arr = json_array();
	for (int i = 0; i < n; i++) {
		json_t *e = json_object();
		json_object_set_new(e, "id", json_integer(v[i].id));
		json_object_set_new(e, "at", api_time(v[i].at));
		json_object_set_new(e, "kind", json_string(v[i].kind));
		json_object_set_new(e, "author", json_string(v[i].author));
		json_object_set_new(e, "by_staff", json_boolean(v[i].by_staff));
		if (v[i].body && *v[i].body)
			json_object_set_new(e, "body", json_string(v[i].body));
		if (v[i].old_state && *v[i].old_state)
			json_object_set_new(e, "old_state", json_string(v[i].old_state));
		if (v[i].new_state && *v[i].new_state)
			json_object_set_new(e, "new_state", json_string(v[i].new_state));
		if (v[i].filename && *v[i].filename) {
			json_object_set_new(e, "filename", json_string(v[i].filename));
			json_object_set_new(e, "attachment_id", json_integer(v[i].attachment_id));
		}
		json_array_append_new(arr, e);
	}
	return arr;
}

/* The case with its activity, as GET /cases/{number} answers. */
static int
send_case(struct api_call *c, int status, const struct case_row *k)
{
	json_t *act = activity_json(c, k);
	if (!act)
		return api_problem(c->r, 500, NULL);
	json_t *o = case_json(k);
	json_object_set_new(o, "activity", act);
	return api_json(c->r, status, o);
}

/* ---- POST /api/v1/cases ---- */

static int64_t
id_member(json_t *o, const char *key, bool *bad)
{
	json_t *v = json_object_get(o, key);
	if (!v || json_is_null(v))
		return 0;
	if (!json_is_integer(v) || json_integer_value(v) <= 0) {
		*bad = true;
		return 0;
	}
	return (int64_t)json_integer_value(v);
}

/* Another occurrence of an open alarm: a comment on its case, 200 with the case. */
static int
add_occurrence(struct api_call *c, const char *number, const struct case_open_in *in)
{
	struct case_row k;
	struct case_comment_in cm = {
	    .number = number,
	    .body = arena_printf(c->r->a, "%s\n\n%s", in->subject ? in->subject : "",
	                         in->description ? in->description : ""),
	};
	int st = case_comment(&c->d, &cm, &k);
	if (st != DOM_OK)
		return api_dom_problem(c, st);
	return send_case(c, 200, &k);
}

static int
raise_case(struct api_call *c)
{
	int status;
	json_t *body = api_body(c->r, &status);
	if (!body)
		return status;
	bool bad = false;
	struct case_open_in in = {
	    .customer_number = api_str(body, "customer", &bad),
	    .service_id = id_member(body, "service", &bad),
	    .contact_id = id_member(body, "contact", &bad),
	    .category = api_str(body, "category", &bad),
	    .subject = api_str(body, "subject", &bad),
	    .description = api_str(body, "description", &bad),
	};
	const char *external_id = api_str(body, "external_id", &bad);
	if (bad) {
		json_decref(body);
		return api_problem(c->r, 400, N_("A member of the body has the wrong type."));
	}
	/* Strings live in the arena: the JSON is freed before the operation. */
	in.customer_number = in.customer_number ? arena_strdup(c->r->a, in.customer_number) : NULL;
	in.category = in.category ? arena_strdup(c->r->a, in.category) : NULL;
	in.subject = in.subject ? arena_strdup(c->r->a, in.subject) : NULL;
	in.description = in.description ? arena_strdup(c->r->a, in.description) : NULL;
	external_id = external_id ? arena_strdup(c->r->a, external_id) : NULL;
	json_decref(body);

	struct db *db = db_thread();
	if (!db)
		return api_problem(c->r, 500, NULL);
	if (c->customer_id) {
		/* A token kept to one customer raises for that customer only. */
		const char *own = c->tok.customer_number;
		if (in.customer_number && strcmp(in.customer_number, own) != 0)
			return api_problem(c->r, 404, N_("No such resource."));
		in.customer_number = own;
	}
	if (external_id && (!*external_id || strlen(external_id) > 200)) {
		dom_invalid(&c->d, "external_id",
		            N_("The external id must be 1 to 200 characters."));
		return api_dom_problem(c, DOM_INVALID);
	}
	int64_t customer_id = c->customer_id;
	if (!customer_id && in.customer_number) {
		customer_id = customers_id_by_number(db, in.customer_number);
		if (customer_id < 0)
			return api_problem(c->r, 500, NULL);
	}
	if (!external_id || customer_id <= 0) {
		struct case_row k;
		int st = case_open(&c->d, &in, &k);
		return st == DOM_OK ? send_case(c, 201, &k) : api_dom_problem(c, st);
	}
	pthread_mutex_lock(&raise_lock);
	const char *open_number = NULL;
	int rc = api_external_open(db, customer_id, external_id, c->r->a, &open_number);
	if (rc != 0) {
		pthread_mutex_unlock(&raise_lock);
		return rc < 0 ? api_problem(c->r, 500, NULL) : add_occurrence(c, open_number, &in);
	}
	struct case_row k;
	int st = case_open(&c->d, &in, &k);
	if (st == DOM_OK && api_external_add(db, k.id, k.customer_id, external_id) != 0)
		st = DOM_ERROR;
	pthread_mutex_unlock(&raise_lock);
	return st == DOM_OK ? send_case(c, 201, &k) : api_dom_problem(c, st);
}

int
api_case_create(struct req *r)
{
	struct api_call c;
	int st = api_begin(&c, r, API_SCOPE_CASES_WRITE);
	return st ? st : api_idempotent(&c, raise_case);
}

/* ---- GET /api/v1/cases ---- */

static bool
parse_cursor(const char *s, struct api_case_cursor *out)
{
	char *end;
	long long t = strtoll(s, &end, 10);
	if (end == s || *end != '.' || t < 0)
		return false;
	const char *p = end + 1;
	long long id = strtoll(p, &end, 10);
	if (end == p || *end || id < 0)
		return false;
	out->updated_at = t;
	out->id = id;
	return true;
}

static int
list_filter(struct api_call *c, struct db *db, struct api_case_filter *f)
{
	struct req *r = c->r;
	const char *state = req_query(r, "state"), *customer = req_query(r, "customer");
	const char *since = req_query(r, "updated_since"), *cursor = req_query(r, "cursor");
	const char *limit = req_query(r, "limit");
	*f = (struct api_case_filter){.customer_id =
	                                  c->d.who.staff ? c->customer_id : c->d.who.customer_id,
	                              .state = state,
	                              .category = req_query(r, "category"),
	                              .after = {-1, 0},
	                              .limit = LIST_LIMIT_DEFAULT};
	if (state && case_state_parse(state) < 0)
		return api_problem(r, 400, N_("Unknown state."));
	if (since && (f->updated_since = api_parse_time(since)) < 0)
		return api_problem(r, 400,
		                   N_("updated_since must be a date or an RFC 3339 UTC time."));
	if (cursor && !parse_cursor(cursor, &f->after))
		return api_problem(r, 400, N_("The cursor is not valid."));
	if (limit) {
		char *end;
		long n = strtol(limit, &end, 10);
		if (end == limit || *end || n < 1 || n > LIST_LIMIT_MAX)
			return api_problem(r, 400, N_("limit must be 1 to 100."));
		f->limit = (int)n;
	}
	if (customer && *customer && c->d.who.staff) {
		int64_t id = customers_id_by_number(db, customer);
		if (id < 0)
			return api_problem(r, 500, NULL);
		/* An unknown customer, or another than the token's: no cases. */
		if (id == 0 || (f->customer_id && f->customer_id != id))
			id = -1;
		f->customer_id = id;
	}
	return 0;
}

int
api_cases_list(struct req *r)
{
	struct api_call c;
	int st = api_begin(&c, r, API_SCOPE_CASES_READ);
	if (st)
		return st;
	struct db *db = db_thread();
	struct api_case_filter f;
	if ((st = list_filter(&c, db, &f)) != 0)
		return st;
	json_t *items = json_array();
	const char **numbers = NULL;
	struct api_case_cursor *cursors = NULL;
	int n = f.customer_id < 0 ? 0 : api_case_page(db, &f, r->a, &numbers, &cursors);
	if (n < 0) {
		json_decref(items);
		return api_problem(r, 500, NULL);
	}
	for (int i = 0; i < n; i++) {
		struct case_row k;
		if (api_case_find(&c, numbers[i], &k) == DOM_OK)
			json_array_append_new(items, case_json(&k));
	}
	json_t *next = json_null();
	if (n == f.limit)
		next = json_string(arena_printf(r->a, "%" PRId64 ".%" PRId64,
		                                cursors[n - 1].updated_at, cursors[n - 1].id));
	return api_json(r, 200, json_pack("{s:o,s:o}", "items", items, "next_cursor", next));
}

/* ---- GET /api/v1/cases/{number} ---- */

int
api_case_get(struct req *r)
{
	struct api_call c;
	int st = api_begin(&c, r, API_SCOPE_CASES_READ);
	if (st)
		return st;
	struct case_row k;
	st = api_case_find(&c, r->pp[0], &k);
	return st == DOM_OK ? send_case(&c, 200, &k) : api_dom_problem(&c, st);
}

/* ---- POST /api/v1/cases/{number}/comments ---- */

static int
comment(struct api_call *c)
{
	int status;
	json_t *body = api_body(c->r, &status);
	if (!body)
		return status;
	bool bad = false;
	const char *text = api_str(body, "body", &bad);
	json_t *internal = json_object_get(body, "internal");
	if (internal && !json_is_boolean(internal))
		bad = true;
	struct case_comment_in in = {.number = c->r->pp[0],
	                             .body = text ? arena_strdup(c->r->a, text) : NULL,
	                             .internal = internal && json_is_true(internal)};
	json_decref(body);
	if (bad)
		return api_problem(c->r, 400, N_("A member of the body has the wrong type."));
	if (in.internal && !c->d.who.staff)
		return api_problem(c->r, 403, N_("Only provider tokens may add internal notes."));
	if (!in.body)
		in.body = "";
	struct case_row k;
	int st = api_case_find(c, in.number, &k);
	if (st == DOM_OK)
		st = case_comment(&c->d, &in, &k);
	return st == DOM_OK ? send_case(c, 201, &k) : api_dom_problem(c, st);
}

int
api_case_comment(struct req *r)
{
	struct api_call c;
	int st = api_begin(&c, r, API_SCOPE_CASES_WRITE);
	return st ? st : api_idempotent(&c, comment);
}

/* ---- POST /api/v1/cases/{number}/state ---- */

static int
change_state(struct api_call *c)
{
	int status;
	json_t *body = api_body(c->r, &status);
	if (!body)
		return status;
	bool bad = false;
	const char *state = api_str(body, "state", &bad);
	const char *action = api_str(body, "action", &bad);
	state = state ? arena_strdup(c->r->a, state) : NULL;
	action = action ? arena_strdup(c->r->a, action) : NULL;
	json_decref(body);
	if (bad || (!state && !action))
		return api_problem(c->r, 400,
		                   N_("Send \"state\" (provider tokens) or \"action\" "
		                      "(close, accept, reject)."));
	struct case_row k;
	int st = api_case_find(c, c->r->pp[0], &k);
	if (st != DOM_OK)
		return api_dom_problem(c, st);
	if (state) {
		if (!c->d.who.staff)
			return api_problem(c->r, 403,
			                   N_("Customer tokens change a case with \"action\"."));
		int s = case_state_parse(state);
		if (s < 0) {
			dom_invalid(&c->d, "state", N_("Unknown state."));
			return api_dom_problem(c, DOM_INVALID);
		}
		struct case_update_in in = {.number = k.number, .state = s, .assignee_id = -1};
		st = case_update(&c->d, &in, &k);
	} else {
		static const char *const names[] = {"close", "accept", "reject"};
		int act = -1;
		for (int i = 0; i < 3; i++)
			if (strcmp(action, names[i]) == 0)
				act = i;
		if (act < 0) {
			dom_invalid(&c->d, "action",
			            N_("The action must be close, accept or reject."));
			return api_dom_problem(c, DOM_INVALID);
		}
		if (c->d.who.staff)
			return api_problem(c->r, 403,
			                   N_("Provider tokens change a case with \"state\"."));
		st = case_act(&c->d, k.number, (enum case_action)act, &k);
	}
	return st == DOM_OK ? send_case(c, 200, &k) : api_dom_problem(c, st);
}

int
api_case_state(struct req *r)
{
	struct api_call c;
	int st = api_begin(&c, r, API_SCOPE_CASES_WRITE);
	return st ? st : api_idempotent(&c, change_state);
}
