/* Console → API tokens (provider admins): the shared page of views/api_tokens_view.h. */
#include "agent/console.h"
#include "views/api_tokens_view.h"

#define BASE "/console/api-tokens"

int
page_console_api_tokens(struct req *r)
{
	return api_tokens_page(r, BASE);
}

int
page_console_api_token_issue(struct req *r)
{
	return api_tokens_issue(r, BASE);
}

int
page_console_api_token_revoke(struct req *r)
{
	return api_tokens_revoke(r, BASE);
}
