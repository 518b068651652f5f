/*
 * File transport: with no SMTP server configured, each message becomes a
 * .eml file under <data_dir>/mail/outbox/, where an operator, a test or a
 * script that relays it can pick it up. Files appear whole (written under a
 * temporary name, then renamed) and are made durable before the mail is
 * marked sent, so "sent" never means "lost in a page cache".
 */
#include "mail/transport.h"
#include "core/fs.h"
#include "core/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int
fail(char *info, size_t infolen, const char *what, const char *path)
{
	snprintf(info, infolen, "file %s: %s: %s", path, what, strerror(errno));
	return -1;
}

static int
ensure_dir(const char *path, char *info, size_t infolen)
{
	if (mkdir(path, 0700) != 0 && errno != EEXIST)
		return fail(info, infolen, "mkdir", path);
	return 0;
}

static int
write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int
mail_file_deliver(const char *data_dir, const struct mail_envelope *env, char *info, size_t infolen)
{
	size_t dl = strlen(data_dir) + 64;
	char *mail_dir = xmalloc(dl), *dir = xmalloc(dl), *tmp = xmalloc(dl), *path = xmalloc(dl);
	int rc = -1, fd = -1;
	snprintf(mail_dir, dl, "%s/mail", data_dir);
	snprintf(dir, dl, "%s/mail/outbox", data_dir);
	/* The dot keeps tools that watch for *.eml away from partial files. */
	snprintf(tmp, dl, "%s/.%lld-XXXXXX.tmp", dir, (long long)env->id);
	snprintf(path, dl, "%s/%lld-%lld.eml", dir, (long long)env->id, (long long)env->now);
	if (ensure_dir(data_dir, info, infolen) != 0 || ensure_dir(mail_dir, info, infolen) != 0 ||
	    ensure_dir(dir, info, infolen) != 0)
		goto out;
	fd = mkostemps(tmp, 4, O_CLOEXEC);
	if (fd < 0) {
		fail(info, infolen, "create", tmp);
		goto out;
	}
	if (write_all(fd, env->data, env->len) != 0 || fsync(fd) != 0) {
		fail(info, infolen, "write", tmp);
		goto unlink_tmp;
	}
	int cr = close(fd);
	fd = -1;
	if (cr != 0) {
		fail(info, infolen, "close", tmp);
		goto unlink_tmp;
	}
	if (rename(tmp, path) != 0) {
		fail(info, infolen, "rename", path);
		goto unlink_tmp;
	}
	if (fs_sync_dir(dir) != 0) {
		/* The file is complete; only its durability is in doubt. Failing
		 * makes the sender retry, at worst writing a second copy. */
		fail(info, infolen, "fsync", dir);
		goto out;
	}
	snprintf(info, infolen, "file %s", path);
	rc = 0;
	goto out;
unlink_tmp:
	if (fd >= 0)
		close(fd);
	fd = -1;
	unlink(tmp);
out:
	if (fd >= 0)
		close(fd);
	free(mail_dir);
	free(dir);
	free(tmp);
	free(path);
	return rc;
}
