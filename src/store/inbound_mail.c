/* Rows of inbound_mail and the lookups of replies by e-mail; see inbound_mail.h. */
#include "store/inbound_mail.h"
#include "core/clock.h"
#include "store/db.h"

static void
bind_opt(struct dbq *q, int i, int64_t v)
{
	if (v > 0)
		q_bind_int(q, i, v);
	else
		q_bind_null(q, i);
}

int
inbound_record(struct db *db, const struct inbound_row *r)
{
	struct dbq *q = db_query(db, STMT_INBOUND_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, clock_now());
	q_bind_text(q, 2, r->msg_key);
	q_bind_text(q, 3, r->from_addr ? r->from_addr : "");
	q_bind_text(q, 4, r->subject ? r->subject : "");
	q_bind_text(q, 5, r->outcome);
	q_bind_text(q, 6, r->reason ? r->reason : "");
	bind_opt(q, 7, r->case_id);
	bind_opt(q, 8, r->user_id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 1 : rc == DB_CONSTRAINT ? 0 : -1;
}

int
inbound_case(struct db *db, int64_t case_id, struct arena *a, const char **number,
             int64_t *customer_id)
{
	struct dbq *q = db_query(db, STMT_INBOUND_CASE);
	if (!q)
		return -1;
	q_bind_int(q, 1, case_id);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		*number = q_text(q, 0, a);
		*customer_id = q_int(q, 1);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int64_t
inbound_contact(struct db *db, int64_t customer_id, const char *email)
{
	struct dbq *q = db_query(db, STMT_INBOUND_CONTACT);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	q_bind_int(q, 2, customer_id);
	q_bind_text(q, 3, email);
	int rc = q_step(q);
	int64_t id = rc == DB_ROW ? q_int(q, 0) : rc == DB_DONE ? 0 : -1;
	q_end(q);
	return id;
}

int64_t
activity_last_id(struct db *db, int64_t case_id)
{
	struct dbq *q = db_query(db, STMT_ACTIVITY_LAST_ID);
	if (!q)
		return -1;
	q_bind_int(q, 1, case_id);
	int64_t id = q_step(q) == DB_ROW ? q_int(q, 0) : -1;
	q_end(q);
	return id;
}

int
activity_mark_via(struct db *db, int64_t case_id, int64_t after_id, const char *via)
{
	struct dbq *q = db_query(db, STMT_ACTIVITY_MARK_VIA);
	if (!q)
		return -1;
	q_bind_text(q, 1, via);
	q_bind_int(q, 2, case_id);
	q_bind_int(q, 3, after_id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}
