/* Session cookies and rows; see session.h. */
#include "http/session.h"
#include "app.h"
#include "auth/limits.h"
#include "core/arena.h"
#include "core/clock.h"
#include "core/log.h"
#include "http/request.h"
#include "store/db.h"
#include "store/sessions.h"

#include <sodium.h>
#include <string.h>

/* Refreshing seen_at once a minute is precise enough for a 30-minute
 * timeout and keeps reads from turning into writes. */
#define TOUCH_INTERVAL 60

#define ID_BYTES 32
#define ID_B64                                                                                     \
	((size_t)sodium_base64_ENCODED_LEN(ID_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING))

const char *
session_cookie_name(const struct req *r)
{
	return r->app->cfg.tls ? "__Host-mg_session" : "mg_session";
}

static void
id_hash(const char *id, char out[65])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)id, strlen(id));
	sodium_bin2hex(out, 65, h, sizeof(h));
}

int
session_load(struct req *r)
{
	const char *id = req_cookie_value(r, session_cookie_name(r));
	if (!id || strlen(id) != ID_B64 - 1)
		return 0;
	struct db *db = db_thread();
	if (!db)
		return -1;
	char hash[65];
	id_hash(id, hash);
	int64_t created, seen;
	struct user *u = arena_zalloc(r->a, sizeof(*u));
	int found = session_rows_get(db, hash, r->a, &created, &seen, u);
	if (found <= 0)
		return found;
	int64_t now = clock_now();
	const struct config *cfg = &r->app->cfg;
	if (u->disabled || now - seen > (int64_t)cfg->idle_minutes * 60 ||
	    now - created > (int64_t)cfg->absolute_hours * 3600) {
		session_rows_delete(db, hash);
		r->session_expired = true;
		return 0;
	}
	if (now - seen >= TOUCH_INTERVAL && session_rows_touch(db, hash, now) != 0)
		log_error("rid=%s session touch failed", r->rid);
	r->user = u;
	r->session_id = id;
	r->lang = u->lang;
	return 0;
}

/* A fresh random id in the arena, and its hash. */
static char *
new_id(struct req *r, char hash[65])
{
	unsigned char raw[ID_BYTES];
	randombytes_buf(raw, sizeof(raw));
	char *id = arena_alloc(r->a, ID_B64);
	sodium_bin2base64(id, ID_B64, raw, sizeof(raw), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof(raw));
	id_hash(id, hash);
	return id;
}

/* Deletes the row of whatever session cookie the browser sent. */
static void
drop_current(struct req *r, struct db *db)
{
	const char *old =
	    r->session_id ? r->session_id : req_cookie_value(r, session_cookie_name(r));
	if (old) {
		char hash[65];
		id_hash(old, hash);
		session_rows_delete(db, hash);
	}
}

int
session_start(struct req *r, int64_t user_id)
{
	struct db *db = db_thread();
	if (!db)
		return -1;
	drop_current(r, db);
	char hash[65];
	char *id = new_id(r, hash);
	if (session_rows_insert(db, hash, user_id, clock_now(), r->remote_ip,
	                        r->user_agent ? r->user_agent : "") != 0)
		return -1;
	req_cookie(r, session_cookie_name(r), id, -1);
	r->session_id = id;
	return 0;
}

int
session_start_mfa(struct req *r, int64_t user_id, const char *method, const char *next,
                  char hash[65])
{
	struct db *db = db_thread();
	if (!db)
		return -1;
	drop_current(r, db);
	char *id = new_id(r, hash);
	if (session_rows_insert_mfa(db, hash, user_id, clock_now(), r->remote_ip,
	                            r->user_agent ? r->user_agent : "", method,
	                            next ? next : "/") != 0)
		return -1;
	req_cookie(r, session_cookie_name(r), id, -1);
	r->session_id = NULL;
	r->user = NULL;
	return 0;
}

int
session_load_mfa(struct req *r, struct mfa_row *m, char hash[65])
{
	const char *id = req_cookie_value(r, session_cookie_name(r));
	if (!id || strlen(id) != ID_B64 - 1)
		return 0;
	struct db *db = db_thread();
	if (!db)
		return -1;
	id_hash(id, hash);
	int found = session_rows_get_mfa(db, hash, r->a, m);
	if (found <= 0)
		return found;
	if (clock_now() - m->created_at > MFA_STAGE_SECONDS) {
		session_rows_delete(db, hash);
		return 0;
	}
	return 1;
}

const char *
session_hash_of(struct req *r)
{
	if (!r->session_id)
		return "";
	char *h = arena_alloc(r->a, 65);
	id_hash(r->session_id, h);
	return h;
}

int
session_end_others(struct req *r, int64_t user_id)
{
	struct db *db = db_thread();
	if (!db)
		return -1;
	char hash[65] = "";
	if (r->session_id)
		id_hash(r->session_id, hash);
	return session_rows_delete_others(db, user_id, hash);
}

void
session_end(struct req *r)
{
	if (r->session_id) {
		struct db *db = db_thread();
		char hash[65];
		id_hash(r->session_id, hash);
		if (db)
			session_rows_delete(db, hash);
	}
	req_cookie(r, session_cookie_name(r), "", 0);
	r->session_id = NULL;
	r->user = NULL;
}

int
session_purge(const struct config *cfg)
{
	struct db *db = db_thread();
	if (!db)
		return -1;
	int64_t now = clock_now();
	return session_rows_purge(db, now - (int64_t)cfg->idle_minutes * 60,
	                          now - (int64_t)cfg->absolute_hours * 3600);
}
