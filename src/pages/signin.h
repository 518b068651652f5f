/* What the sign-in and account pages share. */
#ifndef MADOGUCHI_PAGES_SIGNIN_H
#define MADOGUCHI_PAGES_SIGNIN_H

#include <stdint.h>

struct req;

/* Records a sign-in or account event with the request's address and browser. */
void signin_audit(struct req *r, const char *event, const char *login, int64_t user_id,
                  int64_t customer_id);
/* A user ID as typed, lower-cased and trimmed: the key of users and guards. */
char *signin_normalize(struct req *r, const char *login);

#endif
