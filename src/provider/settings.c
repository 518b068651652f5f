/* The provider's settings; see settings.h. */
#include "provider/settings.h"
#include "cases/auto_close.h"
#include "cases/report_delivery.h"
#include "core/clock.h"
#include "core/arena.h"
#include "core/text.h"
#include "domain/domain.h"
#include "store/audit.h"
#include "store/db.h"
#include "store/settings.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/*
 * Turns the delivery of the monthly reports on or off (on: since now, kept
 * when it was on already, so that turning it on again does not move the
 * first month), with its own audit event when it changes. 0 or -1.
 */
static int
save_monthly_reports(struct dom *d, struct db *db, int on)
{
	if (on < 0)
		return 0;
	bool was_on = report_delivery_since(db) != 0;
	if (was_on == (on == 1))
		return 0;
	const char *since = on ? arena_printf(d->a, "%lld", (long long)clock_now()) : "0";
	return settings_put(db, REPORT_DELIVERY_SETTING, since) == 0 &&
	               dom_audit(d, db, "settings.monthly_reports", 0, on ? "on" : "off") == 0
	           ? 0
	           : -1;
}

int
provider_settings_save(struct dom *d, struct provider_settings_in *in)
{
	const char *profile = in->password_profile;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	if (!d->who.staff || !d->who.admin)
		return DOM_FORBIDDEN;
	const char *short_name = in->short_name = text_trim(d->a, in->short_name);
	const char *words = in->password_words = text_trim(d->a, in->password_words);
	if (text_blank(short_name) || text_chars(short_name) > PROVIDER_SHORT_NAME_MAX ||
	    text_has_control(short_name, false))
		dom_invalid(d, "short_name", N_("Enter the short name (20 characters at most)."));
	if (!profile || (strcmp(profile, "guide") != 0 && strcmp(profile, "nist") != 0))
		dom_invalid(d, "password_profile", N_("Choose password rules from the list."));
	if (text_chars(words) > PROVIDER_PASSWORD_WORDS_MAX || text_has_control(words, false))
		dom_invalid(d, "password_words",
		            N_("Enter the words on one line, 500 characters at most."));
	const char *days = in->auto_close_days ? text_trim(d->a, in->auto_close_days) : NULL;
	char *end = NULL;
	long n = days ? strtol(days, &end, 10) : 0;
	if (days && (!*days || *end || n < 0 || n > AUTO_CLOSE_MAX_DAYS))
		dom_invalid(d, "auto_close_days", N_("Enter a number of days from 0 to 90."));
	if (d->nerrors)
		return DOM_INVALID;
	if (db_begin(db) != 0)
		return DOM_ERROR;
	bool ok =
	    (!days || settings_put(db, AUTO_CLOSE_SETTING, arena_printf(d->a, "%ld", n)) == 0) &&
	    save_monthly_reports(d, db, in->monthly_reports) == 0 &&
	    settings_put(db, "provider.short_name", short_name) == 0 &&
	    settings_put(db, "password.profile", profile) == 0 &&
	    settings_put(db, "password.context_words", words) == 0 &&
	    dom_audit(d, db, "settings.updated", 0, profile) == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}
