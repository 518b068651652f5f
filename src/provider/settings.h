/*
 * The provider's own settings, kept in the database so that every instance
 * agrees: the short name shown in the "作業中" state and the password rules
 * (the guide's or NIST SP 800-63B-4). Provider admins only; field errors
 * "short_name" and "password_profile".
 */
#ifndef MADOGUCHI_PROVIDER_SETTINGS_H
#define MADOGUCHI_PROVIDER_SETTINGS_H

struct dom;

#define PROVIDER_SHORT_NAME_MAX 20 /* characters */

/* profile: "guide" or "nist". */
int provider_settings_save(struct dom *d, const char *short_name, const char *profile);

#endif
