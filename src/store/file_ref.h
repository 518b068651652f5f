/*
 * What the database records of a stored file: its content address, size,
 * sniffed type and the name it was sent under. The file store (files/)
 * holds the bytes; the store only records the reference, so either side can
 * change backend without the other.
 */
#ifndef MADOGUCHI_STORE_FILE_REF_H
#define MADOGUCHI_STORE_FILE_REF_H

#include <stdint.h>

struct file_ref {
	const char *sha256; /* 64 hex digits */
	uint64_t size;
	const char *mime;
	const char *filename;
};

#endif
