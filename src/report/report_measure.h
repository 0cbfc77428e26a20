/* report_measure.h - the measures of a finished run as every report shows
 * them: per block and component type, whether an exact value lies inside
 * its interval, decimals, and the cells of a row of measures.  The base of
 * the report writers: it depends on the result and model only. */
#ifndef NINES_REPORT_MEASURE_H
#define NINES_REPORT_MEASURE_H

#include <stddef.h>

#include "engine/result.h"
#include "exact/analytic.h"
#include "model/model.h"
#include "model/topology.h"
#include "util/warnings.h"

/* A finished run (or only its analytic values), borrowed: a report only
 * reads it. */
struct report {
	const struct topology *t;    /* name, description, file */
	const struct model *m;
	const struct analytic *a;
	const struct result *r;      /* NULL: analytic values only (nines analyze) */
	const struct warnings *warn; /* shown in a Warnings section; NULL or
	                                empty: none */
};

/* What a quorum or failover block adds to its measures. */
struct replicated_measures {
	struct estimate switches;            /* elections, or switches to another member per year */
	struct estimate failed;              /* failed switches, or elections started, per year */
	struct estimate lost;                /* async: writes lost per year */
	struct estimate lossy;               /* async: probability of any loss in a year */
	struct estimate write_availability;  /* sync */
};
/* The measures that quorum or failover block B adds (REP->r not NULL). */
void report_replicated(const struct report *rep, size_t b, struct replicated_measures *x);

/* Which kinds of replication M's quorum and failover blocks use: a mask
 * of REPORT_SYNC and REPORT_ASYNC, 0 when none. */
#define REPORT_SYNC 1
#define REPORT_ASYNC 2
int report_replication_modes(const struct model *m);

/* The same measures for the design as a whole (REP->r not NULL): its write
 * availability (the share of time the system is up and every
 * sync-replicated block can take writes), the writes lost per year in all
 * its blocks together and the probability of a loss anywhere in a year;
 * SWITCHES and FAILED are NaN. */
void report_writes(const struct report *rep, struct replicated_measures *x);

/* X's write availability and lost writes per year as the tables of
 * compare and sweep show them, into WA and LOST of N bytes each. */
void report_writes_cells(const struct replicated_measures *x, char *wa, char *lost, size_t n);

/* Whether pool B's exact share of requests served lies outside SV, its
 * simulated interval, with enough replications that saw B down to
 * compare (REPORT_MIN_DOWN); 0 when there is no exact value. */
int report_served_outside(const struct report *rep, size_t b, const struct estimate *sv);

/* What the exact values come from, for the last line of a report: the
 * components' method, and the system's first when it differs ("the
 * system: ...; components: ..."), into BUF of SIZE bytes.  Returns BUF. */
char *report_exact_note(const struct report *rep, char *buf, size_t size);

/* Whether any block's or type's exact availability lies outside its
 * simulated interval (REP->r not NULL): the text, Markdown and HTML
 * reports then add REPORT_OUTSIDE_NOTE or its like. */
int report_any_outside(const struct report *rep);

/* How a run was obtained and how precise it is, as every report states
 * it (report_precision). */
struct report_precision {
	const char *method;          /* "plain", "importance" or "splitting" */
	const char *method_words;    /* "plain Monte Carlo", ... */
	const char *samples_words;   /* "replications" or "regenerative cycles" */
	const char *stop;            /* "count", "target", "max_replications", "max_time" */
	double target;               /* the relative error projected to: the
	                                target asked for, else REPORT_PROJECT_ERROR */
	int reached;                 /* the relative error is at most TARGET */
	double more;                 /* samples more to reach TARGET, to two
	                                significant digits: 0 when reached;
	                                ((rel_error / target)^2 - 1) times those
	                                run; with few outages, what gives the
	                                (z / target)^2 x 2 outages a Student-t
	                                interval needs for exponential outage
	                                lengths, at the rate seen or, with none
	                                seen, at the rate's upper end */
	int at_least;                /* MORE is a lower bound (no outage seen) */
	struct measures sys;         /* the system's measures */
};

