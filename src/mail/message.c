/*
 * Builds RFC 5322 messages (see message.h). Headers that may carry
 * non-ASCII text (names, the subject) are written as RFC 2047 encoded-words
 * and folded so that no line exceeds MAIL_LINE_MAX; the body is base64.
 */
#include "mail/message.h"
#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/text.h"
#include "store/settings.h"

#include <sodium.h>
#include <string.h>
#include <time.h>

/* Bytes of body per base64 line: 57 bytes are exactly 76 characters. */
#define BODY_CHUNK 57
/* An encoded-word is at most 75 characters (RFC 2047, 2). */
#define EWORD_MAX 75
/* "=?UTF-8?B?" and "?=" around the base64 text. */
#define EWORD_OVERHEAD 12
/* Room for one encoded-word holding the longest UTF-8 character (4 bytes). */
#define EWORD_MIN (EWORD_OVERHEAD + 8)

bool
mail_addr_valid(const char *addr)
{
	size_t len = strlen(addr);
	if (len < 3 || len > 254)
		return false;
	const char *at = strchr(addr, '@');
	if (!at || at == addr || at[1] == '\0' || strchr(at + 1, '@'))
		return false;
	for (const char *p = addr; *p; p++) {
		unsigned char c = (unsigned char)*p;
		/* Controls, space, non-ASCII, and what ends or splits an address. */
		if (c <= 0x20 || c >= 0x7f || strchr("<>()[]\\,;:\"", c))
			return false;
	}
	return true;
}

bool
mail_header_value_ok(const char *s)
{
	size_t len = strlen(s);
	return utf8_valid((const unsigned char *)s, len) && !memchr(s, '\r', len) &&
	       !memchr(s, '\n', len);
}

static const char *
trim(struct arena *a, const char *s, size_t n)
{
	while (n && (*s == ' ' || *s == '\t')) {
		s++;
		n--;
	}
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return arena_strndup(a, s, n);
}

/* The content of a quoted-string without its quotes and backslashes. */
static const char *
unquote(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	if (n < 2 || s[0] != '"' || s[n - 1] != '"')
		return s;
	char *out = arena_alloc(a, n);
	size_t j = 0;
	for (size_t i = 1; i < n - 1; i++) {
		if (s[i] == '\\' && i + 1 < n - 1)
			i++;
		out[j++] = s[i];
	}
	out[j] = '\0';
	return out;
}

int
mail_parse_from(const char *s, struct arena *a, const char **name, const char **addr)
{
	if (!s || !mail_header_value_ok(s))
		return -1;
	const char *t = trim(a, s, strlen(s));
	size_t n = strlen(t);
	const char *lt = strrchr(t, '<');
	if (n && t[n - 1] == '>' && lt) {
		*addr = arena_strndup(a, lt + 1, (size_t)(t + n - 1 - (lt + 1)));
		*name = unquote(a, trim(a, t, (size_t)(lt - t)));
	} else {
		*addr = t;
		*name = "";
	}
	return mail_addr_valid(*addr) ? 0 : -1;
}

const char *
mail_from_resolve(const struct app *app, struct db *db, struct arena *a)
{
	if (app->cfg.mail_from && *app->cfg.mail_from)
		return app->cfg.mail_from;
	const char *v = db ? settings_get(db, "mail.from", a) : NULL;
	if (v && *v)
		return v;
	return arena_printf(a, "%s <noreply@localhost>",
	                    app->provider_name ? app->provider_name : "Madoguchi");
}

/* A header being written: the column tells when the next word must fold. */
struct hdr {
	struct buf *b;
	size_t col;
	bool has_word; /* folding is only allowed after the first word */
};

static void
hdr_start(struct hdr *h, struct buf *b, const char *name)
{
	h->b = b;
	buf_puts(b, name);
	buf_putc(b, ':');
	h->col = strlen(name) + 1;
	h->has_word = false;
}

/* Appends " word", first folding (CRLF SP) if the word would pass the limit. */
static void
hdr_word(struct hdr *h, const char *w, size_t n)
{
	if (h->has_word && h->col + 1 + n > MAIL_LINE_MAX) {
		buf_puts(h->b, "\r\n");
		h->col = 0;
	}
	buf_putc(h->b, ' ');
	buf_append(h->b, w, n);
	h->col += 1 + n;
	h->has_word = true;
}

static void
hdr_end(struct hdr *h)
{
	buf_puts(h->b, "\r\n");
}

/*
 * s as one or more =?UTF-8?B?...?= words, each cut on a character boundary
 * (RFC 2047, 5: a word holds whole characters) and sized to the room left on
 * the line, so folding between them keeps every line within the limit.
 */
static void
hdr_encoded(struct hdr *h, const char *s)
{
	size_t left = strlen(s);
	while (left) {
		size_t room = h->col + 1 < MAIL_LINE_MAX ? MAIL_LINE_MAX - h->col - 1 : 0;
		if (h->has_word && room < EWORD_MIN)
			room = MAIL_LINE_MAX - 1; /* hdr_word will fold */
		if (room > EWORD_MAX)
			room = EWORD_MAX;
		if (room < EWORD_MIN) /* only after a very long header name */
			room = EWORD_MIN;
		size_t n = (room - EWORD_OVERHEAD) / 4 * 3;
		if (n >= left)
			n = left;
		else
			while (n > 1 && ((unsigned char)s[n] & 0xc0) == 0x80)
				n--;
		char word[EWORD_MAX + 1];
		memcpy(word, "=?UTF-8?B?", 10);
		sodium_bin2base64(word + 10, sizeof(word) - 12, (const unsigned char *)s, n,
		                  sodium_base64_VARIANT_ORIGINAL);
		size_t wl = strlen(word);
		memcpy(word + wl, "?=", 3);
		hdr_word(h, word, wl + 2);
		s += n;
		left -= n;
	}
}

