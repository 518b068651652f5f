/*
 * The card that lists the files of a case or of a work request: a link to
 * each (base + "/files/<id>"), its size, and "internal" on the files only
 * staff see; a line saying there are none otherwise.
 */
#ifndef MADOGUCHI_VIEWS_ATTACHMENT_LIST_H
#define MADOGUCHI_VIEWS_ATTACHMENT_LIST_H

struct attachment_row;
struct req;

void attachment_list(struct req *r, const char *base, const struct attachment_row *f, int n);

#endif
