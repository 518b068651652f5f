/* Inbound messages read with GMime; see inbound.h. */
#include "mail/inbound.h"
#include "core/arena.h"
#include "core/log.h"
#include "core/text.h"
#include "files/filestore.h"
#include "mail/quote.h"

#include <gmime/gmime.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void
start(void)
{
	g_mime_init();
}

void
inbound_init(void)
{
	pthread_once(&once, start);
}

/* What the walk over the parts collects. */
struct walk {
	struct arena *a;
	const char *data_dir;
	struct inbound_msg *m;
	char *plain, *html; /* g_malloc'd, first of each */
	int disk_error;
};

/* The header's value up to ";" or white space, lower-cased, in the arena ("" for none). */
static const char *
header_word(struct arena *a, GMimeObject *o, const char *name)
{
	const char *v = g_mime_object_get_header(o, name);
	if (!v)
		return NULL;
	while (*v == ' ' || *v == '\t')
		v++;
	size_t n = strcspn(v, "; \t\r\n");
	char *w = arena_strndup(a, v, n);
	for (char *p = w; *p; p++)
		if (*p >= 'A' && *p <= 'Z')
			*p = (char)(*p - 'A' + 'a');
	return w;
}

/*
 * Why the message was sent by a machine: RFC 3834's Auto-Submitted, the
 * Precedence of lists and vacation programs, Exchange's
 * X-Auto-Response-Suppress and X-Autoreply, a null return path, a
 * delivery report. NULL for a person's message.
 */
static const char *
auto_reason(struct arena *a, GMimeMessage *msg)
{
	GMimeObject *o = GMIME_OBJECT(msg);
	const char *v = header_word(a, o, "Auto-Submitted");
	if (v && strcmp(v, "no") != 0)
		return "auto-submitted";
	v = header_word(a, o, "Precedence");
	if (v && (strcmp(v, "bulk") == 0 || strcmp(v, "junk") == 0 || strcmp(v, "list") == 0))
		return "precedence";
	if (g_mime_object_get_header(o, "X-Auto-Response-Suppress"))
		return "auto-response-suppress";
	if (g_mime_object_get_header(o, "X-Autoreply") ||
	    g_mime_object_get_header(o, "X-Autorespond"))
		return "autoreply";
	v = g_mime_object_get_header(o, "Return-Path");
	if (v && strstr(v, "<>"))
		return "null-sender";
	GMimeObject *body = g_mime_message_get_mime_part(msg);
	GMimeContentType *ct = body ? g_mime_object_get_content_type(body) : NULL;
	if (ct && g_mime_content_type_is_type(ct, "multipart", "report"))
		return "delivery-report";
	return NULL;
}

static void
add_rcpts(struct arena *a, struct inbound_msg *m, InternetAddressList *list, int *cap)
{
	int n = list ? internet_address_list_length(list) : 0;
	for (int i = 0; i < n; i++) {
		InternetAddress *ia = internet_address_list_get_address(list, i);
		if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
			continue;
		const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
		if (!addr || !*addr)
			continue;
		if (m->nrcpts == *cap) {
			int nc = *cap ? *cap * 2 : 8;
			const char **v = arena_alloc(a, (size_t)nc * sizeof(*v));
			if (m->nrcpts)
				memcpy(v, m->rcpts, (size_t)m->nrcpts * sizeof(*v));
			m->rcpts = v;
			*cap = nc;
		}
		m->rcpts[m->nrcpts++] = arena_strdup(a, addr);
	}
}

/* Envelope headers first (they name the address the mail was delivered to), then To and Cc. */
static void
read_rcpts(struct arena *a, GMimeMessage *msg, struct inbound_msg *m)
{
	int cap = 0;
	static const char *const envelope[] = {"Delivered-To", "X-Original-To", "Envelope-To"};
	GMimeHeaderList *hl = g_mime_object_get_header_list(GMIME_OBJECT(msg));
	int n = g_mime_header_list_get_count(hl);
	for (size_t k = 0; k < sizeof(envelope) / sizeof(envelope[0]); k++)
		for (int i = 0; i < n; i++) {
			GMimeHeader *h = g_mime_header_list_get_header_at(hl, i);
			if (strcasecmp(g_mime_header_get_name(h), envelope[k]) != 0)
				continue;
			InternetAddressList *l =
			    internet_address_list_parse(NULL, g_mime_header_get_value(h));
			add_rcpts(a, m, l, &cap);
			if (l)
				g_object_unref(l);
		}
	add_rcpts(a, m, g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_TO), &cap);
	add_rcpts(a, m, g_mime_message_get_addresses(msg, GMIME_ADDRESS_TYPE_CC), &cap);
}

