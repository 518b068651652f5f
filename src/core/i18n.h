/*
 * Translations. The .po catalogs under po/ are compiled to .mo files at build
 * time and embedded in the binary; a language is chosen per request (the
 * user's setting, or Accept-Language before sign-in). Message ids are the
 * English texts; 日本語 is the default language.
 */
#ifndef MADOGUCHI_CORE_I18N_H
#define MADOGUCHI_CORE_I18N_H

#include <stddef.h>
#include <stdint.h>

enum lang { LANG_JA, LANG_EN, LANG__MAX };

/* A parsed .mo catalog; points into the bytes it was loaded from. */
struct catalog {
	const unsigned char *data;
	size_t len;
	uint32_t count;
	uint32_t orig_off, trans_off;
	int swap; /* the file's byte order differs from ours */
};

/*
 * Validates a .mo image (magic, table bounds, every string inside the image
 * and NUL-terminated) and fills c. Returns 0, or -1 if the image is corrupt.
 */
int catalog_load(struct catalog *c, const unsigned char *data, size_t len);
/* The translation of msgid, or NULL when the catalog has none. */
const char *catalog_lookup(const struct catalog *c, const char *msgid);

/* Loads the embedded catalogs; returns -1 if one is corrupt. */
int i18n_init(void);
/* The text of msgid in lang; msgid itself when untranslated. */
const char *i18n_tr(enum lang lang, const char *msgid) __attribute__((format_arg(2)));
/* The best supported language of an Accept-Language header (default 日本語). */
enum lang i18n_negotiate(const char *accept_language);
const char *lang_code(enum lang lang);
/* "ja" or "en" to a language; returns -1 for anything else. */
int lang_parse(const char *code, enum lang *out);

/* Marks a string for extraction without translating it where it stands. */
#define N_(s) s

#endif
