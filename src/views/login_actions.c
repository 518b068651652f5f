/* The actions on a user's login; see login_actions.h. */
#include "views/login_actions.h"
#include "core/arena.h"
#include "http/request.h"
#include "store/users.h"
#include "web/form.h"
#include "web/html.h"

static void
button(struct req *r, const char *base, const char *action, const char *label, const char *confirm,
       bool primary)
{
	form_action_button(r, arena_printf(r->a, "%s/%s", base, action), label, confirm, primary);
}

void
login_actions_card(struct req *r, const struct user *u, bool locked, const char *base,
                   const char *app_confirm)
{
	struct buf *b = &r->out;
	bool self = u->id == r->user->id;
	html_lit(b, "<section class=\"card contact-actions\"><h2>");
	html_text(b, T(r, "Actions"));
	html_lit(b, "</h2><div class=\"actions\">");
	if (!u->disabled && !self)
		button(r, base, "disable", T(r, "Disable login"),
		       T(r, "Disable the login of this user? Their sessions end at once."), false);
	if (u->disabled || locked)
		button(r, base, "enable", T(r, "Enable login"), NULL, true);
	if (u->has_totp)
		button(r, base, "mfa-reset", T(r, "Remove the authenticator app"), app_confirm,
		       false);
	html_lit(b, "</div>");
	if (self && !u->disabled) {
		html_lit(b, "<p class=\"muted field-hint\">");
		html_text(b, T(r, "You cannot disable your own login."));
		html_lit(b, "</p>");
	}
	html_lit(b, "</section>");
}
