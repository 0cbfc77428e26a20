/* output.h - writing a report to stdout or, atomically, to a file: the
 * text goes to a temporary file beside the target and is renamed over it
 * only when complete, so a failed run never leaves half a report. */
#ifndef NINES_OUTPUT_H
#define NINES_OUTPUT_H

#include <stdio.h>

#include "util/diag.h"

struct output {
	FILE *f;          /* write here */
	char *path;       /* target, NULL for stdout */
	char *tmp;        /* temporary file being written */
};

/* Open PATH for writing ("-" or NULL: stdout).  Returns 0, or -1 with d
 * filled.  Finish with output_commit or output_abort. */
int output_open(struct output *o, const char *path, struct diag *d);

/* Flush and move the text into place.  Returns 0, or -1 with d filled (the
 * temporary file is then removed).  Releases O either way. */
int output_commit(struct output *o, struct diag *d);

/* Drop what was written and release O. */
void output_abort(struct output *o);

#endif
