/* output.h - writing a report to stdout or to a file.  A regular file is
 * written atomically: the text goes to a temporary file beside the target
 * and is renamed over it only when complete, so a failed run never leaves
 * half a report; the file keeps its mode (and, for root, its owner).  A
 * symbolic link is followed to its target.  A device, a FIFO, and a file
 * with several hard links are written in place (output.c says why). */
#ifndef NINES_OUTPUT_H
#define NINES_OUTPUT_H

#include <stdio.h>

#include "util/diag.h"

struct output {
	FILE *f;          /* write here */
	char *path;       /* as the user named it, NULL for stdout */
	char *target;     /* PATH with its symbolic links followed */
	char *tmp;        /* temporary file being written, NULL when in place */
};

/* Open PATH for writing ("-" or NULL: stdout).  Returns 0, or -1 with d
 * filled ("PATH: cannot write: " and the system's reason).  Finish with
 * output_commit or output_abort. */
int output_open(struct output *o, const char *path, struct diag *d);

/* Flush and move the text into place.  Returns 0, or -1 with d filled (the
 * temporary file is then removed).  Releases O either way. */
int output_commit(struct output *o, struct diag *d);

/* Drop what was written and release O.  A file written in place keeps
 * what was written so far. */
void output_abort(struct output *o);

#endif
