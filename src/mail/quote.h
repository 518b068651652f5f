/*
 * The new text of a reply, without what mail clients add below or around
 * it: the quoted history ("On … wrote:", Japanese mailers' "… wrote:",
 * "…のメッセージ:" and "…書きました:" lines, Outlook's "-----Original
 * Message-----" and "From:/Sent:" blocks, "> " lines) and the signature
 * after a "-- " line. Only the reply should become a comment: the history
 * is on the case page already.
 */
#ifndef MADOGUCHI_MAIL_QUOTE_H
#define MADOGUCHI_MAIL_QUOTE_H

struct arena;

/* text (UTF-8, LF or CRLF) without history and signature, trimmed; in the arena. */
const char *mail_strip_quote(struct arena *a, const char *text);

/*
 * The text of an HTML body for a comment: tags dropped, block ends as line
 * breaks, entities decoded, <blockquote>, <style>, <script> and <head>
 * left out. Good enough for a reply; the result is text, never HTML.
 */
const char *mail_html_text(struct arena *a, const char *html);

#endif
