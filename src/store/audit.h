/*
 * The audit trail: who did what, when, from where. Sign-in events are the
 * first; every later write joins it. Events are written in the transaction of
 * the change they describe whenever there is one.
 */
#ifndef MADOGUCHI_STORE_AUDIT_H
#define MADOGUCHI_STORE_AUDIT_H

#include <stdint.h>

struct db;

struct audit_event {
	const char *event;   /* "login.success", "login.failure", "logout", ... */
	int64_t actor_id;    /* 0: unknown */
	int64_t customer_id; /* 0: none (staff, or unknown user ID) */
	const char *login;   /* user ID as typed or known */
	const char *ip;
	const char *user_agent;
	const char *detail;
};

int audit_add(struct db *db, const struct audit_event *ev);

#endif
