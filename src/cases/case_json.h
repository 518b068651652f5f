/*
 * A case as JSON (jansson): the object the API answers with and the
 * webhooks send, so both speak of a case in the same shape (docs/api.md).
 */
#ifndef MADOGUCHI_CASES_CASE_JSON_H
#define MADOGUCHI_CASES_CASE_JSON_H

#include <jansson.h>
#include <stdint.h>

struct case_row;

/* The case without its activity; a new reference. */
json_t *case_json(const struct case_row *c);
/* Seconds since the epoch as "2026-12-07T10:35:00Z"; a new reference. */
json_t *case_json_time(int64_t t);

#endif
