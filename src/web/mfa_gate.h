/*
 * The staff MFA gate (accounts/staff.h: staff_mfa_setup_due): a member of
 * staff who must use an authenticator app and has none reaches only the
 * routes marked ROUTE_MFA_SETUP (the set-up page, signing out) and the
 * public ones; a page is redirected to the set-up page, a form post
 * refused. The routes table installs it as routes_gate.
 */
#ifndef MADOGUCHI_WEB_MFA_GATE_H
#define MADOGUCHI_WEB_MFA_GATE_H

struct req;

#define MFA_SETUP_PATH "/profile/mfa?setup=1"

int web_mfa_gate(struct req *r);

#endif
