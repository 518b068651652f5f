/* Customers (お客様), the services the provider sells, and contracts. */
#ifndef MADOGUCHI_STORE_CUSTOMERS_H
#define MADOGUCHI_STORE_CUSTOMERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct arena;
struct db;

struct customer_row {
	int64_t id;
	const char *number, *name;
	int64_t contracts, users;
};

struct contract {
	int64_t id;
	const char *service_ja, *service_en, *portal_url;
	const char *kind, *plan, *start_date, *renewal_date; /* renewal "" if none */
	/* The service-level targets in force (the contract's, else the service's); 0: none. */
	int64_t response_target_min, resolution_target_min;
};

struct new_service {
	const char *code, *name_ja, *name_en, *portal_url;
	bool has_points;
};

struct new_contract {
	int64_t customer_id, service_id;
	const char *kind, *plan, *start_date, *renewal_date;
};

/* Returns the new id, 0 if the number is taken, -1 on error. */
int64_t customers_insert(struct db *db, const char *number, const char *name);
/* The id of the customer with that number, 0 if none, -1 on error. */
int64_t customers_id_by_number(struct db *db, const char *number);
int64_t customers_count(struct db *db);
/* Up to limit customers from offset, by number. Returns the count, or -1. */
int customers_page(struct db *db, int64_t limit, int64_t offset, struct arena *a,
                   struct customer_row **out);

/*
 * Up to limit customers whose number or name contains term (any text: LIKE's
 * wildcards are taken literally), by number. Count or -1.
 */
int customers_find(struct db *db, const char *term, int limit, struct arena *a,
                   struct customer_row **out);
int64_t services_insert(struct db *db, const struct new_service *s);
int64_t services_id_by_code(struct db *db, const char *code);
int64_t contracts_insert(struct db *db, const struct new_contract *c);

/* The contracts of one customer. Returns the count, or -1. */
int contracts_of_customer(struct db *db, int64_t customer_id, struct arena *a,
                          struct contract **out);
/* One contract, only if it belongs to customer_id: 1 found, 0 not, -1 error. */
int contract_of_customer(struct db *db, int64_t contract_id, int64_t customer_id, struct arena *a,
                         struct contract *out);

struct service_row {
	int64_t id;
	const char *name_ja, *name_en;
};

/* The services a customer subscribes to. Returns the count, or -1. */
int services_of_customer(struct db *db, int64_t customer_id, struct arena *a,
                         struct service_row **out);

#endif
