/* datadir.c - the directories nines reads its own models and plot
 * templates from.  The configured PKGDATADIR alone would tie the program to
 * one prefix: an installed tree copied elsewhere or installed with
 * `make install prefix=DIR` (and the staging of DESTDIR) would find
 * nothing.  So the program's own place comes first, as git's runtime prefix
 * does: from /proc/self/exe, the path bindir -> pkgdatadir that make passes
 * as NINES_DATA_FROM_BIN. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util/datadir.h"

/* The running program's directory into DIR; 0, or -1 when unknown. */
static int datadir_exe_dir(char dir[PATH_MAX])
{
	ssize_t len = readlink("/proc/self/exe", dir, PATH_MAX - 1);
	char *slash;

	if (len <= 0)
		return -1;
	dir[len] = '\0';
	slash = strrchr(dir, '/');
	if (!slash)
		return -1;
	*slash = '\0';
	return 0;
}

/* A new string BASE/REL/SUB when it is a directory, with each leading
 * ".." of REL taken off BASE (BASE is the resolved /proc/self/exe, or a
 * configured path), so that messages name /usr/share/nines, not
 * /usr/bin/../share/nines.  REL may be empty.  NULL with errno 0 when it
 * is not a directory, ENOMEM when memory runs out. */
static char *datadir_try(const char *base, const char *rel, const char *sub)
{
	struct stat st;
	size_t keep = strlen(base);
	int n;
	char *s;

	while (rel[0] == '.' && rel[1] == '.' && (rel[2] == '/' || !rel[2])) {
		while (keep > 1 && base[keep - 1] != '/')
			keep--;
		if (keep > 1)
			keep--;
		rel += rel[2] ? 3 : 2;
	}
	n = snprintf(NULL, 0, "%.*s/%s%s%s", (int)keep, base, rel, *rel ? "/" : "", sub);
	s = n < 0 ? NULL : malloc((size_t)n + 1);
	if (!s) {
		errno = ENOMEM;
		return NULL;
	}
	snprintf(s, (size_t)n + 1, "%.*s/%s%s%s", (int)keep, base, rel, *rel ? "/" : "", sub);
	if (stat(s, &st) == 0 && S_ISDIR(st.st_mode))
		return s;
	free(s);
	errno = 0;
	return NULL;
}

char *datadir_find(const char *sub)
{
	char exe[PATH_MAX], *s;
	int have_exe = datadir_exe_dir(exe) == 0;

#ifdef NINES_DATA_FROM_BIN
	if (have_exe && *NINES_DATA_FROM_BIN &&
	    ((s = datadir_try(exe, NINES_DATA_FROM_BIN, sub)) || errno))
		return s;
#endif
#ifdef PKGDATADIR
	if ((s = datadir_try(PKGDATADIR, "", sub)) || errno)
		return s;
#endif
	if (have_exe)
		return datadir_try(exe, "..", sub);
	errno = 0;
	return NULL;
}
