/* Domain contexts from requests; see actor.h. */
#include "web/actor.h"
#include "http/request.h"
#include "http/upload.h"

#include <string.h>

void
web_dom(struct req *r, struct dom *d)
{
	memset(d, 0, sizeof(*d));
	d->app = r->app;
	d->a = r->a;
	actor_of_user(&d->who, r->user);
	if (!r->user)
		d->who.lang = r->lang;
	d->who.ip = r->remote_ip;
	d->who.user_agent = r->user_agent;
	/* Files left out of the request (size, count): the operation must not
	 * go ahead without them; the form shows why by the files input. */
	if (upload_refused(r, NULL))
		dom_invalid(d, "files", N_("Some files could not be sent, so nothing was saved."));
}

int
web_status(int s)
{
	switch (s) {
	case DOM_OK:
		return 200;
	case DOM_INVALID:
		return 422;
	case DOM_NOT_FOUND:
	case DOM_FORBIDDEN:
		return 404;
	case DOM_CONFLICT:
		return 409;
	default:
		return 500;
	}
}

const char *
web_error(struct req *r, const struct dom *d, const char *field)
{
	const char *m = dom_error(d, field);
	return m ? T(r, m) : NULL;
}
