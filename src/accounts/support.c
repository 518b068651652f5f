/* What the accounts operations share; see internal.h. */
#include "accounts/internal.h"
#include "core/log.h"
#include "domain/domain.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/tokens.h"
#include "store/users.h"

int
account_audit(struct dom *d, struct db *db, const char *event, const char *login, int64_t user_id,
              int64_t customer_id)
{
	struct audit_event ev = {.event = event,
	                         .actor_id = user_id,
	                         .customer_id = customer_id,
	                         .login = login,
	                         .ip = d->who.ip,
	                         .user_agent = d->who.user_agent};
	if (!db || audit_add(db, &ev) != 0) {
		log_error("audit %s not recorded", event);
		return -1;
	}
	return 0;
}

int
account_mfa_clear(struct db *db, int64_t user_id)
{
	return users_totp_clear(db, user_id) == 0 && token_void(db, user_id, "trust") == 0 ? 0 : -1;
}
