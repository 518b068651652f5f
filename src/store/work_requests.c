/* Rows of work_items, work_item_fields, work_requests and their answers and files. */
#include "store/work_requests.h"
#include "core/arena.h"
#include "core/clock.h"
#include "store/db.h"
#include "store/rows.h"
#include "store/file_ref.h"
#include "store/numbers.h"

#include <stdio.h>
#include <string.h>

static const char *const kind_codes[WF__MAX] = {"text", "textarea", "choice", "date", "checkbox"};

const char *
work_field_kind_code(enum work_field_kind k)
{
	return (unsigned)k < WF__MAX ? kind_codes[k] : "text";
}

int
work_field_kind_parse(const char *code)
{
	for (int i = 0; code && i < WF__MAX; i++)
		if (strcmp(code, kind_codes[i]) == 0)
			return i;
	return -1;
}

const char *
work_item_label(struct arena *a, int position, const char *name)
{
	return arena_printf(a, "%d. %s", position, name);
}

int
work_choices(struct arena *a, const char *text, const char ***out)
{
	int n = 0;
	for (const char *p = text; *p; p++)
		n += *p == '\n';
	const char **v = arena_alloc(a, ((size_t)n + 2) * sizeof(*v));
	n = 0;
	for (const char *p = text; *p;) {
		const char *nl = strchr(p, '\n');
		const char *end = nl ? nl : p + strlen(p);
		const char *s = p;
		while (s < end && (*s == ' ' || *s == '\t'))
			s++;
		const char *e = end;
		while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
			e--;
		if (e > s)
			v[n++] = arena_strndup(a, s, (size_t)(e - s));
		p = nl ? nl + 1 : end;
	}
	*out = v;
	return n;
}

/* Runs a statement that returns no rows; 0 or -1. */
static int
done(struct dbq *q)
{
	int rc = q_step(q);
	q_end(q);
	return rc == DB_DONE ? 0 : -1;
}

/* --- items --- */

static void
item_row(struct dbq *q, struct arena *a, void *p)
{
	struct work_item *it = p;
	it->id = q_int(q, 0);
	it->service_id = q_int(q, 1);
	it->position = (int)q_int(q, 2);
	it->points = (int)q_int(q, 3);
	it->retired = q_int(q, 4) != 0;
	it->name_ja = q_text(q, 5, a);
	it->name_en = q_text(q, 6, a);
	it->description_ja = q_text(q, 7, a);
	it->description_en = q_text(q, 8, a);
	it->service_ja = q_text(q, 9, a);
	it->service_en = q_text(q, 10, a);
}

static int
items(struct dbq *q, struct arena *a, struct work_item **out)
{
	int n;
	*out = rows_collect(q, a, sizeof(**out), item_row, &n);
	return n;
}

static int
one_item(struct dbq *q, struct arena *a, struct work_item *out)
{
	return row_one(q, a, item_row, out);
}

int
work_items_all(struct db *db, struct arena *a, struct work_item **out)
{
	struct dbq *q = db_query(db, STMT_WI_ALL);
	return q ? items(q, a, out) : -1;
}

int
work_item_get(struct db *db, int64_t id, struct arena *a, struct work_item *out)
{
	struct dbq *q = db_query(db, STMT_WI_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, id);
	return one_item(q, a, out);
}

int64_t
work_item_create(struct db *db, const struct work_item_input *in)
{
	struct dbq *q = db_query(db, STMT_WI_INSERT);
	if (!q)
		return -1;
	int64_t now = clock_now();
	q_bind_int(q, 1, in->service_id);
	q_bind_int(q, 2, in->service_id);
	q_bind_text(q, 3, in->name_ja);
	q_bind_text(q, 4, in->name_en);
	q_bind_text(q, 5, in->description_ja);
	q_bind_text(q, 6, in->description_en);
	q_bind_int(q, 7, in->points);
	q_bind_int(q, 8, now);
	q_bind_int(q, 9, now);
	return done(q) == 0 ? db_last_id(db) : -1;
}

int
work_item_update(struct db *db, int64_t id, const struct work_item_input *in)
{
	struct dbq *q = db_query(db, STMT_WI_UPDATE);
	if (!q)
		return -1;
	q_bind_int(q, 1, in->service_id);
	q_bind_int(q, 2, in->service_id);
	q_bind_int(q, 3, in->service_id);
	q_bind_text(q, 4, in->name_ja);
	q_bind_text(q, 5, in->name_en);
	q_bind_text(q, 6, in->description_ja);
	q_bind_text(q, 7, in->description_en);
	q_bind_int(q, 8, in->points);
	q_bind_int(q, 9, clock_now());
	q_bind_int(q, 10, id);
	return done(q);
}

