/* The provider's settings; see settings.h. */
#include "provider/settings.h"
#include "core/text.h"
#include "domain/domain.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/settings.h"

#include <stdbool.h>
#include <string.h>

int
provider_settings_save(struct dom *d, const char *short_name, const char *profile)
{
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!d->who.staff || !d->who.admin)
		return DOM_FORBIDDEN;
	short_name = text_trim(d->a, short_name);
	if (text_blank(short_name) || text_chars(short_name) > PROVIDER_SHORT_NAME_MAX ||
	    text_has_control(short_name, false))
		dom_invalid(d, "short_name", N_("Enter the short name (20 characters at most)."));
	if (!profile || (strcmp(profile, "guide") != 0 && strcmp(profile, "nist") != 0))
		dom_invalid(d, "password_profile", N_("Choose password rules from the list."));
	if (d->nerrors)
		return DOM_INVALID;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok = settings_put(db, "provider.short_name", short_name) == 0 &&
	          settings_put(db, "password.profile", profile) == 0 &&
	          dom_audit(d, db, "settings.updated", 0, profile) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}
