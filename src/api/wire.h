/*
 * What every API handler shares: the bearer token and its actor, the
 * per-token rate limit, JSON bodies in and out, problem documents, and
 * the replay of requests sent with an Idempotency-Key.
 */
#ifndef MADOGUCHI_API_WIRE_H
#define MADOGUCHI_API_WIRE_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "accounts/api_tokens.h"
#include "domain/domain.h"

struct req;

struct api_call {
	struct req *r;
	struct dom d; /* who acts: the token's issuer */
	struct api_token_row tok;
	/* The customer the token is kept to (its own or a customer admin's); 0: all. */
	int64_t customer_id;
};

/*
 * Authenticates the request and checks that the token holds scope (or
 * API_SCOPE__MAX for none). 0 to go on, else the status of the problem
 * already written (401, 403, 429, 500).
 */
int api_begin(struct api_call *c, struct req *r, int scope);

struct case_row;
/*
 * The case of a number for the call: the actor's (case_find), and of the
 * token's customer when the token is kept to one. DOM status.
 */
int api_case_find(struct api_call *c, const char *number, struct case_row *out);

/* Writes a problem document and returns status; detail may be NULL. */
int api_problem(struct req *r, int status, const char *detail);
/* The problem of a domain status, with the context's field errors. */
int api_dom_problem(struct api_call *c, int dom_status);
/* Sends value as the JSON body (and frees it); returns status. */
int api_json(struct req *r, int status, json_t *value);

/*
 * The JSON object of the request body: Content-Type application/json
 * (else 415), well formed (else 400). NULL with *status set on refusal,
 * the problem written.
 */
json_t *api_body(struct req *r, int *status);
/* A string member, NULL when absent; *bad set when present but not a string. */
const char *api_str(json_t *o, const char *key, bool *bad);

/* Seconds since the epoch as "2026-12-07T10:35:00Z". */
json_t *api_time(int64_t t);
/* Parses that form (or a date "2026-12-07"); -1 when malformed. */
int64_t api_parse_time(const char *s);

/*
 * Runs fn once per Idempotency-Key of the token (when the request has
 * one): a repeat within 24 hours answers the first response again, also
 * while the first is still running; the key reused for another request is
 * 422.
 */
int api_idempotent(struct api_call *c, int (*fn)(struct api_call *c));

#endif
