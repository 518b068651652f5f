/* Customers, contracts and portals; see customers.h. */
#include "customers/customers.h"
#include "core/arena.h"
#include "core/date.h"
#include "core/text.h"
#include "domain/domain.h"
#include "store/audit.h"
#include "store/customer_admin.h"
#include "store/customers.h"
#include "store/db.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

static bool
provider_admin(const struct dom *d)
{
	return d->who.staff && d->who.admin;
}

static bool
line_ok(const char *s, size_t max)
{
	return !text_blank(s) && text_chars(s) <= max && !text_has_control(s, false);
}

/* お客様番号: one capital letter and 9 digits (N200000001). */
static bool
number_ok(const char *s)
{
	if (!s || strlen(s) != 10 || s[0] < 'A' || s[0] > 'Z')
		return false;
	return strspn(s + 1, "0123456789") == 9;
}

int
customer_create(struct dom *d, const char *number, const char *name, int64_t *id_out)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	number = text_trim(d->a, number);
	name = text_trim(d->a, name);
	if (!number_ok(number))
		dom_invalid(d, "number",
		            N_("Enter one capital letter and 9 digits, e.g. N200000001."));
	if (!line_ok(name, CUSTOMER_NAME_MAX))
		dom_invalid(d, "name", N_("Enter a name of 100 characters at most."));
	if (!dom_error(d, "number")) {
		int64_t existing = customers_id_by_number(db, number);
		if (existing < 0)
			return DOM_ERROR;
		if (existing > 0)
			dom_invalid(d, "number", N_("This customer number is already in use."));
	}
	if (d->nerrors)
		return DOM_INVALID;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	int64_t id = customers_insert(db, number, name);
	if (id == 0) { /* taken meanwhile */
		db_rollback(db);
		return dom_invalid(d, "number", N_("This customer number is already in use."));
	}
	*id_out = id;
	return dom_finish(db, (id > 0 && dom_audit(d, db, "customer.created", id, number) == 0)
	                          ? DOM_OK
	                          : DOM_ERROR);
}

int
customer_rename(struct dom *d, int64_t customer_id, const char *name)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	struct cadm_customer c;
	int found = cadm_customer_get(db, customer_id, d->a, &c);
	if (found <= 0)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	name = text_trim(d->a, name);
	if (!line_ok(name, CUSTOMER_NAME_MAX))
		return dom_invalid(d, "name", N_("Enter a name of 100 characters at most."));
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = cadm_customer_rename(db, c.id, name) == 0 &&
	          dom_audit(d, db, "customer.updated", c.id,
	                    arena_printf(d->a, "%s: %s", c.number, name)) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

/* The contract's fields checked, trimmed into out; the number of errors. */
static int
check_contract(struct dom *d, struct db *db, const struct contract_in *in, struct contract_in *out)
{
	struct cadm_service *svcs;
	int ns = cadm_services(db, d->a, &svcs);
	if (ns < 0)
		return -1;
	*out = (struct contract_in){.kind = text_trim(d->a, in->kind),
	                            .plan = text_trim(d->a, in->plan),
	                            .start_date = text_trim(d->a, in->start_date),
	                            .renewal_date = text_trim(d->a, in->renewal_date)};
	for (int i = 0; i < ns; i++)
		if (svcs[i].id == in->service_id)
			out->service_id = in->service_id;
	int y, m, day;
	bool start_ok = date_parse(out->start_date, &y, &m, &day) == 0;
	if (!out->service_id)
		dom_invalid(d, "service", N_("Choose a service from the list."));
	if (!line_ok(out->kind, CONTRACT_TEXT_MAX))
		dom_invalid(d, "kind", N_("Enter the type (50 characters at most)."));
	if (!line_ok(out->plan, CONTRACT_TEXT_MAX))
		dom_invalid(d, "plan", N_("Enter the plan (50 characters at most)."));
	if (!start_ok)
		dom_invalid(d, "start_date", N_("Enter a date (YYYY-MM-DD)."));
	if (*out->renewal_date && date_parse(out->renewal_date, &y, &m, &day) != 0)
		dom_invalid(d, "renewal_date", N_("Enter a date (YYYY-MM-DD), or leave it empty."));
	else if (*out->renewal_date && start_ok && strcmp(out->renewal_date, out->start_date) <= 0)
		dom_invalid(d, "renewal_date",
		            N_("The renewal date must come after the start date."));
	return d->nerrors;
}

