/*
 * What provider admins maintain of customers in the console: a customer's
 * name, its contracts (service, 種別, プラン, dates) and the address of each
 * service's own portal. Creating customers and contracts uses
 * store/customers.h.
 */
#ifndef MADOGUCHI_STORE_CUSTOMER_ADMIN_H
#define MADOGUCHI_STORE_CUSTOMER_ADMIN_H

#include <stdint.h>

struct arena;
struct db;

struct cadm_customer {
	int64_t id;
	const char *number, *name;
};

struct cadm_contract {
	int64_t id, customer_id, service_id;
	const char *service_ja, *service_en, *kind, *plan, *start_date, *renewal_date;
	const char *customer_number, *customer_name; /* cadm_contract_get only */
	/* Its own service-level targets in minutes; 0: the service's. */
	int64_t response_target_min, resolution_target_min;
};

struct cadm_service {
	int64_t id;
	const char *code, *name_ja, *name_en, *portal_url;  /* portal "" if none */
	int64_t response_target_min, resolution_target_min; /* minutes; 0: none */
};

/* 1 found, 0 not, -1 error. */
int cadm_customer_get(struct db *db, int64_t id, struct arena *a, struct cadm_customer *out);
int cadm_customer_rename(struct db *db, int64_t id, const char *name);
/* The contracts of a customer; count or -1. */
int cadm_contracts(struct db *db, int64_t customer_id, struct arena *a, struct cadm_contract **out);
/* 1 found, 0 not, -1 error. */
int cadm_contract_get(struct db *db, int64_t id, struct arena *a, struct cadm_contract *out);
/* 0, 1 when the customer has a contract for that service already, -1 on error. */
int cadm_contract_update(struct db *db, int64_t id, int64_t service_id, const char *kind,
                         const char *plan, const char *start_date, const char *renewal_date);
int cadm_services(struct db *db, struct arena *a, struct cadm_service **out);
/* Service id into out: 1 found, 0 none, -1 error. */
int cadm_service_get(struct db *db, int64_t id, struct arena *a, struct cadm_service *out);
int cadm_service_set_portal(struct db *db, int64_t id, const char *url);
/* Service-level targets in minutes (0: none, or for a contract the service's). 0 or -1. */
int cadm_service_set_targets(struct db *db, int64_t id, int64_t response_min,
                             int64_t resolution_min);
int cadm_contract_set_targets(struct db *db, int64_t id, int64_t response_min,
                              int64_t resolution_min);

#endif
