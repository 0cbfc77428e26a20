/* file.c - reading a whole file into one NUL-terminated buffer, with a
 * size limit, so that a reader of JSON never works on a partial file and a
 * runaway input (a huge file, a stream that never ends) stops early with a
 * message.  Only regular files and "-" (standard input) are read: opening
 * a FIFO with no writer would wait for ever. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "util/file.h"

/* Close F unless it is standard input, which stays open. */
static void done(FILE *f)
{
	if (f != stdin)
		fclose(f);
}

static char *too_large(FILE *f, char *buf, const char *file, size_t limit,
		       struct diag *d)
{
	free(buf);
	done(f);
	diag_input(d, file, NULL, "is larger than the %zu MiB limit", limit >> 20);
	return NULL;
}

static char *out_of_memory(FILE *f, char *buf, struct diag *d)
{
	free(buf);
	done(f);
	diag_runtime(d, "out of memory");
	return NULL;
}

char *file_read(const char *file, size_t limit, enum diag_kind kind, size_t *len,
		struct diag *d)
{
	size_t n = 0, cap = 1 << 16;
	struct stat st;
	char *buf, *p;
	FILE *f;
	int err;

	if (strcmp(file, "-") == 0) {
		f = stdin;
	} else if (stat(file, &st) == 0 && (S_ISFIFO(st.st_mode) || S_ISCHR(st.st_mode) ||
					    S_ISBLK(st.st_mode) || S_ISSOCK(st.st_mode))) {
		diag_input(d, file, NULL, "not a regular file (give - to read standard input)");
		return NULL;
	} else {
		f = fopen(file, "rb");
	}
	if (!f) {
		diag_errno(d, kind, errno, file, "cannot read");
		return NULL;
	}
	/* A regular file's size is known: refuse a big one before reading it,
	 * and read it in one go (+2: the end is seen without growing). */
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
		if ((unsigned long long)st.st_size > limit)
			return too_large(f, NULL, file, limit, d);
		cap = (size_t)st.st_size + 2;
	}
	buf = malloc(cap);
	if (!buf)
		return out_of_memory(f, NULL, d);
	for (;;) {
		size_t got;

		if (n + 1 == cap) {
			cap = cap > limit ? limit + 2 : 2 * cap;
			p = realloc(buf, cap);
			if (!p)
				return out_of_memory(f, buf, d);
			buf = p;
		}
		got = fread(buf + n, 1, cap - n - 1, f);
		n += got;
		if (n > limit)
			return too_large(f, buf, file, limit, d);
		if (got == 0)
			break;
	}
	err = ferror(f) ? errno : 0;
	done(f);
	if (err) {
		free(buf);
		diag_errno(d, kind, err, file, "cannot read");
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}
