/* The console's audit log: every event of the portal (views/audit_log.h). */
#include "agent/console.h"
#include "views/audit_log.h"

/* GET /console/audit?customer=&actor=&kind=&from=&to=&page= */
int
page_console_audit(struct req *r)
{
	return audit_log_show(r, "/console/audit", "console-audit");
}

/* GET /console/audit/export?…&format=csv|xlsx|pdf (on the worker pool) */
int
page_console_audit_export(struct req *r)
{
	return audit_log_export(r, "/console/audit");
}
