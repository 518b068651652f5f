/*
 * The signature of a webhook delivery and the endpoints' secrets.
 *
 *     Madoguchi-Signature: t=<unix time>,v1=<hex HMAC-SHA256 of "t.body">
 *
 * keyed with the endpoint's secret (its bytes as written), so a receiver
 * checks both who sent the body and, with t, that it is recent. Secrets
 * are kept sealed (secretbox under the portal's sealing key): a copy of
 * the database alone cannot sign.
 */
#ifndef MADOGUCHI_WEBHOOKS_SIGNATURE_H
#define MADOGUCHI_WEBHOOKS_SIGNATURE_H

#include <stddef.h>
#include <stdint.h>

struct arena;

/* "t=" 20 digits ",v1=" 64 hex digits and the NUL, with room to spare. */
#define WEBHOOK_SIGNATURE_MAX 96

/* Writes the header's value for body signed at t with secret. */
void webhook_sign(const char *secret, int64_t t, const char *body, size_t len,
                  char out[WEBHOOK_SIGNATURE_MAX]);

/* A new secret: "whsec_" and 43 characters of base64url (256 random bits). */
char *webhook_secret_new(struct arena *a);
/* base64(nonce || secretbox(secret)) in the arena; NULL on error. */
char *webhook_secret_seal(const unsigned char *seal_key, const char *secret, struct arena *a);
/* The secret again, in the arena; NULL when the box is broken or the key another. */
char *webhook_secret_unseal(const unsigned char *seal_key, const char *sealed, struct arena *a);

#endif
