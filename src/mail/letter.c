/* The frame of every mail; see letter.h. */
#include "mail/letter.h"
#include "app.h"
#include "mail/outbox.h"

int
mail_letter(struct db *db, const struct app *app, const struct recipient *to, const char *subject,
            struct buf *body)
{
	struct buf full = {0};
	buf_printf(&full, i18n_tr(to->lang, "Dear %s,"), to->name);
	buf_puts(&full, "\n\n");
	buf_append(&full, body->p ? body->p : "", body->len);
	buf_puts(&full, "\n\n-- \n");
	buf_puts(&full, app->provider_name);
	buf_puts(&full, "\n");
	buf_puts(&full, to->reply_to
	                    ? i18n_tr(to->lang, "You can answer by replying to this message: your "
	                                        "reply is added to the case as a comment.")
	                    : i18n_tr(to->lang, "This message was sent automatically. Please do "
	                                        "not reply to it."));
	buf_puts(&full, "\n");
	struct mail m = {.to_addr = to->email,
	                 .to_name = to->name,
	                 .lang = to->lang,
	                 .subject = subject,
	                 .body = full.p,
	                 .reply_to = to->reply_to};
	int rc = outbox_add(db, &m);
	buf_free(&full);
	buf_free(body);
	return rc;
}
