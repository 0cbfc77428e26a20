/* html_report.h - the HTML report of a comparison (nines report): one
 * self-contained page that opens from a file on a machine without network
 * and prints well. */
#ifndef NINES_HTML_REPORT_H
#define NINES_HTML_REPORT_H

#include "report/compare.h"
#include "util/diag.h"
#include "util/sha256.h"

/* Write the page of C (its designs run, C->n >= 1) to the file PATH ("-":
 * stdout), replacing it only once the page is whole (util/output.h).  The
 * plots are drawn in a temporary directory inside TMPDIR (NULL or "":
 * /tmp) with the templates in TEMPLATES (as plot_designs takes them); the
 * library reads no environment, so a command passes TMPDIR and NINES_PLOTS.
 *
 * Returns 0 when the page is written, or -1 with DIAG filled (DIAG_RUNTIME:
 * a model file cannot be read for its SHA-256, PATH cannot be written, out
 * of memory).  When the plots cannot be drawn the page is written all the
 * same, says why, and PLOTS is filled with that reason (DIAG_RUNTIME, no
 * "plot: " in front); PLOTS is untouched when they were drawn.  Prints
 * nothing. */
int html_report_write(const char *path, const struct comparison *c, const char *tmpdir,
		      const char *templates, struct diag *diag, struct diag *plots);

#endif
