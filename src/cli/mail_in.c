/*
 * `madoguchi mail-in`: replies by e-mail into their cases
 * (cases/mail_reply.h), for a mail server's pipe or an IMAP mailbox.
 *
 *   madoguchi mail-in [SETTINGS] [RECIPIENT] < message
 *       one RFC 5322 message on stdin; RECIPIENT: the envelope address the
 *       server delivered it to (Postfix: ${original_recipient}), read
 *       before the message's own headers
 *   madoguchi mail-in [SETTINGS] --imap
 *       every unseen message of --imap-url, each flagged \Seen once handled
 *
 * Exit status, as sendmail's sysexits.h says to a mail server: 0 the
 * message was handled (a comment, a refusal with its note, an automatic
 * message ignored, a second delivery); 64 usage; 65 not a message or over
 * MAIL_IN_MAX; 74 stdin could not be read; 75 a temporary failure (the
 * database is locked or unavailable, the disk refused a file, the IMAP
 * server could not be reached): the server keeps the message and tries
 * again; 78 no --mail-inbound is set.
 */
#include "app.h"
#include "cases/mail_reply.h"
#include "cli/cli.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/log.h"
#include "mail/imap.h"
#include "mail/inbound.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define EX_USAGE    64
#define EX_DATAERR  65
#define EX_IOERR    74
#define EX_TEMPFAIL 75
#define EX_CONFIG   78

/* Largest message taken: mail servers refuse larger ones before us anyway. */
#define MAIL_IN_MAX (100u * 1024 * 1024)

/* Handles one message; its exit status. */
static int
handle(const struct app *app, const char *raw, size_t len, const char *recipient)
{
	struct arena *a = arena_new();
	struct inbound_msg m;
	int rc = inbound_parse(raw, len, app->cfg.data_dir, a, &m);
	if (rc != 0) {
		log_error("mail-in: %s", rc > 0 ? "not a mail message: refused"
		                                : "an attachment could not be stored; try again");
		arena_free(a);
		return rc > 0 ? EX_DATAERR : EX_TEMPFAIL;
	}
	if (recipient) {
		const char **v = arena_alloc(a, (size_t)(m.nrcpts + 1) * sizeof(*v));
		v[0] = recipient;
		if (m.nrcpts)
			memcpy(v + 1, m.rcpts, (size_t)m.nrcpts * sizeof(*v));
		m.rcpts = v;
		m.nrcpts++;
	}
	const char *reason;
	enum mail_reply_outcome out = case_mail_reply(app, a, &m, &reason);
	inbound_discard(&m);
	arena_free(a);
	return out == MAIL_REPLY_RETRY ? EX_TEMPFAIL : 0;
}

static int
from_stdin(const struct app *app, const char *recipient)
{
	struct buf b = {0};
	char chunk[65536];
	ssize_t n;
	while ((n = read(STDIN_FILENO, chunk, sizeof(chunk))) > 0) {
		if (b.len + (size_t)n > MAIL_IN_MAX) {
			log_error("mail-in: message larger than %u bytes: refused", MAIL_IN_MAX);
			buf_free(&b);
			return EX_DATAERR;
		}
		buf_append(&b, chunk, (size_t)n);
	}
	if (n < 0) {
		log_error("mail-in: cannot read the message from stdin");
		buf_free(&b);
		return EX_IOERR;
	}
	int rc = b.len ? handle(app, b.p, b.len, recipient) : EX_DATAERR;
	if (!b.len)
		log_error("mail-in: empty input: refused");
	buf_free(&b);
	return rc;
}

static int
on_imap_message(void *ctx, const char *raw, size_t len)
{
	/* Not a message at all: flagged like a handled one, or it would come back forever. */
	return handle(ctx, raw, len, NULL) == EX_TEMPFAIL ? -1 : 0;
}

static int
from_imap(const struct app *app)
{
	if (!app->cfg.imap_url || !*app->cfg.imap_url) {
		fprintf(stderr, "madoguchi mail-in: --imap needs --imap-url\n");
		return EX_CONFIG;
	}
	int left = 0;
	int n = imap_poll(app->cfg.imap_url, app->cfg.imap_user, app->cfg.imap_password,
	                  MAIL_IN_MAX, on_imap_message, (void *)app, &left);
	if (n >= 0)
		printf("mail-in: %d handled, %d left for the next poll\n", n, left);
	return n < 0 || left ? EX_TEMPFAIL : 0;
}

int
cli_mail_in(struct app *app, int argc, char **argv)
{
	if (!app->cfg.mail_inbound || !*app->cfg.mail_inbound) {
		fprintf(stderr, "madoguchi mail-in: set --mail-inbound (MADOGUCHI_MAIL_INBOUND)\n");
		return EX_CONFIG;
	}
	inbound_init();
	if (argc == 1 && strcmp(argv[0], "--imap") == 0)
		return from_imap(app);
	if (argc > 1 || (argc == 1 && strncmp(argv[0], "--", 2) == 0)) {
		fprintf(stderr, "usage: madoguchi mail-in [SETTINGS] [RECIPIENT] < message\n"
		                "       madoguchi mail-in [SETTINGS] --imap\n");
		return EX_USAGE;
	}
	return from_stdin(app, argc == 1 ? argv[0] : NULL);
}
