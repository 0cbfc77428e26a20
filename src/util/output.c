/* output.c - report files: atomic where atomic makes sense.
 *
 * A regular file (new or existing) is written to a temporary file in the
 * same directory and renamed over the target once complete, with the
 * existing file's mode (and, for root, its owner); a symbolic link is
 * followed and its target written the same way.  Anything that is not a
 * regular file (a device such as /dev/null or /dev/stdout, a FIFO) is
 * written directly: renaming over it would replace it.  So is a regular
 * file with several hard links, so that every link sees the new report.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/output.h"

/* Symbolic links followed at most, as the kernel does. */
#define OUTPUT_MAX_LINKS 40

/* PATH with its symbolic links followed to what is really written: a new
 * string, or NULL with errno set.  A dangling link gives the path it
 * points to, where the file will be made. */
static char *output_target(const char *path)
{
	char *cur = strdup(path);

	for (int n = 0; cur && n < OUTPUT_MAX_LINKS; n++) {
		struct stat st;
		char link[PATH_MAX], *next, *slash;
		ssize_t len;

		if (lstat(cur, &st) != 0 || !S_ISLNK(st.st_mode))
			return cur;             /* new, or not a link */
		len = readlink(cur, link, sizeof link - 1);
		if (len < 0) {
			free(cur);
			return NULL;
		}
		link[len] = '\0';
		slash = strrchr(cur, '/');
		if (link[0] == '/' || !slash) {
			next = strdup(link);
		} else {                        /* relative to the link's directory */
			next = malloc((size_t)(slash - cur) + 2 + (size_t)len);
			if (next)
				sprintf(next, "%.*s/%s", (int)(slash - cur), cur, link);
		}
		free(cur);
		cur = next;
	}
	if (cur) {
		free(cur);
		errno = ELOOP;
	}
	return NULL;
}

/* Open O->target itself, for writing in place. */
static int output_direct(struct output *o, struct diag *d)
{
	int fd = open(o->target, O_WRONLY | O_TRUNC | O_CLOEXEC);

	if (fd < 0 || !(o->f = fdopen(fd, "w"))) {
		int err = errno;

		if (fd >= 0)
			close(fd);
		diag_errno(d, DIAG_RUNTIME, err, NULL, "%s: cannot write", o->path);
		output_abort(o);
		return -1;
	}
	return 0;
}

/* A temporary file beside O->target, short enough for any directory
 * (".nines-XXXXXX"), with the mode of the file it will replace, EXISTING
 * (NULL: a new file, which gets what a plain fopen would give it). */
static int output_temp(struct output *o, const struct stat *existing, struct diag *d)
{
	const char *slash = strrchr(o->target, '/');
	int dirlen = slash ? (int)(slash - o->target) + 1 : 0, fd, err;

	o->tmp = malloc((size_t)dirlen + sizeof ".nines-XXXXXX");
	if (!o->tmp) {
		output_abort(o);
		return diag_runtime(d, "out of memory");
	}
	sprintf(o->tmp, "%.*s.nines-XXXXXX", dirlen, o->target);
	fd = mkstemp(o->tmp);
	if (fd < 0)
		goto fail;
	if (existing) {
		if (fchmod(fd, existing->st_mode & 07777) != 0 ||
		    (geteuid() == 0 && fchown(fd, existing->st_uid, existing->st_gid) != 0))
			goto fail;
	} else {
		mode_t mask = umask(0);

		umask(mask);
		if (fchmod(fd, 0666 & ~mask) != 0)
			goto fail;
	}
	if ((o->f = fdopen(fd, "w")))
		return 0;
fail:
	err = errno;
	if (fd >= 0)
		close(fd);
	diag_errno(d, DIAG_RUNTIME, err, NULL, "%s: cannot write", o->path);
	output_abort(o);
	return -1;
}

int output_open(struct output *o, const char *path, struct diag *d)
{
	struct stat st;
	int err;

	memset(o, 0, sizeof *o);
	if (!path || strcmp(path, "-") == 0) {
		o->f = stdout;
		return 0;
	}
	o->path = strdup(path);
	if (!o->path) {
		output_abort(o);
		return diag_runtime(d, "out of memory");
	}
	/* stat follows every link, /proc's magic ones too */
	if (stat(path, &st) == 0) {
		if (!S_ISREG(st.st_mode) || st.st_nlink > 1) {
			o->target = strdup(path);
			if (o->target)
				return output_direct(o, d);
			output_abort(o);
			return diag_runtime(d, "out of memory");
		}
		o->target = realpath(path, NULL);
		if (o->target)
			return output_temp(o, &st, d);
	} else {
		o->target = output_target(path);      /* new, or a dangling link */
		if (o->target)
			return output_temp(o, NULL, d);
	}
	err = errno;
	output_abort(o);
	return err == ENOMEM ? diag_runtime(d, "out of memory") :
	       diag_errno(d, DIAG_RUNTIME, err, NULL, "%s: cannot write", path);
}

int output_commit(struct output *o, struct diag *d)
{
	int bad;

	if (!o->path) {
		bad = fflush(o->f) != 0 || ferror(o->f);
		if (bad)
			return diag_errno(d, DIAG_RUNTIME, errno, NULL, "cannot write to standard output");
		return 0;
	}
	errno = 0;
	bad = ferror(o->f);
	if (fclose(o->f) != 0)
		bad = 1;
	o->f = NULL;
	if (bad || (o->tmp && rename(o->tmp, o->target) != 0)) {
		int err = errno ? errno : EIO;

		diag_errno(d, DIAG_RUNTIME, err, NULL, "%s: cannot write", o->path);
		output_abort(o);
		return -1;
	}
	free(o->tmp);
	o->tmp = NULL;
	output_abort(o);
	return 0;
}

void output_abort(struct output *o)
{
	if (o->f && o->f != stdout)
		fclose(o->f);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->target);
	free(o->path);
	o->f = NULL;
	o->tmp = o->path = o->target = NULL;
}
