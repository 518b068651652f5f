/*
 * Polling an IMAP mailbox for replies by e-mail (libcurl; imap:// or
 * imaps://host[:port]/MAILBOX, INBOX when none is named). Each unseen
 * message is read without marking it (the mailbox is examined read-only
 * while it is fetched) and handed to the caller; only a message the caller
 * has handled is then flagged \Seen, so one that could not be handled
 * (the database was busy) is fetched again at the next poll.
 */
#ifndef MADOGUCHI_MAIL_IMAP_H
#define MADOGUCHI_MAIL_IMAP_H

#include <stddef.h>

/* Returns 0 when the message is handled (it is then flagged), -1 to leave it unseen. */
typedef int (*imap_handler)(void *ctx, const char *raw, size_t len);

/*
 * Fetches every unseen message of the mailbox, up to max_bytes each
 * (a larger one is left unseen and logged). Returns how many were
 * handled, or -1 when the server could not be reached or refused us
 * (logged); *left gets how many were left unseen.
 */
int imap_poll(const char *url, const char *user, const char *password, size_t max_bytes,
              imap_handler handle, void *ctx, int *left);

#endif
