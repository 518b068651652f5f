/* Lookups over the generated asset table (build/gen/assets_data.c). */
#include "core/assets.h"

#include <stdlib.h>
#include <string.h>

static int
cmp_name(const void *key, const void *elem)
{
	return strcmp(key, ((const struct asset *)elem)->name);
}

const struct asset *
asset_find(const char *name)
{
	return bsearch(name, assets_table, assets_count, sizeof(assets_table[0]), cmp_name);
}

const struct asset *
asset_by_url(const char *url)
{
	for (size_t i = 0; i < assets_count; i++)
		if (assets_table[i].url && strcmp(assets_table[i].url, url) == 0)
			return &assets_table[i];
	return NULL;
}

const char *
asset_url(const char *name)
{
	const struct asset *a = asset_find(name);
	return a && a->url ? a->url : "";
}
