/* The document-number allocator; see numbers.h. */
#include "store/numbers.h"
#include "store/db.h"

#include <stdint.h>
#include <stdio.h>

int
doc_number_next(struct db *db, const char *counter, const char *prefix, char out[DOC_NUMBER_MAX])
{
	struct dbq *q = db_query(db, STMT_COUNTER_NEXT);
	if (!q)
		return -1;
	q_bind_text(q, 1, counter);
	int rc = q_step(q);
	int64_t n = rc == DB_ROW ? q_int(q, 0) : -1;
	/* RETURNING: the statement is complete only once stepped to its end. */
	while (rc == DB_ROW)
		rc = q_step(q);
	q_end(q);
	if (n <= 0 || n > 9999999 || rc != DB_DONE)
		return -1;
	snprintf(out, DOC_NUMBER_MAX, "%s%07lld", prefix, (long long)n);
	return 0;
}
