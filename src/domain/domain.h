/*
 * What every domain operation shares. An operation (case_open,
 * work_request_submit, contact_create, …) is called by any channel — the
 * customer pages, the console, the command line, later the JSON API and
 * inbound mail — with a context naming who acts and typed input. It checks
 * permission and the rules, runs its own transaction, writes the audit
 * event, queues the mails and answers with a status; on DOM_INVALID the
 * context holds an error per field. Messages are message ids (English),
 * translated by the channel in the language it answers in.
 *
 * A channel may record errors of its own wire in the context before the
 * call (a file over the upload limit was left out): an operation then
 * answers DOM_INVALID and changes nothing, after its own checks so that
 * the form shows every error at once.
 *
 * Nothing here knows HTTP: a channel translates its wire into a context
 * (web/actor.h for pages) and the status back into its own answer.
 */
#ifndef MADOGUCHI_DOMAIN_DOMAIN_H
#define MADOGUCHI_DOMAIN_DOMAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "core/i18n.h"

struct app;
struct arena;
struct user;

/* Who acts: a signed-in user, or the system (user_id 0: demo data, jobs). */
struct actor {
	int64_t user_id;
	int64_t customer_id; /* of a customer user; 0 for staff and the system */
	bool staff;          /* provider staff (agent or provider admin) */
	bool admin;          /* customer admin, or provider admin for staff */
	const char *login, *name, *email;
	const char *time_zone;
	enum lang lang;
	const char *ip, *user_agent; /* for the audit trail; NULL outside HTTP */
	const char *session_hash;    /* SHA-256 of the session acted in; "" or NULL outside one */
};

enum dom_status {
	DOM_OK = 0,
	DOM_INVALID,   /* input refused: field errors in the context */
	DOM_NOT_FOUND, /* no such object for this actor (another customer's included) */
	DOM_FORBIDDEN, /* the actor may not do this */
	DOM_CONFLICT,  /* the object's state does not allow it (or changed meanwhile) */
	DOM_ERROR,     /* the database or the disk failed (logged) */
};

#define DOM_ERRORS_MAX 24

struct dom_error {
	const char *field; /* the input's field name; "" for the form as a whole */
	const char *msgid; /* untranslated message */
};

struct dom {
	const struct app *app;
	struct arena *a; /* results are allocated here */
	struct actor who;
	const char *message; /* msgid explaining DOM_CONFLICT / DOM_FORBIDDEN / a form error */
	struct dom_error errors[DOM_ERRORS_MAX];
	int nerrors;
};

/* The actor of a signed-in user. */
void actor_of_user(struct actor *out, const struct user *u);
/* The customer scope of the actor's reads: its customer, 0 (all) for staff. */
int64_t actor_scope(const struct actor *who);

/* Records an error for field (first one per field wins). Returns DOM_INVALID. */
int dom_invalid(struct dom *d, const char *field, const char *msgid);
/* The error recorded for field, or NULL. */
const char *dom_error(const struct dom *d, const char *field);
/* Sets the message and returns status (for DOM_CONFLICT, DOM_FORBIDDEN …). */
int dom_fail(struct dom *d, int status, const char *msgid);

struct db;
/* Records event by the actor in the audit trail, in the operation's transaction. 0 or -1. */
int dom_audit(struct dom *d, struct db *db, const char *event, int64_t customer_id,
              const char *detail);
/*
 * Ends an operation's transaction: commits when st is DOM_OK (and wakes the
 * mail sender for what it queued), otherwise rolls back. Returns st, or
 * DOM_ERROR when the commit fails.
 */
int dom_finish(struct db *db, int st);

#endif
