/* Audit and transactions of the work operations; see internal.h. */
#include "work/internal.h"
#include "domain/domain.h"
#include "mail/sender.h"
#include "store/audit.h"
#include "store/db.h"

int
work_audit(struct dom *d, struct db *db, const char *event, int64_t customer_id, const char *detail)
{
	return audit_add(db, &(struct audit_event){.event = event,
	                                           .actor_id = d->who.user_id,
	                                           .customer_id = customer_id,
	                                           .login = d->who.login,
	                                           .ip = d->who.ip,
	                                           .user_agent = d->who.user_agent,
	                                           .detail = detail});
}

int
work_commit(struct db *db, int st)
{
	if (st != DOM_OK || db_commit(db) != 0) {
		db_rollback(db);
		return st == DOM_OK ? DOM_ERROR : st;
	}
	mail_sender_kick();
	return DOM_OK;
}
