/*
 * The background sender: one thread that delivers the outbox (outbox.h)
 * through SMTP (--smtp-url) or, without a server, as files in the data
 * directory. It polls every second and wakes at once when kicked. Several
 * portal instances may share one database: a mail is claimed before it is
 * delivered, so no two instances send the same mail.
 */
#ifndef MADOGUCHI_MAIL_SENDER_H
#define MADOGUCHI_MAIL_SENDER_H

struct app;

/*
 * Starts the thread. app must outlive mail_sender_stop(); the database must
 * have been configured (db_configure) and migrated. Checks --smtp-url first.
 * Returns 0, or -1 (logged) if the URL is not usable, the sender is already
 * running or the thread cannot be started.
 */
int mail_sender_start(const struct app *app);

/* Asks for a delivery round now, typically right after a commit that added
 * mail. Cheap, safe from any thread, a no-op when the sender is not running. */
void mail_sender_kick(void);

/*
 * Stops the thread after the mail being delivered, if any, is delivered and
 * recorded; mail not yet tried stays in the outbox for the next start.
 * Waits at most one delivery timeout. A no-op when not running.
 */
void mail_sender_stop(void);

#endif