/* The name reports give interval kind K: "student_t", "outage_count" or
 * "upper_bound" (a static string). */
const char *report_interval_name(enum measures_interval k);

/* The relative error a report projects to when no target was asked. */
#define REPORT_PROJECT_ERROR 0.1

/* Fill P for the result R. */
void report_precision(const struct result *r, struct report_precision *p);

/* The two lines that say so (no line feed at the end), into METHOD and
 * PRECISION of SIZE bytes each:
 *   "plain Monte Carlo: WHY" and
 *   "relative error 4.2%, 1,234 system outages seen; to 10%: about
 *    52,000 replications more" (with a target: "target 1%: reached", or
 *   "target 1%: not reached within the cap of N replications ...").
 * Every report of a run uses them; reproducible (no wall time). */
void report_precision_lines(const struct result *r, char *method, char *precision, size_t size);

/* What R ran, into BUF (N bytes): "1000 replications of 10.0 y", or for
 * importance sampling "425,984 regenerative cycles from everything up".
 * Returns BUF. */
const char *report_samples(const struct result *r, char *buf, size_t n);

/* Fewer replications than this with any downtime, and a Student-t
 * interval is too rough to hold an exact value against. */
#define REPORT_MIN_DOWN 10

/* The footnote under a report with a flagged value. */
#define REPORT_OUTSIDE_NOTE \
	"! the exact long-run value lies outside the simulated interval.  Each value is\n" \
	"  tested at the confidence level, so among many a few misses are expected by\n" \
	"  chance.  Non-exponential laws started new also take some cycles to reach the\n" \
	"  long run: a --warmup of a few MTBFs removes that start-up effect."

/* 1 when EXACT lies inside the availability interval of M (inclusive), 0
 * when outside, -1 when EXACT is not finite or, for a Student-t interval,
 * when fewer than REPORT_MIN_DOWN replications saw any downtime, so that
 * the interval tells too little to compare.  An interval from the outage
 * count (few or no outages: an upper bound) is always compared. */
int report_within(const struct measures *m, double exact);

/* The measures of block B or type T of the report's result (REP->r not
 * NULL). */
void report_block_measures(const struct report *rep, size_t b, struct measures *out);
void report_type_measures(const struct report *rep, size_t t, struct measures *out);

/* How many decimals show an availability whose unavailability is U:
 * two more than its nines, from 4 to 12. */
int report_decimals(double u);

/* Decimals for a row of availabilities with measures M and the exact
 * availability EA and unavailability EU: report_decimals of the simulated
 * unavailability (EU when the row was never down), and when EA lies
 * outside the interval (report_within 0), more, up to 15, until EA and the
 * interval bound it passed print differently: a flagged value is never
 * shown equal to its bound.  Every report of availabilities uses this. */
int report_row_decimals(const struct measures *m, double ea, double eu);

/* X with DEC decimals into BUF ("inf" when +infinite, "-" when NaN or
 * -infinite); E's interval as "[LOW, HIGH]" with DEC decimals, "-" when an
 * end is not finite. */
void report_fmt_num(char *buf, size_t n, double x, int dec);
void report_fmt_ci(char *buf, size_t n, const struct estimate *e, int dec);

/* The cells of one row of measures M with the exact availability EA and
 * unavailability EU, as the block tables show them: availability, CI,
 * exact (" !" when outside the interval), nines, downtime/yr, outages/yr,
 * mean outage; availabilities with report_row_decimals.  CELLS gets 7
 * pointers into BUFS, 7 buffers of 64 bytes. */
void report_measure_cells(const struct measures *m, double ea, double eu,
			  char bufs[][64], const char **cells);

/* An amount of money with thousands separated: "12,400". */
char *report_fmt_money(double x, char *buf, size_t size);

/* Minutes per year in words ("4 h 23 min"), into BUF.  Returns BUF. */
char *report_fmt_minutes(double minutes, char *buf, size_t size);

#endif
