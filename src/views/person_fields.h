/*
 * The declared inputs of a person's fields, the same on the contact forms
 * and on the profile: name, e-mail address, title, telephone numbers, time
 * zone and language. Their limits and messages are person_check's, so that
 * a form sent without the page's own checks is answered as the rules would
 * answer it.
 */
#ifndef MADOGUCHI_VIEWS_PERSON_FIELDS_H
#define MADOGUCHI_VIEWS_PERSON_FIELDS_H

#include "web/fields.h"

struct person_input;

enum person_field {
	PERSON_F_NAME,
	PERSON_F_EMAIL,
	PERSON_F_TITLE,
	PERSON_F_PHONE_WORK,
	PERSON_F_PHONE_MOBILE,
	PERSON_F_TIME_ZONE,
	PERSON_F_LANG,
	PERSON_F__MAX
};
extern const struct field_decl person_decl[PERSON_F__MAX];

/*
 * The person's input from what person_decl read; the time zone and the
 * language are NULL when not sent, so that the operation applies its default.
 */
void person_input_from(const struct field_value *v, struct person_input *out);

#endif
