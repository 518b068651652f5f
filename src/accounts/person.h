/*
 * The fields that describe a person — name, e-mail address, title, phones,
 * time zone and language — and their one set of rules, whoever edits them:
 * the user on the profile page, a customer admin on the contacts pages,
 * later the API and the command line. Text is trimmed (U+3000 included),
 * lengths count characters, control characters and markup are refused.
 */
#ifndef MADOGUCHI_ACCOUNTS_PERSON_H
#define MADOGUCHI_ACCOUNTS_PERSON_H

#include <stdbool.h>

struct dom;

#define PERSON_NAME_MAX  100 /* characters of a name or a title */
#define PERSON_EMAIL_MAX 254 /* bytes (RFC 5321 path limit) */
#define PERSON_PHONE_MAX 30  /* characters */

/* As sent; person_check trims each in place. NULL reads as "". */
struct person_input {
	const char *name, *email, *title, *phone_work, *phone_mobile, *time_zone, *lang;
};

/*
 * Trims and checks every field, recording an error per field under its
 * name ("name", "email", "title", "phone_work", "phone_mobile",
 * "time_zone", "lang"). Returns DOM_OK or DOM_INVALID.
 */
int person_check(struct dom *d, struct person_input *p);
/* One address: local@domain, no spaces, quotes or brackets, 254 bytes at most. */
bool person_email_valid(const char *email);
/* Digits, spaces and + - ( ) . only, 30 characters at most; "" is allowed. */
bool person_phone_valid(const char *phone);

#endif
