/*
 * Pattern matching of the route table. A linear scan: the table has tens of
 * rows and each comparison stops at the first differing segment, which costs
 * less than building and keeping a trie.
 */
#include "http/router.h"
#include "core/arena.h"
#include "core/xalloc.h"

#include <string.h>

/* Matches one pattern; fills params on success. */
static bool
pattern_match(const char *pat, const char *path, const char **params, struct arena *a)
{
	int np = 0;
	while (*pat && *path) {
		if (*pat != '/' || *path != '/')
			return false;
		pat++;
		path++;
		if (pat[0] == '*' && pat[1] == '\0')
			return true;
		const char *pend = strchr(pat, '/');
		size_t plen = pend ? (size_t)(pend - pat) : strlen(pat);
		const char *send = strchr(path, '/');
		size_t slen = send ? (size_t)(send - path) : strlen(path);
		if (plen > 0 && pat[0] == ':') {
			if (slen == 0 || np >= REQ_MAX_PATH_PARAMS)
				return false;
			params[np++] = arena_strndup(a, path, slen);
		} else if (plen != slen || memcmp(pat, path, plen) != 0) {
			return false;
		}
		pat += plen;
		path += slen;
	}
	return *pat == '\0' && *path == '\0';
}

const struct route *
router_match(const struct route *table, size_t n, enum http_method method, const char *path,
             const char **params, struct arena *a, bool *other_method)
{
	*other_method = false;
	enum http_method want = method == HTTP_HEAD ? HTTP_GET : method;
	for (size_t i = 0; i < n; i++) {
		const char *tmp[REQ_MAX_PATH_PARAMS] = {0};
		if (!pattern_match(table[i].pattern, path, tmp, a))
			continue;
		if (table[i].method != want) {
			*other_method = true;
			continue;
		}
		memcpy(params, tmp, sizeof(tmp));
		return &table[i];
	}
	return NULL;
}

struct route_table
router_join(const struct route_group *const *groups, size_t n)
{
	size_t total = 0;
	for (size_t g = 0; g < n; g++)
		total += groups[g]->n;
	struct route *rows = xcalloc(total ? total : 1, sizeof(*rows));
	size_t at = 0;
	for (size_t g = 0; g < n; g++) {
		memcpy(rows + at, groups[g]->rows, groups[g]->n * sizeof(*rows));
		at += groups[g]->n;
	}
	return (struct route_table){rows, total};
}

const char *
router_allowed(const struct route *table, size_t n, const char *path, struct arena *a)
{
	bool get = false, post = false;
	for (size_t i = 0; i < n; i++) {
		const char *tmp[REQ_MAX_PATH_PARAMS] = {0};
		if (!pattern_match(table[i].pattern, path, tmp, a))
			continue;
		get |= table[i].method == HTTP_GET;
		post |= table[i].method == HTTP_POST;
	}
	return get && post ? "GET, HEAD, POST" : get ? "GET, HEAD" : post ? "POST" : "";
}

bool
role_allows(enum role need, const struct user *u)
{
	switch (need) {
	case ROLE_PUBLIC:
		return true;
	case ROLE_USER:
		return u != NULL;
	case ROLE_CUSTOMER:
		return u && !u->is_staff && u->customer_id > 0;
	case ROLE_CUSTOMER_ADMIN:
		return u && !u->is_staff && u->customer_id > 0 && u->is_admin;
	case ROLE_STAFF:
		return u && u->is_staff;
	case ROLE_PROVIDER_ADMIN:
		return u && u->is_staff && u->is_admin;
	}
	return false;
}
