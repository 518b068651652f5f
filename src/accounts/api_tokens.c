/*
 * Issuing, revoking and checking tokens of the integration API; see
 * api_tokens.h. A secret is "mdg_" and 43 characters of base64url (256
 * random bits); the table keeps its SHA-256, so a copy of the database
 * holds no usable token.
 */
#include "accounts/api_tokens.h"
#include "core/arena.h"
#include "core/buf.h"
#include "core/clock.h"
#include "core/text.h"
#include "domain/domain.h"
#include "store/customers.h"
#include "store/db.h"
#include "store/tokens.h"
#include "store/users.h"

#include <sodium.h>
#include <string.h>

#define SECRET_PREFIX "mdg_"
#define RANDOM_BYTES  32
#define SHOWN_PREFIX  12 /* characters of the secret kept to recognise it */

static const char *const scope_codes[API_SCOPE__MAX] = {
    [API_SCOPE_CASES_READ] = "cases:read",
    [API_SCOPE_CASES_WRITE] = "cases:write",
    [API_SCOPE_ATTACHMENTS_WRITE] = "attachments:write",
    [API_SCOPE_CUSTOMERS_READ] = "customers:read",
};

const char *
api_scope_code(enum api_scope s)
{
	return s < API_SCOPE__MAX ? scope_codes[s] : "";
}

int
api_scope_parse(const char *code)
{
	for (int i = 0; code && i < API_SCOPE__MAX; i++)
		if (strcmp(code, scope_codes[i]) == 0)
			return i;
	return -1;
}

bool
api_scopes_have(const char *scopes, enum api_scope s)
{
	return text_list_has(scopes, api_scope_code(s));
}

bool
api_scope_for_customers(enum api_scope s)
{
	return s == API_SCOPE_CASES_READ || s == API_SCOPE_CASES_WRITE;
}

/* The scope list as stored, or "" when none is set. */
static const char *
scope_list(struct arena *a, const struct api_token_in *in, bool customer)
{
	struct buf b = {0};
	for (int i = 0; i < API_SCOPE__MAX; i++) {
		if (!in->scopes[i] || (customer && !api_scope_for_customers((enum api_scope)i)))
			continue;
		if (b.len)
			buf_putc(&b, ' ');
		buf_puts(&b, scope_codes[i]);
	}
	const char *s = arena_strdup(a, b.len ? b.p : "");
	buf_free(&b);
	return s;
}

/* The customer the token is for: the actor's own, or the one named by a provider admin. */
static int
token_customer(struct dom *d, struct db *db, const struct api_token_in *in, int64_t *id)
{
	*id = 0;
	if (!d->who.staff) {
		*id = d->who.customer_id;
		return DOM_OK;
	}
	if (!in->customer_number || !*in->customer_number)
		return DOM_OK;
	int64_t c = customers_id_by_number(db, in->customer_number);
	if (c < 0)
		return DOM_ERROR;
	if (c == 0)
		return dom_invalid(d, "customer", N_("No customer has this number."));
	*id = c;
	return DOM_OK;
}

static int
check_input(struct dom *d, const struct api_token_in *in, const char *scopes)
{
	size_t len = in->name ? text_chars(in->name) : 0;
	if (len == 0 || text_blank(in->name))
		dom_invalid(d, "name", N_("Enter a name for the token."));
	else if (len > API_TOKEN_NAME_MAX)
		dom_invalid(d, "name", N_("The name is too long."));
	else if (text_has_control(in->name, false))
		dom_invalid(d, "name", N_("The name may not contain control characters."));
	if (!*scopes)
		dom_invalid(d, "scopes", N_("Choose at least one scope."));
	if (in->expires_days < 0 || in->expires_days > API_TOKEN_EXPIRY_DAYS)
		dom_invalid(d, "expires", N_("Choose a valid expiry."));
	return d->nerrors ? DOM_INVALID : DOM_OK;
}

