/* plot.h - gnuplot plots that compare simulated designs: nines, where the
 * downtime comes from (the share of each tier), outage durations, SLO
 * breaches and availability over time.
 *
 * The figures reach gnuplot only through tab-separated data files written
 * here; design and block names are never pasted into gnuplot commands.
 * Each plot is a template, NAME.gp in the templates directory, run as
 *     gnuplot -c NAME.gp PNG_OUT SVG_OUT DATA... NUMBER...
 * (an output is "" when that terminal is not wanted) with fork and execvp,
 * so gnuplot is looked up on PATH and no shell is involved.
 */
#ifndef NINES_PLOT_H
#define NINES_PLOT_H

#include <stddef.h>

#include "util/diag.h"

/* Terminals, or-ed together. */
#define PLOT_PNG  1u
#define PLOT_SVG  2u
#define PLOT_BOTH (PLOT_PNG | PLOT_SVG)

/* A figure and its confidence interval.  NAN means unknown (that part of
 * the plot leaves it out); INFINITY is allowed where a measure can be
 * infinite (nines of a design never seen down) and is drawn clipped. */
struct plot_estimate {
	double mean, ci_low, ci_high;
};

/* A direct child block of the system ("system.blocks[i]"). */
struct plot_tier {
	char *name;
	struct plot_estimate share;      /* fraction of the system's downtime
	                                    during which this tier was down,
	                                    0..1; NAN unknown (or the system
	                                    was never down) */
};

struct plot_target {
	double target;                   /* availability, e.g. 0.999 */
	struct plot_estimate breach;     /* probability that a window is below it */
};

struct plot_window {
	double start_hours;
	struct plot_estimate availability;
};

struct plot_cdf_point {
	double minutes;                  /* outage duration */
	double fraction;                 /* of outages no longer, 0..1 */
};

/* One design as the plots see it: plain data, filled by report_load (from
 * a JSON report file) or by compare_plot_designs (from a comparison in
 * memory).  plot_* functions only read it.  Every pointer is owned by the
 * design: release it with plot_design_release. */
struct plot_design {
	char *name;                      /* any bytes: printed literally */
	double confidence;               /* level of the intervals, NAN unknown */
	struct plot_estimate nines;      /* of the system */
	struct plot_estimate downtime;   /* system, minutes per year */
	struct plot_cdf_point *cdf;      /* system outage durations, ascending */
	size_t ncdf;
	double outage_p[3];              /* p50, p90, p99 of the system's outage
	                                    durations in minutes, as the reports
	                                    print them; NAN unknown */
	struct plot_tier *tier;
	size_t ntier;
	int has_shares;                  /* the report attributes downtime to
	                                    blocks (share_of_system_downtime,
	                                    which reports before it lack) */
	double window_hours;             /* of the SLO windows, NAN unknown */
	struct plot_target *target;
	size_t ntarget;
	struct plot_window *window;      /* availability over time */
	size_t nwindow;
	/* the design's writes (the JSON report's "writes") */
	int replicates;                  /* a block has replication: the
	                                    tradeoff plot draws the design */
	struct plot_estimate write_availability; /* NAN unknown (a report
	                                    before nines measured the design's
	                                    writes) */
	struct plot_estimate lost;       /* writes lost per year */
	double cost;                     /* per year; 0 none, NAN unknown */
};

/* The plot names, in the order they are drawn: availability, downtime,
 * outages, slo, timeline, tradeoff.  Output files are DIR/NAME.png and
 * DIR/NAME.svg. */
extern const char *const plot_names[];
#define PLOT_COUNT 6

/* Whether PATH is "system.blocks[DIGITS]": a tier, a direct child of the
 * system block, as plot_design's tiers are chosen. */
int plot_tier_path(const char *path);

/* Free what design G owns and clear it. */
void plot_design_release(struct plot_design *g);

/* Release the N designs of D and free the array D itself (NULL is fine). */
void plot_designs_free(struct plot_design *d, size_t n);

