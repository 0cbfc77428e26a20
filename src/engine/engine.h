/* engine.h - one replication of a model: a discrete-event simulation from
 * "everything up" at time 0 to the horizon.
 *
 * A replication is a pure function of (model, seed, replication index,
 * horizon): no globals, no I/O, and no allocation once the workspace exists.
 */
#ifndef NINES_ENGINE_H
#define NINES_ENGINE_H

#include <stddef.h>
#include <stdint.h>

#include "engine/hist.h"
#include "model/model.h"
#include "util/diag.h"

/* What one replication measured.  Arrays are indexed by block and by
 * component type; they belong to the workspace and are overwritten by the
 * next engine_run. */
struct rep_result {
	double *block_down;      /* hours each block was down */
	double *block_outages;   /* outages of each block that began in the window */
	double *type_down;       /* hours down, summed over a type's instances */
	double *type_failures;   /* failures in the window, summed over a type's instances */
	double *slot_down;       /* system downtime in each time slot (engine_slots) */
	double *block_overlap;   /* hours each block was down while the system was */
	double *block_switches;  /* quorum: elections won; failover: automatic switches */
	double *block_failed_switches; /* failover: switches that failed (coverage);
	                                  quorum: elections started */
	double *block_lost_writes;     /* async replication: expected writes lost */
	double *block_loss_years;      /* whole years of the window with a loss */
	double *block_write_down;      /* sync replication: hours writes were impossible */
	double *block_served;    /* pool: hours of requests served (time x fraction) */
	double *block_reduced;   /* pool: hours up with less than full capacity */
	double *zone_outages;    /* outages of each zone in the window */
	double *ccf_shocks;      /* common-cause shocks of each group in the window */
	double planned_down;     /* hours of system outages that began with a maintenance */
	double design_write_down;  /* hours writes were impossible anywhere: the system
	                              down, or a sync-replicated block unable to take them */
	double design_lost_writes; /* writes lost in every block together */
	double design_loss_years;  /* whole years of the window with a loss in any block */
	double repairs;          /* repairs started in the window */
	double repair_wait;      /* hours those repairs waited for a crew */
	uint64_t events;         /* state changes of instances */
};

struct engine;

/* A workspace for running replications of M, which must outlive it.
 * Returns NULL with d filled when out of memory.  Free with engine_free. */
struct engine *engine_new(const struct model *m, struct diag *d);

void engine_free(struct engine *e);

/* Also measure the system's downtime in NSLOTS consecutive slots of LEN
 * hours each, from the start of the measured window (slots past its end
 * stay empty).  Call before engine_run, once.  Returns 0, or -1 with d
 * filled when out of memory. */
int engine_slots(struct engine *e, double len, size_t nslots, struct diag *d);

/* Run replication INDEX under SEED from time 0, everything up, to
 * WARMUP + HORIZON hours, and measure the window [WARMUP, WARMUP + HORIZON]:
 * downtime inside it, and the outages and failures that begin inside it.
 * Every system outage that begins inside it is added to OUTAGES (hours; one
 * still running at the end counts with its length so far) unless OUTAGES is
 * NULL.  Returns the workspace's result, valid until the next call. */
const struct rep_result *engine_run(struct engine *e, uint64_t seed,
				    uint64_t index, double warmup, double horizon,
				    struct hist *outages);

/* ---- importance sampling (engine_is.c) ---- */

/* The probability, while something is being recovered, that some failure
 * comes before the next recovery under the biased laws. */
#define IS_BIAS 0.5

/* A cycle that takes more steps than this is given up (see engine_is_cycle). */
#define IS_MAX_EVENTS 10000000

/* One regenerative cycle: its length in hours and its likelihood ratio. */
struct engine_cycle {
	double length;
	double weight;
};

struct engine_is;

/* Whether importance sampling can run M: every failure law of its
 * component types and zones is exponential and nothing has planned
 * maintenance.  Writes one line saying why (or why not) to WHY (N bytes). */
int engine_is_qualifies(const struct model *m, char *why, size_t n);

/* An importance sampler on the workspace E (which must outlive it, and
 * must be E's only user while it runs), for a model that qualifies.
 * Returns NULL with d filled when out of memory.  Free with engine_is_free
 * (NULL is fine). */
struct engine_is *engine_is_new(struct engine *e, struct diag *d);
void engine_is_free(struct engine_is *s);

