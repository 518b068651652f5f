/*
 * Customers, their contracts and the services' portals, as provider admins
 * maintain them (the console's サービス設定情報 maintenance; next the API and
 * the command line). Each operation checks that the actor is a provider
 * admin, validates the input (field errors: "number", "name", "service",
 * "kind", "plan", "start_date", "renewal_date", "portal", "code", "name_ja",
 * "name_en"), runs its
 * transaction and writes the audit event.
 */
#ifndef MADOGUCHI_CUSTOMERS_CUSTOMERS_H
#define MADOGUCHI_CUSTOMERS_CUSTOMERS_H

#include <stdbool.h>
#include <stdint.h>

struct dom;

#define CUSTOMER_NAME_MAX  100 /* characters */
#define CONTRACT_TEXT_MAX  50  /* 種別, プラン: characters */
#define SERVICE_PORTAL_MAX 500 /* bytes of the address */

/* お客様番号 (one capital letter and 9 digits) and the contract holder's name. */
int customer_create(struct dom *d, const char *number, const char *name, int64_t *id_out);
int customer_rename(struct dom *d, int64_t customer_id, const char *name);

struct contract_in {
	int64_t service_id;
	const char *kind, *plan;
	const char *start_date, *renewal_date; /* YYYY-MM-DD; renewal "" or NULL: none */
};

/* A customer has one contract per service. */
int contract_create(struct dom *d, int64_t customer_id, const struct contract_in *in,
                    int64_t *id_out);
int contract_update(struct dom *d, int64_t contract_id, const struct contract_in *in);

#define SERVICE_CODE_MAX 32  /* bytes: a-z, 0-9 and "-" */
#define SERVICE_NAME_MAX 100 /* characters */

struct service_in {
	const char *code;              /* the stable key, e.g. "cspm"; lower-cased */
	const char *name_ja, *name_en; /* the name in each language */
	const char *portal_url;        /* "" or NULL: none */
	bool has_points;               /* its work requests are paid in points */
};

/* A service the provider sells, to be named in contracts (service.created). */
int service_create(struct dom *d, struct service_in *in, int64_t *id_out);

/* The address of a service's own portal, linked from home; "" for none. */
int service_portal_set(struct dom *d, int64_t service_id, const char *url);

#endif
