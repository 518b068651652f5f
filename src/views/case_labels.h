/*
 * How a case reads to the user: the labels of states and categories in the
 * user's language, times in the user's zone, the service name, and the
 * download of a stored attachment.
 */
#ifndef MADOGUCHI_VIEWS_CASE_LABELS_H
#define MADOGUCHI_VIEWS_CASE_LABELS_H

#include <stdint.h>

#include "cases/rules.h"
#include "store/cases.h"

struct req;

/* The label of a state; "working" reads "{provider short name} 作業中". */
const char *case_state_label(struct req *r, enum case_state s);
/* The label of a category code (the code itself when unknown). */
const char *case_category_label(struct req *r, const char *code);
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
