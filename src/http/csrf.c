/* CSRF token derivation and checking; see csrf.h. */
#include "http/csrf.h"
#include "app.h"
#include "core/arena.h"
#include "http/request.h"

#include <sodium.h>
#include <string.h>

#define TOKEN_B64                                                                                  \
	((size_t)sodium_base64_ENCODED_LEN(crypto_auth_hmacsha256_BYTES,                           \
	                                   sodium_base64_VARIANT_URLSAFE_NO_PADDING))

static void
mac_of(const struct req *r, const char *cookie, char *out, size_t outlen)
{
	unsigned char mac[crypto_auth_hmacsha256_BYTES];
	crypto_auth_hmacsha256_state st;
	crypto_auth_hmacsha256_init(&st, r->app->csrf_key, sizeof(r->app->csrf_key));
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)"csrf:", 5);
	crypto_auth_hmacsha256_update(&st, (const unsigned char *)cookie, strlen(cookie));
	crypto_auth_hmacsha256_final(&st, mac);
	sodium_bin2base64(out, outlen, mac, sizeof(mac), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* The cookie value the token is bound to, or NULL when there is none yet. */
static const char *
binding(const struct req *r)
{
	if (r->session_id)
		return r->session_id;
	const char *pre = req_cookie_value(r, CSRF_COOKIE);
	return pre && strlen(pre) >= 32 ? pre : NULL;
}

const char *
csrf_token(struct req *r)
{
	const char *b = binding(r);
	if (!b) {
		unsigned char rnd[32];
		char *v = arena_alloc(r->a, 64);
		randombytes_buf(rnd, sizeof(rnd));
		sodium_bin2base64(v, 64, rnd, sizeof(rnd),
		                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
		req_cookie(r, CSRF_COOKIE, v, -1);
		/* Later calls of this request must agree with the cookie just set. */
		struct param *np = arena_alloc(r->a, (r->cookies.n + 1) * sizeof(*np));
		if (r->cookies.n)
			memcpy(np, r->cookies.v, r->cookies.n * sizeof(*np));
		np[r->cookies.n] = (struct param){CSRF_COOKIE, v, strlen(v)};
		r->cookies.v = np;
		r->cookies.n++;
		b = v;
	}
	char *tok = arena_alloc(r->a, TOKEN_B64);
	mac_of(r, b, tok, TOKEN_B64);
	return tok;
}

bool
csrf_check(struct req *r)
{
	const char *b = binding(r);
	const char *got = req_form(r, "csrf");
	if (!b || !got || params_count(&r->form, "csrf") != 1)
		return false;
	char want[TOKEN_B64];
	mac_of(r, b, want, sizeof(want));
	size_t n = strlen(want);
	return strlen(got) == n && sodium_memcmp(got, want, n) == 0;
}
