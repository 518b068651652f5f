/*
 * The name people read for each kind of audit event ("auth.login" is
 * ログイン). One table for the login history, its exports and, later, the
 * audit log viewer; scripts/check-events fails the tests when an operation
 * records a kind this table does not name.
 */
#ifndef MADOGUCHI_VIEWS_EVENT_LABELS_H
#define MADOGUCHI_VIEWS_EVENT_LABELS_H

#include <stddef.h>

/* The label's msgid for event; for an unknown kind, a generic "Other event". */
const char *event_label_msgid(const char *event);
/* The kinds the table names, for tests: the count, and the i-th kind. */
size_t event_kinds_count(void);
const char *event_kind(size_t i);

#endif
