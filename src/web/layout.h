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
/* The page's <h1>, under a link back to back_href (none when NULL). */
void layout_heading(struct req *r, const char *title, const char *back_href,
                    const char *back_label);
/* Closes <main>, writes the footer and closes the document. */
void layout_end(struct req *r);

#endif
