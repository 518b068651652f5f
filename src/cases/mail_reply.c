/* Replies by e-mail as case comments; see mail_reply.h. */
#include "cases/mail_reply.h"
#include "app.h"
#include "cases/cases.h"
#include "core/arena.h"
#include "core/log.h"
#include "domain/domain.h"
#include "mail/inbound.h"
#include "mail/message.h"
#include "mail/reply_mails.h"
#include "mail/reply_token.h"
#include "store/db.h"
#include "store/inbound_mail.h"
#include "store/users.h"

#include <string.h>

/* What is known of a message on its way through the checks. */
struct reply {
	const struct app *app;
	struct arena *a;
	struct db *db;
	struct inbound_msg *m;
	const char *reason; /* short code for the log and the record */
	const char *why;    /* msgid of the note to the sender */
	int64_t case_id, customer_id, sender_id;
	const char *number; /* the case, once the token verified */
	struct user recipient, sender;
	bool has_recipient, has_sender;
};

static const char *
our_address(struct reply *r)
{
	const char *name, *addr;
	const char *from = mail_from_resolve(r->app, r->db, r->a);
	return mail_parse_from(from, r->a, &name, &addr) == 0 ? addr : "";
}

/* The token of the first recipient that is one of our reply addresses, or NULL. */
static const char *
token_of(struct reply *r)
{
	for (int i = 0; i < r->m->nrcpts; i++) {
		const char *t = reply_token_of(r->app->cfg.mail_inbound, r->m->rcpts[i], r->a);
		if (t)
			return t;
	}
	return NULL;
}

/* An automatic message or one of ours: the reason, else NULL. */
static const char *
ignore_reason(struct reply *r)
{
	if (r->m->auto_reason)
		return r->m->auto_reason;
	if (inbound_is_ours(r->m, our_address(r), r->app->cfg.mail_inbound))
		return "loop";
	if (!*r->m->from_addr || !mail_addr_valid(r->m->from_addr))
		return "no-sender";
	return NULL;
}

static int
refuse(struct reply *r, const char *reason, const char *why)
{
	r->reason = reason;
	r->why = why;
	return -1;
}

/*
 * The token, its case and the sender: 0 when the message may become a
 * comment, -1 refused (r->reason, r->why), -2 the database failed.
 */
static int
check(struct reply *r)
{
	const char *token = token_of(r);
	int64_t user_id = 0;
	if (!token)
		return refuse(r, "no-token", N_("It was not sent to the reply address of a case."));
	if (reply_token_check(r->app->reply_key, token, &r->case_id, &user_id) != 0) {
		r->case_id = 0;
		return refuse(r, "bad-token",
		              N_("The reply address it was sent to is not valid: it may have been "
		                 "changed or copied wrongly."));
	}
	int found = inbound_case(r->db, r->case_id, r->a, &r->number, &r->customer_id);
	if (found <= 0) {
		r->case_id = 0;
		r->number = NULL;
		return found < 0
		           ? -2
		           : refuse(r, "no-case", N_("The case it answers no longer exists."));
	}
	found = users_get(r->db, user_id, r->a, &r->recipient);
	if (found < 0)
		return -2;
	r->has_recipient = found > 0;
	r->sender_id = inbound_contact(r->db, r->customer_id, r->m->from_addr);
	if (r->sender_id < 0)
		return -2;
	if (r->sender_id == 0)
		return refuse(
		    r, "stranger",
		    N_("Only the customer's contacts can answer a case by e-mail, and the "
		       "address it was sent from is not one of theirs."));
	found = users_get(r->db, r->sender_id, r->a, &r->sender);
	if (found < 0)
		return -2;
	r->has_sender = found > 0;
	return r->has_sender ? 0
	                     : refuse(r, "stranger", N_("The case it answers no longer exists."));
}

static int
record(struct reply *r, const char *outcome)
{
	return inbound_record(r->db, &(struct inbound_row){.msg_key = r->m->key,
	                                                   .from_addr = r->m->from_addr,
	                                                   .subject = r->m->subject,
	                                                   .outcome = outcome,
	                                                   .reason = r->reason,
	                                                   .case_id = r->case_id,
	                                                   .user_id = r->sender_id});
}

/* The context of the sender acting by e-mail. */
static void
sender_dom(struct reply *r, struct dom *d)
{
	memset(d, 0, sizeof(*d));
	d->app = r->app;
	d->a = r->a;
	actor_of_user(&d->who, &r->sender);
	d->who.user_agent = "e-mail";
}

