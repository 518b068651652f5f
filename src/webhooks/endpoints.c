/*
 * Registering, enabling, disabling and deleting endpoints, their delivery
 * log and redeliveries, and the setting for internal targets; see
 * webhooks.h. Provider admins only; each change is audited in its own
 * transaction.
 */
#include "app.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/text.h"
#include "domain/domain.h"
#include "store/db.h"
#include "store/settings.h"
#include "webhooks/internal.h"
#include "webhooks/signature.h"
#include "webhooks/webhooks.h"

#include <string.h>

static bool
provider_admin(const struct dom *d)
{
	return d->who.staff && d->who.admin && d->who.user_id;
}

bool
webhook_allow_private(struct db *db)
{
	struct arena *a = arena_new();
	const char *v = db ? settings_get(db, WEBHOOK_PRIVATE_SETTING, a) : NULL;
	bool allow = v && strcmp(v, "1") == 0;
	arena_free(a);
	return allow;
}

int
webhook_allow_private_set(struct dom *d, bool allow)
{
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return DOM_ERROR;
	bool ok =
	    settings_put(db, WEBHOOK_PRIVATE_SETTING, allow ? "1" : "0") == 0 &&
	    dom_audit(d, db, "webhook.private_targets", 0, allow ? "allowed" : "refused") == 0;
	return dom_finish(db, ok ? DOM_OK : DOM_ERROR);
}

/* The chosen events as stored ("" when none). */
static const char *
event_list(struct arena *a, const struct webhook_endpoint_in *in)
{
	struct buf b = {0};
	for (int i = 0; i < WEBHOOK_EVENT__MAX; i++) {
		if (!in->events[i])
			continue;
		if (b.len)
			buf_putc(&b, ' ');
		buf_puts(&b, webhook_event_code((enum webhook_event)i));
	}
	const char *s = arena_strdup(a, b.len ? b.p : "");
	buf_free(&b);
	return s;
}

static void
check_secret(struct dom *d, const char *secret)
{
	size_t n = text_chars(secret);
	bool printable = true;
	for (const char *p = secret; *p; p++)
		if ((unsigned char)*p <= ' ' || (unsigned char)*p >= 0x7f)
			printable = false;
	if (n < WEBHOOK_SECRET_MIN || n > WEBHOOK_SECRET_MAX || !printable)
		dom_invalid(d, "secret",
		            N_("Enter 16 to 200 letters, digits or symbols without spaces, "
		               "or leave it empty to have one generated."));
}

int
webhook_endpoint_create(struct dom *d, const struct webhook_endpoint_in *in, const char **secret,
                        int64_t *id_out)
{
	if (!provider_admin(d))
		return dom_fail(d, DOM_FORBIDDEN,
		                N_("Only provider administrators manage webhooks."));
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	const char *url = text_trim(d->a, in->url);
	const char *why = webhook_target_refusal(url, webhook_allow_private(db));
	if (why)
		dom_invalid(d, "url", why);
	bool generate = !in->secret || !*in->secret;
	if (!generate)
		check_secret(d, in->secret);
	const char *events = event_list(d->a, in);
	if (!*events)
		dom_invalid(d, "events", N_("Choose at least one event."));
	if (d->nerrors)
		return DOM_INVALID;
	const char *s = generate ? webhook_secret_new(d->a) : arena_strdup(d->a, in->secret);
	const char *sealed = webhook_secret_seal(d->app->seal_key, s, d->a);
	if (!sealed)
		return DOM_ERROR;
	struct webhook_endpoint_new e = {.url = url,
	                                 .secret_sealed = sealed,
	                                 .events = events,
	                                 .include_internal = in->include_internal,
	                                 .created_by = d->who.user_id,
	                                 .created_at = clock_now()};
	if (db_begin(db) != 0)
		return DOM_ERROR;
	int64_t id = webhook_endpoint_insert(db, &e);
	const char *detail = arena_printf(d->a, "#%lld %s (%s%s)", (long long)id, url, events,
	                                  in->include_internal ? ", internal notes" : "");
	int st = dom_finish(
	    db, id > 0 && dom_audit(d, db, "webhook.created", 0, detail) == 0 ? DOM_OK : DOM_ERROR);
	if (st == DOM_OK) {
		*secret = generate ? s : NULL;
		if (id_out)
			*id_out = id;
	}
	return st;
}

/* Runs change on endpoint id in a transaction with its audit event. */
static int
change(struct dom *d, int64_t id, const char *event, int (*fn)(struct db *, int64_t, bool),
       bool arg)
{
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return DOM_ERROR;
	struct webhook_endpoint_row ep;
	int found = webhook_endpoint_get(db, id, d->a, &ep);
	int done = found == 1 ? fn(db, id, arg) : found;
	if (done <= 0) {
		db_rollback(db);
		return done < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	}
	const char *detail = arena_printf(d->a, "#%lld %s", (long long)id, ep.url);
	return dom_finish(db, dom_audit(d, db, event, 0, detail) == 0 ? DOM_OK : DOM_ERROR);
}

static int
delete_endpoint(struct db *db, int64_t id, bool unused)
{
	(void)unused;
	return webhook_endpoint_delete(db, id);
}

int
webhook_endpoint_enable(struct dom *d, int64_t id, bool enabled)
{
	return change(d, id, enabled ? "webhook.enabled" : "webhook.disabled",
	              webhook_endpoint_set_enabled, enabled);
}

int
webhook_endpoint_remove(struct dom *d, int64_t id)
{
	return change(d, id, "webhook.deleted", delete_endpoint, false);
}

int
webhook_endpoints_op(struct dom *d, struct webhook_endpoint_row **out, int *n)
{
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	*n = webhook_endpoint_list(db, d->a, out);
	return *n < 0 ? DOM_ERROR : DOM_OK;
}

int
webhook_log_op(struct dom *d, int64_t id, struct webhook_endpoint_row *ep,
               struct webhook_delivery_row **log, int *n)
{
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	int found = webhook_endpoint_get(db, id, d->a, ep);
	if (found <= 0)
		return found < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	ep->secret_sealed = "";
	*n = webhook_delivery_log(db, id, WEBHOOK_LOG_ROWS, d->a, log);
	return *n < 0 ? DOM_ERROR : DOM_OK;
}

int
webhook_redeliver(struct dom *d, int64_t endpoint_id, int64_t delivery_id)
{
	if (!provider_admin(d))
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	struct webhook_delivery_row old;
	int found = webhook_delivery_get(db, delivery_id, d->a, &old);
	if (found < 0)
		return DOM_ERROR;
	if (!found || old.endpoint_id != endpoint_id)
		return DOM_NOT_FOUND;
	struct webhook_delivery_new again = {.endpoint_id = endpoint_id,
	                                     .created_at = clock_now(),
	                                     .event_id = old.event_id,
	                                     .event = old.event,
	                                     .payload = old.payload};
	if (db_begin(db) != 0)
		return DOM_ERROR;
	int64_t id = webhook_delivery_insert(db, &again);
	const char *detail =
	    arena_printf(d->a, "#%lld %s %s", (long long)endpoint_id, old.event, old.event_id);
	return dom_finish(db, id > 0 && dom_audit(d, db, "webhook.redelivered", 0, detail) == 0
	                          ? DOM_OK
	                          : DOM_ERROR);
}
