/*
 * Declared inputs: each route lists the fields it reads (name, kind,
 * required, largest length in characters, allowed values) in a table beside
 * its handler, and one parser turns the request's form or query into typed
 * values and an error per field (in the domain context, so that the form's
 * own errors and the rules' errors are shown the same way). Fields not
 * declared are never read. Text is trimmed (U+3000 included); required text
 * that is only white space is empty.
 */
#ifndef MADOGUCHI_WEB_FIELDS_H
#define MADOGUCHI_WEB_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct dom;
struct req;

enum field_kind {
	FIELD_LINE,   /* one line of text: no control characters */
	FIELD_TEXT,   /* several lines: line breaks and tabs allowed */
	FIELD_ID,     /* a positive decimal id */
	FIELD_INT,    /* a decimal integer within [min, max] */
	FIELD_CHOICE, /* one of choices (NULL-terminated) */
	FIELD_BOOL,   /* a check box: present or not */
	FIELD_DATE,   /* YYYY-MM-DD naming a real day */
	FIELD_ASIS,   /* as sent, never trimmed: a password, a code, Markdown; the rules judge it */
	FIELD_IDS,    /* every value sent under the name: positive ids (check boxes) */
};

enum field_source { FROM_FORM, FROM_QUERY };

struct field_decl {
	const char *name;
	enum field_kind kind;
	bool required;
	bool once; /* refused unless sent exactly once (a form that sends it twice is forged) */
	size_t max_chars;           /* LINE/TEXT; 0: 200 for a line, 64 Ki for text */
	int64_t min, max;           /* FIELD_INT */
	const char *const *choices; /* FIELD_CHOICE, NULL-terminated */
	const char
	    *msgid; /* the error for a wrong or (LINE/TEXT) too long value; NULL: a generic one */
	const char *missing; /* the error for a required field left empty; NULL: a generic one */
};

struct field_value {
	bool present;       /* sent and not empty (after trimming) */
	const char *text;   /* trimmed text ("" when absent) */
	int64_t num;        /* ID / INT; BOOL: 1 when checked */
	int choice;         /* index into choices; -1 when absent */
	const int64_t *ids; /* FIELD_IDS: the ids sent (empty values skipped), nids of them */
	int nids;
};

/*
 * Reads the n declared fields from the form (or query) into out[n]; every
 * refused field gets its error in d (d NULL: the errors are only counted,
 * as for a search box or a prefilled form). Returns the number of errors.
 */
int fields_read(struct req *r, enum field_source src, const struct field_decl *decl, size_t n,
                struct dom *d, struct field_value *out);
/*
 * The index of the first of n declared flags (FIELD_BOOL) that the query
 * carries, or -1: the notice a page shows after a redirect (?saved=1).
 */
int fields_first_flag(struct req *r, const struct field_decl *decl, size_t n);

#define FIELDS_N(decl) (sizeof(decl) / sizeof((decl)[0]))

#endif