static void
read_from(struct arena *a, GMimeMessage *msg, struct inbound_msg *m)
{
	m->from_addr = "";
	m->from_name = "";
	InternetAddressList *from = g_mime_message_get_from(msg);
	if (!from || internet_address_list_length(from) < 1)
		return;
	InternetAddress *ia = internet_address_list_get_address(from, 0);
	if (!INTERNET_ADDRESS_IS_MAILBOX(ia))
		return;
	const char *addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(ia));
	const char *name = internet_address_get_name(ia);
	m->from_addr = addr ? arena_strdup(a, addr) : "";
	if (name && utf8_valid((const unsigned char *)name, strlen(name)))
		m->from_name = arena_strdup(a, name);
}

/* A part's name as people may keep it (path and controls dropped), or a generic one. */
static const char *
part_name(struct arena *a, GMimeObject *part, const char *fallback)
{
	const char *name = GMIME_IS_PART(part) ? g_mime_part_get_filename(GMIME_PART(part)) : NULL;
	if (!name || !*name)
		name = fallback;
	const char *s = strrchr(name, '/'), *b = strrchr(name, '\\');
	if (b && (!s || b > s))
		s = b;
	name = s ? s + 1 : name;
	return text_file_name(a, name, strlen(name), TEXT_FILE_NAME_MAX);
}

static void
refuse(struct inbound_msg *m, enum inbound_refusal why, const char *name)
{
	if (!m->refused) {
		m->refused = why;
		m->refused_name = name;
	}
}

/* The bytes of an attachment, decoded, as an incoming file. */
static void
keep_file(struct walk *w, GMimeObject *part, const char *name)
{
	struct inbound_msg *m = w->m;
	if (m->nfiles >= ATTACHMENT_FILES_MAX) {
		refuse(m, INBOUND_FILES_TOO_MANY, name);
		return;
	}
	GMimeStream *out = g_mime_stream_mem_new();
	if (GMIME_IS_MESSAGE_PART(part)) {
		GMimeMessage *inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(part));
		if (inner)
			g_mime_object_write_to_stream(GMIME_OBJECT(inner), NULL, out);
	} else {
		GMimeDataWrapper *content = g_mime_part_get_content(GMIME_PART(part));
		if (content)
			g_mime_data_wrapper_write_to_stream(content, out);
	}
	GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
	if (!bytes || bytes->len == 0) {
		g_object_unref(out);
		return; /* no bytes: not an attachment, as in a form */
	}
	if ((uint64_t)bytes->len > ATTACHMENT_FILE_MAX) {
		refuse(m, INBOUND_FILE_TOO_LARGE, name);
		g_object_unref(out);
		return;
	}
	struct incoming_file *f = &m->files[m->nfiles];
	memset(f, 0, sizeof(*f));
	struct file_put *put = file_put_begin(w->data_dir);
	if (!put || file_put_write(put, bytes->data, bytes->len) != 0 ||
	    file_put_seal(put, &f->stored) != 0) {
		file_put_abort(put);
		w->disk_error = 1;
	} else {
		f->pending = put;
		f->field = "files";
		f->filename = name;
		m->nfiles++;
	}
	g_object_unref(out);
}

static void
on_part(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	(void)parent;
	struct walk *w = data;
	if (GMIME_IS_MULTIPART(part))
		return;
	if (GMIME_IS_MESSAGE_PART(part)) {
		keep_file(w, part, part_name(w->a, part, "message.eml"));
		return;
	}
	if (!GMIME_IS_PART(part))
		return;
	GMimeContentType *ct = g_mime_object_get_content_type(part);
	GMimeContentDisposition *disp = g_mime_object_get_content_disposition(part);
	bool attachment = disp && g_mime_content_disposition_is_attachment(disp);
	bool plain = ct && g_mime_content_type_is_type(ct, "text", "plain");
	bool html = ct && g_mime_content_type_is_type(ct, "text", "html");
	if (!attachment && (plain || html) && GMIME_IS_TEXT_PART(part)) {
		char **slot = plain ? &w->plain : &w->html;
		if (!*slot)
			*slot = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
		return;
	}
	/* An image shown inside an HTML body (a logo in a signature) is not sent to us. */
	if (!attachment && g_mime_object_get_content_id(part))
		return;
	keep_file(w, part, part_name(w->a, part, "attachment"));
}

