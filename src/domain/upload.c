/* Keeping uploads; see upload.h. */
#include "domain/upload.h"
#include "domain/domain.h"
#include "files/filestore.h"

#include <string.h>
#include <strings.h>

/* What libmagic (file 5.4x) calls the programs that run when opened. */
static const char *const refused_types[] = {
    "application/x-executable",  "application/x-pie-executable",
    "application/x-sharedlib",   "application/x-dosexec",
    "application/x-mach-binary", "application/vnd.microsoft.portable-executable",
    "application/x-msdownload",  "application/x-msi",
};

bool
upload_type_allowed(const char *mime)
{
	if (!mime)
		return true;
	size_t n = strcspn(mime, "; ");
	for (size_t i = 0; i < sizeof(refused_types) / sizeof(refused_types[0]); i++)
		if (strlen(refused_types[i]) == n && strncasecmp(mime, refused_types[i], n) == 0)
			return false;
	return true;
}

int
upload_files_check(struct dom *d, const char *field, const struct incoming_file *v, int n)
{
	for (int i = 0; i < n; i++)
		if (!upload_type_allowed(v[i].stored.mime))
			return dom_invalid(d, field,
			                   N_("Programs (executable files) cannot be attached."));
	return DOM_OK;
}

int
upload_file_ref(struct incoming_file *f, struct file_ref *ref)
{
	if (incoming_keep(f) != 0)
		return -1;
	*ref = (struct file_ref){f->stored.sha256, f->stored.size, f->stored.mime, f->filename};
	return 0;
}