static bool
printable_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7e)
			return false;
	return true;
}

/* An unstructured value (Subject): as is when short plain ASCII, else encoded. */
static void
hdr_text(struct hdr *h, const char *s)
{
	size_t n = strlen(s);
	if (printable_ascii(s) && !strstr(s, "=?") && h->col + 1 + n <= MAIL_LINE_MAX)
		hdr_word(h, s, n);
	else
		hdr_encoded(h, s);
}

/* "Name <addr>" with the name quoted or encoded, or the bare address. */
static void
hdr_mailbox(struct hdr *h, const char *name, const char *addr)
{
	if (*name) {
		struct buf q = {0};
		buf_putc(&q, '"');
		for (const char *p = name; *p; p++) {
			if (*p == '"' || *p == '\\')
				buf_putc(&q, '\\');
			buf_putc(&q, *p);
		}
		buf_putc(&q, '"');
		if (printable_ascii(name) && !strstr(name, "=?") &&
		    h->col + 1 + q.len <= MAIL_LINE_MAX)
			hdr_word(h, q.p, q.len);
		else
			hdr_encoded(h, name);
		buf_free(&q);
		struct buf b = {0};
		buf_printf(&b, "<%s>", addr);
		hdr_word(h, b.p, b.len);
		buf_free(&b);
	} else {
		hdr_word(h, addr, strlen(addr));
	}
}

static void
put_date(struct buf *b, int64_t t)
{
	/* Fixed English names: strftime would follow the process locale. */
	static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	buf_printf(b, "Date: %s, %02d %s %04d %02d:%02d:%02d +0000\r\n", days[tm.tm_wday],
	           tm.tm_mday, months[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min,
	           tm.tm_sec);
}

static void
put_message_id(struct buf *b, int64_t id, const char *from_addr)
{
	unsigned char rnd[12];
	char hex[sizeof(rnd) * 2 + 1];
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(hex, sizeof(hex), rnd, sizeof(rnd));
	buf_printf(b, "Message-ID: <%s.%lld@%s>\r\n", hex, (long long)id,
	           strchr(from_addr, '@') + 1);
}

/*
 * The body in canonical form (every line end CRLF, as RFC 2045 requires of
 * text before base64), then base64 in lines of 76 characters.
 */
static void
put_body(struct buf *b, const char *body)
{
	struct buf canon = {0};
	for (const char *p = body; *p; p++) {
		if (*p == '\r' || *p == '\n') {
			buf_puts(&canon, "\r\n");
			if (p[0] == '\r' && p[1] == '\n')
				p++;
		} else {
			buf_putc(&canon, *p);
		}
	}
	char line[BODY_CHUNK / 3 * 4 + 1];
	for (size_t off = 0; off < canon.len; off += BODY_CHUNK) {
		size_t n = canon.len - off < BODY_CHUNK ? canon.len - off : BODY_CHUNK;
		sodium_bin2base64(line, sizeof(line), (const unsigned char *)canon.p + off, n,
		                  sodium_base64_VARIANT_ORIGINAL);
		buf_puts(b, line);
		buf_puts(b, "\r\n");
	}
	buf_free(&canon);
}

int
mail_message_build(const struct mail_msg *m, struct buf *out)
{
	if (!mail_addr_valid(m->from_addr) || !mail_addr_valid(m->to_addr) ||
	    !mail_header_value_ok(m->from_name) || !mail_header_value_ok(m->to_name) ||
	    !mail_header_value_ok(m->subject) ||
	    !utf8_valid((const unsigned char *)m->body, strlen(m->body)) ||
	    (unsigned)m->lang >= LANG__MAX)
		return -1;
	struct hdr h;
	put_date(out, m->date);
	hdr_start(&h, out, "From");
	hdr_mailbox(&h, m->from_name, m->from_addr);
	hdr_end(&h);
	hdr_start(&h, out, "To");
	hdr_mailbox(&h, m->to_name, m->to_addr);
	hdr_end(&h);
	hdr_start(&h, out, "Subject");
	hdr_text(&h, m->subject);
	hdr_end(&h);
	if (m->reply_to && *m->reply_to) {
		if (!mail_addr_valid(m->reply_to))
			return -1;
		buf_printf(out, "Reply-To: %s\r\n", m->reply_to);
	}
	put_message_id(out, m->id, m->from_addr);
	buf_puts(out, "MIME-Version: 1.0\r\n"
	              "Content-Type: text/plain; charset=UTF-8\r\n"
	              "Content-Transfer-Encoding: base64\r\n");
	buf_printf(out, "Content-Language: %s\r\n", lang_code(m->lang));
	buf_puts(out, "Auto-Submitted: auto-generated\r\n\r\n");
	put_body(out, m->body);
	return 0;
}
