/* The work catalog part of `madoguchi demo` (cli/demo_catalog.c). */
#ifndef MADOGUCHI_CLI_DEMO_CATALOG_H
#define MADOGUCHI_CLI_DEMO_CATALOG_H

struct db;

/*
 * Work items with their form fields for each demo service, in both
 * languages, in the caller's transaction, after the services exist.
 * Returns 0 or -1.
 */
int demo_catalog(struct db *db);

#endif
