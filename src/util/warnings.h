/* warnings.h - sanity warnings that never block a run.
 *
 * Library code that sees something odd but not wrong (an MTBF shorter
 * than its MTTR, a window longer than the horizon, two designs alike, a
 * figure with no interval) adds a warning to a list the caller owns; the
 * commands print the list on standard error as "nines: warning: " +
 * warnings_format() and every report carries it.  A warning never changes
 * an exit status.
 */
#ifndef NINES_WARNINGS_H
#define NINES_WARNINGS_H

#include <stddef.h>

/* One warning: where (FILE and the JSON PATH there, either NULL when there
 * is none) and what, a lowercase message with no trailing period. */
struct warning {
	char *file;
	char *path;
	char *message;
};

/* A list of warnings in the order they were added; zeroed is empty. */
struct warnings {
	struct warning *w;
	size_t n, cap;
};

/* Make W empty. */
void warnings_init(struct warnings *w);

/* Free what W holds and make it empty again; an empty W is fine. */
void warnings_release(struct warnings *w);

/* Add "FILE: PATH: message" (FILE or PATH may be NULL and are then left
 * out).  A warning equal to one already in W (the same model file read by
 * two designs) is not added again.  Returns 0, or -1 when out of memory
 * (W is left as it was). */
int warnings_add(struct warnings *w, const char *file, const char *path,
		 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Add every warning of FROM to W, as warnings_add does.  Returns 0 or -1
 * (out of memory: W holds those added so far). */
int warnings_append(struct warnings *w, const struct warnings *from);

/* Warning I of W as one line, "FILE: PATH: message", into BUF of SIZE
 * bytes (cut to fit).  Returns BUF. */
char *warnings_format(const struct warnings *w, size_t i, char *buf, size_t size);

#endif
