/*
 * The page chrome shared by every page: document head, header with the menu
 * and the user menu (≡ on narrow screens), and the footer with the
 * provider's copyright and the privacy-policy link.
 */
#ifndef MADOGUCHI_WEB_LAYOUT_H
#define MADOGUCHI_WEB_LAYOUT_H

#include <stdbool.h>

struct req;

struct page {
	const char *title; /* already translated */
	const char *menu;  /* id of the current menu item, or NULL */
	bool bare;         /* no menu (sign-in and error pages for visitors) */
};

/* Writes everything up to and including <main>; sets the content type. */
void layout_begin(struct req *r, const struct page *p);
/* Closes <main>, writes the footer and closes the document. */
void layout_end(struct req *r);

#endif
