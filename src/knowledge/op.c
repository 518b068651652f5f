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
	(void)dom_audit(d, db, event, customer_id, detail);
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
	return dom_finish(db, status);
}
