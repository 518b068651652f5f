/*
 * Knowledge rendering shared by the customer side (pages/knowledge.c,
 * pages/announcements.c) and the console's authoring pages
 * (agent/kb_articles.c, agent/kb_bases.c).
 */
#ifndef MADOGUCHI_VIEWS_KNOWLEDGE_VIEW_H
#define MADOGUCHI_VIEWS_KNOWLEDGE_VIEW_H

#include <stdbool.h>
#include <stdint.h>

struct req;
struct kb_article;
struct kb_attachment;

/* <time> with "3 日前" / "3 days ago" as text and the full time as its title. */
void kb_write_time_ago(struct req *r, int64_t t);
/* Text holding KB_MARK_OPEN / KB_MARK_CLOSE, escaped, with the marks as <mark>. */
void kb_write_marked(struct req *r, const char *s);
/*
 * The article as a reader sees it: number, title (a heading of level
 * hlevel: 1 on its page, 2 in the console's preview), author, time, views,
 * where it belongs, the rendered body and the attachments, linked under
 * files_base ("/knowledge/KB0000001/files"). Returns 0, or -1 when the
 * Markdown could not be rendered.
 */
int kb_write_article(struct req *r, const struct kb_article *x, const struct kb_attachment *files,
                     int nfiles, const char *files_base, int hlevel);
/*
 * Answers with a stored attachment: its bytes from the file store, as a
 * download carrying the original file name (RFC 6266 / 5987). Returns the
 * status for the handler to return.
 */
int kb_send_attachment(struct req *r, const struct kb_attachment *f);
/* The name of a knowledge base or category in the request's language. */
const char *kb_name(const struct req *r, const char *ja, const char *en);
/* "日本語" or "English" for "ja" / "en". */
const char *kb_lang_label(const char *code);

#endif
