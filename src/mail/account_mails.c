/* Texts of the account mails; see account_mails.h. */
#include "mail/account_mails.h"
#include "app.h"
#include "core/buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static const char *tr(const struct recipient *to, const char *msgid) __attribute__((format_arg(2)));

static const char *
tr(const struct recipient *to, const char *msgid)
{
	return i18n_tr(to->lang, msgid);
}

int
mail_sign_in_code(struct db *db, const struct app *app, const struct recipient *to,
                  const char *code)
{
	struct buf b = {0};
	buf_printf(&b, tr(to, "Your verification code is %s."), code);
	buf_puts(&b, "\n");
	buf_puts(&b, tr(to, "It is valid for 5 minutes. If you did not try to sign in, change "
	                    "your password."));
	return mail_letter(db, app, to, tr(to, "Your verification code"), &b);
}

int
mail_reset_link(struct db *db, const struct app *app, const struct recipient *to, const char *login,
                const char *token, int invite)
{
	struct buf b = {0};
	if (invite) {
		buf_puts(&b, tr(to, "An account of the customer portal has been created for you."));
		buf_puts(&b, "\n");
	}
	buf_printf(&b, tr(to, "User ID: %s"), login);
	buf_puts(&b, "\n\n");
	buf_puts(&b, invite ? tr(to, "Set your password at this address:")
	                    : tr(to, "Reset your password at this address:"));
	buf_printf(&b, "\n%s/password/reset/%s\n\n", app->cfg.base_url, token);
	buf_puts(&b, invite ? tr(to, "The link is valid for 72 hours and can be used once.")
	                    : tr(to, "The link is valid for 1 hour and can be used once. If you "
	                             "did not ask for it, you can ignore this message."));
	return mail_letter(
	    db, app, to,
	    invite ? tr(to, "Welcome to the customer portal") : tr(to, "Reset your password"), &b);
}

int
mail_reset_done(struct db *db, const struct app *app, const struct recipient *to)
{
	struct buf b = {0};
	buf_puts(&b, tr(to, "Your password has been changed. Every other session has been signed "
	                    "out and trusted browsers have been forgotten."));
	buf_puts(&b, "\n");
	buf_puts(&b, tr(to, "If you did not do this, contact your administrator at once."));
	return mail_letter(db, app, to, tr(to, "Your password has been changed"), &b);
}

int
mail_email_confirm(struct db *db, const struct app *app, const struct recipient *to,
                   const char *token)
{
	struct buf b = {0};
	buf_puts(&b, tr(to, "Confirm your new e-mail address for the customer portal at this "
	                    "address:"));
	buf_printf(&b, "\n%s/profile/email/%s\n\n", app->cfg.base_url, token);
	buf_puts(&b, tr(to, "The link is valid for 24 hours. Until then your address stays as "
	                    "it was."));
	return mail_letter(db, app, to, tr(to, "Confirm your e-mail address"), &b);
}

int
mail_email_changed(struct db *db, const struct app *app, const struct recipient *old_to,
                   const char *new_email)
{
	struct buf b = {0};
	buf_printf(&b, tr(old_to, "The e-mail address of your account is now %s."), new_email);
	buf_puts(&b, "\n");
	buf_puts(&b, tr(old_to, "If you did not do this, contact your administrator at once."));
	return mail_letter(db, app, old_to, tr(old_to, "Your e-mail address has been changed"), &b);
}
