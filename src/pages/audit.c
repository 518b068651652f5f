/*
 * 操作履歴: a customer admin's view of the audit trail, the events of their
 * own company (views/audit_log.h; accounts/audit_log.h says which).
 */
#include "pages/pages.h"
#include "views/audit_log.h"

/* GET /audit?actor=&kind=&from=&to=&page= */
int
page_audit(struct req *r)
{
	return audit_log_show(r, "/audit", "audit");
}

/* GET /audit/export?…&format=csv|xlsx|pdf (on the worker pool) */
int
page_audit_export(struct req *r)
{
	return audit_log_export(r, "/audit");
}
