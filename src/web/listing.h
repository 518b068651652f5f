/*
 * Widgets of paged tables: a translated column header and the pager
 * ("Previous · 1–20 of N · Next") that every list page shares, and the
 * label/value rows of detail lists.
 */
#ifndef MADOGUCHI_WEB_LISTING_H
#define MADOGUCHI_WEB_LISTING_H

#include <stdint.h>

struct req;

/* <th scope="col"> with the translation of msgid. */
void listing_th(struct req *r, const char *msgid);
/*
 * The pager of page `page` (from 1) of `total` rows, per_page a page. Links
 * are base followed by "page=N": base is a path and query prefix such as
 * "/contacts?q=x&" or "/console?".
 */
/*
 * The page number of the request's ?page=: 1 when it is absent, not a
 * positive number, or past LISTING_PAGE_MAX (no list is that long).
 */
#define LISTING_PAGE_MAX 1000000
int64_t listing_page(struct req *r);
/* A <dt>label</dt><dd>value</dd> pair of a <dl class="kv">; "—" for an empty value. */
void listing_kv(struct req *r, const char *label, const char *value);
void listing_pager(struct req *r, const char *base, int64_t page, int64_t per_page, int64_t total);

#endif
