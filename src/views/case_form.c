/* The fields of a new case; see case_form.h. */
#include "views/case_form.h"
#include "cases/cases.h"
#include "core/arena.h"
#include "http/request.h"
#include "web/actor.h"
#include "web/form.h"

void
case_form_fields(struct req *r, bool staff, const char *category, const struct dom *err)
{
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
	                              .value = req_form(r, "subject"),
	                              .error = err ? web_error(r, err, "subject") : NULL,
	                              .maxlength = CASE_SUBJECT_MAX,
	                              .required = true});
	form_field(r, &(struct field){.name = "description",
	                              .label = T(r, "Description"),
	                              .type = "textarea",
	                              .value = req_form(r, "description"),
	                              .error = err ? web_error(r, err, "description") : NULL,
	                              .required = true});
}