/* A new secret in the arena, its hash and the part of it that is shown in lists. */
static char *
new_secret(struct arena *a, char hash[65], char prefix[SHOWN_PREFIX + 1])
{
	unsigned char rnd[RANDOM_BYTES];
	randombytes_buf(rnd, sizeof(rnd));
	size_t n =
	    sodium_base64_ENCODED_LEN(RANDOM_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	char *s = arena_alloc(a, sizeof(SECRET_PREFIX) - 1 + n);
	memcpy(s, SECRET_PREFIX, sizeof(SECRET_PREFIX) - 1);
	sodium_bin2base64(s + sizeof(SECRET_PREFIX) - 1, n, rnd, sizeof(rnd),
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(rnd, sizeof(rnd));
	token_hash(s, hash);
	memcpy(prefix, s, SHOWN_PREFIX);
	prefix[SHOWN_PREFIX] = '\0';
	return s;
}

int
api_token_issue(struct dom *d, const struct api_token_in *in, const char **secret, int64_t *id_out)
{
	if (!d->who.admin || !d->who.user_id)
		return dom_fail(d, DOM_FORBIDDEN, N_("Only administrators may issue API tokens."));
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	const char *scopes = scope_list(d->a, in, !d->who.staff);
	int64_t customer_id;
	int st = token_customer(d, db, in, &customer_id);
	if (st == DOM_ERROR)
		return st;
	if (check_input(d, in, scopes) != DOM_OK)
		return DOM_INVALID;
	char hash[65], prefix[SHOWN_PREFIX + 1];
	char *s = new_secret(d->a, hash, prefix);
	int64_t now = clock_now();
	struct api_token_new t = {
	    .name = in->name,
	    .hash = hash,
	    .prefix = prefix,
	    .scopes = scopes,
	    .customer_id = customer_id,
	    .created_by = d->who.user_id,
	    .created_at = now,
	    .expires_at = in->expires_days ? now + (int64_t)in->expires_days * 86400 : 0,
	};
	if (db_begin(db) != 0)
		return DOM_ERROR;
	int64_t id = api_token_insert(db, &t);
	const char *detail = arena_printf(d->a, "#%lld %s (%s)", (long long)id, in->name, scopes);
	st =
	    dom_finish(db, id > 0 && dom_audit(d, db, "api_token.created", customer_id, detail) == 0
	                       ? DOM_OK
	                       : DOM_ERROR);
	if (st == DOM_OK) {
		*secret = s;
		if (id_out)
			*id_out = id;
	}
	return st;
}

int
api_token_revoke_op(struct dom *d, int64_t id)
{
	if (!d->who.admin || !d->who.user_id)
		return dom_fail(d, DOM_FORBIDDEN, N_("Only administrators may revoke API tokens."));
	struct db *db = db_thread();
	if (!db || db_begin(db) != 0)
		return DOM_ERROR;
	int64_t scope = actor_scope(&d->who);
	int done = api_token_revoke(db, id, scope, clock_now());
	if (done <= 0) {
		db_rollback(db);
		return done < 0 ? DOM_ERROR : DOM_NOT_FOUND;
	}
	const char *detail = arena_printf(d->a, "#%lld", (long long)id);
	return dom_finish(
	    db, dom_audit(d, db, "api_token.revoked", scope, detail) == 0 ? DOM_OK : DOM_ERROR);
}

int
api_token_list_op(struct dom *d, struct api_token_row **out, int *n)
{
	if (!d->who.admin || !d->who.user_id)
		return DOM_FORBIDDEN;
	struct db *db = db_thread();
	if (!db)
		return DOM_ERROR;
	*n = api_token_list(db, actor_scope(&d->who), d->a, out);
	return *n < 0 ? DOM_ERROR : DOM_OK;
}

int
api_token_authenticate(struct db *db, struct arena *a, const char *secret, const char *ip,
                       struct api_token_row *tok, struct actor *who)
{
	if (!secret || strncmp(secret, SECRET_PREFIX, sizeof(SECRET_PREFIX) - 1) != 0 ||
	    strlen(secret) > 200)
		return API_AUTH_NONE;
	char hash[65];
	token_hash(secret, hash);
	int rc = api_token_by_hash(db, hash, a, tok);
	if (rc <= 0)
		return rc < 0 ? API_AUTH_ERROR : API_AUTH_NONE;
	int64_t now = clock_now();
	if (tok->revoked_at || (tok->expires_at && tok->expires_at <= now))
		return API_AUTH_NONE;
	struct user u;
	rc = users_get(db, tok->created_by, a, &u);
	if (rc <= 0)
		return rc < 0 ? API_AUTH_ERROR : API_AUTH_NONE;
	if (u.disabled || !u.is_admin)
		return API_AUTH_NONE;
	actor_of_user(who, &u);
	/* A provider's token for one customer acts as staff; the channel keeps it to that customer.
	 */
	who->ip = ip;
	who->user_agent = arena_printf(a, "API token #%lld %s", (long long)tok->id, tok->name);
	if (api_token_touch(db, tok->id, now, ip) != 0)
		return API_AUTH_ERROR;
	return API_AUTH_OK;
}
