/* result.h - what a run of many replications measured, reduced in
 * replication-index order, and the measures derived from it.  Reports and
 * plots only read a finished result. */
#ifndef NINES_RESULT_H
#define NINES_RESULT_H

#include <stddef.h>
#include <stdint.h>

#include "engine/hist.h"
#include "engine/stats.h"
#include "model/model.h"

#define RESULT_MAX_SLO 8
#define RESULT_MAX_TIMELINE 240        /* points of availability over time */
#define RESULT_MAX_WINDOWS 1000000     /* SLO windows in one replication */

/* Why a run stopped. */
enum run_stop {
	RUN_STOP_COUNT,           /* it ran the replications it was asked for */
	RUN_STOP_TARGET,          /* the target relative error was reached */
	RUN_STOP_MAX_REPLICATIONS,/* the target was not reached within the cap */
	RUN_STOP_MAX_TIME,        /* the target was not reached within the time */
};

#define RESULT_WHY_MAX 200

/* What a run was asked to do. */
struct run_settings {
	double warmup;            /* hours simulated before measuring, >= 0 */
	double horizon;           /* hours measured, > 0 */
	long replications;        /* >= 1 */
	uint64_t seed;
	double confidence;        /* in (0, 1) */
	double window;            /* SLO window, hours, > 0 */
	size_t nslo;              /* SLO targets, at most RESULT_MAX_SLO */
	double slo[RESULT_MAX_SLO]; /* availability targets in (0, 1) */
	enum run_method method;   /* asked for; RUN_METHOD_AUTO by default */
	double target_error;      /* 0: run `replications`; else run until the
	                             half-width of the system unavailability is
	                             at most this times its estimate */
	double max_time;          /* with a target: seconds of wall time, 0: none */
	long max_replications;    /* with a target: replications (cycles), >= 1 */
};

/* The values a run keeps of each replication, for paired comparisons. */
enum result_kept {
	KEPT_DOWN,                /* system down fraction */
	KEPT_WRITE_DOWN,          /* fraction writes were impossible (design[0].x) */
	KEPT_LOST,                /* writes lost per year (design[0].y) */
	RESULT_KEPT
};

struct result {
	const struct model *m;    /* borrowed: must outlive the result */
	struct run_settings set;
	size_t nwindows;          /* whole windows in the horizon */
	size_t ntimeline;         /* points of the timeline, at most RESULT_MAX_TIMELINE */
	size_t timeline_group;    /* windows per timeline point (the last may have fewer) */
	size_t nmoments;          /* all the moments below, in one array */
	struct moments *block;    /* [model_blocks]: x = down fraction, y = outages/year */
	struct moments *type;     /* [model_types]: the same per instance of the type */
	struct moments *slo;      /* [set.nslo]: x = fraction of windows below the target */
	struct moments *timeline; /* [ntimeline]: x = down fraction of the point's windows */
	struct moments *attr;     /* [model_blocks]: x = fraction of the horizon the block
	                             was down while the system was, y = system down fraction */
	struct moments *repl;     /* [model_blocks]: x = fraction of the horizon writes were
	                             impossible (sync), y = writes lost per year (async) */
	struct moments *sw;       /* [model_blocks]: x = switches (elections) per year,
	                             y = failed switches per year */
	struct moments *lossy;    /* [model_blocks]: x = fraction of whole years with a loss */
	struct moments *pool;     /* [model_blocks]: x = fraction of requests served,
	                             y = fraction of the horizon with reduced capacity */
	struct moments *zone;     /* [model_zones]: y = outages per year */
	struct moments *crew;     /* [1]: x = hours waited for crews / horizon,
	                             y = repairs started per year */
	struct moments *planned;  /* [1]: x = fraction of the horizon the system was
	                             down in outages that began with a maintenance */
	struct moments *ccf;      /* [model_ccf]: y = shocks per year */
	struct moments *design;   /* [2], the design as a whole: [0] x = fraction of the
	                             horizon writes were impossible (the system down, or
	                             a sync-replicated block unable to take them), y =
	                             writes lost per year in every block together;
	                             [1] x = fraction of whole years with a loss */
	struct hist window_down;  /* down fraction of every window of every replication */
	double *kept[RESULT_KEPT]; /* [replications] each: the values of enum
	                             result_kept of each replication; NULL unless
	                             the run kept them */
	struct hist outages;      /* system outage durations, hours */
	uint64_t events;
	double wall_seconds;      /* not part of any stdout report: it varies */
	/* how it was obtained */
	enum run_method method;   /* PLAIN, IMPORTANCE or SPLITTING */
	char why[RESULT_WHY_MAX]; /* why that method, one line for a report */
	long samples;             /* replications (plain, splitting) or
	                             regenerative cycles (importance) run */
	enum run_stop stop;
	double rel_error;         /* half-width of the system unavailability
	                             over its estimate; NaN when it is 0 */
	double gain;              /* importance: the efficiency gain over plain
	                             Monte Carlo measured in the run (variance
	                             times work, plain over this); NaN otherwise */
	int windows;              /* the SLO windows, the timeline and the
	                             outage-length histogram were measured
	                             (not by importance sampling) */
};

