/*
 * State changes: the customer's three actions (guide 4.8.1) and the
 * provider's free moves with the assignee. Closed is final for both: a new
 * question is a new inquiry.
 */
#include "cases/internal.h"
#include "cases/service_levels.h"
#include "core/clock.h"
#include "core/arena.h"
#include "domain/domain.h"
#include "store/cases.h"
#include "store/db.h"
#include "webhooks/queue.h"

/* Where the action takes a case from `from`, or -1 when it is not offered there. */
static int
action_target(enum case_action act, enum case_state from)
{
	switch (act) {
	case CASE_ACT_CLOSE:
		return from == CASE_NEW || from == CASE_WORKING || from == CASE_AWAITING
		           ? CASE_CLOSED
		           : -1;
	case CASE_ACT_ACCEPT:
		return from == CASE_RESOLVED ? CASE_CLOSED : -1;
	case CASE_ACT_REJECT:
		return from == CASE_RESOLVED ? CASE_WORKING : -1;
	}
	return -1;
}

static const char *
state_detail(struct dom *d, enum case_state from, enum case_state to)
{
	return arena_printf(d->a, "%s→%s", case_state_code(from), case_state_code(to));
}

int
case_act(struct dom *d, const char *number, enum case_action act, struct case_row *out)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (d->who.staff)
		return DOM_FORBIDDEN;
	int st = case_find(d, number, out);
	if (st != DOM_OK)
		return st;
	int to = action_target(act, out->state);
	if (to < 0)
		return dom_fail(d, DOM_CONFLICT,
		                N_("This action is not available in the case's current state."));
	enum case_state from = out->state;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	int moved = case_set_state(db, out, (enum case_state)to,
	                           sla_state_pauses((enum case_state)to), d->who.user_id);
	bool ok = moved == 1 &&
	          cases_audit(d, db, "case.state_changed", out,
	                      state_detail(d, from, (enum case_state)to)) == 0 &&
	          (to != CASE_CLOSED || cases_ask_rating(d, db, out) == 0) &&
	          cases_webhook(d, db, WEBHOOK_CASE_STATE_CHANGED, out, (int)from) == 0;
	if (moved == 0) {
		db_rollback(db);
		return dom_fail(d, DOM_CONFLICT,
		                N_("The case changed meanwhile; please check it again."));
	}
	st = dom_finish(db, (ok) ? DOM_OK : DOM_ERROR);
	if (st == DOM_OK)
		out->state = (enum case_state)to;
	return st;
}

/* Whether id is an enabled member of staff. 1, 0 or -1. */
static int
staff_member(struct dom *d, struct db *db, int64_t id)
{
	struct person *staff;
	int n = staff_list(db, d->a, &staff);
	if (n < 0)
		return -1;
	for (int i = 0; i < n; i++)
		if (staff[i].id == id)
			return 1;
	return 0;
}

int
case_update(struct dom *d, const struct case_update_in *in, struct case_row *out)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!d->who.staff)
		return DOM_FORBIDDEN;
	int st = case_find(d, in->number, out);
	if (st != DOM_OK)
		return st;
	if (in->state >= CASE__MAX || in->state < -1)
		return dom_invalid(d, "state",
		                   N_("Choose a state and an assignee from the lists."));
	if (in->assignee_id > 0) {
		int member = staff_member(d, db, in->assignee_id);
		if (member < 0)
			return DOM_ERROR;
		if (!member)
			return dom_invalid(d, "assignee",
			                   N_("Choose a state and an assignee from the lists."));
	}
	if (out->state == CASE_CLOSED)
		return dom_fail(d, DOM_CONFLICT, N_("This case is closed and cannot be changed."));
	bool assign = in->assignee_id >= 0 && in->assignee_id != out->assignee_id;
	bool move = in->state >= 0 && in->state != (int)out->state;
	if (move && !case_staff_may_move(out->state, (enum case_state)in->state))
		return dom_fail(d, DOM_CONFLICT,
		                N_("This action is not available in the case's current state."));
	if (!assign && !move)
		return DOM_OK;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = true;
	if (assign)
		ok = case_assign(db, out, in->assignee_id, d->who.user_id) == 0 &&
		     cases_audit(d, db, "case.assigned", out, NULL) == 0 &&
		     cases_webhook(d, db, WEBHOOK_CASE_UPDATED, out, -1) == 0;
	enum case_state from = out->state, to = move ? (enum case_state)in->state : out->state;
	if (ok && move) {
		int moved = case_set_state(db, out, to, sla_state_pauses(to), d->who.user_id);
		if (moved == 0) {
			db_rollback(db);
			return dom_fail(d, DOM_CONFLICT,
			                N_("The case changed meanwhile; please check it again."));
		}
		ok =
		    moved == 1 && cases_notify_contact(d, db, out, NULL, (int)to) == 0 &&
		    cases_audit(d, db, "case.state_changed", out, state_detail(d, from, to)) == 0 &&
		    (to != CASE_CLOSED || cases_ask_rating(d, db, out) == 0) &&
		    cases_webhook(d, db, WEBHOOK_CASE_STATE_CHANGED, out, (int)from) == 0;
		/* A move the customer is told of answers them: a first response. */
		if (ok && sla_state_answers(to) && !out->first_response_at)
			ok = case_mark_responded(db, out->id, clock_now()) == 0;
	}
	st = dom_finish(db, (ok) ? DOM_OK : DOM_ERROR);
	if (st == DOM_OK) {
		out->state = to;
		if (assign)
			out->assignee_id = in->assignee_id;
	}
	return st;
}
