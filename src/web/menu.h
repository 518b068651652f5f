/*
 * The portal's menu: one row per feature, shown in the header (filtered by
 * the user's role) and as a tile with a one-line description on the home
 * page. A feature joins the portal by adding its row here.
 */
#ifndef MADOGUCHI_WEB_MENU_H
#define MADOGUCHI_WEB_MENU_H

#include "http/router.h"

#include <stdbool.h>

struct menu_item {
	const char *id;    /* compared with page.menu to mark the current item */
	const char *href;  /* local path */
	const char *label; /* msgid */
	const char *desc;  /* msgid of the tile's one-line description */
	enum role role;
	const char *group; /* NULL: top level; else the msgid of a drop-down */
	/* NULL: shown to everyone with the role; else whether this user has the feature. */
	bool (*available)(struct req *r);
};

/* A drop-down with a page of its own: home shows one tile for it (the guide's アカウント管理). */
struct menu_group {
	const char *label; /* msgid, as in menu_item.group */
	const char *desc;  /* msgid of its tile's description */
	const char *href;
};

extern const struct menu_item menu_items[];
extern const struct menu_group menu_groups[];
extern const size_t menu_group_count;

/* The group of that label, or NULL. */
const struct menu_group *menu_group_of(const char *label);
extern const size_t menu_count;

/* Whether the signed-in user of r sees the row (role, then the feature's own test). */
bool menu_shown(const struct menu_item *m, struct req *r);

#endif
