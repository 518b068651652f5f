/* Keeping uploads; see upload.h. */
#include "domain/upload.h"
#include "files/filestore.h"

int
upload_file_ref(struct incoming_file *f, struct file_ref *ref)
{
	if (incoming_keep(f) != 0)
		return -1;
	*ref = (struct file_ref){f->stored.sha256, f->stored.size, f->stored.mime, f->filename};
	return 0;
}
