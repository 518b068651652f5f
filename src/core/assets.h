/*
 * Files embedded in the binary at build time by tools/embed.c: static assets
 * (served under fingerprinted names), compiled translation catalogs and SQL
 * migrations. One binary carries everything it needs.
 */
#ifndef MADOGUCHI_CORE_ASSETS_H
#define MADOGUCHI_CORE_ASSETS_H

#include <stddef.h>

struct asset {
	const char *name; /* path in the source tree: "static/app.css" */
	const char *url;  /* "/static/app.1f2e3d4c5b6a.css" for static files, else NULL */
	const char *type; /* Content-Type */
	const char *etag; /* strong ETag of the content, quoted */
	const unsigned char *data;
	size_t len;
};

/* Sorted by name. */
extern const struct asset assets_table[];
extern const size_t assets_count;

const struct asset *asset_find(const char *name);
const struct asset *asset_by_url(const char *url);
/* The URL of a static file, for links in pages; "" if it is not embedded. */
const char *asset_url(const char *name);

#endif
