/*
 * A reader of GNU .mo catalogs. glibc's gettext() follows the process (or
 * thread) locale and needs the locales installed on the host; a portal must
 * answer each request in its user's language whatever the host has, so the
 * catalogs are read here: a bounds-checked binary search over the sorted
 * table of message ids that msgfmt writes. Fuzzed by tests/fuzz/fuzz_mo.c.
 */
#include "core/i18n.h"
#include "core/assets.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define MO_MAGIC         0x950412deU
#define MO_MAGIC_SWAPPED 0xde120495U

static struct catalog catalogs[LANG__MAX];
static const char *const lang_codes[LANG__MAX] = {"ja", "en"};

static uint32_t
rd32(const struct catalog *c, size_t off)
{
	uint32_t v;
	memcpy(&v, c->data + off, 4);
	if (c->swap)
		v = __builtin_bswap32(v);
	return v;
}

/* Checks that table entry i of the table at off names a NUL-ended string. */
static int
entry_ok(const struct catalog *c, uint32_t table, uint32_t i)
{
	size_t at = (size_t)table + (size_t)i * 8;
	uint32_t len = rd32(c, at), off = rd32(c, at + 4);
	return (size_t)off + len < c->len && c->data[(size_t)off + len] == '\0';
}

int
catalog_load(struct catalog *c, const unsigned char *data, size_t len)
{
	memset(c, 0, sizeof(*c));
	if (len < 28)
		return -1;
	c->data = data;
	c->len = len;
	uint32_t magic;
	memcpy(&magic, data, 4);
	if (magic == MO_MAGIC_SWAPPED)
		c->swap = 1;
	else if (magic != MO_MAGIC)
		return -1;
	if ((rd32(c, 4) >> 16) > 1) /* unknown major revision */
		return -1;
	c->count = rd32(c, 8);
	c->orig_off = rd32(c, 12);
	c->trans_off = rd32(c, 16);
	size_t table = (size_t)c->count * 8;
	if (c->count > len / 16 || (size_t)c->orig_off + table > len ||
	    (size_t)c->trans_off + table > len) {
		memset(c, 0, sizeof(*c));
		return -1;
	}
	for (uint32_t i = 0; i < c->count; i++)
		if (!entry_ok(c, c->orig_off, i) || !entry_ok(c, c->trans_off, i)) {
			memset(c, 0, sizeof(*c)); /* never half a catalog */
			return -1;
		}
	return 0;
}

static const char *
entry_str(const struct catalog *c, uint32_t table, uint32_t i)
{
	return (const char *)c->data + rd32(c, (size_t)table + (size_t)i * 8 + 4);
}

const char *
catalog_lookup(const struct catalog *c, const char *msgid)
{
	uint32_t lo = 0, hi = c->count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		int cmp = strcmp(msgid, entry_str(c, c->orig_off, mid));
		if (cmp == 0) {
			const char *t = entry_str(c, c->trans_off, mid);
			return *t ? t : NULL;
		}
		if (cmp < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

int
i18n_init(void)
{
	for (int l = 0; l < LANG__MAX; l++) {
		char name[32];
		strcpy(name, "po/");
		strcat(name, lang_codes[l]);
		strcat(name, ".mo");
		const struct asset *a = asset_find(name);
		if (!a) /* a language without a catalog shows the message ids */
			continue;
		if (catalog_load(&catalogs[l], a->data, a->len) != 0)
			return -1;
	}
	return 0;
}

const char *
i18n_tr(enum lang lang, const char *msgid)
{
	if ((unsigned)lang >= LANG__MAX || catalogs[lang].count == 0)
		return msgid;
	const char *t = catalog_lookup(&catalogs[lang], msgid);
	return t ? t : msgid;
}

const char *
lang_code(enum lang lang)
{
	return (unsigned)lang < LANG__MAX ? lang_codes[lang] : lang_codes[LANG_JA];
}

int
lang_parse(const char *code, enum lang *out)
{
	for (int l = 0; code && l < LANG__MAX; l++)
		if (strcmp(code, lang_codes[l]) == 0) {
			*out = (enum lang)l;
			return 0;
		}
	return -1;
}

/*
 * Picks the supported language with the highest q-value; ties go to the one
 * listed first. "ja-JP" counts as "ja", "*" as the default.
 */
enum lang
i18n_negotiate(const char *h)
{
	enum lang best = LANG_JA;
	int best_q = -1;
	while (h && *h) {
		while (*h == ' ' || *h == ',')
			h++;
		const char *tag = h;
		while (*h && *h != ',' && *h != ';' && *h != ' ')
			h++;
		size_t tlen = (size_t)(h - tag);
		int q = 1000;
		while (*h == ' ')
			h++;
		if (*h == ';') {
			const char *qp = strstr(h, "q=");
			const char *comma = strchr(h, ',');
			if (qp && (!comma || qp < comma)) {
				double d = strtod(qp + 2, NULL);
				q = !(d >= 0) ? 0
				    : d > 1   ? 1000
				              : (int)(d * 1000); /* NaN counts as 0 */
			}
			while (*h && *h != ',')
				h++;
		}
		if (tlen == 0)
			continue;
		for (int l = 0; l < LANG__MAX; l++) {
			size_t cl = strlen(lang_codes[l]);
			int match = (tlen >= cl && strncasecmp(tag, lang_codes[l], cl) == 0 &&
			             (tlen == cl || tag[cl] == '-')) ||
			            (tlen == 1 && tag[0] == '*' && l == LANG_JA);
			if (match && q > 0 && q > best_q) {
				best = (enum lang)l;
				best_q = q;
			}
		}
	}
	return best;
}