int
contract_create(struct dom *d, int64_t customer_id, const struct contract_in *in, int64_t *id_out)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	struct cadm_customer c;
	int found = cadm_customer_get(db, customer_id, d->a, &c);
	if (found <= 0)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	struct contract_in k;
	int bad = check_contract(d, db, in, &k);
	if (bad)
		return bad < 0 ? DOM_ERROR : DOM_INVALID;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	struct new_contract nc = {.customer_id = c.id,
	                          .service_id = k.service_id,
	                          .kind = k.kind,
	                          .plan = k.plan,
	                          .start_date = k.start_date,
	                          .renewal_date = *k.renewal_date ? k.renewal_date : NULL};
	int64_t id = contracts_insert(db, &nc);
	if (id == 0) {
		db_rollback(db);
		return dom_invalid(d, "service",
		                   N_("This customer has a contract for this service already."));
	}
	*id_out = id;
	const char *detail =
	    arena_printf(d->a, "%s service=%lld %s %s %s–%s", c.number, (long long)k.service_id,
	                 k.kind, k.plan, k.start_date, k.renewal_date);
	return dom_finish(db, (id > 0 && dom_audit(d, db, "contract.created", c.id, detail) == 0)
	                          ? DOM_OK
	                          : DOM_ERROR);
}

int
contract_update(struct dom *d, int64_t contract_id, const struct contract_in *in)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	struct cadm_contract old;
	int found = cadm_contract_get(db, contract_id, d->a, &old);
	if (found <= 0)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	struct contract_in k;
	int bad = check_contract(d, db, in, &k);
	if (bad)
		return bad < 0 ? DOM_ERROR : DOM_INVALID;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	int rc = cadm_contract_update(db, old.id, k.service_id, k.kind, k.plan, k.start_date,
	                              k.renewal_date);
	if (rc == 1) {
		db_rollback(db);
		return dom_invalid(d, "service",
		                   N_("This customer has a contract for this service already."));
	}
	const char *detail =
	    arena_printf(d->a, "%s contract=%lld service=%lld %s %s %s–%s", old.customer_number,
	                 (long long)old.id, (long long)k.service_id, k.kind, k.plan, k.start_date,
	                 k.renewal_date);
	bool ok = rc == 0 && dom_audit(d, db, "contract.updated", old.customer_id, detail) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

/* An absolute http(s) address without spaces or control characters. */
static bool
portal_ok(const char *url)
{
	if (strlen(url) > SERVICE_PORTAL_MAX || strlen(url) < 12 || text_has_control(url, false) ||
	    strchr(url, ' '))
		return false;
	return strncasecmp(url, "https://", 8) == 0 || strncasecmp(url, "http://", 7) == 0;
}

int
service_portal_set(struct dom *d, int64_t service_id, const char *url)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	struct cadm_service found;
	int got = cadm_service_get(db, service_id, d->a, &found);
	if (got <= 0)
		return got < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	const struct cadm_service *s = &found;
	url = text_trim(d->a, url);
	if (*url && !portal_ok(url))
		return dom_invalid(
		    d, "portal",
		    N_("Enter an address that starts with https:// (500 characters at "
		       "most), or leave it empty."));
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = cadm_service_set_portal(db, service_id, url) == 0 &&
	          dom_audit(d, db, "service.portal_updated", 0,
	                    arena_printf(d->a, "%s %s", s->code, url)) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

/* a-z, 0-9 and inner "-", SERVICE_CODE_MAX at most. */
static bool
code_ok(const char *s)
{
	size_t n = strlen(s);
	if (n < 1 || n > SERVICE_CODE_MAX || s[0] == '-' || s[n - 1] == '-')
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

int
service_create(struct dom *d, struct service_in *in, int64_t *id_out)
{
	*id_out = 0;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	char *code = arena_printf(d->a, "%s", text_trim(d->a, in->code));
	for (char *c = code; *c; c++)
		if (*c >= 'A' && *c <= 'Z')
			*c = (char)(*c - 'A' + 'a');
	in->code = code;
	in->name_ja = text_trim(d->a, in->name_ja);
	in->name_en = text_trim(d->a, in->name_en);
	in->portal_url = text_trim(d->a, in->portal_url);
	if (!code_ok(code))
		dom_invalid(d, "code",
		            N_("Enter a code of 1 to 32 characters: lower-case letters, digits and "
		               "hyphens."));
	if (!line_ok(in->name_ja, SERVICE_NAME_MAX))
		dom_invalid(d, "name_ja", N_("Enter the name (100 characters at most)."));
	if (!line_ok(in->name_en, SERVICE_NAME_MAX))
		dom_invalid(d, "name_en", N_("Enter the name (100 characters at most)."));
	if (*in->portal_url && !portal_ok(in->portal_url))
		dom_invalid(d, "portal",
		            N_("Enter an address that starts with https:// (500 characters at "
		               "most), or leave it empty."));
	if (d->nerrors)
		return DOM_INVALID;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	int64_t id = services_insert(
	    db, &(struct new_service){.code = code,
	                              .name_ja = in->name_ja,
	                              .name_en = in->name_en,
	                              .portal_url = *in->portal_url ? in->portal_url : NULL,
	                              .has_points = in->has_points});
	if (id == 0) {
		db_rollback(db);
		return dom_invalid(d, "code", N_("Another service has this code."));
	}
	bool ok = id > 0 && dom_audit(d, db, "service.created", 0, code) == 0;
	int st = dom_finish(db, ok ? DOM_OK : DOM_ERROR);
	if (st == DOM_OK)
		*id_out = id;
	return st;
}
