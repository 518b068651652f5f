/*
 * CSRF tokens. A token is a MAC, under the application's key, of the value of
 * the cookie that identifies the browser: the session cookie when signed in,
 * otherwise a random pre-session cookie set with the first form. Nothing is
 * stored per token, a new session brings new tokens, and a page of another
 * site can read neither the cookie nor the token.
 */
#ifndef MADOGUCHI_HTTP_CSRF_H
#define MADOGUCHI_HTTP_CSRF_H

#include <stdbool.h>

struct req;

#define CSRF_COOKIE "mg_pre"

/*
 * The token for forms of this request, as base64url text in the arena.
 * Sets the pre-session cookie if the browser has none yet.
 */
const char *csrf_token(struct req *r);
/* True when the request's csrf form field is the token of its cookie. */
bool csrf_check(struct req *r);

#endif
