/* API tokens of a customer admin's company: the shared page of views/api_tokens_view.h. */
#include "pages/pages.h"
#include "views/api_tokens_view.h"

#define BASE "/api-tokens"

int
page_api_tokens(struct req *r)
{
	return api_tokens_page(r, BASE);
}

int
page_api_token_issue(struct req *r)
{
	return api_tokens_issue(r, BASE);
}

int
page_api_token_revoke(struct req *r)
{
	return api_tokens_revoke(r, BASE);
}
