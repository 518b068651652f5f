/* The scope of the audit log for its reader; see audit_log.h. */
#include "accounts/audit_log.h"

#include <stdbool.h>
#include <string.h>

#include "domain/domain.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/users.h"

/* What a customer admin reads of their company's events. */
static const char *const CUSTOMER_KINDS[] = {
    "auth.",         "account.",          "case.created", "case.commented", "case.state_changed",
    "work_request.", "points.correction",
};
#define NCUSTOMER_KINDS (int)(sizeof(CUSTOMER_KINDS) / sizeof(CUSTOMER_KINDS[0]))

int
audit_log_reads_all(const struct dom *d)
{
	return d->who.staff && d->who.admin;
}

static bool
starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool
family(const char *k)
{
	size_t n = strlen(k);
	return n && k[n - 1] == '.';
}

/* A kind as typed in a query: lower-case words joined by dots and underscores. */
static bool
kind_shaped(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n > 64 || k[0] == '.')
		return false;
	for (const char *s = k; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || *s == '_' || *s == '.'))
			return false;
	return true;
}

/*
 * The customer's kinds that the chosen one (may be "") keeps: a kind of an
 * allowed family, an allowed kind of the chosen family, or itself.
 */
static void
customer_kinds(const char *chosen, struct audit_filter *out)
{
	for (int i = 0; i < NCUSTOMER_KINDS && out->nkinds < AUDIT_KINDS_MAX; i++) {
		const char *a = CUSTOMER_KINDS[i];
		const char *keep = NULL;
		if (!*chosen || strcmp(a, chosen) == 0)
			keep = a;
		else if (family(a) && starts(chosen, a))
			keep = chosen;
		else if (family(chosen) && starts(a, chosen))
			keep = a;
		if (keep)
			out->kinds[out->nkinds++] = keep;
	}
}

static int
actor_of(struct dom *d, struct db *db, const char *login, struct audit_filter *out)
{
	int64_t id = users_id_by_login(db, login);
	if (id < 0)
		return DOM_ERROR;
	struct user u;
	if (id > 0 && d->who.customer_id) { /* only users of the reader's company */
		int found = users_get(db, id, d->a, &u);
		if (found < 0)
			return DOM_ERROR;
		if (!found || u.customer_id != d->who.customer_id)
			id = 0;
	}
	if (!id)
		return dom_invalid(d, "actor", N_("No user has this user ID."));
	out->actor_id = id;
	return DOM_OK;
}

int
audit_log_scope(struct dom *d, const struct audit_log_in *in, struct audit_filter *out)
{
	memset(out, 0, sizeof(*out));
	out->from = in->from;
	out->to = in->to;
	bool all = audit_log_reads_all(d);
	if (!all && !(d->who.customer_id && d->who.admin))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	const char *kind = in->kind ? in->kind : "";
	if (*kind && !kind_shaped(kind))
		dom_invalid(d, "kind", N_("Choose a kind from the list."));
	else if (!all)
		customer_kinds(kind, out);
	else if (*kind)
		out->kinds[out->nkinds++] = kind;
	if (!all) {
		out->customer_id = d->who.customer_id;
		if (!out->nkinds) /* a kind the company does not read: nothing */
			out->kinds[out->nkinds++] = "-";
	} else if (in->customer_number && *in->customer_number) {
		int64_t id = customers_id_by_number(db, in->customer_number);
		if (id < 0)
			return DOM_ERROR;
		if (!id)
			dom_invalid(d, "customer", N_("There is no customer with this number."));
		out->customer_id = id;
	}
	if (in->actor_login && *in->actor_login &&
	    actor_of(d, db, in->actor_login, out) == DOM_ERROR)
		return DOM_ERROR;
	return d->nerrors ? DOM_INVALID : DOM_OK;
}
