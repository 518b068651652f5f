/* The password rules; see policy.h. */
#include "auth/policy.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "store/settings.h"

#include <ctype.h>
#include <pthread.h>
#include <pwquality.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define GUIDE_SYMBOLS "!@#$%&*?+-="

/* cracklib keeps static state: one check at a time. */
static pthread_mutex_t pwq_lock = PTHREAD_MUTEX_INITIALIZER;
static pwquality_settings_t *pwq;

enum policy_profile
policy_profile_parse(const char *setting)
{
	return setting && strcmp(setting, "nist") == 0 ? POLICY_NIST : POLICY_GUIDE;
}

enum policy_profile
policy_current(struct db *db)
{
	struct arena *a = arena_new();
	enum policy_profile p = policy_profile_parse(settings_get(db, "password.profile", a));
	arena_free(a);
	return p;
}

void
policy_length(enum policy_profile p, bool has_mfa, int *min, int *max)
{
	if (p == POLICY_NIST) {
		*min = has_mfa ? 12 : 15;
		*max = 64;
	} else {
		*min = 12;
		*max = 40;
	}
}

bool
policy_rule_applies(enum policy_profile p, enum policy_rule rule)
{
	switch (rule) {
	case RULE_LOWER:
	case RULE_UPPER:
	case RULE_DIGIT:
	case RULE_SYMBOL:
	case RULE_CHARSET:
		return p == POLICY_GUIDE;
	default:
		return true;
	}
}

