/* The provider's settings: a key/value table (provider name, short name, ...). */
#ifndef MADOGUCHI_STORE_SETTINGS_H
#define MADOGUCHI_STORE_SETTINGS_H

struct arena;
struct db;

/* The value of key in the arena, or NULL if unset or on error. */
char *settings_get(struct db *db, const char *key, struct arena *a);
int settings_put(struct db *db, const char *key, const char *value);

#endif
