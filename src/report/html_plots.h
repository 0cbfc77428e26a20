/* html_plots.h - the plots of the HTML report (nines report) as inline
 * SVG elements, or why there are none. */
#ifndef NINES_HTML_PLOTS_H
#define NINES_HTML_PLOTS_H

#include <stdio.h>

#include "report/compare.h"
#include "report/plot.h"
#include "util/diag.h"

/* The plots as <svg> elements ready to embed, or why there are none. */
struct html_plots {
	char *svg[PLOT_COUNT];      /* NULL: not drawn (no design has data for it) */
	struct diag why;            /* DIAG_NONE when the plots were drawn */
	int unmeasured;             /* some design's method measured no outage
	                               lengths, windows or timeline */
};

/* Draw the plots of C (compare_plot, svg only, with TEMPLATES as
 * plot_designs takes it) in a new temporary directory inside TMPDIR (NULL
 * or "": /tmp), keep each as an element to embed, and remove the
 * directory.  All or nothing: when any fails (gnuplot missing, say) PL
 * holds no plot and PL->why says why.  Release PL with
 * html_plots_release. */
void html_plots_draw(struct html_plots *pl, const struct comparison *c, const char *tmpdir,
		     const char *templates);

/* Free the elements of PL (PL->why stays). */
void html_plots_release(struct html_plots *pl);

/* Why PL has no plots, without the "plot: " that plot.c's messages start
 * with (a string that lives as long as PL), or NULL when they were drawn. */
const char *html_plots_why(const struct html_plots *pl);

/* The page's "Plots" section: each plot drawn in a figure with its
 * caption and a note on those not drawn, or why there are none. */
void html_plots_write(FILE *f, const struct html_plots *pl);

#endif
