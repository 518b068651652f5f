/*
 * Server-side sessions. The browser holds a random 256-bit id in an HttpOnly
 * cookie; the database holds only its SHA-256, so a leaked database does not
 * hand out live sessions. A session ends after the idle timeout or the
 * absolute lifetime, at sign-out, and (later) when the password is reset.
 */
#ifndef MADOGUCHI_HTTP_SESSION_H
#define MADOGUCHI_HTTP_SESSION_H

#include <stdint.h>

struct req;

/*
 * Finds the session of the request's cookie and sets r->user, r->session_id
 * and r->lang. A timed-out session is deleted and flagged in
 * r->session_expired. Returns 0, or -1 on a database error.
 */
int session_load(struct req *r);
/*
 * Starts a new session for user_id with a new id (any previous session of
 * this browser is deleted: the id changes at every sign-in) and sets the
 * cookie. Returns 0 or -1.
 */
int session_start(struct req *r, int64_t user_id);
/*
 * Starts the MFA stage of a sign-in: a new session id (the previous one of
 * this browser is deleted), not yet signed in. Returns 0 or -1.
 */
int session_start_mfa(struct req *r, int64_t user_id, const char *method, const char *next,
                      char hash_out[65]);
struct mfa_row;
/*
 * The MFA-stage session of the request's cookie: 1 found (m and hash
 * filled), 0 none or expired, -1 error. It expires after 10 minutes.
 */
int session_load_mfa(struct req *r, struct mfa_row *m, char hash[65]);
/* The SHA-256 (hex, in the arena) of the request's session; "" outside one. */
const char *session_hash_of(struct req *r);
/* Ends every other session of the user (password reset or change). */
int session_end_others(struct req *r, int64_t user_id);
/* Deletes the request's session and clears the cookie. */
void session_end(struct req *r);
/* Deletes every session idle or older than the limits; run periodically. */
struct config;
int session_purge(const struct config *cfg);
/* The cookie name: "__Host-" prefixed under TLS. */
const char *session_cookie_name(const struct req *r);

#endif
