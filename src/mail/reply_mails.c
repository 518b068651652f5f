/* The note about a refused reply by e-mail; see reply_mails.h. */
#include "mail/reply_mails.h"
#include "app.h"
#include "core/buf.h"
#include "core/text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Subjects longer than this are shortened in the note's own subject. */
#define SUBJECT_QUOTE_MAX 120

int
mail_reply_refused(struct db *db, const struct app *app, const struct recipient *to,
                   const char *subject, const char *why, const char *number)
{
	enum lang l = to->lang;
	struct buf b = {0};
	buf_printf(&b,
	           i18n_tr(l, "We received your e-mail \"%s\", but could not add it to a case."),
	           subject);
	buf_puts(&b, "\n\n");
	buf_puts(&b, i18n_tr(l, why));
	buf_puts(&b, "\n\n");
	buf_puts(&b, i18n_tr(l, "Nothing was changed. Please write on the case page of the "
	                        "portal instead, or raise a new inquiry there."));
	if (number)
		buf_printf(&b, "\n%s/cases/%s", app->cfg.base_url, number);
	else
		buf_printf(&b, "\n%s/", app->cfg.base_url);
	char *title = NULL;
	size_t n = strlen(subject);
	if (n > SUBJECT_QUOTE_MAX) {
		n = SUBJECT_QUOTE_MAX;
		while (n && ((unsigned char)subject[n] & 0xc0) == 0x80)
			n--;
	}
	if (asprintf(&title, "%s: %.*s", i18n_tr(l, "Your e-mail was not added to the case"),
	             (int)n, subject) < 0)
		title = NULL;
	int rc = title ? mail_letter(db, app, to, title, &b) : (buf_free(&b), -1);
	free(title);
	return rc;
}