/* Run regenerative cycle INDEX under SEED with balanced failure biasing:
 * from the start state to its first return, measured from time 0 as
 * engine_run measures its window (outages are not collected, slots are
 * not measured).  Fills C with the cycle's length and likelihood ratio and
 * returns E's result, valid until the next call; NULL when the cycle took
 * more than IS_MAX_EVENTS steps or came to a state where nothing can ever
 * happen (the model never returns to its start). */
const struct rep_result *engine_is_cycle(struct engine_is *s, uint64_t seed, uint64_t index,
					 struct engine_cycle *c);

/* ---- splitting (engine_split.c): rare system failures ----
 *
 * RESTART inside one replication.  The importance of a state is how few
 * further instance failures would take the system down (its distance to
 * failure): level l of a state is (levels - distance), 0 when everything
 * is up, `levels` when the system is down.  A trajectory that rises into
 * level l is cloned into factor(l) copies; each clone draws the durations
 * under way afresh from their laws given their ages, and is dropped when
 * it falls below the level it was born at, while the trajectory from time
 * 0 is never dropped.  What a trajectory measures while at level l counts
 * with weight 1 / (factor(1) x ... x factor(l)), so the replication's
 * result has the expectation of engine_run's. */

/* At most this many levels are split: a model whose all-up distance is
 * larger splits on the last ones before failure. */
#define SPLIT_LEVELS_MAX 32
/* The largest factor a pilot chooses. */
#define SPLIT_FACTOR_MAX 10000

/* Levels and factors for one model: built once, then read by every
 * worker's engine_split (never written while they run). */
struct split_plan;

/* The plan for M (which must outlive it): its levels, every factor 1
 * (no splitting: each replication is engine_run's, up to rounding).
 * Returns NULL with d filled when out of memory.  Free with
 * engine_split_plan_free. */
struct split_plan *engine_split_plan_new(const struct model *m, struct diag *d);

void engine_split_plan_free(struct split_plan *p);

/* The number of levels: the distance to failure with everything up,
 * at most SPLIT_LEVELS_MAX.  1 means a single failure takes the system
 * down: there is nothing to split on below the failure itself. */
int engine_split_plan_levels(const struct split_plan *p);

/* The factor of level L (1 <= L <= levels): the copies a trajectory
 * becomes when it rises into L.  Set it (>= 1, at most
 * SPLIT_FACTOR_MAX) before any engine_split uses P. */
unsigned engine_split_plan_factor(const struct split_plan *p, int l);
void engine_split_plan_set(struct split_plan *p, int l, unsigned factor);

/* Choose the factors from a short pilot: rounds of replications of
 * WARMUP + HORIZON hours (a bounded number of events each, under a seed
 * derived from SEED, so the run's own replications stay independent of
 * it) estimate each level's chance p(l) of rising into l + 1 before
 * falling below l, and set factor(l) to 1 / p(l), the balance at which
 * as many trajectories reach each level as the one below (RESTART's
 * optimum), until every level below failure has seen enough rises.  The
 * failure level gets 8 (a clone there only lasts the rest of an outage)
 * when there are levels below it, else 1.  Deterministic: the same plan
 * for the same arguments.  Returns 0, or -1 with d filled (out of
 * memory). */
int engine_split_plan_pilot(struct split_plan *p, uint64_t seed, double warmup,
			    double horizon, struct diag *d);

/* A splitting workspace on the engine E, for plan P; both must outlive
 * it, and E must not run anything else while it is used.  Returns NULL
 * with d filled when out of memory.  Free with engine_split_free, before
 * E. */
struct engine_split;
struct engine_split *engine_split_new(struct engine *e, const struct split_plan *p,
				      struct diag *d);
void engine_split_free(struct engine_split *s);

/* engine_run's contract, split: replication INDEX under SEED over
 * [WARMUP, WARMUP + HORIZON], with its clones.  Every additive field of
 * the result is the weighted sum over the trajectory and its clones, an
 * unbiased estimate of engine_run's; `events` is the work done (every
 * clone's events, unweighted).  Not estimated: slot_down (zeros: SLO
 * windows and the timeline are not measured) and the outage lengths
 * (no histogram).  Returns the workspace's result, valid until the next
 * call; the clones' random streams are a function of (SEED, INDEX, clone
 * number), so results are the same bits for any thread count. */
const struct rep_result *engine_run_split(struct engine_split *s, uint64_t seed,
					  uint64_t index, double warmup, double horizon);

#endif
