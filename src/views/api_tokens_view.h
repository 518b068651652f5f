/*
 * The API tokens page, for provider admins (console) and customer admins
 * (their company only): the tokens with their scopes, customer, expiry
 * and last use, a revoke button each, and the form that issues one. The
 * secret of a token just issued is shown once, above the list.
 */
#ifndef MADOGUCHI_VIEWS_API_TOKENS_VIEW_H
#define MADOGUCHI_VIEWS_API_TOKENS_VIEW_H

struct req;
struct dom;
struct api_token_in;

/* The page at base ("/console/api-tokens" or "/api-tokens"); secret NULL unless just issued. */
int api_tokens_render(struct req *r, const char *base, int status, const char *secret,
                      const struct dom *d, const struct api_token_in *in);
/* GET base. */
int api_tokens_page(struct req *r, const char *base);
/* POST base: issues a token and shows its secret once. */
int api_tokens_issue(struct req *r, const char *base);
/* POST base/:id/revoke. */
int api_tokens_revoke(struct req *r, const char *base);

#endif
