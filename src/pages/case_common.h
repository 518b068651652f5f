/*
 * What the case pages share: the labels of states and categories in the
 * user's language (SPEC §4), which categories a customer may pick, and the
 * rules of which state changes who may make.
 */
#ifndef MADOGUCHI_PAGES_CASE_COMMON_H
#define MADOGUCHI_PAGES_CASE_COMMON_H

#include <stdbool.h>

#include "store/cases.h"

struct req;

struct case_category {
	const char *code;
	const char *label; /* msgid */
	bool customer_may_pick;
};

extern const struct case_category case_categories[];
extern const int case_categories_count;

/* The label of a state; "working" reads "{provider short name} 作業中". */
const char *case_state_label(struct req *r, enum case_state s);
/* The label of a category code (the code itself when unknown). */
const char *case_category_label(struct req *r, const char *code);
const struct case_category *case_category_find(const char *code);
/* Whether staff may move a case from one state to another. */
bool case_staff_may_move(enum case_state from, enum case_state to);
/* The local time of t for the user, "YYYY-MM-DD HH:MM:SS", in the arena. */
const char *case_time(struct req *r, int64_t t);
/* The service name in the user's language. */
const char *case_service_name(struct req *r, const struct case_row *c);
/*
 * Answers with a stored attachment (of a case or of a work request) as a
 * download, streamed from the file store. The caller has checked that the
 * user may have it.
 */
int case_send_attachment(struct req *r, const struct attachment_row *f);

#endif
