/* The handler of the static files (/static/…): embedded, cached as immutable. */
#ifndef MADOGUCHI_HTTP_STATIC_H
#define MADOGUCHI_HTTP_STATIC_H

struct req;

int page_static(struct req *r);

#endif