/* How the unavailability interval of a measures was drawn. */
enum measures_interval {
	MEASURES_STUDENT,      /* Student t over the replications */
	MEASURES_COUNT,        /* few outages (< RESULT_FEW_OUTAGES): an exact
	                          Poisson interval for their rate times a gamma
	                          interval for their mean length */
	MEASURES_BOUND,        /* no outage seen: an upper bound only (ci_low 0),
	                          taking outages to last assumed_outage_hours */
};

/* Below this many outages of a block in a plain run, its interval is
 * drawn from the outage count (MEASURES_COUNT or MEASURES_BOUND): a
 * Student-t interval over replications that mostly saw none is
 * over-confident, and of zero width when none saw any. */
#define RESULT_FEW_OUTAGES 30

/* The measures a report shows for one entity. */
struct measures {
	struct estimate availability;
	struct estimate unavailability;
	struct estimate nines;                 /* -log10(unavailability); inf when 0 */
	struct estimate downtime_min_per_year;
	struct estimate outages_per_year;
	struct estimate mean_outage_min;       /* NaN when no outage was seen */
	double down_replications;              /* replications with any downtime */
	/* added for issue 9 (honest intervals when outages are few) */
	double outages;                        /* outages seen in every replication
	                                          (a block of a plain run), else NaN */
	enum measures_interval interval;       /* of unavailability and what derives
	                                          from it, outages and mean outage */
	double assumed_outage_hours;           /* MEASURES_BOUND: the mean outage
	                                          length the bound takes (the
	                                          design's longest mean repair or
	                                          timer), else NaN */
};

/* A result ready to be filled for M run with SET, keeping every
 * replication's system values when KEEP is set (for paired comparisons).
 * Returns NULL when out of memory.  Free with result_free (NULL is fine).
 * The moments arrays are consecutive in the order block, type, slo,
 * timeline, attr, repl, sw, lossy, pool, zone, crew, planned, ccf, design, so
 * that a run can treat them as one array of nmoments.
 * SET's horizon / window must not exceed RESULT_MAX_WINDOWS. */
struct result *result_new(const struct model *m, const struct run_settings *set, int keep);
void result_free(struct result *r);

/* The share of the system's downtime during which block B was down, with
 * its interval (NaN when the system was never down). */
struct estimate result_attribution(const struct result *r, size_t b);

/* Derive the measures of MO, one of R's moments, at R's confidence.
 * When MO is one of R's blocks (R->block[b], the system at b = 0) in a
 * plain run that saw fewer than RESULT_FEW_OUTAGES of its outages, the
 * interval of unavailability (availability, nines, downtime), of outages
 * per year and of the mean outage comes from the count of outages
 * (MEASURES_COUNT, or MEASURES_BOUND when none was seen: see result.c);
 * otherwise, and for the other moments, it is Student t over the
 * replications. */
void result_measures(const struct result *r, const struct moments *mo, struct measures *out);

/* The mean outage length that an upper bound with no outage seen takes,
 * in hours: the longest mean repair (of a component or a zone), planned
 * maintenance, election, switch (detect + switchover + manual recovery)
 * or 3pc timeout of M. */
double result_assumed_outage(const struct model *m);

#endif
