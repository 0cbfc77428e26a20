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

/* The difference of one design against the baseline in one measure kept
 * per replication (design minus baseline, per replication, then averaged). */
struct compare_diff {
	struct estimate paired;          /* of the per-replication differences;
	                                    without them (IS_PAIRED 0), the
	                                    difference of the two estimates with
	                                    the Welch interval */
	double independent_half_width;   /* what two independent runs would give */
	int is_paired;                   /* both results kept their per-replication
	                                    values (kept): PAIRED is paired */
	double variance_ratio;           /* the variance reduction pairing gave:
	                                    the independent difference's variance
	                                    over the paired one's; +inf when the
	                                    paired one is 0, NaN when both are or
	                                    IS_PAIRED is 0 */
	int pairing_useless;             /* paired, yet VARIANCE_RATIO at most
	                                    COMPARE_PAIRING_USELESS or within what
	                                    chance gives two independent runs */
};

/* Differences of design D against design B in measure K (result.h: the
 * system's or the writes' down fraction, or writes lost per year), which
 * were run with the same settings and streams (same replications).
 * Unless both ran the same number of plain replications and kept their
 * values (importance sampling keeps none, splitting's do not line up, a
 * run to a target stops each design at its own count), the paired
 * difference falls back to the independent one. */
struct compare_diff compare_diff(const struct result *d, const struct result *b, double conf,
				 enum result_kept k);

/* A measure designs are compared on, as the reports say it. */
struct compare_measure {
	enum result_kept k;
	const char *title;       /* "downtime per year" */
	const char *json;        /* the key of its difference in JSON */
	double scale;            /* from the kept value to the unit below */
	const char *less, *more; /* "saves %s min/yr", "costs %s min/yr more":
	                            %s is "4.2 ± 0.3" */
	const char *unit;        /* "min/yr" */
};
extern const struct compare_measure compare_measures[RESULT_KEPT];

/* Whether D's and B's writes differ beyond what their downtime says: the
 * difference in the time writes alone were impossible (the system up but
 * a sync block unable to take them) excludes 0, paired replication by
 * replication when both kept their values, else when the intervals of
 * the two differences (write downtime, downtime) do not overlap. */
int compare_writes_apart(const struct result *d, const struct result *b, double conf);

/* What X (of measure K, a paired or independent difference) says, into
 * BUF of N bytes: "saves 21.3 ± 1.2 min/yr (paired; independent runs:
 * ± 9.8; pairing cut the variance 67×)", "costs ... more (...)" or "no
 * clear difference: +0.2 ± 1.2 min/yr (...)". */
void compare_diff_words(char *buf, size_t n, const struct compare_diff *x, enum result_kept k);

/* Whether X's interval does not hold 0: the designs clearly differ. */
int compare_diff_clear(const struct compare_diff *x);

/* What a clear difference X of measure K says, alone, into BUF of N
 * bytes: "saves 21.3 ± 1.2 min/yr", "loses 40.7 ± 1.2 fewer writes/yr". */
void compare_diff_what(char *buf, size_t n, const struct compare_diff *x, enum result_kept k);

struct comparison {
	const struct compare_design *d;
	size_t n;
	size_t baseline;                 /* index into d */
	const struct warnings *warn;     /* every design's and the comparison's
	                                    (compare_warnings_collect); NULL: none */
};

/* The verdict line into BUF: the design with the least downtime against
 * the baseline, its nines, the downtime it saves and what it costs more
 * ("crm-db5 gives 5.94 nines against 4.30 for crm-basic; saves 25 min a
 * year; costs 12,000/yr more"), then each design whose writes differ
 * clearly from the baseline's, and how ("; on writes, crm-semisync costs
 * 153 ± 6 min/yr of writes more and loses 40.7 ± 1.2 fewer writes/yr;
 * crm-mongo loses 70 ± 2 more writes/yr"): write downtime when it differs
 * beyond the downtime (compare_writes_apart), lost writes when their
 * difference excludes 0. */
void compare_summary(char *buf, size_t size, const struct comparison *c);

/* Whether any design has a cost: the tables then have a cost column. */
int compare_any_cost(const struct comparison *c);

/* Whether any design replicates (report_replication_modes): the tables
 * then have the designs' write availability and lost writes per year, and
 * the reports their paired differences. */
int compare_any_writes(const struct comparison *c);

/* D's write availability and lost writes per year (report_writes) as the
 * tables show them, into WA and LOST of N bytes each. */
void compare_writes_cells(const struct compare_design *d, char *wa, char *lost, size_t n);

/* At most this variance ratio, pairing is taken to have achieved
 * nothing: the designs share few or no random streams.  So is a ratio R
 * with 1 - 1/R (twice the covariance of the two designs over the sum of
 * their variances) below 2/sqrt(n) for n replications: two independent
 * runs reach that by chance one time in forty or less, as their sample
 * correlation, about normal with sd 1/sqrt(n), exceeds 2 sd. */
#define COMPARE_PAIRING_USELESS 1.1

/* What pairing achieved for X, into BUF of N bytes: "pairing cut the
 * variance 18×", "pairing cut the variance only 1.02×" (pairing_useless),
 * "pairing removed the variance" or "no
 * variance to cut".  X must be paired. */
void compare_pairing_words(char *buf, size_t n, const struct compare_diff *x);

/* Add to W what C's designs and their differences warrant: two designs
 * with the same compiled model (structure, laws, parameters and cost,
 * names aside), and each design whose pairing with the baseline cut the
 * variance of the difference by no more than COMPARE_PAIRING_USELESS or
 * chance gives (pairing_useless); a design not paired at all is said so
 * by the verdict.  Each names its design's file.  Returns 0,
 * or -1 when out of memory. */
int compare_warnings_collect(const struct comparison *c, struct warnings *w);

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
