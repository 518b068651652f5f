/* The context words of a password; see password_context.h. */
#include "accounts/password_context.h"
#include "app.h"
#include "core/arena.h"
#include "domain/domain.h"
#include "store/settings.h"
#include "store/users.h"

#include <string.h>

#define CONTEXT_MAX 8

const char *const *
password_context(struct dom *d, struct db *db, const struct user *u)
{
	const char **w = arena_alloc(d->a, (CONTEXT_MAX + 1) * sizeof(*w));
	int n = 0;
	if (d->app) {
		w[n++] = d->app->provider_name;
		w[n++] = d->app->provider_short;
		w[n++] = d->app->portal_title;
	}
	w[n++] = settings_get(db, "password.context_words", d->a);
	if (u) {
		w[n++] = u->customer_name;
		const char *at = u->email ? strchr(u->email, '@') : NULL;
		if (at) {
			w[n++] = arena_strndup(d->a, u->email, (size_t)(at - u->email));
			const char *dot = strchr(at + 1, '.');
			w[n++] = dot ? arena_strndup(d->a, at + 1, (size_t)(dot - at - 1)) : at + 1;
		}
	}
	/* Drop the missing ones: the list ends at the first NULL. */
	int k = 0;
	for (int i = 0; i < n; i++)
		if (w[i] && *w[i])
			w[k++] = w[i];
	w[k] = NULL;
	return w;
}
