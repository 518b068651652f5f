/*
 * Keeping an upload: which types of file are taken, and moving a received
 * file into the file store before giving the reference the database
 * records, in that order, so that no row ever names bytes that are not
 * there.
 */
#ifndef MADOGUCHI_DOMAIN_UPLOAD_H
#define MADOGUCHI_DOMAIN_UPLOAD_H

#include <stdbool.h>

#include "store/file_ref.h"

struct dom;
struct incoming_file;

/*
 * Whether a file of this type (as the file store sniffed it) may be kept:
 * programs that run when opened (ELF, Windows and Mach-O executables and
 * libraries, installers) are not, whatever name they come under; other
 * types are, and downloads send the active ones as plain bytes
 * (http/download.h).
 */
bool upload_type_allowed(const char *mime);
/*
 * Checks the types of files v[0..n) before an operation records them: a
 * refused one is a field error on field. DOM_OK or DOM_INVALID.
 */
int upload_files_check(struct dom *d, const char *field, const struct incoming_file *v, int n);

/* Moves f into the store and fills ref (pointing into f). 0 or -1. */
int upload_file_ref(struct incoming_file *f, struct file_ref *ref);

#endif
