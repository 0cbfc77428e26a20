/* diag.h - a diagnostic filled by library code and printed by commands.
 *
 * Library functions never print: on failure they fill a struct diag owned by
 * the caller and return -1.  A command prints it as "nines: " + diag_text().
 */
#ifndef NINES_DIAG_H
#define NINES_DIAG_H

#include <stddef.h>

enum diag_kind {
	DIAG_NONE = 0,
	DIAG_INPUT,     /* a bad input file: exit status 3 */
	DIAG_RUNTIME,   /* I/O or resource failure: exit status 4 */
	DIAG_USAGE,     /* a bad command-line argument: exit status 2 */
};

struct diag {
	enum diag_kind kind;
	char text[4096];
};

/* Clear a diagnostic so that it holds nothing. */
void diag_init(struct diag *d);

/* Record an input error "FILE: PATH: message".  FILE or PATH may be NULL,
 * and are then left out.  Returns -1 so that a caller can write
 * `return diag_input(d, file, path, "...", ...);`.  Only the first error is
 * kept: a later call on a diagnostic that already holds one does nothing. */
int diag_input(struct diag *d, const char *file, const char *path,
	       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Record a runtime error (I/O, memory).  Returns -1.  Same first-wins rule. */
int diag_runtime(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Record a usage error: an argument the caller passed on from the
 * command line (a --vary path, say) is wrong.  The text names the
 * argument; the command adds its own name and usage line.  Returns -1.
 * Same first-wins rule. */
int diag_usage(struct diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* Record a system error, git's die_errno(): the message followed by ": "
 * and strerror(ERR), ERR an errno value the caller saved right after the
 * failing call.  KIND is DIAG_RUNTIME for the program's own I/O, or
 * DIAG_INPUT when an input file cannot be read (FILE names it and leads
 * the text; NULL leaves it out).  Returns -1.  Same first-wins rule. */
int diag_errno(struct diag *d, enum diag_kind kind, int err, const char *file,
	       const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* The recorded text, or "" when there is none.  Lives as long as d. */
const char *diag_text(const struct diag *d);

#endif
