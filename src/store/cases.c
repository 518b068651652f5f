/* Rows of cases, case_activity, attachments, case_filters and case_search. */
#include "store/cases.h"
#include "core/arena.h"
#include "core/clock.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/file_ref.h"
#include "store/numbers.h"
#include "store/fts_scoped.h"

#include <stdio.h>
#include <string.h>

static const char *const state_codes[CASE__MAX] = {"new", "working", "awaiting", "resolved",
                                                   "closed"};

const char *
case_state_code(enum case_state s)
{
	return (unsigned)s < CASE__MAX ? state_codes[s] : "new";
}

int
case_state_parse(const char *code)
{
	for (int i = 0; code && i < CASE__MAX; i++)
		if (strcmp(code, state_codes[i]) == 0)
			return i;
	return -1;
}

_Static_assert(FTS_SCOPE_BYTES + 1 == 10, "case_scope_token's buffer");

void
case_scope_token(int64_t customer_id, char out[10])
{
	if (fts_scope_token(customer_id, out) != 0)
		fts_scope_token(0, out); /* no customer: finds nothing */
}

/*
 * Indexes text of a case for its customer's keyword search: the case's own
 * fields (STMT_CASE_SEARCH_INSERT_CASE) or a public comment, never an
 * internal note (_COMMENT, after the comment's activity row, in the same
 * transaction: its rowid counts the case's comments). The statements put
 * the customer's scope token in front (migration 0008).
 */