/* Characters, not bytes: the NIST profile counts Unicode code points. */
static int
utf8_length(const char *s)
{
	int n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static bool
one_char_repeated(const char *s)
{
	size_t n = strlen(s);
	for (size_t i = 1; i < n; i++)
		if (s[i] != s[0])
			return false;
	return n > 0;
}

/* Case-insensitive: is needle (at least 3 bytes) inside hay? */
static bool
contains_ci(const char *hay, const char *needle, size_t nlen)
{
	if (nlen < 3)
		return false;
	size_t hlen = strlen(hay);
	for (size_t i = 0; i + nlen <= hlen; i++)
		if (strncasecmp(hay + i, needle, nlen) == 0)
			return true;
	return false;
}

/*
 * Whether pw holds a word of text of min_len bytes or more. Words are split
 * at ASCII spaces, at U+3000 (E3 80 80) and at the characters of seps.
 */
static bool
word_inside(const char *pw, const char *text, const char *seps, size_t min_len)
{
	char *copy = strdup(text);
	if (!copy)
		return true; /* refuse rather than let it through unchecked */
	for (char *c = copy; *c; c++)
		if ((unsigned char)c[0] == 0xe3 && (unsigned char)c[1] == 0x80 &&
		    (unsigned char)c[2] == 0x80)
			c[0] = c[1] = c[2] = ' ';
		else if (strchr(seps, *c))
			*c = ' ';
	bool found = false;
	char *save = NULL;
	for (char *w = strtok_r(copy, " ", &save); w && !found; w = strtok_r(NULL, " ", &save))
		found = strlen(w) >= min_len && contains_ci(pw, w, strlen(w));
	free(copy);
	return found;
}

/*
 * The user ID, its part before '@', each word of the name, and each word
 * of 4 bytes or more of the context ("Miharashi" of a provider, "aoba" of
 * an address: shorter parts such as "co" or "jp" say nothing).
 */
static bool
personal_inside(const struct policy_input *in)
{
	const char *pw = in->password;
	if (in->login) {
		const char *at = strchr(in->login, '@');
		if (contains_ci(pw, in->login, strlen(in->login)) ||
		    (at && contains_ci(pw, in->login, (size_t)(at - in->login))))
			return true;
	}
	if (in->name && word_inside(pw, in->name, "", 0))
		return true;
	for (const char *const *w = in->context; w && *w; w++)
		if (word_inside(pw, *w, ".,@-_/()", 4))
			return true;
	return false;
}

static pwquality_settings_t *
pwq_settings(void)
{
	if (!pwq) {
		pwq = pwquality_default_settings();
		if (pwq) {
			pwquality_set_int_value(pwq, PWQ_SETTING_MIN_LENGTH, 6);
			pwquality_set_int_value(pwq, PWQ_SETTING_DICT_CHECK, 1);
			pwquality_set_int_value(pwq, PWQ_SETTING_USER_CHECK, 0);
			pwquality_set_int_value(pwq, PWQ_SETTING_GECOS_CHECK, 0);
			pwquality_set_int_value(pwq, PWQ_SETTING_MAX_REPEAT, 0);
			pwquality_set_int_value(pwq, PWQ_SETTING_MAX_SEQUENCE, 0);
		}
	}
	return pwq;
}

/* True when cracklib finds s to be, or to be based on, a dictionary word. */
static bool
is_dictionary_word(pwquality_settings_t *q, const char *s)
{
	void *aux = NULL;
	int rc = pwquality_check(q, s, NULL, NULL, &aux);
	return rc == PWQ_ERROR_CRACKLIB_CHECK && aux && strstr((const char *)aux, "dictionary");
}

/*
 * The words of a password with its decoration undone: digits and symbols
 * before and after are dropped, look-alikes inside turned back into letters
 * ("P@ssw0rd123!" gives "password"), other characters split words.
 * Returns how many words of 4 letters or more were written to words[]; shorter
 * runs ("xyZ") are decoration too.
 */
static int
decorated_words(const char *pw, char words[2][64])
{
	static const char from[] = "0134578@$", to[] = "oleastbas";
	size_t len = strlen(pw), b = 0, e = len;
	while (b < e && !isalpha((unsigned char)pw[b]))
		b++;
	while (e > b && !isalpha((unsigned char)pw[e - 1]))
		e--;
	int count = 0;
	char cur[64];
	size_t n = 0;
	for (size_t i = b; i <= e; i++) {
		unsigned char u = i < e ? (unsigned char)pw[i] : 0;
		const char *f = u ? strchr(from, u) : NULL;
		if (isalpha(u) || f) {
			if (n + 1 < sizeof(cur))
				cur[n++] = f ? to[f - from] : (char)tolower(u);
			continue;
		}
		if (n >= 4) {
			if (count == 2)
				return 3; /* three words or more: a passphrase, not a decoration */
			cur[n] = '\0';
			memcpy(words[count++], cur, n + 1);
		}
		n = 0;
	}
	return count;
}

/*
 * cracklib on the password as typed, then on its one or two decorated
 * words: a dictionary word with trivial decoration is weak however it is
 * decorated, while a passphrase of several words is not.
 */
static bool
dictionary_weak(const char *password)
{
	char words[2][64];
	int count = decorated_words(password, words);
	pthread_mutex_lock(&pwq_lock);
	pwquality_settings_t *q = pwq_settings();
	bool weak = true; /* an unreadable dictionary must not let weak passwords through */
	if (q) {
		void *aux = NULL;
		int rc = pwquality_check(q, password, NULL, NULL, &aux);
		weak = rc < 0 && rc != PWQ_ERROR_MIN_LENGTH;
		if (!weak && (count == 1 || count == 2)) {
			weak = true;
			for (int i = 0; i < count && weak; i++)
				weak = is_dictionary_word(q, words[i]);
		}
	}
	pthread_mutex_unlock(&pwq_lock);
	return weak;
}

bool
policy_check(enum policy_profile p, const struct policy_input *in, bool failed[RULE__MAX])
{
	memset(failed, 0, sizeof(bool) * RULE__MAX);
	const char *pw = in->password ? in->password : "";
	int min, max;
	policy_length(p, in->has_mfa, &min, &max);
	int len = utf8_length(pw);
	failed[RULE_LENGTH] = len < min || len > max;
	if (p == POLICY_GUIDE) {
		bool lower = false, upper = false, digit = false, symbol = false, other = false;
		for (const char *c = pw; *c; c++) {
			unsigned char u = (unsigned char)*c;
			if (u >= 'a' && u <= 'z')
				lower = true;
			else if (u >= 'A' && u <= 'Z')
				upper = true;
			else if (u >= '0' && u <= '9')
				digit = true;
			else if (strchr(GUIDE_SYMBOLS, u))
				symbol = true;
			else
				other = true;
		}
		failed[RULE_LOWER] = !lower;
		failed[RULE_UPPER] = !upper;
		failed[RULE_DIGIT] = !digit;
		failed[RULE_SYMBOL] = !symbol;
		failed[RULE_CHARSET] = other;
	}
	failed[RULE_REPEAT] = one_char_repeated(pw);
	failed[RULE_PERSONAL] = personal_inside(in);
	failed[RULE_WEAK] = *pw && dictionary_weak(pw);
	failed[RULE_CONFIRM] = in->confirm && strcmp(pw, in->confirm) != 0;
	for (int r = 0; r < RULE__MAX; r++)
		if (failed[r])
			return false;
	return true;
}

const char *
policy_rule_text(enum policy_rule rule)
{
	static const char *const texts[RULE__MAX] = {
	    [RULE_LENGTH] = N_("%d to %d characters"),
	    [RULE_LOWER] = N_("A lower-case letter"),
	    [RULE_UPPER] = N_("An upper-case letter"),
	    [RULE_DIGIT] = N_("A digit"),
	    [RULE_SYMBOL] = N_("A symbol: ! @ # $ % & * ? + - ="),
	    [RULE_CHARSET] = N_("Only letters, digits and those symbols"),
	    [RULE_REPEAT] = N_("Not one character repeated"),
	    [RULE_PERSONAL] = N_("Neither your user ID, your name nor your company's or the "
	                         "provider's name"),
	    [RULE_WEAK] = N_("Not a dictionary word or a common password"),
	    [RULE_CONFIRM] = N_("Both entries match"),
	};
	return (unsigned)rule < RULE__MAX ? texts[rule] : "";
}
