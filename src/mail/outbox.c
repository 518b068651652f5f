/*
 * Rows of the outbox table (see outbox.h). Input is checked here, at the
 * moment a page queues a mail, so that a mail which could never be built
 * (header injection, a broken address) is refused to its caller instead of
 * failing forever in the sender.
 */
#include "mail/outbox.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/text.h"
#include "mail/message.h"
#include "store/db.h"
#include "store/rows.h"

#include <string.h>

int
outbox_add(struct db *db, const struct mail *m)
{
	const char *name = m->to_name ? m->to_name : "";
	if (!m->to_addr || !mail_addr_valid(m->to_addr)) {
		log_error("outbox: mail refused: invalid recipient address");
		return -1;
	}
	if (!m->subject || !mail_header_value_ok(m->subject) || !mail_header_value_ok(name)) {
		log_error("outbox: mail refused: CR, LF or invalid UTF-8 in a header");
		return -1;
	}
	size_t blen = m->body ? strlen(m->body) : 0;
	if (!m->body || blen > OUTBOX_BODY_MAX ||
	    !utf8_valid((const unsigned char *)m->body, blen)) {
		log_error("outbox: mail refused: body too large or not UTF-8");
		return -1;
	}
	const char *reply_to = m->reply_to ? m->reply_to : "";
	if (*reply_to && !mail_addr_valid(reply_to)) {
		log_error("outbox: mail refused: invalid reply address");
		return -1;
	}
	if ((unsigned)m->lang >= LANG__MAX) {
		log_error("outbox: mail refused: unknown language");
		return -1;
	}
	struct dbq *q = db_query(db, STMT_OUTBOX_INSERT);
	if (!q)
		return -1;
	int64_t now = clock_now();
	q_bind_int(q, 1, now);
	q_bind_text(q, 2, m->to_addr);
	q_bind_text(q, 3, name);
	q_bind_text(q, 4, lang_code(m->lang));
	q_bind_text(q, 5, m->subject);
	q_bind_text(q, 6, m->body);
	q_bind_int(q, 7, now);
	q_bind_text(q, 8, reply_to);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int
outbox_due(struct db *db, int64_t now, int64_t *ids, int max)
{
	struct dbq *q = db_query(db, STMT_OUTBOX_DUE);
	if (!q)
		return -1;
	q_bind_int(q, 1, now);
	q_bind_int(q, 2, now);
	q_bind_int(q, 3, max);
	return rows_ids(q, ids, max);
}

int
outbox_claim(struct db *db, int64_t id, int64_t now)
{
	struct dbq *q = db_query(db, STMT_OUTBOX_CLAIM);
	if (!q)
		return -1;
	q_bind_int(q, 1, now + OUTBOX_CLAIM_SECONDS);
	q_bind_int(q, 2, id);
	q_bind_int(q, 3, now);
	q_bind_int(q, 4, now);
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	return db_changes(db) == 1 ? 1 : 0;
}

int
outbox_get(struct db *db, int64_t id, struct arena *a, struct outbox_item *it)
{
	struct dbq *q = db_query(db, STMT_OUTBOX_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		memset(it, 0, sizeof(*it));
		it->id = id;
		it->created_at = q_int(q, 0);
		it->to_addr = q_text(q, 1, a);
		it->to_name = q_text(q, 2, a);
		if (lang_parse(q_text(q, 3, a), &it->lang) != 0)
			it->lang = LANG_JA; /* the CHECK constraint makes this unreachable */
		it->subject = q_text(q, 4, a);
		it->body = q_text(q, 5, a);
		it->attempts = q_int(q, 6);
		it->next_attempt_at = q_int(q, 7);
		it->claimed_until = q_int(q, 8);
		it->sent_at = q_int(q, 9);
		it->last_error = q_text(q, 10, a);
		it->reply_to = q_text(q, 11, a);
	}
	q_end(q);
	return rc == DB_ROW ? 0 : -1;
}

int
outbox_mark_sent(struct db *db, int64_t id, int64_t now)
{
	struct dbq *q = db_query(db, STMT_OUTBOX_SENT);
	if (!q)
		return -1;
	q_bind_int(q, 1, now);
	q_bind_int(q, 2, id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int64_t
outbox_backoff(int64_t n)
{
	int64_t wait = OUTBOX_BACKOFF_FIRST;
	for (int64_t i = 1; i < n && wait < OUTBOX_BACKOFF_MAX; i++)
		wait *= 2;
	return wait < OUTBOX_BACKOFF_MAX ? wait : OUTBOX_BACKOFF_MAX;
}

int
outbox_mark_failed(struct db *db, int64_t id, int64_t attempts, const char *error, int64_t now)
{
	struct dbq *q = db_query(db, STMT_OUTBOX_FAILED);
	if (!q)
		return -1;
	q_bind_text(q, 1, error && *error ? error : "unknown error");
	q_bind_int(q, 2, now + outbox_backoff(attempts + 1));
	q_bind_int(q, 3, id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int64_t
outbox_pending(struct db *db)
{
	struct dbq *q = db_query(db, STMT_OUTBOX_PENDING);
	if (!q)
		return -1;
	int64_t n = q_step(q) == DB_ROW ? q_int(q, 0) : -1;
	q_end(q);
	return n;
}
