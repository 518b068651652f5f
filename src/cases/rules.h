/*
 * The rules every channel of cases shares: the categories (SPEC §4) and
 * which of them a customer may pick, and which state changes staff may make.
 */
#ifndef MADOGUCHI_CASES_RULES_H
#define MADOGUCHI_CASES_RULES_H

#include <stdbool.h>

#include "core/i18n.h"
#include "store/cases.h"

struct case_category {
	const char *code;
	const char *label; /* msgid */
	bool customer_may_pick;
};

extern const struct case_category case_categories[];
extern const int case_categories_count;

const struct case_category *case_category_find(const char *code);
struct arena;
/*
 * The label of a state in lang; the working state's names the provider
 * ("{short name} 作業中"), made in the arena.
 */
const char *case_state_text(enum lang lang, enum case_state s, const char *short_name,
                            struct arena *a);
/* Whether staff may move a case from one state to another. */
bool case_staff_may_move(enum case_state from, enum case_state to);

#endif
