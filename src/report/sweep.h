/* sweep.h - one design simulated over a range of one or two of its
 * parameters: the --vary specifications, the values they give, and the
 * report of the finished points in every format.
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
#include "util/diag.h"

#define SWEEP_MAX_PARAMS 2
#define SWEEP_MAX_VALUES 200     /* N of one --vary */
#define SWEEP_MAX_POINTS 1000    /* points of the whole grid */

/* One --vary PATH=FROM:TO:N[:log]. */
struct sweep_param {
	char *path;              /* JSON path into the topology (topology_set) */
	double from, to;         /* hours when DURATION */
	char *from_text, *to_text;   /* FROM and TO as written ("500h") */
	int n;                   /* N as given */
	int log;                 /* geometric spacing, else linear */
	int duration;            /* FROM or TO had a unit: the values are hours */
	int integer;             /* FROM and TO were plain integers: values rounded */
	int words;               /* durations print in words ("4 h 30 min"): they
	                            tell every value apart */
	double *values;          /* [nvalues], from FROM to TO; rounded values
	                            without repeats when INTEGER */
	size_t nvalues;
};

/* Parse SPEC, "PATH=FROM:TO:N" or "PATH=FROM:TO:N:log", into P and fill
 * its values.  FROM and TO are plain numbers or durations ("30m", "8h"; a
 * duration with a plain number makes both hours).  N is 2 to
 * SWEEP_MAX_VALUES; log needs FROM and TO above 0; FROM and TO differ.
 * Returns 0 (release P with sweep_param_release), or -1 with P released
 * and D filled: DIAG_USAGE with a message to follow "--vary: ", or
 * DIAG_RUNTIME when out of memory. */
int sweep_param_parse(const char *spec, struct sweep_param *p, struct diag *d);
void sweep_param_release(struct sweep_param *p);

/* X, a value of P, as the text report prints it: a duration in words
 * ("4 h", "30 min") or hours when words would not tell the values apart,
 * a number plainly.  Returns BUF. */
char *sweep_param_format(const struct sweep_param *p, double x, char *buf, size_t size);

/* One finished point: what the reports need, kept after its design and
 * result are freed. */
struct sweep_point {
	double value[SWEEP_MAX_PARAMS];   /* of each parameter */
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
