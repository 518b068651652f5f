/*
 * Tokens of the integration API. Provider admins issue them with any
 * scopes, for every customer or a single one; customer admins issue them
 * for their own company with the scopes of a customer (read, raise and
 * comment on cases). The secret is returned once and only its SHA-256 is
 * kept; a token is revocable, and its last use (time, address) is shown.
 *
 * Field errors name the inputs: "name", "scopes", "customer", "expires".
 */
#ifndef MADOGUCHI_ACCOUNTS_API_TOKENS_H
#define MADOGUCHI_ACCOUNTS_API_TOKENS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/api_tokens.h"

struct actor;
struct db;
struct dom;

#define API_TOKEN_NAME_MAX    100 /* characters */
#define API_TOKEN_EXPIRY_DAYS 3650

enum api_scope {
	API_SCOPE_CASES_READ,
	API_SCOPE_CASES_WRITE,
	API_SCOPE_ATTACHMENTS_WRITE,
	API_SCOPE_CUSTOMERS_READ,
	API_SCOPE__MAX
};

/* "cases:read", …; the scope of a code, -1 when unknown. */
const char *api_scope_code(enum api_scope s);
int api_scope_parse(const char *code);
/* Whether the scope list (space separated) holds s. */
bool api_scopes_have(const char *scopes, enum api_scope s);
/* Whether a customer admin may hand out s. */
bool api_scope_for_customers(enum api_scope s);

struct api_token_in {
	const char *name;
	bool scopes[API_SCOPE__MAX];
	/* Provider admins: "" for every customer, or a customer's number. */
	const char *customer_number;
	int expires_days; /* 0: never */
};

/*
 * Issues a token; *secret (in the context's arena) is shown once and never
 * again. DOM_OK, DOM_INVALID, DOM_FORBIDDEN (not an admin) or DOM_ERROR.
 */
int api_token_issue(struct dom *d, const struct api_token_in *in, const char **secret,
                    int64_t *id_out);
/* Revokes a token the actor may see (another customer's: DOM_NOT_FOUND). */
int api_token_revoke_op(struct dom *d, int64_t id);
/* The tokens the actor may see: all for provider admins, its company's for customer admins. */
int api_token_list_op(struct dom *d, struct api_token_row **out, int *n);

enum api_auth {
	API_AUTH_OK,
	API_AUTH_NONE,  /* no such token, revoked, expired, or its issuer is disabled */
	API_AUTH_ERROR, /* the database failed */
};

/*
 * Checks a bearer secret and fills the actor its requests act as: the
 * issuer, limited to the token's customer. Records the use (time, ip).
 */
int api_token_authenticate(struct db *db, struct arena *a, const char *secret, const char *ip,
                           struct api_token_row *tok, struct actor *who);

#endif
