/*
 * Service levels (サービスレベル): a first-response and a resolution target
 * per service, which a customer's contract for that service may override,
 * and the clock of each case against them.
 *
 * Targets are calendar minutes, not business hours: the provider runs a
 * security operations centre around the clock, and a customer waiting over
 * a weekend waits all the same. A case keeps the targets in force when it
 * was opened (store/cases.c: case_create), so that changing a contract
 * never rewrites what was promised for cases already open.
 *
 * First response: the provider's first public comment, or a state change
 * by staff the customer is mailed about (awaiting, resolved, closed),
 * whichever comes first. Resolution: the case reaches 解決済み or クローズ.
 * The resolution clock pauses while the case waits for the customer
 * (お客様確認待ち, and 解決済み, which waits for the customer to accept):
 * a rejected solution sends the case back to work and the clock resumes.
 * The first response clock never pauses, since asking the customer is an
 * answer. No target: no clock (SLA_NONE).
 *
 * Field errors of the setting operations: "response_target",
 * "resolution_target".
 */
#ifndef MADOGUCHI_CASES_SERVICE_LEVELS_H
#define MADOGUCHI_CASES_SERVICE_LEVELS_H

#include <stdbool.h>
#include <stdint.h>

#include "store/cases.h"

struct dom;

#define SLA_TARGET_MAX_MIN (9999 * 60) /* 9999 hours */

enum sla_phase {
	SLA_NONE,    /* no target */
	SLA_RUNNING, /* counting; left < 0: breached and still open */
	SLA_PAUSED,  /* waiting for the customer */
	SLA_MET,     /* reached within the target */
	SLA_MISSED,  /* reached after the target */
};

struct sla_clock {
	enum sla_phase phase;
	int64_t target;  /* seconds; 0 with SLA_NONE */
	int64_t elapsed; /* seconds counted against the target, up to now or the end */
	int64_t left;    /* target - elapsed: negative when over */
	int64_t due_at;  /* SLA_RUNNING: when the target is (was) reached; else 0 */
};

/* Whether a case in this state waits for the customer: its resolution clock stands. */
bool sla_state_pauses(enum case_state s);
/* Whether a staff move to this state answers the customer (a first response). */
bool sla_state_answers(enum case_state s);

/* The clocks of a case at a time (pure: reads only the row). */
void sla_first_response(const struct case_row *c, int64_t now, struct sla_clock *out);
void sla_resolution(const struct case_row *c, int64_t now, struct sla_clock *out);
/*
 * The clock that matters next, for the queue: the first response while the
 * case is unanswered, the resolution afterwards. *is_response says which.
 */
void sla_next(const struct case_row *c, int64_t now, struct sla_clock *out, bool *is_response);

/*
 * "H" or "H:MM" hours (e.g. "4", "0:30", "72") into minutes, between 1 and
 * SLA_TARGET_MAX_MIN; "" or NULL is 0 (none). 0 or -1 when malformed.
 */
int sla_target_parse(const char *text, int64_t *minutes);

/*
 * Provider admins: the targets of a service (0: none) or of a contract
 * (0: the service's), as text for sla_target_parse. Audited as
 * service.levels_updated / contract.levels_updated. DOM_OK, DOM_INVALID,
 * DOM_NOT_FOUND, DOM_FORBIDDEN or DOM_ERROR.
 */
int sla_service_set(struct dom *d, int64_t service_id, const char *response,
                    const char *resolution);
int sla_contract_set(struct dom *d, int64_t contract_id, const char *response,
                     const char *resolution);

/*
 * The service-level figures of one customer's cases opened in [from, to)
 * (UTC seconds), as of now (clock_now), for the monthly report. A case
 * counts for a target only when it had that target and the clock has a
 * verdict: met, missed, or still open past its target (missed). Cases still
 * within their target are pending, counted in neither.
 */
struct sla_figures {
	int cases;                             /* opened in the period */
	int response_met, response_missed;     /* first-response target */
	int resolution_met, resolution_missed; /* resolution target */
	int responded;                         /* cases with a first response */
	int64_t median_first_response;         /* seconds; -1 when none was answered */
};

/*
 * Staff for any customer; a customer's user for its own customer only
 * (another's is DOM_NOT_FOUND). DOM_OK or DOM_ERROR otherwise.
 */
int sla_customer_figures(struct dom *d, int64_t customer_id, int64_t from, int64_t to,
                         struct sla_figures *out);

#endif
