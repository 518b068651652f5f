/* Query, form, cookie and path decoding; see parse.h for the contract. */
#include "http/parse.h"
#include "core/date.h"
#include "core/arena.h"

#include <string.h>

static int
hexval(unsigned char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

char *
url_decode(struct arena *a, const char *s, size_t len, bool plus_space, size_t *outlen)
{
	char *out = arena_alloc(a, len + 1);
	size_t o = 0;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			int hi, lo;
			if (i + 2 >= len)
				return NULL;
			hi = hexval((unsigned char)s[i + 1]);
			lo = hexval((unsigned char)s[i + 2]);
			if (hi < 0 || lo < 0)
				return NULL;
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		} else if (c == '+' && plus_space) {
			c = ' ';
		}
		if (c == '\0')
			return NULL;
		out[o++] = (char)c;
	}
	out[o] = '\0';
	if (!utf8_valid((const unsigned char *)out, o))
		return NULL;
	if (outlen)
		*outlen = o;
	return out;
}

int
parse_urlencoded(struct arena *a, const char *s, size_t len, struct params *out)
{
	out->v = NULL;
	out->n = 0;
	size_t count = 0;
	for (size_t i = 0; i < len; i++)
		if (s[i] == '&')
			count++;
	if (count + 1 > PARSE_MAX_PARAMS)
		return -1;
	struct param *v = arena_alloc(a, (count + 1) * sizeof(*v));
	size_t n = 0, i = 0;
	while (i < len) {
		const char *pair = s + i;
		const char *amp = memchr(pair, '&', len - i);
		size_t plen = amp ? (size_t)(amp - pair) : len - i;
		i += plen + 1;
		if (plen == 0)
			continue;
		const char *eq = memchr(pair, '=', plen);
		size_t klen = eq ? (size_t)(eq - pair) : plen;
		if (klen == 0)
			return -1;
		char *key = url_decode(a, pair, klen, true, NULL);
		size_t vlen = 0;
		char *val =
		    eq ? url_decode(a, eq + 1, plen - klen - 1, true, &vlen) : arena_strdup(a, "");
		if (!key || !val)
			return -1;
		v[n].key = key;
		v[n].val = val;
		v[n].vlen = vlen;
		n++;
	}
	out->v = v;
	out->n = n;
	return 0;
}

static bool
cookie_octet_ok(unsigned char c)
{
	/* RFC 6265 cookie-octet, without the quotes we strip. */
	return c == 0x21 || (c >= 0x23 && c <= 0x2b) || (c >= 0x2d && c <= 0x3a) ||
	       (c >= 0x3c && c <= 0x5b) || (c >= 0x5d && c <= 0x7e);
}

void
parse_cookies(struct arena *a, const char *h, struct params *out)
{
	out->v = NULL;
	out->n = 0;
	if (!h)
		return;
	size_t max = 1;
	for (const char *p = h; *p; p++)
		if (*p == ';')
			max++;
	if (max > PARSE_MAX_PARAMS)
		max = PARSE_MAX_PARAMS;
	out->v = arena_alloc(a, max * sizeof(*out->v));
	const char *p = h;
	while (*p && out->n < max) {
		while (*p == ' ' || *p == '\t' || *p == ';')
			p++;
		const char *name = p;
		while (*p && *p != '=' && *p != ';')
			p++;
		if (*p != '=') {
			continue;
		}
		size_t nlen = (size_t)(p - name);
		while (nlen && (name[nlen - 1] == ' ' || name[nlen - 1] == '\t'))
			nlen--;
		const char *val = ++p;
		while (*val == ' ' || *val == '\t')
			val++;
		p = val;
		while (*p && *p != ';')
			p++;
		size_t vlen = (size_t)(p - val);
		while (vlen && (val[vlen - 1] == ' ' || val[vlen - 1] == '\t'))
			vlen--;
		if (vlen >= 2 && val[0] == '"' && val[vlen - 1] == '"') {
			val++;
			vlen -= 2;
		}
		bool ok = nlen > 0;
		for (size_t k = 0; ok && k < vlen; k++)
			ok = cookie_octet_ok((unsigned char)val[k]);
		for (size_t k = 0; ok && k < nlen; k++)
			ok = name[k] > 0x20 && name[k] < 0x7f &&
			     !strchr("()<>@,;:\\\"/[]?={}", name[k]);
		if (!ok)
			continue;
		out->v[out->n].key = arena_strndup(a, name, nlen);
		out->v[out->n].val = arena_strndup(a, val, vlen);
		out->v[out->n].vlen = vlen;
		out->n++;
	}
}

char *
parse_path(struct arena *a, const char *raw, size_t len)
{
	if (len == 0 || raw[0] != '/')
		return NULL;
	size_t n;
	char *p = url_decode(a, raw, len, false, &n);
	if (!p || strchr(p, '\\'))
		return NULL;
	/* Refuse dot segments: "/./", "/../", and a trailing "/." or "/..". */
	for (size_t i = 0; i < n; i++) {
		if (p[i] != '/')
			continue;
		const char *seg = p + i + 1;
		if ((seg[0] == '.' && (seg[1] == '/' || seg[1] == '\0')) ||
		    (seg[0] == '.' && seg[1] == '.' && (seg[2] == '/' || seg[2] == '\0')))
			return NULL;
	}
	return p;
}

const char *
params_get(const struct params *p, const char *key)
{
	for (size_t i = 0; i < p->n; i++)
		if (strcmp(p->v[i].key, key) == 0)
			return p->v[i].val;
	return NULL;
}

size_t
params_count(const struct params *p, const char *key)
{
	size_t c = 0;
	for (size_t i = 0; i < p->n; i++)
		c += strcmp(p->v[i].key, key) == 0;
	return c;
}

int
parse_id(const char *s, int64_t *out)
{
	if (!s || *s < '1' || *s > '9')
		return -1;
	int64_t v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		int d = *s - '0';
		if (v > (INT64_MAX - d) / 10)
			return -1;
		v = v * 10 + d;
	}
	*out = v;
	return 0;
}

bool
parse_date(const char *s)
{
	int y, m, d;
	return date_parse(s, &y, &m, &d) == 0;
}
