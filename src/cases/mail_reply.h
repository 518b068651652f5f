/*
 * A reply by e-mail to a case mail, as a comment of the contact who sent
 * it. The message (mail/inbound.h) must be addressed to a reply address
 * whose token verifies (mail/reply_token.h) and come from an enabled
 * contact of the case's customer: normally the token's recipient, but
 * another contact of the same customer (a colleague answering to all) may
 * answer too and writes as themselves, since every contact of a customer
 * sees its cases in the portal anyway. The comment goes through
 * case_comment, so the portal's rules hold (a closed case takes nothing;
 * a reply to a case awaiting the customer returns it to the provider; the
 * attachment limits), is public, marked as having come by e-mail and
 * audited so.
 *
 * Automatic messages (auto-replies, lists, delivery reports) and our own
 * mails coming back are ignored without an answer. Anything else that
 * cannot become a comment is refused with one polite note to the sender.
 * Every message handled is recorded once by its Message-ID, so a second
 * delivery changes nothing and sends nothing.
 */
#ifndef MADOGUCHI_CASES_MAIL_REPLY_H
#define MADOGUCHI_CASES_MAIL_REPLY_H

struct app;
struct arena;
struct inbound_msg;

enum mail_reply_outcome {
	MAIL_REPLY_ACCEPTED,
	MAIL_REPLY_REFUSED,   /* recorded, the sender told (when it can be) */
	MAIL_REPLY_IGNORED,   /* recorded, nobody told */
	MAIL_REPLY_DUPLICATE, /* handled before: nothing done */
	MAIL_REPLY_RETRY,     /* the database or the disk failed: nothing done, try again */
};

/* Handles m (its files are kept or left for inbound_discard); *reason gets a short code. */
enum mail_reply_outcome case_mail_reply(const struct app *app, struct arena *a,
                                        struct inbound_msg *m, const char **reason);

#endif
