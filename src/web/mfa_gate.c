/* The staff MFA gate; see mfa_gate.h. */
#include "web/mfa_gate.h"
#include "accounts/staff.h"
#include "http/request.h"
#include "http/router.h"

int
web_mfa_gate(struct req *r)
{
	const struct route *rt = r->route;
	if (!rt || rt->role == ROLE_PUBLIC || (rt->flags & ROUTE_MFA_SETUP))
		return 0;
	if (!staff_mfa_setup_due(r->user))
		return 0;
	if (r->method == HTTP_GET || r->method == HTTP_HEAD)
		return req_redirect(r, MFA_SETUP_PATH);
	return 403;
}
