/* output.c - atomic report files (temporary file + rename). */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/output.h"

int output_open(struct output *o, const char *path, struct diag *d)
{
	int fd;

	o->f = NULL;
	o->path = o->tmp = NULL;
	if (!path || strcmp(path, "-") == 0) {
		o->f = stdout;
		return 0;
	}
	o->path = strdup(path);
	o->tmp = malloc(strlen(path) + 16);
	if (!o->path || !o->tmp) {
		output_abort(o);
		return diag_runtime(d, "out of memory");
	}
	sprintf(o->tmp, "%s.tmp.XXXXXX", path);
	fd = mkstemp(o->tmp);
	if (fd < 0) {
		int err = errno;

		free(o->tmp);
		o->tmp = NULL;
		output_abort(o);
		return diag_errno(d, DIAG_RUNTIME, err, NULL, "%s: cannot write", path);
	}
	/* mkstemp makes the file private; give it the mode a plain fopen would. */
	{
		mode_t mask = umask(0);

		umask(mask);
		fchmod(fd, 0666 & ~mask);
	}
	o->f = fdopen(fd, "w");
	if (!o->f) {
		int err = errno;

		close(fd);
		output_abort(o);
		return diag_errno(d, DIAG_RUNTIME, err, NULL, "%s: cannot write", path);
	}
	return 0;
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
	if (bad || rename(o->tmp, o->path) != 0) {
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
	free(o->path);
	o->f = NULL;
	o->tmp = o->path = NULL;
}
