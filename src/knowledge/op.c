/* What the knowledge operations share; see op.h. */
#include "knowledge/op.h"
#include "domain/domain.h"
#include "knowledge/knowledge.h"
#include "store/audit.h"
#include "store/db.h"

bool
knowledge_may_author(const struct dom *d)
{
	return d->who.staff && d->who.user_id != 0;
}

void
kb_op_audit(struct dom *d, struct db *db, const char *event, const char *detail,
            int64_t customer_id)
{
	struct audit_event ev = {.event = event,
	                         .actor_id = d->who.user_id,
	                         .customer_id = customer_id,
	                         .login = d->who.login,
	                         .ip = d->who.ip,
	                         .user_agent = d->who.user_agent,
	                         .detail = detail};
	(void)audit_add(db, &ev);
}

struct db *
kb_op_begin(void)
{
	struct db *db = db_thread();
	return db && db_begin(db) == 0 ? db : NULL;
}

int
kb_op_end(struct db *db, int status)
{
	if (status == DOM_OK && db_commit(db) == 0)
		return DOM_OK;
	db_rollback(db);
	return status == DOM_OK ? DOM_ERROR : status;
}
