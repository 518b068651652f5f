/*
 * Multi-factor authentication pieces: TOTP (RFC 6238, liboath) with secrets
 * sealed at rest (libsodium secretbox under a key kept outside the
 * database), the otpauth:// URI (its QR code is drawn by web/qr.h), and
 * the 6-digit codes sent by e-mail.
 */
#ifndef MADOGUCHI_AUTH_MFA_H
#define MADOGUCHI_AUTH_MFA_H

#include <stdbool.h>
#include <stdint.h>

#include "core/buf.h"

struct arena;

#define TOTP_SECRET_BYTES 20
#define TOTP_STEP         30
#define TOTP_WINDOW       1 /* one step either side: clocks drift */

/* A new random secret: raw bytes in the arena (TOTP_SECRET_BYTES). */
unsigned char *mfa_new_secret(struct arena *a);
/* base64(nonce || secretbox(secret)) under seal_key (crypto_secretbox_KEYBYTES); NULL on error. */
char *mfa_seal(const unsigned char *seal_key, const unsigned char *secret, struct arena *a);
/* The raw secret (TOTP_SECRET_BYTES) of a sealed value; NULL if forged or corrupt. */
unsigned char *mfa_unseal(const unsigned char *seal_key, const char *sealed, struct arena *a);
/* The base32 text of a secret, as shown beside the QR code. */
char *mfa_base32(const unsigned char *secret, struct arena *a);
/* otpauth://totp/Issuer:login?secret=…&issuer=… */
char *mfa_otpauth_uri(const char *issuer, const char *login, const unsigned char *secret,
                      struct arena *a);
/*
 * Checks a 6-digit code against the secret at time now, ±TOTP_WINDOW steps.
 * Returns the matching time step, or -1.
 */
int64_t mfa_totp_check(const unsigned char *secret, const char *code, int64_t now);
/* The code of a step (tests and the set-up page do not need it; kept for checks). */
int mfa_totp_code(const unsigned char *secret, int64_t now, char out[7]);
/* A random 6-digit code for e-mail. */
void mfa_email_code(char out[7]);
/* Keeps digits only ("123-456" → "123456"); false unless exactly 6 remain. */
bool mfa_normalize_code(const char *in, char out[7]);

#endif
