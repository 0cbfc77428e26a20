/* datadir.h - where nines' own data is (the model files, the plot
 * templates): an installed tree under any prefix, or a build that is not
 * installed, with no environment variable. */
#ifndef NINES_DATADIR_H
#define NINES_DATADIR_H

/* The directory SUB ("models", "plots") of nines' data, the first of these
 * that is a directory:
 *   1. DIR/REL/SUB, where DIR is the running program's directory and REL
 *      the path from bindir to pkgdatadir that the build was configured
 *      with ("../share/nines"): an installed tree moved to another prefix
 *      (make install prefix=..., DESTDIR=...);
 *   2. PKGDATADIR/SUB, the configured installation directory;
 *   3. DIR/../SUB: the program in the src/ folder of a build that is not
 *      installed.
 * Returns a new string for the caller to free, or NULL when none exists
 * (errno 0) or memory runs out (errno ENOMEM). */
char *datadir_find(const char *sub);

#endif
