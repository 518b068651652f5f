/* Texts of the case mails; see case_mails.h. */
#include "mail/case_mails.h"
#include "app.h"
#include "core/buf.h"
#include "mail/outbox.h"

#include <stdio.h>

static const char *tr(const struct recipient *to, const char *msgid) __attribute__((format_arg(2)));

static const char *
tr(const struct recipient *to, const char *msgid)
{
	return i18n_tr(to->lang, msgid);
}

static int
send(struct db *db, const struct app *app, const struct recipient *to, const struct case_row *c,
     const char *what, struct buf *body)
{
	struct buf subject = {0}, full = {0};
	buf_printf(&subject, "[%s] %s: %s", c->number, what, c->subject);
	buf_printf(&full, tr(to, "Dear %s,"), to->name);
	buf_puts(&full, "\n\n");
	buf_append(&full, body->p ? body->p : "", body->len);
	buf_printf(&full, "\n\n%s: %s\n%s: %s\n%s/cases/%s\n\n-- \n%s\n", tr(to, "Case number"),
	           c->number, tr(to, "Subject"), c->subject, app->cfg.base_url, c->number,
	           app->provider_name);
	buf_puts(&full, tr(to, "This message was sent automatically. Please do not reply to it."));
	buf_puts(&full, "\n");
	struct mail m = {.to_addr = to->email,
	                 .to_name = to->name,
	                 .lang = to->lang,
	                 .subject = subject.p,
	                 .body = full.p};
	int rc = outbox_add(db, &m);
	buf_free(&subject);
	buf_free(&full);
	buf_free(body);
	return rc;
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
