/*
 * Password rules (SPEC §2). Two profiles, chosen by the provider setting
 * "password.profile": the guide's (12–40 characters from letters, digits and
 * ! @ # $ % & * ? + - =, with each class present) and NIST SP 800-63B-4
 * (no composition rules, 15 characters or 12 with MFA, up to 64). Both
 * refuse a dictionary word with trivial decoration (cracklib through
 * libpwquality), one character repeated, and the user ID, the name or a
 * name of the context (company, provider, address) inside.
 * The forms show the same rules live; the server decides.
 */
#ifndef MADOGUCHI_AUTH_POLICY_H
#define MADOGUCHI_AUTH_POLICY_H

#include <stdbool.h>

enum policy_profile { POLICY_GUIDE, POLICY_NIST };

enum policy_rule {
	RULE_LENGTH,   /* within the profile's bounds */
	RULE_LOWER,    /* guide: a lower-case letter */
	RULE_UPPER,    /* guide: an upper-case letter */
	RULE_DIGIT,    /* guide: a digit */
	RULE_SYMBOL,   /* guide: one of ! @ # $ % & * ? + - = */
	RULE_CHARSET,  /* guide: nothing else */
	RULE_REPEAT,   /* not one character repeated */
	RULE_PERSONAL, /* neither the user ID nor the name inside */
	RULE_WEAK,     /* not a dictionary word with decoration */
	RULE_CONFIRM,  /* the confirmation matches */
	RULE__MAX
};

struct policy_input {
	const char *password, *confirm; /* confirm NULL: not checked */
	const char *login, *name;       /* may be NULL */
	/* Other names the password must not contain (the company's, the
	 * provider's, parts of the address), NULL-terminated; may be NULL. */
	const char *const *context;
	bool has_mfa;
};

/* The profile stored in the settings ("nist" or anything else). */
enum policy_profile policy_profile_parse(const char *setting);
struct db;
/* The provider's current profile (setting "password.profile"). */
enum policy_profile policy_current(struct db *db);
/* Bounds of the profile's length rule. */
void policy_length(enum policy_profile p, bool has_mfa, int *min, int *max);
/* Which rules the profile shows in its checklist (RULE_LOWER… only for the guide). */
bool policy_rule_applies(enum policy_profile p, enum policy_rule rule);
/*
 * Checks every rule; failed[rule] is set for each one broken. Returns true
 * when none is.
 */
bool policy_check(enum policy_profile p, const struct policy_input *in, bool failed[RULE__MAX]);
/* The msgid describing a rule in the checklist. */
const char *policy_rule_text(enum policy_rule rule);

#endif
