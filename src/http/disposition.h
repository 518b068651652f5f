/*
 * The file name a client sends with a body that is one file, in its
 * Content-Disposition header (RFC 6266): the UTF-8 name of RFC 8187
 * (filename*=UTF-8''%E5%A0%B1%E5%91%8A.pdf) before the plain one
 * (filename="report.pdf"), as the RFC asks of a recipient. Fuzzed by
 * tests/fuzz/fuzz_disposition.c.
 */
#ifndef MADOGUCHI_HTTP_DISPOSITION_H
#define MADOGUCHI_HTTP_DISPOSITION_H

struct arena;

/*
 * The decoded name (valid UTF-8, no NUL; not yet made a safe file name:
 * text_file_name does that), or NULL when the header names none, is
 * malformed, or names it in another charset than UTF-8.
 */
const char *disposition_filename(struct arena *a, const char *header);

#endif
