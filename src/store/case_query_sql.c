/*
 * The SQL of the case list's filters; see case_query.h. Pure string work
 * on the arena, so that it links with nothing but core/{arena,xalloc,text}.c
 * and store/case_query.c.
 *
 * The SQL is written only with SQL(), which takes string literals, and
 * param_*(), which writes "?" and records the value: a value cannot reach
 * the statement's text, and the binds always match the "?" in number and
 * order.
 */
#include "core/arena.h"
#include "core/text.h"
#include "store/case_query.h"
#include "store/cases.h"

#include <string.h>

/* ---- A string builder on the arena ---- */

struct sb {
	struct arena *a;
	char *p;
	size_t len, cap;
};

static void
sb_putn(struct sb *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 256;
		while (cap < b->len + n + 1)
			cap *= 2;
		char *p = arena_alloc(b->a, cap);
		if (b->len)
			memcpy(p, b->p, b->len);
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static char *
sb_str(struct sb *b)
{
	if (!b->p)
		sb_putn(b, "", 0);
	return b->p;
}

/* ---- The statement ---- */

struct build {
	struct sb sql;
	struct cq_bind *binds;
	int n, cap;
	struct arena *a;
	const struct cq_scope *sc;
	/* Staff: the number of the one customer all rows must belong to, or NULL. */
	const char *one_customer;
	bool bad;
};

/* Only string literals become SQL text. */
#define SQL(b, s) sb_putn(&(b)->sql, "" s "", sizeof(s) - 1)

static void
bind_add(struct build *b, struct cq_bind v)
{
	if (b->n == b->cap) {
		int cap = b->cap ? b->cap * 2 : 16;
		struct cq_bind *p = arena_alloc(b->a, (size_t)cap * sizeof(*p));
		if (b->n)
			memcpy(p, b->binds, (size_t)b->n * sizeof(*p));
		b->binds = p;
		b->cap = cap;
	}
	b->binds[b->n++] = v;
}

static void
param_int(struct build *b, int64_t v)
{
	SQL(b, "?");
	bind_add(b, (struct cq_bind){.type = CQ_BIND_INT, .i = v});
}

static void
param_text(struct build *b, const char *s)
{
	SQL(b, "?");
	bind_add(b, (struct cq_bind){.type = CQ_BIND_TEXT, .s = s});
}

/* A LIKE pattern of v: "%v%" (anywhere) or "v%", with \ % _ escaped by "\". */
static const char *
like_pattern(struct arena *a, const char *v, bool anywhere)
{
	struct sb p = {.a = a};
	if (anywhere)
		sb_putn(&p, "%", 1);
	for (; *v; v++) {
		if (*v == '%' || *v == '_' || *v == '\\')
			sb_putn(&p, "\\", 1);
		sb_putn(&p, v, 1);
	}
	sb_putn(&p, "%", 1);
	return sb_str(&p);
}

/* " = ?", " <> ?", " LIKE ? ESCAPE '\'" after a text column. */
static void
text_op(struct build *b, enum cq_op op, const char *v)
{
	switch (op) {
	case CQ_OP_IS:
		SQL(b, " = ");
		param_text(b, v);
		break;
	case CQ_OP_NOT:
		SQL(b, " <> ");
		param_text(b, v);
		break;
	case CQ_OP_HAS:
	case CQ_OP_STARTS:
		SQL(b, " LIKE ");
		param_text(b, like_pattern(b->a, v, op == CQ_OP_HAS));
		SQL(b, " ESCAPE '\\'");
		break;
	default:
		b->bad = true;
	}
}

/* For a "not" on a related table: the positive test, negated around it. */
static enum cq_op
positive(enum cq_op op)
{
	return op == CQ_OP_NOT ? CQ_OP_IS : op;
}

/* The day after y-m-d as "YYYY-MM-DD" in the arena. */
static const char *
next_day(struct arena *a, int y, int m, int d)
{
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (++d > mdays[m - 1] + (m == 2 && leap)) {
		d = 1;
		if (++m > 12) {
			m = 1;
			y++;
		}
	}
	return arena_printf(a, "%04d-%02d-%02d", y, m, d);
}

/* The UTC start of a date, and of the day after it. */
static bool
day_bounds(struct build *b, const char *date, int64_t *from, int64_t *to)
{
	int y, m, d;
	if (!b->sc->day_start || !cq_date_parse(date, &y, &m, &d))
		return false;
	*from = b->sc->day_start(date, b->sc->ctx);
	*to = b->sc->day_start(next_day(b->a, y, m, d), b->sc->ctx);
	return *from >= 0 && *to > *from;
}

/*
 * The scope token of a keyword's search: the customer's own, or, for
 * staff filtering on one customer, that customer's (0, nobody's, when
 * there is no such number).
 */
static void
keyword_scope(struct build *b)
{
	const struct cq_scope *sc = b->sc;
	if (!sc->staff) {
		param_text(b, sc->fts_scope);
	} else {
		SQL(b, "fts_scope_token(COALESCE((SELECT id FROM customers WHERE number = ");
		param_text(b, b->one_customer);
		SQL(b, "), 0))");
	}
}

/*
 * case_search's rowid is case id * 65536 + n (migration 0008). A search
 * reads one customer's postings of the keyword's trigrams, or of the
 * trigrams that begin with a keyword of one or two characters
 * (store/fts_scoped.h). Staff searching every customer run it once per
 * customer: a few index lookups each.
 */
static void
keyword_cond(struct build *b, const char *kw)
{
	const struct cq_scope *sc = b->sc;
	if (!*kw || (sc->staff && text_chars(kw) < CQ_STAFF_KEYWORD_MIN)) {
		b->bad = true;
		return;
	}
	if (sc->staff && !b->one_customer) {
		SQL(b, "k.id IN (SELECT s.rowid >> 16 FROM customers u, case_search s "
		       "WHERE s.case_search MATCH fts_scoped_query(fts_scope_token(u.id), ");
		param_text(b, kw);
		SQL(b, "))");
		return;
	}
	SQL(b, "k.id IN (SELECT rowid >> 16 FROM case_search "
	       "WHERE case_search MATCH fts_scoped_query(");
	keyword_scope(b);
	SQL(b, ", ");
	param_text(b, kw);
	SQL(b, "))");
}

static void
date_cond(struct build *b, enum cq_field f, enum cq_op op, const char *v)
{
	int64_t from, to;
	if (!day_bounds(b, v, &from, &to)) {
		b->bad = true;
		return;
	}
	if (op == CQ_OP_IS) {
		if (f == CQ_F_CREATED)
			SQL(b, "(k.created_at >= ");
		else
			SQL(b, "(k.updated_at >= ");
		param_int(b, from);
		if (f == CQ_F_CREATED)
			SQL(b, " AND k.created_at < ");
		else
			SQL(b, " AND k.updated_at < ");
		param_int(b, to);
		SQL(b, ")");
		return;
	}
	if (f == CQ_F_CREATED)
		SQL(b, "k.created_at");
	else
		SQL(b, "k.updated_at");
	if (op == CQ_OP_BEFORE) {
		SQL(b, " < ");
		param_int(b, from);
	} else {
		SQL(b, " >= ");
		param_int(b, to);
	}
}

static void
cond_sql(struct build *b, const struct cq_cond *c)
{
	const struct cq_scope *sc = b->sc;
	if (!cq_op_allowed(c->field, c->op, sc->staff) || !cq_value_ok(c->field, c->value)) {
		b->bad = true;
		return;
	}
	bool neg = c->op == CQ_OP_NOT;
	switch (c->field) {
	case CQ_F_NUMBER:
		SQL(b, "k.number");
		text_op(b, c->op, c->value);
		break;
	case CQ_F_STATE:
		SQL(b, "k.state");
		text_op(b, c->op, c->value);
		break;
	case CQ_F_CATEGORY:
		SQL(b, "k.category");
		text_op(b, c->op, c->value);
		break;
	case CQ_F_SUBJECT:
		SQL(b, "k.subject");
		text_op(b, c->op, c->value);
		break;
	case CQ_F_CUSTOMER:
		if (c->op == CQ_OP_IS) {
			/* One customer: an equality the (customer_id, …) indexes serve in order. */
			SQL(b, "k.customer_id = (SELECT id FROM customers WHERE number = ");
			param_text(b, c->value);
			SQL(b, ")");
			break;
		}
		if (neg)
			SQL(b, "k.customer_id NOT IN (SELECT id FROM customers WHERE number");
		else
			SQL(b, "k.customer_id IN (SELECT id FROM customers WHERE number");
		text_op(b, positive(c->op), c->value);
		SQL(b, ")");
		break;
	case CQ_F_SERVICE:
		if (neg)
			SQL(b,
			    "(k.service_id IS NULL OR k.service_id NOT IN (SELECT id FROM services "
			    "WHERE name_ja");
		else
			SQL(b, "k.service_id IN (SELECT id FROM services WHERE name_ja");
		text_op(b, positive(c->op), c->value);
		SQL(b, " OR name_en");
		text_op(b, positive(c->op), c->value);
		if (neg)
			SQL(b, ")");
		SQL(b, ")");
		break;
	case CQ_F_CONTACT:
		if (neg)
			SQL(b, "(k.contact_id IS NULL OR k.contact_id NOT IN (SELECT id FROM users "
			       "WHERE ");
		else
			SQL(b, "k.contact_id IN (SELECT id FROM users WHERE ");
		if (sc->staff) {
			SQL(b, "is_staff = 0");
		} else {
			SQL(b, "customer_id = ");
			param_int(b, sc->customer_id);
		}
		SQL(b, " AND name");
		text_op(b, positive(c->op), c->value);
		if (neg)
			SQL(b, ")");
		SQL(b, ")");
		break;
	case CQ_F_ASSIGNEE:
		if (neg)
			SQL(b,
			    "(k.assignee_id IS NULL OR k.assignee_id NOT IN (SELECT id FROM users "
			    "WHERE is_staff = 1 AND name");
		else
			SQL(b,
			    "k.assignee_id IN (SELECT id FROM users WHERE is_staff = 1 AND name");
		text_op(b, positive(c->op), c->value);
		if (neg)
			SQL(b, ")");
		SQL(b, ")");
		break;
	case CQ_F_CREATED:
	case CQ_F_UPDATED:
		date_cond(b, c->field, c->op, c->value);
		break;
	case CQ_F_KEYWORD:
		keyword_cond(b, c->value);
		break;
	case CQ_F_HOLDER:
	case CQ_F__MAX:
		b->bad = true;
		break;
	}
}

/*
 * Open cases past a target: unanswered after the first-response target,
 * or more working time than the resolution target (the time waiting for
 * the customer left out). The same clock as cases/service_levels.c reads
 * from a row (sla_next: left < 0), written as a condition;
 * tests/unit/test_service_levels.c checks that both agree.
 */
static void
breached_sql(struct build *b)
{
	SQL(b, " AND k.state NOT IN (");
	param_text(b, "resolved");
	SQL(b, ", ");
	param_text(b, "closed");
	SQL(b,
	    ") AND ((k.first_response_at IS NULL AND k.created_at + k.response_target_min * 60 < ");
	param_int(b, b->sc->now);
	SQL(b, ") OR COALESCE(k.paused_since, ");
	param_int(b, b->sc->now);
	SQL(b, ") - k.created_at - k.paused_secs > k.resolution_target_min * 60)");
}

/* The WHERE clause (without the keyword): scope, quick filters, groups. */
static void
where_sql(struct build *b, const struct case_query *q)
{
	const struct cq_scope *sc = b->sc;
	if (sc->staff) {
		SQL(b, "1");
	} else {
		SQL(b, "k.customer_id = ");
		param_int(b, sc->customer_id);
	}
	if (q->quick & CQ_Q_ACTION) {
		SQL(b, " AND k.state IN (");
		param_text(b, "resolved");
		SQL(b, ", ");
		param_text(b, "awaiting");
		SQL(b, ")");
	}
	if (q->quick & CQ_Q_REPORT) {
		SQL(b, " AND k.category = ");
		param_text(b, "monthly_report");
	}
	if (q->quick & (CQ_Q_MINE | CQ_Q_UNASSIGNED)) {
		if (!sc->staff) {
			b->bad = true;
			return;
		}
		if (q->quick & CQ_Q_MINE) {
			SQL(b, " AND k.assignee_id = ");
			param_int(b, sc->user_id);
		}
		if (q->quick & CQ_Q_UNASSIGNED)
			SQL(b, " AND k.assignee_id IS NULL");
	}
	if (q->quick & CQ_Q_BREACHED) {
		if (!sc->staff) {
			b->bad = true;
			return;
		}
		breached_sql(b);
	}
	if (q->ncond < 0 || q->ncond > CQ_MAX_CONDS) {
		b->bad = true;
		return;
	}
	for (int i = 0; i < q->ncond; i++) {
		bool opens = i == 0 || !q->cond[i].or_prev;
		bool closes = i + 1 == q->ncond || !q->cond[i + 1].or_prev;
		if (opens)
			SQL(b, " AND (");
		else
			SQL(b, " OR ");
		cond_sql(b, &q->cond[i]);
		if (closes)
			SQL(b, ")");
	}
}

/*
 * The ORDER BY terms of one key, direction included. Service and contact
 * go by name, then by the id of the service or user, so that two of the
 * same name stay apart as the index of named_sort_page reads them.
 */
static void
sort_expr(struct build *b, enum cq_field f, bool desc)
{
	switch (f) {
	case CQ_F_NUMBER:
		SQL(b, "k.number");
		break;
	case CQ_F_STATE: /* in the order of the life of a case: cases_customer_state_order */
		SQL(b, "instr(',new,working,awaiting,resolved,closed,', ',' || k.state || ',')");
		break;
	case CQ_F_CATEGORY:
		if (b->sc->category_order &&
		    strcmp(b->sc->category_order, CQ_CATEGORY_ORDER) == 0) {
			/* The expression of cases_customer_category_order. */
			SQL(b, "instr('" CQ_CATEGORY_ORDER "', ',' || k.category || ',')");
		} else if (b->sc->category_order) {
			SQL(b, "instr(");
			param_text(b, b->sc->category_order);
			SQL(b, ", ',' || k.category || ',')");
		} else {
			SQL(b, "k.category");
		}
		break;
	case CQ_F_SUBJECT:
		SQL(b, "k.subject");
		break;
	case CQ_F_CUSTOMER:
		SQL(b, "cu.number");
		break;
	case CQ_F_HOLDER:
		SQL(b, "cu.name");
		break;
	case CQ_F_SERVICE:
		if (b->sc->lang_en)
			SQL(b, "s.name_en");
		else
			SQL(b, "s.name_ja");
		if (desc)
			SQL(b, " DESC");
		SQL(b, ", s.id");
		break;
	case CQ_F_CONTACT:
		SQL(b, "u.name");
		if (desc)
			SQL(b, " DESC");
		SQL(b, ", u.id");
		break;
	case CQ_F_ASSIGNEE:
		SQL(b, "a.name");
		break;
	case CQ_F_UPDATED:
		SQL(b, "k.updated_at");
		break;
	case CQ_F_CREATED:
		SQL(b, "k.created_at");
		break;
	case CQ_F_KEYWORD:
	case CQ_F__MAX:
		b->bad = true;
		break;
	}
	if (desc)
		SQL(b, " DESC");
}

/*
 * The sort keys that order anything: for a customer, its own number and
 * name (customer and holder) are the same on every row and are left out.
 * No key left: by update time, newest first. Returns the count, or -1 when
 * a key may not be sorted on in the scope.
 */
static int
sort_keys(const struct build *b, const struct case_query *q, struct cq_sort out[CQ_MAX_SORT])
{
	int n = 0;
	if (q->nsort < 0 || q->nsort > CQ_MAX_SORT)
		return -1;
	for (int i = 0; i < q->nsort; i++) {
		enum cq_field f = q->sort[i].field;
		if (!cq_sortable(f, b->sc->staff))
			return -1;
		if (!b->sc->staff && (f == CQ_F_CUSTOMER || f == CQ_F_HOLDER))
			continue;
		out[n++] = q->sort[i];
	}
	if (n == 0)
		out[n++] = (struct cq_sort){CQ_F_UPDATED, true};
	return n;
}

/*
 * The keys, then the case id in the direction of the last key: an order
 * without ties, so that pages never overlap, which for a single key is the
 * order of its index (every index ends with the case id), read without
 * sorting (migration 0008).
 */
static void
order_sql(struct build *b, const struct case_query *q)
{
	struct cq_sort keys[CQ_MAX_SORT];
	int n = sort_keys(b, q, keys);
	if (n < 0) {
		b->bad = true;
		return;
	}
	for (int i = 0; i < n; i++) {
		if (i)
			SQL(b, ", ");
		sort_expr(b, keys[i].field, keys[i].desc);
	}
	if (keys[n - 1].desc)
		SQL(b, ", k.id DESC");
	else
		SQL(b, ", k.id");
}

/* The joins the sort keys need (conditions use sub-selects instead). */
static void
sort_joins(struct build *b, const struct case_query *q)
{
	struct cq_sort keys[CQ_MAX_SORT];
	int n = sort_keys(b, q, keys);
	bool cu = false, s = false, u = false, a = false;
	for (int i = 0; i < n; i++) {
		enum cq_field f = keys[i].field;
		cu |= f == CQ_F_CUSTOMER || f == CQ_F_HOLDER;
		s |= f == CQ_F_SERVICE;
		u |= f == CQ_F_CONTACT;
		a |= f == CQ_F_ASSIGNEE;
	}
	if (cu)
		SQL(b, " JOIN customers cu ON cu.id = k.customer_id");
	if (s)
		SQL(b, " LEFT JOIN services s ON s.id = k.service_id");
	if (u)
		SQL(b, " LEFT JOIN users u ON u.id = k.contact_id");
	if (a)
		SQL(b, " LEFT JOIN users a ON a.id = k.assignee_id");
}

/* A customer's page sorted by the service or the contact alone: named_sort_page. */
static bool
named_sort(const struct build *b, const struct case_query *q, enum cq_sql_kind kind,
           struct cq_sort *key)
{
	struct cq_sort keys[CQ_MAX_SORT];
	if (b->sc->staff || kind != CQ_SQL_PAGE || sort_keys(b, q, keys) != 1)
		return false;
	*key = keys[0];
	return key->field == CQ_F_SERVICE || key->field == CQ_F_CONTACT;
}

/*
 * The ids of a page of a customer's list sorted by service or contact name,
 * read in order from indexes instead of sorting the customer's history:
 * the cases without one (cases_customer_service or _contact, IS NULL, by
 * id) and the services by name (services_name_*) or the customer's users
 * by name (users_customer), each followed by its cases by id. A compound
 * SELECT with ORDER BY merges its two ordered arms, and stops at the page.
 * NULL first ascending, last descending, as the LEFT JOIN of order_sql.
 * A case's contact is one of its customer's users (every writer of
 * cases.contact_id picks one).
 */
static void
named_sort_page(struct build *b, const struct case_query *q, struct cq_sort key, int64_t limit,
                int64_t offset)
{
	bool service = key.field == CQ_F_SERVICE;
	if (service)
		SQL(b, "SELECT id FROM (SELECT k.id AS id, k.service_id AS g, k.service_id AS gid "
		       "FROM cases k WHERE ");
	else
		SQL(b, "SELECT id FROM (SELECT k.id AS id, k.contact_id AS g, k.contact_id AS gid "
		       "FROM cases k WHERE ");
	where_sql(b, q);
	if (service && b->sc->lang_en)
		SQL(b, " AND k.service_id IS NULL UNION ALL SELECT k.id, s.name_en, s.id "
		       "FROM services s CROSS JOIN cases k WHERE ");
	else if (service)
		SQL(b, " AND k.service_id IS NULL UNION ALL SELECT k.id, s.name_ja, s.id "
		       "FROM services s CROSS JOIN cases k WHERE ");
	else
		SQL(b, " AND k.contact_id IS NULL UNION ALL SELECT k.id, u.name, u.id "
		       "FROM users u CROSS JOIN cases k WHERE ");
	where_sql(b, q);
	if (service) {
		SQL(b, " AND k.service_id = s.id");
	} else {
		SQL(b, " AND u.customer_id = ");
		param_int(b, b->sc->customer_id);
		SQL(b, " AND k.contact_id = u.id");
	}
	if (key.desc)
		SQL(b, " ORDER BY 2 DESC, 3 DESC, 1 DESC LIMIT ");
	else
		SQL(b, " ORDER BY 2, 3, 1 LIMIT ");
	param_int(b, limit);
	SQL(b, " OFFSET ");
	param_int(b, offset);
	SQL(b, ")");
}

/*
 * Staff: the number of a "customer is" condition that is a group of its
 * own, which every row must then match; NULL otherwise.
 */
static const char *
one_customer(const struct case_query *q)
{
	if (q->ncond < 0 || q->ncond > CQ_MAX_CONDS)
		return NULL;
	for (int i = 0; i < q->ncond; i++) {
		bool alone = (i == 0 || !q->cond[i].or_prev) &&
		             (i + 1 == q->ncond || !q->cond[i + 1].or_prev);
		if (alone && q->cond[i].field == CQ_F_CUSTOMER && q->cond[i].op == CQ_OP_IS)
			return q->cond[i].value;
	}
	return NULL;
}

bool
cq_reads_all_matches(const struct case_query *q)
{
	for (int i = 0; i < q->ncond; i++)
		if (q->cond[i].field == CQ_F_KEYWORD)
			return true;
	return false;
}

int
case_query_sql(const struct case_query *q, const struct cq_scope *sc, enum cq_sql_kind kind,
               int64_t limit, int64_t offset, struct arena *a, struct cq_sql *out)
{
	memset(out, 0, sizeof(*out));
	bool customer = !sc->staff && sc->customer_id > 0;
	bool staff = sc->staff && sc->customer_id == 0;
	if (customer == staff ||
	    (kind != CQ_SQL_COUNT && kind != CQ_SQL_PAGE && kind != CQ_SQL_PAGE_COUNTED) ||
	    q->nsort < 0 || q->nsort > CQ_MAX_SORT || (q->quick & ~(unsigned)CQ_Q__ALL))
		return -1;
	if (customer && !sc->fts_scope)
		return -1;
	if (kind != CQ_SQL_COUNT && (limit < 1 || limit > 1000 || offset < 0))
		return -1;
	struct build b = {
	    .sql = {.a = a}, .a = a, .sc = sc, .one_customer = staff ? one_customer(q) : NULL};
	if (kind == CQ_SQL_COUNT) {
		if (staff)
			SQL(&b, "SELECT COUNT(*) FROM (SELECT 1 FROM cases k WHERE ");
		else
			SQL(&b, "SELECT COUNT(*) FROM cases k WHERE ");
		where_sql(&b, q);
		if (staff) {
			SQL(&b, " LIMIT ");
			param_int(&b, CQ_STAFF_COUNT_CAP + 1);
			SQL(&b, ")");
		}
	} else {
		/*
		 * The page's ids first, with only the joins the order needs (an
		 * index gives the default order with no sort at all), then the
		 * columns shown for those rows alone.
		 */
		SQL(&b,
		    "SELECT k.id, k.number, k.state, k.category, k.subject, cu.number, cu.name, "
		    "s.name_ja, s.name_en, u.name, a.name, k.created_at, "
		    "k.updated_at, " CASE_CLOCK_COLUMNS);
		struct cq_sort key;
		if (named_sort(&b, q, kind, &key)) {
			SQL(&b, " FROM (");
			named_sort_page(&b, q, key, limit, offset);
		} else {
			if (kind == CQ_SQL_PAGE_COUNTED)
				SQL(&b,
				    ", p.total FROM (SELECT k.id AS id, COUNT(*) OVER () AS total "
				    "FROM cases k");
			else
				SQL(&b, " FROM (SELECT k.id AS id FROM cases k");
			sort_joins(&b, q);
			SQL(&b, " WHERE ");
			where_sql(&b, q);
			SQL(&b, " ORDER BY ");
			order_sql(&b, q);
			SQL(&b, " LIMIT ");
			param_int(&b, limit);
			SQL(&b, " OFFSET ");
			param_int(&b, offset);
		}
		SQL(&b, ") p JOIN cases k ON k.id = p.id "
		        "JOIN customers cu ON cu.id = k.customer_id "
		        "LEFT JOIN services s ON s.id = k.service_id "
		        "LEFT JOIN users u ON u.id = k.contact_id "
		        "LEFT JOIN users a ON a.id = k.assignee_id");
		if (customer) {
			SQL(&b, " WHERE k.customer_id = ");
			param_int(&b, sc->customer_id);
		}
		SQL(&b, " ORDER BY ");
		order_sql(&b, q);
	}
	if (b.bad)
		return -1;
	out->sql = sb_str(&b.sql);
	out->binds = b.binds;
	out->nbinds = b.n;
	return 0;
}