static const char *
body_text(struct walk *w)
{
	const char *t = "";
	if (w->plain && utf8_valid((const unsigned char *)w->plain, strlen(w->plain)))
		t = w->plain;
	else if (w->html && utf8_valid((const unsigned char *)w->html, strlen(w->html)))
		t = mail_html_text(w->a, w->html);
	return mail_strip_quote(w->a, t);
}

/* A Message-ID we may keep and compare: printable ASCII, of a sane length. */
static bool
mail_id_ok(const char *id)
{
	size_t n = strlen(id);
	if (n == 0 || n > 250)
		return false;
	for (const char *p = id; *p; p++)
		if ((unsigned char)*p <= 0x20 || (unsigned char)*p >= 0x7f)
			return false;
	return true;
}

static const char *
key_of(struct arena *a, const char *message_id, const char *raw, size_t len)
{
	if (*message_id)
		return message_id;
	unsigned char h[crypto_hash_sha256_BYTES];
	char hex[sizeof(h) * 2 + 1];
	crypto_hash_sha256(h, (const unsigned char *)raw, len);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	return arena_printf(a, "sha256:%s", hex);
}

int
inbound_parse(const char *raw, size_t len, const char *data_dir, struct arena *a,
              struct inbound_msg *m)
{
	inbound_init();
	memset(m, 0, sizeof(*m));
	GMimeStream *s = g_mime_stream_mem_new_with_buffer(raw, len);
	GMimeParser *p = g_mime_parser_new_with_stream(s);
	g_object_unref(s);
	GMimeMessage *msg = g_mime_parser_construct_message(p, NULL);
	g_object_unref(p);
	if (!msg)
		return 1;
	if (g_mime_header_list_get_count(g_mime_object_get_header_list(GMIME_OBJECT(msg))) == 0) {
		g_object_unref(msg);
		return 1;
	}
	const char *id = g_mime_message_get_message_id(msg);
	m->message_id = id && mail_id_ok(id) ? arena_strdup(a, id) : "";
	m->key = key_of(a, m->message_id, raw, len);
	const char *subject = g_mime_message_get_subject(msg);
	m->subject = subject && utf8_valid((const unsigned char *)subject, strlen(subject))
	                 ? arena_strdup(a, subject)
	                 : "";
	read_from(a, msg, m);
	read_rcpts(a, msg, m);
	m->auto_reason = auto_reason(a, msg);
	m->files = arena_zalloc(a, ATTACHMENT_FILES_MAX * sizeof(*m->files));
	struct walk w = {.a = a, .data_dir = data_dir, .m = m};
	g_mime_message_foreach(msg, on_part, &w);
	m->text = body_text(&w);
	g_free(w.plain);
	g_free(w.html);
	g_object_unref(msg);
	if (w.disk_error) {
		inbound_discard(m);
		return -1;
	}
	return 0;
}

void
inbound_discard(struct inbound_msg *m)
{
	for (int i = 0; i < m->nfiles; i++)
		if (m->files[i].pending) {
			file_put_abort(m->files[i].pending);
			m->files[i].pending = NULL;
		}
}

static const char *
domain_of(const char *addr)
{
	const char *at = addr ? strrchr(addr, '@') : NULL;
	return at ? at + 1 : "";
}

bool
inbound_is_ours(const struct inbound_msg *m, const char *our_from, const char *inbound)
{
	if ((our_from && strcasecmp(m->from_addr, our_from) == 0) ||
	    (inbound && strcasecmp(m->from_addr, inbound) == 0))
		return true;
	/* <24 hex digits>.<outbox id>@<our domain> (mail/message.c). */
	const char *id = m->message_id;
	size_t hex = strspn(id, "0123456789abcdef");
	if (hex != 24 || id[24] != '.')
		return false;
	size_t digits = strspn(id + 25, "0123456789");
	return digits && id[25 + digits] == '@' && *domain_of(our_from) &&
	       strcasecmp(id + 26 + digits, domain_of(our_from)) == 0;
}
