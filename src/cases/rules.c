/* Categories and state rules of cases; see rules.h. */
#include "cases/rules.h"
#include "core/arena.h"
#include "core/i18n.h"

#include <string.h>

const struct case_category case_categories[] = {
    {"service", N_("About the service"), true},
    {"product", N_("About product specifications"), true},
    {"alert", N_("About alerts"), true},
    {"fault", N_("About a fault"), true},
    {"report_question", N_("About the monthly report"), true},
    {"other", N_("Other"), true},
    {"work", N_("Work request"), false},
    {"monthly_report", N_("Monthly report delivery"), false},
    {"alarm", N_("Alarm"), false},
    {"health_check", N_("Health check request (start of use)"), false},
    {"overage", N_("Credit overage"), false},
};
const int case_categories_count = sizeof(case_categories) / sizeof(case_categories[0]);

const struct case_category *
case_category_find(const char *code)
{
	for (int i = 0; code && i < case_categories_count; i++)
		if (strcmp(case_categories[i].code, code) == 0)
			return &case_categories[i];
	return NULL;
}

const char *
case_state_text(enum lang lang, enum case_state s, const char *short_name, struct arena *a)
{
	switch (s) {
	case CASE_NEW:
		return i18n_tr(lang, "New");
	case CASE_WORKING:
		return arena_printf(a, i18n_tr(lang, "%s working"), short_name);
	case CASE_AWAITING:
		return i18n_tr(lang, "Awaiting customer");
	case CASE_RESOLVED:
		return i18n_tr(lang, "Resolved (awaiting close)");
	case CASE_CLOSED:
		return i18n_tr(lang, "Closed");
	case CASE__MAX:
		break;
	}
	return "";
}

bool
case_staff_may_move(enum case_state from, enum case_state to)
{
	/* Closed is final: a new question is a new inquiry. */
	return from != CASE_CLOSED && to != from && (unsigned)to < CASE__MAX;
}
