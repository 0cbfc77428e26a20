/* compare.h - several designs run on the same replication streams, and the
 * paired differences that make their comparison precise. */
#ifndef NINES_COMPARE_H
#define NINES_COMPARE_H

#include <stdio.h>

#include "engine/result.h"
#include "engine/stats.h"
#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"
#include "report/plot.h"
#include "report/report.h"
#include "util/diag.h"

struct compare_design {
	const struct topology *t;
	const struct model *m;
	const struct analytic *a;
	const struct result *r;
};

/* The difference of one design against the baseline, in system
 * unavailability (design minus baseline, per replication, then averaged). */
struct compare_diff {
	struct estimate paired;          /* of the per-replication differences;
	                                    without them (IS_PAIRED 0), the
	                                    difference of the two estimates with
	                                    the Welch interval */
	double independent_half_width;   /* what two independent runs would give */
	int is_paired;                   /* both results kept their per-replication
	                                    values (sys_down): PAIRED is paired */
};

/* Differences of design D against design B, which were run with the same
 * settings and streams (same replications).  Unavailability fractions.
 * Unless both ran the same number of plain replications and kept their
 * values (importance sampling keeps none, splitting's do not line up, a
 * run to a target stops each design at its own count), the paired
 * difference falls back to the independent one. */
struct compare_diff compare_diff(const struct result *d, const struct result *b, double conf);

struct comparison {
	const struct compare_design *d;
	size_t n;
	size_t baseline;                 /* index into d */
};

/* The verdict line into BUF: the design with the least downtime against
 * the baseline, its nines, the downtime it saves and what it costs more
 * ("crm-db5 gives 5.94 nines against 4.30 for crm-basic; saves 25 min a
 * year; costs 12,000/yr more"). */
void compare_summary(char *buf, size_t size, const struct comparison *c);

/* Whether any design has a cost: the tables then have a cost column. */
int compare_any_cost(const struct comparison *c);

/* Write the side-by-side report in FMT.  Returns 0, or -1 when writing
 * failed (or out of memory). */
int compare_write(FILE *f, enum report_format fmt, const struct comparison *c);

/* The designs of C as the plots see them, taken from their results in
 * memory (compare_plot.c): C->n designs into a new array *D, to free with
 * plot_designs_free.  They equal what report_load reads back from the
 * JSON report of C, so that `nines plot` of that report draws the same.
 * Returns 0, or -1 with DIAG filled (DIAG_RUNTIME, out of memory) and *D
 * NULL. */
int compare_plot_designs(const struct comparison *c, struct plot_design **d, struct diag *diag);

/* Draw the plots of C into DIR with plot_designs (TEMPLATES and
 * TERMINALS as it takes them).  Returns 0, or -1 with DIAG filled. */
int compare_plot(const struct comparison *c, const char *dir, const char *templates,
		 unsigned terminals, struct diag *diag);

#endif
