/*
 * For unit tests that work in a temporary directory: removing it with
 * everything in it at the end. Header-only, as each test is one program.
 */
#ifndef MADOGUCHI_TESTS_TMPDIR_H
#define MADOGUCHI_TESTS_TMPDIR_H

#include <ftw.h>
#include <stdio.h>

static int
tmpdir_remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

/* Removes dir and its contents; 0, or -1 when something stayed. */
static inline int
tmpdir_remove(const char *dir)
{
	return nftw(dir, tmpdir_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

#endif
