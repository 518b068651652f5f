/* The knowledge part of `madoguchi demo` (cli/demo_knowledge.c). */
#ifndef MADOGUCHI_CLI_DEMO_KNOWLEDGE_H
#define MADOGUCHI_CLI_DEMO_KNOWLEDGE_H

struct db;

/*
 * Knowledge bases, categories, articles in both languages and
 * announcements, in the caller's transaction, after the demo's services,
 * customers and staff exist. Returns 0 or -1.
 */
int demo_knowledge(struct db *db);

#endif
