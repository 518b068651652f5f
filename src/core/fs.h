/* File system steps the stores share. */
#ifndef MADOGUCHI_CORE_FS_H
#define MADOGUCHI_CORE_FS_H

/*
 * Makes the directory entries of dir durable (after a rename or a create
 * in it). 0, or -1 with errno kept from the failing call.
 */
int fs_sync_dir(const char *dir);

#endif