/* The comment and its record in one transaction. An outcome, or -1 when it was refused. */
static int
comment(struct reply *r)
{
	struct dom d;
	sender_dom(r, &d);
	/* Files the channel left out: the operation refuses, as for a form. */
	if (r->m->refused)
		dom_invalid(&d, "files",
		            N_("An attachment was larger than 2 GB, or there were more than 10, so "
		               "nothing was saved."));
	if (db_batch_begin(r->db) != 0)
		return MAIL_REPLY_RETRY;
	int fresh = record(r, "accepted");
	int64_t last = fresh > 0 ? activity_last_id(r->db, r->case_id) : -1;
	if (fresh <= 0 || last < 0) {
		db_batch_rollback(r->db);
		return fresh == 0 ? MAIL_REPLY_DUPLICATE : MAIL_REPLY_RETRY;
	}
	struct case_comment_in in = {
	    .number = r->number, .body = r->m->text, .files = {r->m->files, r->m->nfiles}};
	struct case_row c;
	int st = case_comment(&d, &in, &c);
	bool ok = st == DOM_OK && activity_mark_via(r->db, r->case_id, last, "mail") == 0 &&
	          dom_audit(&d, r->db, "case.mail_reply", c.customer_id,
	                    arena_printf(r->a, "%s <%s>", c.number, r->m->key)) == 0;
	if (ok && db_batch_commit(r->db) == 0)
		return MAIL_REPLY_ACCEPTED;
	db_batch_rollback(r->db);
	if (st == DOM_OK || st == DOM_ERROR)
		return MAIL_REPLY_RETRY;
	r->reason = st == DOM_CONFLICT ? "closed" : st == DOM_INVALID ? "invalid" : "refused";
	r->why = d.message   ? d.message
	         : d.nerrors ? d.errors[0].msgid
	                     : N_("The case it answers no longer exists.");
	return -1;
}

/*
 * The note of a refusal to the sender, in the sender's language when the
 * address is a contact's (of any customer), else the token's recipient's,
 * else Japanese. 0 when sent or when nobody can be told; -1 on error.
 */
static int
bounce(struct reply *r)
{
	if (!mail_addr_valid(r->m->from_addr))
		return 0;
	struct recipient to = {.email = r->m->from_addr, .lang = LANG_JA};
	to.name = *r->m->from_name ? r->m->from_name : r->m->from_addr;
	struct user known;
	int64_t id = r->has_sender ? 0 : inbound_contact(r->db, 0, r->m->from_addr);
	if (id < 0 || (id > 0 && users_get(r->db, id, r->a, &known) < 0))
		return -1;
	if (r->has_sender || id > 0) {
		const struct user *u = r->has_sender ? &r->sender : &known;
		to.name = u->name;
		to.lang = u->lang;
	} else if (r->has_recipient) {
		to.lang = r->recipient.lang;
	}
	return mail_reply_refused(r->db, r->app, &to, *r->m->subject ? r->m->subject : "-", r->why,
	                          r->number);
}

/* Records a refused or ignored message, with its note and audit event when refused. */
static int
close_out(struct reply *r, bool refused)
{
	if (db_begin(r->db) != 0)
		return MAIL_REPLY_RETRY;
	int fresh = record(r, refused ? "refused" : "ignored");
	bool ok = fresh > 0;
	if (ok && refused) {
		struct dom d = {.app = r->app, .a = r->a};
		d.who.user_agent = "e-mail";
		ok = bounce(r) == 0 &&
		     dom_audit(&d, r->db, "case.mail_refused", r->customer_id,
		               arena_printf(r->a, "%s %s <%s> %s", r->number ? r->number : "-",
		                            r->reason, r->m->key, r->m->from_addr)) == 0;
	}
	if (fresh == 0 || !ok) {
		db_rollback(r->db);
		return fresh == 0 ? MAIL_REPLY_DUPLICATE : MAIL_REPLY_RETRY;
	}
	if (db_commit(r->db) != 0) {
		db_rollback(r->db);
		return MAIL_REPLY_RETRY;
	}
	return refused ? MAIL_REPLY_REFUSED : MAIL_REPLY_IGNORED;
}

enum mail_reply_outcome
case_mail_reply(const struct app *app, struct arena *a, struct inbound_msg *m, const char **reason)
{
	struct reply r = {.app = app, .a = a, .m = m, .reason = ""};
	r.db = db_thread();
	*reason = "database";
	if (!r.db)
		return MAIL_REPLY_RETRY;
	enum mail_reply_outcome out;
	const char *ignored = ignore_reason(&r);
	if (ignored) {
		r.reason = ignored;
		out = (enum mail_reply_outcome)close_out(&r, false);
	} else {
		int st = check(&r);
		if (st == -2)
			return MAIL_REPLY_RETRY;
		int done = st == 0 ? comment(&r) : -1;
		out = done >= 0 ? (enum mail_reply_outcome)done
		                : (enum mail_reply_outcome)close_out(&r, true);
	}
	*reason = r.reason;
	static const char *const names[] = {"accepted", "refused", "ignored", "duplicate", "retry"};
	log_info("mail-in: %s%s%s <%s> from %s%s%s", names[out], *r.reason ? " " : "", r.reason,
	         m->key, *m->from_addr ? m->from_addr : "-", r.number ? " for " : "",
	         r.number ? r.number : "");
	return out;
}
