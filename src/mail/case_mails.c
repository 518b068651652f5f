/* Texts of the case mails; see case_mails.h. */
#include "mail/case_mails.h"
#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "mail/reply_token.h"

#include <stdio.h>
#include <stdlib.h>

static const char *tr(const struct recipient *to, const char *msgid) __attribute__((format_arg(2)));

static const char *
tr(const struct recipient *to, const char *msgid)
{
	return i18n_tr(to->lang, msgid);
}

/*
 * The case's number, subject and page under the text, in the subject
 * "[CS…] what: subject". A mail the contact may answer carries the reply
 * address of the case and the contact, when an inbound address is set.
 */
static int
send_mail(struct db *db, const struct app *app, const struct recipient *to_in,
          const struct case_row *c, const char *what, struct buf *body, bool replyable)
{
	struct recipient r = *to_in;
	const struct recipient *to = &r;
	struct arena *a = arena_new();
	r.reply_to = replyable ? reply_address(app, c->id, to_in->user_id, a) : NULL;
	char *subject = NULL;
	if (asprintf(&subject, "[%s] %s: %s", c->number, what, c->subject) < 0)
		subject = NULL;
	buf_printf(body, "\n\n%s: %s\n%s: %s\n%s/cases/%s", tr(to, "Case number"), c->number,
	           tr(to, "Subject"), c->subject, app->cfg.base_url, c->number);
	int rc = subject ? mail_letter(db, app, to, subject, body) : (buf_free(body), -1);
	free(subject);
	arena_free(a);
	return rc;
}

static int
send(struct db *db, const struct app *app, const struct recipient *to, const struct case_row *c,
     const char *what, struct buf *body)
{
	return send_mail(db, app, to, c, what, body, true);
}

int
mail_case_created(struct db *db, const struct app *app, const struct recipient *to,
                  const struct case_row *c)
{
	struct buf b = {0};
	buf_puts(&b, tr(to, "We have received your inquiry. We will answer it on the case page."));
	buf_puts(&b, "\n\n");
	buf_puts(&b, c->description);
	return send(db, app, to, c, tr(to, "Case created"), &b);
}

int
mail_case_comment(struct db *db, const struct app *app, const struct recipient *to,
                  const struct case_row *c, const char *author, const char *body)
{
	struct buf b = {0};
	buf_printf(&b, tr(to, "%s commented on your case:"), author);
	buf_puts(&b, "\n\n");
	buf_puts(&b, body);
	return send(db, app, to, c, tr(to, "New comment"), &b);
}

int
mail_case_state(struct db *db, const struct app *app, const struct recipient *to,
                const struct case_row *c, enum case_state state)
{
	struct buf b = {0};
	if (state == CASE_AWAITING)
		buf_puts(&b, tr(to, "The case is waiting for your answer. Please reply with a "
		                    "comment on the case page."));
	else
		buf_puts(&b, tr(to, "The case has been resolved. Please check the solution and "
		                    "accept or reject it on the case page."));
	return send(db, app, to, c,
	            state == CASE_AWAITING ? tr(to, "Awaiting your answer") : tr(to, "Resolved"),
	            &b);
}

int
mail_case_rating(struct db *db, const struct app *app, const struct recipient *to,
                 const struct case_row *c, const char *token)
{
	static const char *const levels[] = {N_("Very dissatisfied"), N_("Dissatisfied"),
	                                     N_("Neither"), N_("Satisfied"), N_("Very satisfied")};
	struct buf b = {0};
	buf_puts(&b, tr(to, "Your case has been closed. How satisfied are you with how we handled "
	                    "it? Choose a rating; you can add a comment on the page that opens."));
	buf_puts(&b, "\n");
	for (int score = 5; score >= 1; score--)
		buf_printf(&b, "\n%d %s\n%s/rate/%s?score=%d\n", score, tr(to, levels[score - 1]),
		           app->cfg.base_url, token, score);
	/* The case is closed: an answer could not become a comment. */
	return send_mail(db, app, to, c, tr(to, "How did we do?"), &b, false);
}

int
mail_case_closing(struct db *db, const struct app *app, const struct recipient *to,
                  const struct case_row *c, const char *when)
{
	struct buf b = {0};
	buf_printf(&b,
	           tr(to,
	              "The case was resolved and waits for your confirmation. Without an answer "
	              "it will close by itself on %s. To keep it open, reject the solution on "
	              "the case page."),
	           when);
	return send(db, app, to, c, tr(to, "Closing soon"), &b);
}
