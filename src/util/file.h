/* file.h - a whole file read into memory, for the readers of input files
 * (topology and model files, nines' own JSON reports). */
#ifndef NINES_FILE_H
#define NINES_FILE_H

#include <stddef.h>

#include "util/diag.h"

/* Read the whole of FILE ("-": standard input, left open) into a new
 * buffer: its bytes followed by a NUL
 * (the bytes may hold NULs of their own; *LEN counts them without the
 * final one).  The caller frees the buffer with free().
 *
 * LIMIT is the largest size accepted, in bytes; a larger file, or a stream
 * that goes on past it (a pipe, /dev/zero), is refused with the DIAG_INPUT
 * text "FILE: is larger than the N MiB limit" (N is LIMIT / 2^20: give a
 * whole number of MiB).
 *
 * A FIFO, a device or a socket is refused (DIAG_INPUT "FILE: not a regular
 * file (give - to read standard input)"): opening one may wait for ever.
 *
 * Returns NULL with D filled on failure: when FILE cannot be opened or
 * read, "FILE: cannot read: " and strerror, of KIND (DIAG_INPUT for a file
 * the user named, DIAG_RUNTIME for one of the program's own); out of
 * memory is DIAG_RUNTIME "out of memory".  *LEN is set only on success. */
char *file_read(const char *file, size_t limit, enum diag_kind kind, size_t *len,
		struct diag *d);

#endif
