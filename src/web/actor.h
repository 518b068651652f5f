/*
 * The pages' side of the domain layer: the context of an operation from a
 * request (the signed-in user, the request's arena, address and browser for
 * the audit trail), and the HTTP status of an operation's result.
 */
#ifndef MADOGUCHI_WEB_ACTOR_H
#define MADOGUCHI_WEB_ACTOR_H

#include "domain/domain.h"

struct req;

/* Fills d for the request's user (the system when nobody is signed in). */
void web_dom(struct req *r, struct dom *d);
/* 200, 422, 404, 404 (forbidden reads as absent), 409 or 500. */
int web_status(int dom_status);
/* The translated error of field, or NULL (for form widgets). */
const char *web_error(struct req *r, const struct dom *d, const char *field);

#endif
