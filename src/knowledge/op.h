/*
 * The steps every knowledge operation takes (knowledge/bases.c,
 * knowledge/articles.c): its transaction and its audit event.
 */
#ifndef MADOGUCHI_KNOWLEDGE_OP_H
#define MADOGUCHI_KNOWLEDGE_OP_H

#include <stdint.h>

struct db;
struct dom;

/* The thread's database in a new transaction; NULL when that failed. */
struct db *kb_op_begin(void);
/*
 * Ends the transaction of an operation: commits when status is DOM_OK
 * (DOM_ERROR if the commit fails), else rolls back. Returns the status.
 */
int kb_op_end(struct db *db, int status);
/* Writes the audit event of the actor's change, in its transaction. */
void kb_op_audit(struct dom *d, struct db *db, const char *event, const char *detail,
                 int64_t customer_id);

#endif
