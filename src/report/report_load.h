/* report_load.h - reading back nines' own JSON reports (those of
 * `nines simulate --format json` and `nines compare --format json`) as the
 * plain designs that plot.h draws. */
#ifndef NINES_REPORT_LOAD_H
#define NINES_REPORT_LOAD_H

#include <stddef.h>

#include "report/plot.h"
#include "util/diag.h"

/* Largest report file read, in bytes. */
#define REPORT_LOAD_MAX_BYTES (256L << 20)

/* Read the report FILE and append its designs (one for a simulate report,
 * one per element of "designs" for a compare report) to the array *D of
 * *N designs, which is grown with realloc (*D may be NULL with *N 0).
 * The design name is topology.name; tiers are the blocks whose path is
 * "system.blocks[I]", each with its share_of_system_downtime, and
 * has_shares is set when any block has that key (null included): a report
 * written before nines attributed downtime lacks it, and its designs are
 * drawn without a breakdown (see plot_designs).  Keys the reader does not
 * use are ignored, and a
 * missing measure leaves that part of the design empty (NAN or 0 points);
 * a null number is NAN, except in nines where it is INFINITY.
 *
 * Returns 0, or -1 with DIAG filled and *N as it was (*D may have moved):
 * DIAG_INPUT "FILE: ..." when the file cannot be read, is not JSON
 * ("FILE:LINE:COL: not JSON ..."), is not a nines report, or a member has
 * the wrong type ("FILE: designs[1].system.nines: not an object");
 * DIAG_RUNTIME when memory runs out.  Prints nothing.  Free the designs
 * with plot_designs_free. */
int report_load(const char *file, struct plot_design **d, size_t *n,
		struct diag *diag);

#endif
