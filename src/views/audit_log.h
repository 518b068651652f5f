/*
 * The audit log (SPEC §9): the events of the trail with who, when, whose
 * and from where, filtered by customer (provider admins), user, kind and
 * days, 50 per page, and the ≡ export of the whole filtered list. One view
 * for the console's log (every customer) and the customer admins' own
 * (their company's events); accounts/audit_log.h decides what each reads.
 */
#ifndef MADOGUCHI_VIEWS_AUDIT_LOG_H
#define MADOGUCHI_VIEWS_AUDIT_LOG_H

struct req;

/* The page at base ("/console/audit" or "/audit"); its export is base + "/export". */
int audit_log_show(struct req *r, const char *base, const char *menu_id);
int audit_log_export(struct req *r, const char *base);

#endif
