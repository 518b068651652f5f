/*
 * Password hashing with Argon2id (libsodium's crypto_pwhash), memory-hard so
 * that a stolen database is slow to attack.
 */
#ifndef MADOGUCHI_AUTH_PASSWORD_H
#define MADOGUCHI_AUTH_PASSWORD_H

#include <stdbool.h>

#define PASSWORD_HASH_MAX 128

/* Hashes password into out (PASSWORD_HASH_MAX bytes). Returns 0 or -1. */
int password_hash(const char *password, char out[PASSWORD_HASH_MAX]);
/*
 * True when password matches hash. A NULL or empty hash (no password set,
 * or an unknown user ID) is checked against a dummy hash so that the answer
 * takes the same time and never matches.
 */
bool password_verify(const char *hash, const char *password);
/* True when hash was made with weaker parameters than today's. */
bool password_needs_rehash(const char *hash);

#endif
