/* report_warn.h - sanity warnings in reports: what a finished run warrants
 * (a figure shown with no interval because too few events were seen), and
 * the Warnings section of every format.  A report with no warnings has no
 * section (JSON: an empty array). */
#ifndef NINES_REPORT_WARN_H
#define NINES_REPORT_WARN_H

#include <stdio.h>

#include "report/report_measure.h"
#include "util/warnings.h"

/* Add to W a warning, naming REP's file and design, for each measure of
 * REP->r (not NULL) shown with no interval because too few events were
 * seen: every one when it ran fewer than 2 replications; else the mean
 * outage when no system outage was seen, P(window below) for targets no
 * window fell below, and a replicated block's lost writes, P(loss) or
 * write availability when no replication saw a loss or a write outage.
 * Returns 0, or -1 when out of memory. */
int report_warnings_collect(const struct report *rep, struct warnings *w);

/* W (NULL: none) as a section of a report, nothing when it is empty.
 * Like every section of the text and Markdown reports it opens with a
 * blank line and ends with its last line: text "\nwarnings\n" and a line
 * "  FILE: PATH: message" each; Markdown (MD set) "\n### Warnings\n\n"
 * and a list item each. */
void report_warnings_text(FILE *f, const struct warnings *w, int md);

/* The member "warnings": [{"file", "path", "message"}, ...] (file and
 * path null when there is none) followed by ",\n", indented two
 * spaces. */
void report_warnings_json(FILE *f, const struct warnings *w);

/* What a column of a warning's CSV row holds. */
enum report_warn_col {
	REPORT_WARN_EMPTY,      /* nothing */
	REPORT_WARN_KIND,       /* "warning" */
	REPORT_WARN_LINE,       /* "FILE: PATH: message", as on standard error */
	REPORT_WARN_PATH,       /* the JSON path, or nothing */
	REPORT_WARN_FILE,       /* the file, or nothing */
};

/* One CSV row a warning of W (NULL: none), in the existing shape of a
 * table of NCOLS columns: column k holds COLS[k] for k < NCOLS (each
 * COLS[k] of the NC given; the columns after them empty). */
void report_warnings_csv(FILE *f, const struct warnings *w, size_t ncols,
			 const enum report_warn_col *cols, size_t nc);

#endif
