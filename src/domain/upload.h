/*
 * Keeping an upload: moves a received file into the file store and gives
 * the reference the database records, in that order, so that no row ever
 * names bytes that are not there.
 */
#ifndef MADOGUCHI_DOMAIN_UPLOAD_H
#define MADOGUCHI_DOMAIN_UPLOAD_H

#include "store/file_ref.h"

struct incoming_file;

/* Moves f into the store and fills ref (pointing into f). 0 or -1. */
int upload_file_ref(struct incoming_file *f, struct file_ref *ref);

#endif
