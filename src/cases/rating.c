/* Satisfaction ratings of closed cases; see rating.h. */
#include "cases/rating.h"
#include "cases/internal.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/text.h"
#include "core/tz.h"
#include "domain/domain.h"
#include "mail/case_mails.h"
#include "store/db.h"
#include "store/tokens.h"
#include "store/users.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
cases_ask_rating(struct dom *d, struct db *db, const struct case_row *c)
{
	struct user u;
	int found = c->contact_id ? users_get(db, c->contact_id, d->a, &u) : 0;
	if (found <= 0 || u.disabled)
		return found < 0 ? -1 : 0; /* nobody to ask */
	int64_t id = rating_ask(db, &(struct new_rating){.case_id = c->id,
	                                                 .customer_id = c->customer_id,
	                                                 .contact_id = c->contact_id,
	                                                 .agent_id = c->assignee_id});
	if (id <= 0)
		return id < 0 ? -1 : 0; /* asked already */
	char *token = token_create(db, "rating", u.id, RATING_LINK_SECONDS,
	                           arena_printf(d->a, "%lld", (long long)id), d->a);
	struct recipient to = {.name = u.name, .email = u.email, .lang = u.lang};
	return token && mail_case_rating(db, d->app, &to, c, token) == 0 ? 0 : -1;
}

/* The token's rating: 1 live, 0 unknown or expired, -1 error; t the token. */
static int
by_token(struct dom *d, struct db *db, const char *raw, struct token *t, struct rating *out)
{
	memset(out, 0, sizeof(*out));
	if (!raw || !*raw)
		return 0;
	int found = token_find(db, "rating", raw, d->a, t);
	if (found <= 0)
		return found;
	char *end;
	long long id = strtoll(t->data ? t->data : "", &end, 10);
	if (*end || id <= 0)
		return 0;
	found = rating_get(db, id, d->a, out);
	if (found <= 0 || out->contact_id != t->user_id)
		return found < 0 ? -1 : 0;
	return 1;
}

int
rating_open(struct dom *d, const char *raw, struct rating *out)
{
	struct db *db = db_thread();
	struct token t;
	int found = db ? by_token(d, db, raw, &t, out) : -1;
	if (found <= 0)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	if (out->rated_at)
		return DOM_CONFLICT; /* the answer stays shown, even after the link's expiry */
	return t.expires_at > clock_now() && !t.used ? DOM_OK : DOM_NOT_FOUND;
}

/* The contact answering as the actor of the audit trail (a link, no session). */
static void
act_as_contact(struct dom *d, struct db *db, int64_t contact_id)
{
	struct user u;
	if (users_get(db, contact_id, d->a, &u) == 1) {
		d->who.user_id = u.id;
		d->who.customer_id = u.customer_id;
		d->who.login = u.login;
		d->who.name = u.name;
	}
}

int
rating_submit(struct dom *d, const char *raw, int score, const char *comment)
{
	struct rating r;
	int st = rating_open(d, raw, &r);
	if (st != DOM_OK)
		return st;
	comment = text_trim(d->a, comment);
	if (score < 1 || score > 5)
		dom_invalid(d, "score", N_("Choose a rating from 1 to 5."));
	if (text_chars(comment) > RATING_COMMENT_MAX || text_has_control(comment, true))
		dom_invalid(d, "comment", N_("Enter a comment of 2,000 characters at most."));
	if (d->nerrors)
		return DOM_INVALID;
	struct db *db = db_thread();
	struct token t;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	/* Looked up again inside the transaction: two answers at once record one. */
	int found = by_token(d, db, raw, &t, &r);
	int used = found == 1 ? token_use(db, t.id) : found;
	int recorded = used == 1 ? rating_record(db, r.id, score, comment) : used;
	if (recorded != 1) {
		db_rollback(db);
		return recorded < 0 ? DOM_ERROR : DOM_CONFLICT;
	}
	act_as_contact(d, db, r.contact_id);
	bool ok = dom_audit(d, db, "case.rated", r.customer_id,
	                    arena_printf(d->a, "%s score=%d", r.case_number, score)) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

/* The start of month m (may run past the year) of year y in the provider's zone. */
static int64_t
month_start(int y, int m)
{
	return tz_month_start(TZ_DEFAULT, y, m);
}

int
rating_report(struct dom *d, int year, int month, struct rating_report *out)
{
	memset(out, 0, sizeof(*out));
	if (!d->who.staff)
		return DOM_FORBIDDEN;
	if (year < 2000 || year > 9999 || month < 1 || month > 12)
		return dom_invalid(d, "month", N_("Choose a month."));
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	out->year = year;
	out->month = month;
	for (int i = 0; i < RATING_MONTHS; i++) {
		int m = month - (RATING_MONTHS - 1) + i;
		if (rating_total(db, month_start(year, m), month_start(year, m + 1),
		                 &out->trend[i]) != 0)
			return DOM_ERROR;
		int y = year;
		while (m < 1) {
			m += 12;
			y--;
		}
		out->trend[i].key = arena_printf(d->a, "%04d-%02d", y, m);
	}
	int64_t from = month_start(year, month), to = month_start(year, month + 1);
	out->month_total = out->trend[RATING_MONTHS - 1];
	out->ncustomers = rating_by_customer(db, from, to, d->a, &out->customers);
	out->nagents = rating_by_agent(db, from, to, d->a, &out->agents);
	out->ncomments = rating_comments(db, from, to, 50, d->a, &out->comments);
	return out->ncustomers < 0 || out->nagents < 0 || out->ncomments < 0 ? DOM_ERROR : DOM_OK;
}
