/*
 * Document numbers: a prefix and 7 digits (CS0000001, WR0000001,
 * KB0000001), taken from a named counter inside the caller's transaction,
 * so a number is never given twice and a rolled-back document gives its
 * number back.
 */
#ifndef MADOGUCHI_STORE_NUMBERS_H
#define MADOGUCHI_STORE_NUMBERS_H

struct db;

#define DOC_NUMBER_MAX 16 /* bytes of a number with its NUL */

/* The next number of counter ("case", "work_request", …) into out. 0, or -1 (also when full). */
int doc_number_next(struct db *db, const char *counter, const char *prefix,
                    char out[DOC_NUMBER_MAX]);

#endif
