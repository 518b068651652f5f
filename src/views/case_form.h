/*
 * The fields of a new case, the same on the customer's inquiry and on the
 * console's raise form: the category (those a customer may pick, or all for
 * staff), the subject (160 characters) and the description, each with the
 * error case_open gave it.
 */
#ifndef MADOGUCHI_VIEWS_CASE_FORM_H
#define MADOGUCHI_VIEWS_CASE_FORM_H

#include <stdbool.h>

struct dom;
struct req;

/* category: the selected code (NULL: the first); err: the refusal, or NULL. */
void case_form_fields(struct req *r, bool staff, const char *category, const struct dom *err);

#endif
