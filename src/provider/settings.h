/*
 * The provider's own settings, kept in the database so that every instance
 * agrees: the short name shown in the "作業中" state and the password rules
 * (the guide's or NIST SP 800-63B-4) with the words no password may
 * contain (romanised names, brands: accounts/password_context.h). Provider
 * admins only; field errors "short_name", "password_profile",
 * "password_words" and "auto_close_days". The days after which resolved
 * cases close by themselves: cases/auto_close.h. The delivery of the
 * monthly reports on the 1st (off by default): cases/report_delivery.h.
 */
#ifndef MADOGUCHI_PROVIDER_SETTINGS_H
#define MADOGUCHI_PROVIDER_SETTINGS_H

struct dom;

#define PROVIDER_SHORT_NAME_MAX     20  /* characters */
#define PROVIDER_PASSWORD_WORDS_MAX 500 /* characters */

struct provider_settings_in {
	const char *short_name;
	const char *password_profile; /* "guide" or "nist" */
	const char *password_words;   /* separated by spaces or commas; may be empty */
	const char *auto_close_days;  /* resolved cases close after it (0: never); NULL: kept */
	int monthly_reports;          /* delivered on the 1st: 1 on, 0 off, -1 kept */
};

int provider_settings_save(struct dom *d, struct provider_settings_in *in);

#endif