static int
search_add(struct db *db, enum stmt_id id, int64_t case_id, int64_t customer_id, const char *body)
{
	struct dbq *q = db_query(db, id);
	if (!q)
		return -1;
	q_bind_int(q, 1, case_id);
	q_bind_int(q, 2, customer_id);
	q_bind_text(q, 3, body);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

static void
bind_opt(struct dbq *q, int i, int64_t v)
{
	if (v)
		q_bind_int(q, i, v);
	else
		q_bind_null(q, i);
}

static int64_t
activity_add(struct db *db, int64_t case_id, int64_t author_id, const char *kind, const char *body,
             const char *old_state, const char *new_state, int64_t attachment_id)
{
	struct dbq *q = db_query(db, STMT_ACTIVITY_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, case_id);
	q_bind_int(q, 2, clock_now());
	bind_opt(q, 3, author_id);
	q_bind_text(q, 4, kind);
	q_bind_text(q, 5, body ? body : "");
	q_bind_text(q, 6, old_state);
	q_bind_text(q, 7, new_state);
	bind_opt(q, 8, attachment_id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? db_last_id(db) : -1;
}

static int
touch(struct db *db, int64_t case_id)
{
	struct dbq *q = db_query(db, STMT_CASE_TOUCH);
	if (!q)
		return -1;
	q_bind_int(q, 1, clock_now());
	q_bind_int(q, 2, case_id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int64_t
case_create(struct db *db, const struct new_case *nc, char number_out[16])
{
	if (doc_number_next(db, "case", "CS", number_out) != 0)
		return -1;
	struct dbq *q = db_query(db, STMT_CASE_INSERT);
	if (!q)
		return -1;
	int64_t now = clock_now();
	q_bind_text(q, 1, number_out);
	q_bind_int(q, 2, nc->customer_id);
	bind_opt(q, 3, nc->service_id);
	bind_opt(q, 4, nc->contact_id);
	q_bind_text(q, 5, nc->category);
	q_bind_text(q, 6, "new");
	q_bind_text(q, 7, nc->subject);
	q_bind_text(q, 8, nc->description);
	q_bind_int(q, 9, now);
	q_bind_int(q, 10, now);
	q_bind_int(q, 11, nc->customer_id);
	bind_opt(q, 12, nc->service_id);
	q_bind_int(q, 13, nc->customer_id);
	bind_opt(q, 14, nc->service_id);
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	int64_t id = db_last_id(db);
	struct arena *a = arena_new();
	char *body = arena_printf(a, "%s\n%s\n%s", number_out, nc->subject, nc->description);
	int ok = activity_add(db, id, nc->author_id, "created", NULL, NULL, "new", 0) > 0 &&
	         search_add(db, STMT_CASE_SEARCH_INSERT_CASE, id, nc->customer_id, body) == 0;
	arena_free(a);
	return ok ? id : -1;
}

int
case_get(struct db *db, const char *number, int64_t customer_id, struct arena *a,
         struct case_row *out)
{
	struct dbq *q = db_query(db, STMT_CASE_GET);
	if (!q)
		return -1;
	q_bind_text(q, 1, number);
	q_bind_int(q, 2, customer_id);
	q_bind_int(q, 3, customer_id);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		out->id = q_int(q, 0);
		out->number = q_text(q, 1, a);
		out->customer_id = q_int(q, 2);
		out->customer_number = q_text(q, 3, a);
		out->customer_name = q_text(q, 4, a);
		out->service_id = q_int(q, 5);
		out->service_ja = q_text(q, 6, a);
		out->service_en = q_text(q, 7, a);
		out->contact_id = q_int(q, 8);
		out->contact_name = q_text(q, 9, a);
		out->category = q_text(q, 10, a);
		int st = case_state_parse(q_text(q, 11, a));
		out->state = st < 0 ? CASE_NEW : (enum case_state)st;
		out->subject = q_text(q, 12, a);
		out->description = q_text(q, 13, a);
		out->assignee_id = q_int(q, 14);
		out->assignee_name = q_text(q, 15, a);
		out->created_at = q_int(q, 16);
		out->updated_at = q_int(q, 17);
		out->resolved_at = q_int(q, 18);
		case_clock_columns(q, 19, out);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

void
case_clock_columns(struct dbq *q, int col, struct case_row *out)
{
	out->closed_at = q_int(q, col);
	out->response_target_min = q_int(q, col + 1);
	out->resolution_target_min = q_int(q, col + 2);
	out->first_response_at = q_int(q, col + 3);
	out->paused_secs = q_int(q, col + 4);
	out->paused_since = q_int(q, col + 5);
}

int
case_set_state(struct db *db, const struct case_row *c, enum case_state to, bool pause,
               int64_t author_id)
{
	struct dbq *q = db_query(db, STMT_CASE_SET_STATE);
	if (!q)
		return -1;
	int64_t now = clock_now();
	q_bind_text(q, 1, case_state_code(to));
	q_bind_int(q, 2, now);
	bind_opt(q, 3, to == CASE_CLOSED ? now : 0);
	bind_opt(q, 4, to == CASE_RESOLVED ? now : 0);
	q_bind_int(q, 5, pause);
	q_bind_int(q, 6, now);
	q_bind_int(q, 7, pause);
	q_bind_int(q, 8, now);
	q_bind_int(q, 9, c->id);
	q_bind_text(q, 10, case_state_code(c->state));
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	if (db_changes(db) != 1)
		return 0; /* someone changed it meanwhile */
	return activity_add(db, c->id, author_id, "state", NULL, case_state_code(c->state),
	                    case_state_code(to), 0) > 0
	           ? 1
	           : -1;
}

int
case_mark_responded(struct db *db, int64_t case_id, int64_t at)
{
	struct dbq *q = db_query(db, STMT_CASE_MARK_RESPONDED);
	if (!q)
		return -1;
	q_bind_int(q, 1, at);
	q_bind_int(q, 2, case_id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

int64_t
case_add_comment(struct db *db, const struct case_row *c, int64_t author_id, const char *body,
                 bool internal)
{
	int64_t id =
	    activity_add(db, c->id, author_id, internal ? "note" : "comment", body, NULL, NULL, 0);
	if (id <= 0 || touch(db, c->id) != 0)
		return -1;
	if (!internal &&
	    search_add(db, STMT_CASE_SEARCH_INSERT_COMMENT, c->id, c->customer_id, body) != 0)
		return -1;
	return id;
}

int
case_assign(struct db *db, const struct case_row *c, int64_t assignee_id, int64_t author_id)
{
	struct dbq *q = db_query(db, STMT_CASE_ASSIGN);
	if (!q)
		return -1;
	bind_opt(q, 1, assignee_id);
	q_bind_int(q, 2, clock_now());
	q_bind_int(q, 3, c->id);
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	return activity_add(db, c->id, author_id, "assign", NULL, NULL, NULL, 0) > 0 ? 0 : -1;
}

static void
activity_fill(struct dbq *q, struct arena *a, void *p)
{
	struct activity_row *v = p;
	v->id = q_int(q, 0);
	v->at = q_int(q, 1);
	v->kind = q_text(q, 2, a);
	v->body = q_text(q, 3, a);
	v->old_state = q_text(q, 4, a);
	v->new_state = q_text(q, 5, a);
	v->author = q_text(q, 6, a);
	v->by_staff = q_int(q, 7) != 0;
	v->attachment_id = q_int(q, 8);
	v->filename = q_text(q, 9, a);
	v->via = q_text(q, 10, a);
}

int
case_activity(struct db *db, int64_t case_id, bool staff, struct arena *a,
              struct activity_row **out)
{
	struct dbq *q = db_query(db, STMT_ACTIVITY_LIST);
	if (!q)
		return -1;
	q_bind_int(q, 1, case_id);
	q_bind_int(q, 2, staff);
	int n;
	*out = rows_collect(q, a, sizeof(**out), activity_fill, &n);
	return n;
}

int64_t
case_attach(struct db *db, const struct case_row *c, const struct file_ref *f, bool internal,
            int64_t author_id)
{
	struct dbq *q = db_query(db, STMT_ATTACHMENT_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, c->customer_id);
	q_bind_int(q, 2, c->id);
	q_bind_text(q, 3, f->sha256);
	q_bind_int(q, 4, (int64_t)f->size);
	q_bind_text(q, 5, f->mime);
	q_bind_text(q, 6, f->filename);
	q_bind_int(q, 7, internal);
	bind_opt(q, 8, author_id);
	q_bind_int(q, 9, clock_now());
	int rc = q_step(q);
	q_end(q);
	if (rc != DB_DONE)
		return -1;
	int64_t id = db_last_id(db);
	if (activity_add(db, c->id, author_id, "attachment", NULL, NULL, NULL, id) <= 0 ||
	    touch(db, c->id) != 0)
		return -1;
	return id;
}

static void
attachment_fill(struct dbq *q, struct arena *a, void *p)
{
	struct attachment_row *f = p;
	f->id = q_int(q, 0);
	f->filename = q_text(q, 1, a);
	f->size = q_int(q, 2);
	f->mime = q_text(q, 3, a);
	f->internal = q_int(q, 4) != 0;
	f->created_at = q_int(q, 5);
	f->sha256 = q_text(q, 6, a);
}

int
case_attachments(struct db *db, int64_t case_id, bool staff, struct arena *a,
                 struct attachment_row **out)
{
	struct dbq *q = db_query(db, STMT_ATTACHMENTS_OF_CASE);
	if (!q)
		return -1;
	q_bind_int(q, 1, case_id);
	q_bind_int(q, 2, staff);
	int n;
	*out = rows_collect(q, a, sizeof(**out), attachment_fill, &n);
	return n;
}

int
case_attachment_get(struct db *db, const char *case_number, int64_t attachment_id,
                    int64_t customer_id, struct arena *a, struct attachment_row *out)
{
	struct dbq *q = db_query(db, STMT_ATTACHMENT_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, attachment_id);
	q_bind_text(q, 2, case_number);
	q_bind_int(q, 3, customer_id);
	q_bind_int(q, 4, customer_id);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		memset(out, 0, sizeof(*out));
		out->id = q_int(q, 0);
		out->filename = q_text(q, 1, a);
		out->size = q_int(q, 2);
		out->mime = q_text(q, 3, a);
		out->sha256 = q_text(q, 4, a);
		out->internal = q_int(q, 5) != 0;
		out->case_number = q_text(q, 6, a);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

int
filters_save(struct db *db, int64_t user_id, const char *name, const char *query)
{
	struct dbq *q = db_query(db, STMT_FILTER_SAVE);
	if (!q)
		return -1;
	q_bind_int(q, 1, user_id);
	q_bind_text(q, 2, name);
	q_bind_text(q, 3, query);
	q_bind_int(q, 4, clock_now());
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

static void
filter_fill(struct dbq *q, struct arena *a, void *p)
{
	struct saved_filter *f = p;
	f->id = q_int(q, 0);
	f->name = q_text(q, 1, a);
	f->query = q_text(q, 2, a);
}

int
filters_of_user(struct db *db, int64_t user_id, struct arena *a, struct saved_filter **out)
{
	struct dbq *q = db_query(db, STMT_FILTERS_OF_USER);
	if (!q)
		return -1;
	q_bind_int(q, 1, user_id);
	int n;
	*out = rows_collect(q, a, sizeof(**out), filter_fill, &n);
	return n;
}

int
filters_delete(struct db *db, int64_t user_id, int64_t id)
{
	struct dbq *q = db_query(db, STMT_FILTER_DELETE);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	q_bind_int(q, 2, user_id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

/* A member of staff: id and name. */
static void
staff_fill(struct dbq *q, struct arena *a, void *p)
{
	struct person *v = p;
	v->id = q_int(q, 0);
	v->name = q_text(q, 1, a);
	v->email = "";
	v->lang = "ja";
}

/* A contact: id, name, address and language. */
static void
contact_fill(struct dbq *q, struct arena *a, void *p)
{
	struct person *v = p;
	v->id = q_int(q, 0);
	v->name = q_text(q, 1, a);
	v->email = q_text(q, 2, a);
	v->lang = q_text(q, 3, a);
}

static int
people(struct dbq *q, struct arena *a, struct person **out, row_fill fill)
{
	int n;
	*out = rows_collect(q, a, sizeof(**out), fill, &n);
	return n;
}

int
staff_list(struct db *db, struct arena *a, struct person **out)
{
	struct dbq *q = db_query(db, STMT_STAFF_LIST);
	return q ? people(q, a, out, staff_fill) : -1;
}

int
customer_people(struct db *db, int64_t customer_id, struct arena *a, struct person **out)
{
	struct dbq *q = db_query(db, STMT_CUSTOMER_CONTACTS);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	return people(q, a, out, contact_fill);
}

int
file_referenced(struct db *db, const char *sha256)
{
	struct dbq *q = db_query(db, STMT_FILE_REFERENCED);
	if (!q)
		return -1;
	q_bind_text(q, 1, sha256);
	q_bind_text(q, 2, sha256);
	int rc = q_step(q);
	int v = rc == DB_ROW ? (q_int(q, 0) != 0) : -1;
	q_end(q);
	return v;
}

int
cases_resolved_before(struct db *db, int64_t before, bool unwarned_only, int limit, struct arena *a,
                      const char ***numbers)
{
	struct dbq *q = db_query(db, STMT_CASES_RESOLVED_BEFORE);
	if (!q)
		return -1;
	q_bind_int(q, 1, before);
	q_bind_int(q, 2, unwarned_only);
	q_bind_int(q, 3, limit);
	const char **out = arena_alloc(a, (size_t)limit * sizeof(*out));
	int n = 0, rc = DB_DONE;
	while (n < limit && (rc = q_step(q)) == DB_ROW)
		out[n++] = q_text(q, 0, a);
	q_end(q);
	*numbers = out;
	return rc == DB_ERROR ? -1 : n;
}

int
case_mark_warned(struct db *db, int64_t case_id)
{
	struct dbq *q = db_query(db, STMT_CASE_MARK_WARNED);
	if (!q)
		return -1;
	q_bind_int(q, 1, clock_now());
	q_bind_int(q, 2, case_id);
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

/* A case's clock, for the figures: its state, its opening and CASE_CLOCK_COLUMNS. */
static void
clock_fill(struct dbq *q, struct arena *a, void *p)
{
	struct case_row *c = p;
	int st = case_state_parse(q_text(q, 0, a));
	c->state = st < 0 ? CASE_NEW : (enum case_state)st;
	c->created_at = q_int(q, 1);
	case_clock_columns(q, 2, c);
}

int
case_clocks_opened(struct db *db, int64_t customer_id, int64_t from, int64_t to, struct arena *a,
                   struct case_row **out)
{
	struct dbq *q = db_query(db, STMT_CASE_CLOCKS_OPENED);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	q_bind_int(q, 2, from);
	q_bind_int(q, 3, to);
	int n;
	struct case_row *rows = rows_collect(q, a, sizeof(*rows), clock_fill, &n);
	for (int i = 0; i < n; i++)
		rows[i].customer_id = customer_id;
	*out = rows;
	return n;
}