/* Draw the plots of the N designs D into the directory DIR (made, with
 * its parents, if missing) for TERMINALS (PLOT_PNG, PLOT_SVG or both),
 * with the templates NAME.gp in the directory TEMPLATES.  TEMPLATES NULL
 * or "" searches PKGDATADIR/plots, then ../plots beside the running
 * program (an uninstalled build); the library reads no environment, so a
 * command passes the user's choice (NINES_PLOTS) here.
 *
 * The downtime plot has one bar per design, stacked to 100% by the share
 * of each tier, a colour per tier name (the same in every design; tiers
 * of one design that share a name are added up), and the design's
 * downtime per year in words above it ("42 h 14 min/yr").  Tiers down
 * together can make the shares add up past 1: that design's shares are
 * divided by their sum, and the bar and the title say so.  Below 1 (no
 * tiers: the system is a component) the rest is drawn as "other".  A
 * design whose system was never down (downtime 0) is an empty bar
 * labelled "never down".  A design without has_shares (a report written
 * before nines attributed downtime) is not broken down: an empty bar with
 * its downtime above it and "no tier shares" inside.  The plot is drawn
 * when any design has a finite downtime.
 *
 * The tradeoff plot draws each design that replicates and whose writes
 * are known as a point: its lost writes per year against the nines of its
 * write availability,
 * with both intervals, labelled with its name and its cost per year when
 * it has one.  It is drawn when any design is.
 *
 * The outages and timeline plots draw a line per design, each with its
 * own dash and marker; a line the same as an earlier design's says
 * "(the same as A)" in the key.  The outages plot marks each design's
 * outage_p.  The timeline draws a design whose windows vary no more than
 * chance (plot_lines.c says how that is judged) flat at the availability
 * its nines give, with their interval as its band and the windows as
 * dots, and says "steady" in the key.
 *
 * Designs named alike are told apart by " (2)", " (3)", ... A plot for
 * which no design has data (no outages, no whole SLO window, ...) is not
 * drawn, and an older file of that name in DIR is removed so that DIR
 * never mixes runs.  Every output is rendered into a temporary directory
 * inside DIR first and renamed into place only when all are drawn: on an
 * error DIR keeps its old files.  Returns 0, or -1 with DIAG filled
 * (DIAG_RUNTIME: DIR not writable, gnuplot missing or failing, templates
 * not found).  Prints nothing. */
int plot_designs(const struct plot_design *d, size_t n, const char *dir, const char *templates,
		 unsigned terminals, struct diag *diag);

/* Empty the directory DIR, one level deep (the plots make no deeper one),
 * and remove it.  Errors are ignored: it is a clean-up. */
void plot_dir_remove(const char *dir);

/* One point of a sweep (nines sweep) as its plot sees it. */
struct plot_sweep_point {
	struct plot_estimate nines;      /* of the system */
	struct plot_estimate downtime;   /* of the system, minutes per year */
	double exact_nines;              /* analytic; NAN unknown, INFINITY clipped */
	double exact_downtime;           /* analytic, minutes per year */
};

/* A sweep over one or two parameters.  Paths and names are user text:
 * they reach gnuplot only through a data file. */
struct plot_sweep {
	const char *name;                /* the design's name: any bytes */
	double confidence;               /* level of the intervals, NAN unknown */
	const char *xpath;               /* the first parameter's name (its label
	                                    or path), along x */
	int xduration;                   /* its values are hours */
	int xlog;                        /* geometric values: log x axis */
	const double *x;                 /* [nx] its values */
	const char *const *xtext;        /* [nx] its values as categories, at
	                                    0, 1, 2... with these tic labels (X
	                                    unused); NULL: a numeric axis */
	size_t nx;
	const char *ypath;               /* the second parameter's name, NULL with one */
	const char *const *ytext;        /* [ny] its values as printed, one curve
	                                    each; NULL with one parameter */
	size_t ny;                       /* 1 with one parameter */
	const struct plot_sweep_point *point;   /* [nx * ny]: point[i * ny + j] at
	                                           x[i] and the j-th second value */
};

/* Draw S as DIR/sweep.png and DIR/sweep.svg (those TERMINALS asks for),
 * with the template sweep.gp in TEMPLATES (searched as plot_designs
 * says when NULL or ""): the nines (top)
 * and the downtime in minutes per year (bottom) against the first
 * parameter, simulated with a shaded confidence band and exact as a
 * dashed line (categories: a point with an error bar, and exact as an
 * open circle), a curve per value of the second parameter, one key for
 * both.  DIR is made if
 * missing; outputs are drawn in a temporary directory in DIR and renamed
 * into place once all are drawn.  Returns 0, or -1 with DIAG filled
 * (DIAG_RUNTIME, as plot_designs).  Prints nothing. */
int plot_sweep(const struct plot_sweep *s, const char *dir, const char *templates,
	       unsigned terminals, struct diag *diag);

#endif
