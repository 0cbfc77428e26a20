/* sweep.h - one design simulated over the values of one or two of its
 * parameters (sweep_param.h): the finished points, and their report in
 * every format and their plot.
 *
 * Every point runs with the same settings and seed, so that its random
 * streams are those of every other point (common random numbers): the
 * curves are smooth and the differences between points precise.
 */
#ifndef NINES_SWEEP_H
#define NINES_SWEEP_H

#include <stddef.h>
#include <stdio.h>

#include "engine/result.h"
#include "report/report.h"
#include "report/sweep_param.h"
#include "util/diag.h"

#define SWEEP_MAX_PARAMS 2
#define SWEEP_MAX_POINTS 1000    /* points of the whole grid */

/* One finished point: what the reports need, kept after its design and
 * result are freed. */
struct sweep_point {
	double value[SWEEP_MAX_PARAMS];   /* of each parameter (values[INDEX]) */
	size_t index[SWEEP_MAX_PARAMS];   /* which of each parameter's values */
	struct measures m;                /* of the system */
	double exact_a, exact_u;          /* the system's analytic availability, unavailability */
	char *system_json;                /* the value of "system" as report_json_system
	                                     writes it at indent 6; owned */
	enum run_method method;           /* how the point was run */
	long samples;                     /* its replications or cycles */
	double rel_error;                 /* the relative error it reached */
	int modes;                        /* its replication (report_replication_modes) */
	struct replicated_measures writes; /* the design's (report_writes) */
};

/* A finished sweep.  With two parameters the points are every
 * combination, the first parameter's value changing slowest:
 * point[i * param[1].nvalues + j] has param[0].values[i] and
 * param[1].values[j]. */
struct sweep {
	const char *name;                 /* the design's name */
	const char *file;                 /* its topology file */
	struct run_settings set;          /* the settings of the first point */
	const struct sweep_param *param;
	size_t nparam;                    /* 1 or 2 */
	const struct sweep_point *point;
	size_t npoints;
	const struct warnings *warn;      /* every point's, once each; NULL: none */
};

/* Write S to F in FMT: text and md a table with a row per point, csv a
 * row per point, json the machine contract of docs/nines.1; each with
 * S's warnings as report_warn.h writes them (text and md a section after
 * the heading, json the second key, csv rows at the end).  Returns 0,
 * or -1 when writing failed. */
int sweep_write(FILE *f, enum report_format fmt, const struct sweep *s);

/* Draw S with plot_sweep into DIR (TEMPLATES and TERMINALS as it takes
 * them): the nines and downtime of every point, simulated and exact.
 * Returns 0, or -1 with DIAG filled (DIAG_RUNTIME). */
int sweep_plot(const struct sweep *s, const char *dir, const char *templates,
	       unsigned terminals, struct diag *diag);

#endif
