/*
 * The two ways a built message leaves the portal: an SMTP server (smtp.c,
 * libcurl) or a file in the data directory (filedrop.c) when no server is
 * configured. Internal to src/mail/: the sender picks one per delivery.
 */
#ifndef MADOGUCHI_MAIL_TRANSPORT_H
#define MADOGUCHI_MAIL_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

/* One message on its way: the envelope and the bytes of mail_message_build. */
struct mail_envelope {
	int64_t id;  /* outbox id */
	int64_t now; /* Unix time of the attempt */
	const char *from_addr, *to_addr;
	const char *data; /* CRLF line ends */
	size_t len;
};

/*
 * Checks an --smtp-url (smtp:// or smtps://, optional ?starttls=required or
 * ?starttls=try). Returns 0 and writes where mail goes, without credentials,
 * to info ("smtp://host:port"); or -1 and the reason to info.
 */
int mail_smtp_check(const char *url, char *info, size_t infolen);

/*
 * Delivers env to the SMTP server of url, within a time limit shorter than
 * OUTBOX_CLAIM_SECONDS. Returns 0 and a description of where it went in
 * info, or -1 and the reason in info (never the credentials of the URL).
 */
int mail_smtp_deliver(const char *url, const struct mail_envelope *env, char *info, size_t infolen);

/*
 * Writes env atomically as <data_dir>/mail/outbox/<id>-<now>.eml: a reader
 * never sees a partial file, and once this returns 0 the file survives a
 * power cut. Returns 0 and the path in info, or -1 and the reason in info.
 */
int mail_file_deliver(const char *data_dir, const struct mail_envelope *env, char *info,
                      size_t infolen);

#endif
