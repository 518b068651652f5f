/*
 * The audit log's queries; see audit_log.h. The statement is built from
 * fixed fragments, one "event = ?" or "event LIKE ?" per kind, with every
 * value bound.
 */
#include "store/audit_log.h"

#include <string.h>

#include "core/arena.h"
#include "core/buf.h"
#include "store/db.h"

#define COLUMNS                                                                                    \
	"a.at, a.event, a.login, a.actor_name, COALESCE(cu.number, ''), COALESCE(cu.name, ''), "   \
	"a.ip, a.detail"

static bool
is_family(const char *kind)
{
	size_t n = strlen(kind);
	return n && kind[n - 1] == '.';
}

static struct dbq *
prepare(struct db *db, const struct audit_filter *f, bool count, bool paged)
{
	struct buf sql = {0};
	buf_puts(&sql, count ? "SELECT COUNT(*)" : "SELECT " COLUMNS);
	buf_puts(&sql, " FROM audit_events a LEFT JOIN customers cu ON cu.id = a.customer_id "
	               "WHERE a.at >= ? AND a.at < ?");
	if (f->customer_id)
		buf_puts(&sql, " AND a.customer_id = ?");
	if (f->actor_id)
		buf_puts(&sql, " AND a.actor_id = ?");
	for (int i = 0; i < f->nkinds; i++) {
		buf_puts(&sql, i ? " OR " : " AND (");
		buf_puts(&sql,
		         is_family(f->kinds[i]) ? "a.event LIKE ? ESCAPE '\\'" : "a.event = ?");
	}
	if (f->nkinds)
		buf_puts(&sql, ")");
	if (!count)
		buf_puts(&sql, " ORDER BY a.at DESC, a.id DESC");
	if (paged)
		buf_puts(&sql, " LIMIT ? OFFSET ?");
	struct dbq *q = db_prepare(db, sql.p);
	buf_free(&sql);
	if (!q)
		return NULL;
	int i = 1;
	q_bind_int(q, i++, f->from);
	q_bind_int(q, i++, f->to);
	if (f->customer_id)
		q_bind_int(q, i++, f->customer_id);
	if (f->actor_id)
		q_bind_int(q, i++, f->actor_id);
	for (int k = 0; k < f->nkinds; k++) {
		if (is_family(f->kinds[k])) {
			/* "case." → "case.%", with LIKE's own characters escaped. */
			struct buf p = {0};
			for (const char *s = f->kinds[k]; *s; s++) {
				if (*s == '%' || *s == '_' || *s == '\\')
					buf_putc(&p, '\\');
				buf_putc(&p, *s);
			}
			buf_putc(&p, '%');
			q_bind_text(q, i++, p.p);
			buf_free(&p);
		} else {
			q_bind_text(q, i++, f->kinds[k]);
		}
	}
	return q;
}

int64_t
audit_log_count(struct db *db, const struct audit_filter *f)
{
	struct dbq *q = prepare(db, f, true, false);
	if (!q)
		return -1;
	int64_t n = q_step(q) == DB_ROW ? q_int(q, 0) : -1;
	q_finalize(q);
	return n;
}

static void
row_of(struct dbq *q, struct arena *a, struct audit_row *r)
{
	r->at = q_int(q, 0);
	r->event = q_text(q, 1, a);
	r->login = q_text(q, 2, a);
	r->actor_name = q_text(q, 3, a);
	r->customer_number = q_text(q, 4, a);
	r->customer_name = q_text(q, 5, a);
	r->ip = q_text(q, 6, a);
	r->detail = q_text(q, 7, a);
}

int
audit_log_page(struct db *db, const struct audit_filter *f, int64_t limit, int64_t offset,
               struct arena *a, struct audit_row **out)
{
	struct dbq *q = prepare(db, f, false, true);
	if (!q)
		return -1;
	int n = 2 + (f->customer_id != 0) + (f->actor_id != 0) + f->nkinds;
	q_bind_int(q, n + 1, limit);
	q_bind_int(q, n + 2, offset);
	struct audit_row *rows = arena_alloc(a, (size_t)(limit > 0 ? limit : 1) * sizeof(*rows));
	int got = 0, rc = DB_DONE;
	while (got < limit && (rc = q_step(q)) == DB_ROW)
		row_of(q, a, &rows[got++]);
	q_finalize(q);
	*out = rows;
	return rc == DB_ERROR ? -1 : got;
}

int
audit_log_each(struct db *db, const struct audit_filter *f,
               int (*fn)(void *ctx, const struct audit_row *row), void *ctx)
{
	struct dbq *q = prepare(db, f, false, false);
	if (!q)
		return -1;
	int rc, status = 0;
	struct arena *a = arena_new();
	while (status == 0 && (rc = q_step(q)) == DB_ROW) {
		struct audit_row row;
		row_of(q, a, &row);
		status = fn(ctx, &row);
		arena_free(a); /* one row's strings at a time */
		a = arena_new();
	}
	if (status == 0 && rc == DB_ERROR)
		status = -1;
	q_finalize(q);
	arena_free(a);
	return status;
}
