/* The service-level clock, the targets' rules and the monthly figures; see service_levels.h. */
#include "cases/service_levels.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/text.h"
#include "domain/domain.h"
#include "store/customer_admin.h"
#include "store/db.h"

#include <stdlib.h>
#include <string.h>

bool
sla_state_pauses(enum case_state s)
{
	return s == CASE_AWAITING || s == CASE_RESOLVED;
}

bool
sla_state_answers(enum case_state s)
{
	return s == CASE_AWAITING || s == CASE_RESOLVED || s == CASE_CLOSED;
}

static void
verdict(struct sla_clock *out, int64_t elapsed)
{
	out->elapsed = elapsed;
	out->left = out->target - elapsed;
	out->phase = elapsed <= out->target ? SLA_MET : SLA_MISSED;
}

void
sla_first_response(const struct case_row *c, int64_t now, struct sla_clock *out)
{
	memset(out, 0, sizeof(*out));
	if (c->response_target_min <= 0)
		return;
	out->target = c->response_target_min * 60;
	if (c->first_response_at) {
		verdict(out, c->first_response_at - c->created_at);
		return;
	}
	if (c->state == CASE_CLOSED && c->closed_at) {
		/* Closed unanswered: missed if it was late by then; no verdict otherwise. */
		int64_t waited = c->closed_at - c->created_at;
		if (waited > out->target)
			verdict(out, waited);
		else
			out->phase = SLA_NONE;
		return;
	}
	out->phase = SLA_RUNNING;
	out->elapsed = now - c->created_at;
	out->left = out->target - out->elapsed;
	out->due_at = c->created_at + out->target;
}

void
sla_resolution(const struct case_row *c, int64_t now, struct sla_clock *out)
{
	memset(out, 0, sizeof(*out));
	if (c->resolution_target_min <= 0)
		return;
	out->target = c->resolution_target_min * 60;
	if (c->state == CASE_CLOSED && c->closed_at) {
		/* Closing adds the last stay waiting for the customer into paused_secs. */
		verdict(out, c->closed_at - c->created_at - c->paused_secs);
		return;
	}
	int64_t until = c->paused_since ? c->paused_since : now;
	int64_t elapsed = until - c->created_at - c->paused_secs;
	if (c->state == CASE_RESOLVED) {
		verdict(out, elapsed);
		return;
	}
	out->elapsed = elapsed;
	out->left = out->target - elapsed;
	if (c->paused_since) {
		out->phase = SLA_PAUSED;
		return;
	}
	out->phase = SLA_RUNNING;
	out->due_at = now + out->left;
}

void
sla_next(const struct case_row *c, int64_t now, struct sla_clock *out, bool *is_response)
{
	sla_first_response(c, now, out);
	*is_response = out->phase == SLA_RUNNING;
	if (!*is_response)
		sla_resolution(c, now, out);
}

int
sla_target_parse(const char *text, int64_t *minutes)
{
	*minutes = 0;
	if (!text || !*text)
		return 0;
	const char *p = text;
	if (strspn(p, "0123456789") == 0 || strspn(p, "0123456789") > 4)
		return -1;
	long hours = strtol(p, (char **)&p, 10), mins = 0;
	if (*p == ':') {
		p++;
		if (strspn(p, "0123456789") != 2)
			return -1;
		mins = strtol(p, (char **)&p, 10);
		if (mins > 59)
			return -1;
	}
	if (*p)
		return -1;
	int64_t total = (int64_t)hours * 60 + mins;
	if (total < 1 || total > SLA_TARGET_MAX_MIN)
		return -1;
	*minutes = total;
	return 0;
}

static bool
provider_admin(const struct dom *d)
{
	return d->who.staff && d->who.admin;
}

/* Both targets parsed into minutes, with a field error for each bad one. */
static int
read_targets(struct dom *d, const char *response, const char *resolution, int64_t *resp_min,
             int64_t *resol_min)
{
	static const char msg[] = N_("Enter hours, or hours and minutes (e.g. 4 or 0:30), from "
	                             "0:01 to 9999; or leave it empty.");
	if (sla_target_parse(text_trim(d->a, response), resp_min) != 0)
		dom_invalid(d, "response_target", msg);
	if (sla_target_parse(text_trim(d->a, resolution), resol_min) != 0)
		dom_invalid(d, "resolution_target", msg);
	return d->nerrors ? DOM_INVALID : DOM_OK;
}

int
sla_service_set(struct dom *d, int64_t service_id, const char *response, const char *resolution)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	struct cadm_service found;
	int got = cadm_service_get(db, service_id, d->a, &found);
	if (got <= 0)
		return got < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	const struct cadm_service *s = &found;
	int64_t resp, resol;
	if (read_targets(d, response, resolution, &resp, &resol) != DOM_OK)
		return DOM_INVALID;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = cadm_service_set_targets(db, s->id, resp, resol) == 0 &&
	          dom_audit(d, db, "service.levels_updated", 0,
	                    arena_printf(d->a, "%s response=%lldmin resolution=%lldmin", s->code,
	                                 (long long)resp, (long long)resol)) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

int
sla_contract_set(struct dom *d, int64_t contract_id, const char *response, const char *resolution)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	struct cadm_contract k;
	int found = cadm_contract_get(db, contract_id, d->a, &k);
	if (found <= 0)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	int64_t resp, resol;
	if (read_targets(d, response, resolution, &resp, &resol) != DOM_OK)
		return DOM_INVALID;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = cadm_contract_set_targets(db, k.id, resp, resol) == 0 &&
	          dom_audit(d, db, "contract.levels_updated", k.customer_id,
	                    arena_printf(d->a,
	                                 "%s contract=%lld response=%lldmin "
	                                 "resolution=%lldmin",
	                                 k.customer_number, (long long)k.id, (long long)resp,
	                                 (long long)resol)) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

/* Adds a clock's verdict to a met and a missed count. */
static void
tally(const struct sla_clock *k, int *met, int *missed)
{
	if (k->phase == SLA_MET)
		(*met)++;
	else if (k->phase == SLA_MISSED || (k->phase != SLA_NONE && k->left < 0))
		(*missed)++;
}

static int
by_value(const void *x, const void *y)
{
	int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
	return (a > b) - (a < b);
}

int
sla_customer_figures(struct dom *d, int64_t customer_id, int64_t from, int64_t to,
                     struct sla_figures *out)
{
	memset(out, 0, sizeof(*out));
	out->median_first_response = -1;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!d->who.staff && d->who.customer_id != customer_id)
		return DOM_NOT_FOUND;
	struct case_row *rows;
	int n = case_clocks_opened(db, customer_id, from, to, d->a, &rows);
	if (n < 0)
		return DOM_ERROR;
	int64_t now = clock_now();
	int64_t *waits = arena_alloc(d->a, (size_t)(n ? n : 1) * sizeof(*waits));
	for (int i = 0; i < n; i++) {
		struct sla_clock k;
		sla_first_response(&rows[i], now, &k);
		tally(&k, &out->response_met, &out->response_missed);
		sla_resolution(&rows[i], now, &k);
		tally(&k, &out->resolution_met, &out->resolution_missed);
		if (rows[i].first_response_at)
			waits[out->responded++] = rows[i].first_response_at - rows[i].created_at;
	}
	out->cases = n;
	if (out->responded) {
		qsort(waits, (size_t)out->responded, sizeof(*waits), by_value);
		int m = out->responded;
		out->median_first_response =
		    m % 2 ? waits[m / 2] : (waits[m / 2 - 1] + waits[m / 2]) / 2;
	}
	return DOM_OK;
}