/* The neighbour (id, position) of a row in a list ordered by position: 1, 0 none, -1. */
static int
neighbour(struct db *db, enum stmt_id sid, int64_t list_id, int position, int64_t *id, int *pos)
{
	struct dbq *q = db_query(db, sid);
	if (!q)
		return -1;
	q_bind_int(q, 1, list_id);
	q_bind_int(q, 2, position);
	int rc = q_step(q);
	if (rc == DB_ROW) {
		*id = q_int(q, 0);
		*pos = (int)q_int(q, 1);
	}
	q_end(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static int
set_item_position(struct db *db, int64_t id, int position)
{
	struct dbq *q = db_query(db, STMT_WI_SET_POSITION);
	if (!q)
		return -1;
	q_bind_int(q, 1, position);
	q_bind_int(q, 2, clock_now());
	q_bind_int(q, 3, id);
	return done(q);
}

int
work_item_move(struct db *db, int64_t id, bool up)
{
	struct arena *a = arena_new();
	struct work_item it;
	int rc = work_item_get(db, id, a, &it);
	int64_t other = 0;
	int pos = 0;
	if (rc == 1)
		rc = neighbour(db, up ? STMT_WI_NEIGHBOUR_UP : STMT_WI_NEIGHBOUR_DOWN,
		               it.service_id, it.position, &other, &pos);
	if (rc == 1 &&
	    (set_item_position(db, id, pos) != 0 || set_item_position(db, other, it.position) != 0))
		rc = -1;
	arena_free(a);
	return rc;
}

int
work_item_set_retired(struct db *db, int64_t id, bool retired)
{
	struct dbq *q = db_query(db, STMT_WI_SET_RETIRED);
	if (!q)
		return -1;
	q_bind_int(q, 1, retired);
	q_bind_int(q, 2, clock_now());
	q_bind_int(q, 3, id);
	return done(q);
}

/* --- fields --- */

static void
field_row(struct dbq *q, struct arena *a, void *p)
{
	struct work_field *f = p;
	f->id = q_int(q, 0);
	f->item_id = q_int(q, 1);
	f->position = (int)q_int(q, 2);
	int k = work_field_kind_parse(q_text(q, 3, a));
	f->kind = k < 0 ? WF_TEXT : (enum work_field_kind)k;
	f->label_ja = q_text(q, 4, a);
	f->label_en = q_text(q, 5, a);
	f->choices_ja = q_text(q, 6, a);
	f->choices_en = q_text(q, 7, a);
	f->required = q_int(q, 8) != 0;
	f->retired = q_int(q, 9) != 0;
}

int
work_fields_of(struct db *db, int64_t item_id, bool with_retired, struct arena *a,
               struct work_field **out)
{
	struct dbq *q = db_query(db, STMT_WF_OF_ITEM);
	if (!q)
		return -1;
	q_bind_int(q, 1, item_id);
	q_bind_int(q, 2, with_retired);
	int n;
	*out = rows_collect(q, a, sizeof(**out), field_row, &n);
	return n;
}

int
work_field_get(struct db *db, int64_t item_id, int64_t field_id, struct arena *a,
               struct work_field *out)
{
	struct dbq *q = db_query(db, STMT_WF_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, field_id);
	q_bind_int(q, 2, item_id);
	return row_one(q, a, field_row, out);
}

/* Choices are kept only for the kind that has them. */
static void
bind_field(struct dbq *q, int first, const struct work_field_input *in)
{
	bool choice = in->kind == WF_CHOICE;
	q_bind_text(q, first, work_field_kind_code(in->kind));
	q_bind_text(q, first + 1, in->label_ja);
	q_bind_text(q, first + 2, in->label_en);
	q_bind_text(q, first + 3, choice ? in->choices_ja : "");
	q_bind_text(q, first + 4, choice ? in->choices_en : "");
	q_bind_int(q, first + 5, in->required);
}

int64_t
work_field_create(struct db *db, int64_t item_id, const struct work_field_input *in)
{
	struct dbq *q = db_query(db, STMT_WF_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, item_id);
	q_bind_int(q, 2, item_id);
	bind_field(q, 3, in);
	return done(q) == 0 ? db_last_id(db) : -1;
}

int
work_field_update(struct db *db, int64_t item_id, int64_t field_id,
                  const struct work_field_input *in)
{
	struct dbq *q = db_query(db, STMT_WF_UPDATE);
	if (!q)
		return -1;
	bind_field(q, 1, in);
	q_bind_int(q, 7, field_id);
	q_bind_int(q, 8, item_id);
	return done(q);
}

static int
set_field_position(struct db *db, int64_t id, int position)
{
	struct dbq *q = db_query(db, STMT_WF_SET_POSITION);
	if (!q)
		return -1;
	q_bind_int(q, 1, position);
	q_bind_int(q, 2, id);
	return done(q);
}

int
work_field_move(struct db *db, int64_t item_id, int64_t field_id, bool up)
{
	struct arena *a = arena_new();
	struct work_field f;
	int rc = work_field_get(db, item_id, field_id, a, &f);
	int64_t other = 0;
	int pos = 0;
	if (rc == 1)
		rc = neighbour(db, up ? STMT_WF_NEIGHBOUR_UP : STMT_WF_NEIGHBOUR_DOWN, item_id,
		               f.position, &other, &pos);
	if (rc == 1 && (set_field_position(db, field_id, pos) != 0 ||
	                set_field_position(db, other, f.position) != 0))
		rc = -1;
	arena_free(a);
	return rc;
}

int
work_field_set_retired(struct db *db, int64_t item_id, int64_t field_id, bool retired)
{
	struct dbq *q = db_query(db, STMT_WF_SET_RETIRED);
	if (!q)
		return -1;
	q_bind_int(q, 1, retired);
	q_bind_int(q, 2, field_id);
	q_bind_int(q, 3, item_id);
	return done(q);
}

/* --- the customer's catalog --- */

int
work_catalog(struct db *db, int64_t customer_id, struct arena *a, struct work_item **out)
{
	struct dbq *q = db_query(db, STMT_WI_CATALOG);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	return items(q, a, out);
}

int
work_item_for_customer(struct db *db, int64_t item_id, int64_t customer_id, struct arena *a,
                       struct work_item *out)
{
	struct dbq *q = db_query(db, STMT_WI_FOR_CUSTOMER);
	if (!q)
		return -1;
	q_bind_int(q, 1, item_id);
	q_bind_int(q, 2, customer_id);
	return one_item(q, a, out);
}

/* --- requests --- */

static int
add_answer(struct db *db, int64_t request_id, int position, const struct work_answer *ans)
{
	struct dbq *q = db_query(db, STMT_WR_ANSWER_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, request_id);
	q_bind_int(q, 2, position);
	q_bind_text(q, 3, ans->kind);
	q_bind_text(q, 4, ans->label_ja);
	q_bind_text(q, 5, ans->label_en);
	q_bind_text(q, 6, ans->value);
	return done(q);
}

int64_t
work_request_create(struct db *db, const struct new_work_request *nw, char number_out[16])
{
	if (doc_number_next(db, "work_request", "WR", number_out) != 0)
		return -1;
	struct dbq *q = db_query(db, STMT_WR_INSERT);
	if (!q)
		return -1;
	q_bind_text(q, 1, number_out);
	q_bind_int(q, 2, nw->customer_id);
	q_bind_int(q, 3, nw->service_id);
	q_bind_int(q, 4, nw->item_id);
	q_bind_int(q, 5, nw->requester_id);
	q_bind_text(q, 6, nw->item_name_ja);
	q_bind_text(q, 7, nw->item_name_en);
	q_bind_int(q, 8, nw->points);
	q_bind_int(q, 9, clock_now());
	if (done(q) != 0)
		return -1;
	int64_t id = db_last_id(db);
	for (int i = 0; i < nw->nanswers; i++)
		if (add_answer(db, id, i + 1, &nw->answers[i]) != 0)
			return -1;
	return id;
}

int64_t
work_request_attach(struct db *db, int64_t request_id, int64_t customer_id,
                    const struct file_ref *f, int64_t uploader_id)
{
	struct dbq *q = db_query(db, STMT_WR_ATTACHMENT_INSERT);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	q_bind_int(q, 2, request_id);
	q_bind_text(q, 3, f->sha256);
	q_bind_int(q, 4, (int64_t)f->size);
	q_bind_text(q, 5, f->mime);
	q_bind_text(q, 6, f->filename);
	q_bind_int(q, 7, uploader_id);
	q_bind_int(q, 8, clock_now());
	if (done(q) != 0)
		return -1;
	return db_changes(db) == 1 ? db_last_id(db) : 0;
}

int64_t
work_requests_count(struct db *db, int64_t customer_id)
{
	struct dbq *q = db_query(db, STMT_WR_COUNT);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	return row_int(q);
}

static void
request_row(struct dbq *q, struct arena *a, void *p)
{
	struct work_request *w = p;
	w->id = q_int(q, 0);
	w->customer_id = q_int(q, 1);
	w->service_id = q_int(q, 2);
	w->item_id = q_int(q, 3);
	w->requester_id = q_int(q, 4);
	w->case_id = q_int(q, 5);
	w->reviewer_id = q_int(q, 6);
	w->reviewed_at = q_int(q, 7);
	w->created_at = q_int(q, 8);
	w->points = (int)q_int(q, 9);
	w->overage = q_int(q, 10) != 0;
	w->number = q_text(q, 11, a);
	w->state = q_text(q, 12, a);
	w->item_name_ja = q_text(q, 13, a);
	w->item_name_en = q_text(q, 14, a);
	w->reason = q_text(q, 15, a);
	w->case_number = q_text(q, 16, a);
	w->customer_number = q_text(q, 17, a);
	w->customer_name = q_text(q, 18, a);
	w->requester_name = q_text(q, 19, a);
	w->requester_email = q_text(q, 20, a);
	w->requester_lang = q_text(q, 21, a);
	w->reviewer_name = q_text(q, 22, a);
}

int
work_requests_page(struct db *db, int64_t customer_id, int64_t limit, int64_t offset,
                   struct arena *a, struct work_request **out)
{
	struct dbq *q = db_query(db, STMT_WR_PAGE);
	if (!q)
		return -1;
	q_bind_int(q, 1, customer_id);
	q_bind_int(q, 2, limit);
	q_bind_int(q, 3, offset);
	int n;
	*out = rows_collect(q, a, sizeof(**out), request_row, &n);
	return n;
}

int
work_request_get(struct db *db, const char *number, int64_t customer_id, struct arena *a,
                 struct work_request *out)
{
	struct dbq *q = db_query(db, STMT_WR_GET);
	if (!q)
		return -1;
	q_bind_text(q, 1, number);
	q_bind_int(q, 2, customer_id);
	q_bind_int(q, 3, customer_id);
	return row_one(q, a, request_row, out);
}

static void
answer_fill(struct dbq *q, struct arena *a, void *p)
{
	struct work_answer *v = p;
	v->kind = q_text(q, 0, a);
	v->label_ja = q_text(q, 1, a);
	v->label_en = q_text(q, 2, a);
	v->value = q_text(q, 3, a);
}

int
work_request_answers(struct db *db, int64_t request_id, struct arena *a, struct work_answer **out)
{
	struct dbq *q = db_query(db, STMT_WR_ANSWERS);
	if (!q)
		return -1;
	q_bind_int(q, 1, request_id);
	int n;
	*out = rows_collect(q, a, sizeof(**out), answer_fill, &n);
	return n;
}

static void
attachment_fill(struct dbq *q, struct arena *a, void *p)
{
	struct attachment_row *f = p;
	f->id = q_int(q, 0);
	f->filename = q_text(q, 1, a);
	f->size = q_int(q, 2);
	f->mime = q_text(q, 3, a);
	f->sha256 = q_text(q, 4, a);
	f->created_at = q_int(q, 5);
	f->case_number = "";
}

int
work_request_attachments(struct db *db, int64_t request_id, struct arena *a,
                         struct attachment_row **out)
{
	struct dbq *q = db_query(db, STMT_WR_ATTACHMENTS);
	if (!q)
		return -1;
	q_bind_int(q, 1, request_id);
	int n;
	*out = rows_collect(q, a, sizeof(**out), attachment_fill, &n);
	return n;
}

int
work_request_attachment_get(struct db *db, const char *number, int64_t attachment_id,
                            int64_t customer_id, struct arena *a, struct attachment_row *out)
{
	struct dbq *q = db_query(db, STMT_WR_ATTACHMENT_GET);
	if (!q)
		return -1;
	q_bind_int(q, 1, attachment_id);
	q_bind_text(q, 2, number);
	q_bind_int(q, 3, customer_id);
	q_bind_int(q, 4, customer_id);
	q_bind_int(q, 5, customer_id);
	return row_one(q, a, attachment_fill, out);
}
