/* The fields of a new case; see case_form.h. */
#include "views/case_form.h"
#include "cases/cases.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "http/request.h"
#include "web/actor.h"
#include "web/form.h"

/*
 * The limits and messages are case_open's, so that a form sent without the
 * page's own checks is answered as the rules would answer it.
 */
const struct field_decl case_form_decl[CASE_FORM__MAX] = {
    [CASE_FORM_CATEGORY] = {.name = "category",
                            .kind = FIELD_LINE,
                            .max_chars = 40,
                            .msgid = N_("Choose a category from the list.")},
    [CASE_FORM_SUBJECT] = {.name = "subject",
                           .kind = FIELD_LINE,
                           .required = true,
                           .max_chars = CASE_SUBJECT_MAX,
                           .msgid = N_("Use 160 characters at most.")},
    [CASE_FORM_DESCRIPTION] = {.name = "description",
                               .kind = FIELD_TEXT,
                               .required = true,
                               .max_chars = CASE_DESCRIPTION_MAX},
};

static const char *
value_of(const struct field_value *v, int i)
{
	return v ? v[i].text : NULL;
}

void
case_form_fields(struct req *r, bool staff, const struct field_value *v, const struct dom *err)
{
	const char *category = value_of(v, CASE_FORM_CATEGORY);
	const char **cv = arena_alloc(r->a, (size_t)case_categories_count * sizeof(char *));
	const char **cl = arena_alloc(r->a, (size_t)case_categories_count * sizeof(char *));
	int nc = 0;
	for (int i = 0; i < case_categories_count; i++)
		if (staff || case_categories[i].customer_may_pick) {
			cv[nc] = case_categories[i].code;
			cl[nc++] = T(r, case_categories[i].label);
		}
	form_select_error(r, "category", T(r, "Category"), cv, cl, nc, category,
	                  err ? web_error(r, err, "category") : NULL);
	form_field(r, &(struct field){.name = "subject",
	                              .label = T(r, "Subject"),
	                              .value = value_of(v, CASE_FORM_SUBJECT),
	                              .error = err ? web_error(r, err, "subject") : NULL,
	                              .maxlength = CASE_SUBJECT_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "description",
	                              .label = T(r, "Description"),
	                              .type = "textarea",
	                              .value = value_of(v, CASE_FORM_DESCRIPTION),
	                              .error = err ? web_error(r, err, "description") : NULL,
	                              .required = true});
}
