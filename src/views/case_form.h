/*
 * The fields of a new case, the same on the customer's inquiry and on the
 * console's raise form: the category (those a customer may pick, or all for
 * staff), the subject (160 characters) and the description, each with the
 * error case_open gave it.
 */
#ifndef MADOGUCHI_VIEWS_CASE_FORM_H
#define MADOGUCHI_VIEWS_CASE_FORM_H

#include <stdbool.h>

#include "web/fields.h"

struct dom;
struct req;

/* The declared inputs of a new case, in this order (read with fields_read). */
enum case_form_field {
	CASE_FORM_CATEGORY,
	CASE_FORM_SUBJECT,
	CASE_FORM_DESCRIPTION,
	CASE_FORM__MAX
};
extern const struct field_decl case_form_decl[CASE_FORM__MAX];

/* v: what case_form_decl read (NULL: an empty form); err: the refusal, or NULL. */
void case_form_fields(struct req *r, bool staff, const struct field_value *v,
                      const struct dom *err);

#endif
