/*
 * The actions on a user's login that an admin sees on the user's page, the
 * same for a customer's contacts and for staff: disable (not one's own),
 * enable (also when locked), remove the authenticator app. Each posts to
 * base + "/disable", "/enable" or "/mfa-reset".
 */
#ifndef MADOGUCHI_VIEWS_LOGIN_ACTIONS_H
#define MADOGUCHI_VIEWS_LOGIN_ACTIONS_H

#include <stdbool.h>

struct req;
struct user;

/* app_confirm: the question asked before the app is removed (translated). */
void login_actions_card(struct req *r, const struct user *u, bool locked, const char *base,
                        const char *app_confirm);

#endif
