/* run_impl.h - what run.c (threads, rounds, the stopping rule, the choice
 * of method) shares with the ways of running samples: plain replications
 * in run.c itself, regenerative cycles in run_is.c.  Only those files
 * include it. */
#ifndef NINES_RUN_IMPL_H
#define NINES_RUN_IMPL_H

#include <stdatomic.h>

#include "engine/engine.h"
#include "engine/ratio.h"
#include "engine/run.h"

/* Importance sampling's sums for the efficiency gain (run_is.c): over
 * cycles, D^2 L, D T L and T^2 L (D the system downtime, T the length, L
 * the likelihood ratio: their means are plain Monte Carlo's moments), the
 * events times L (plain's work per cycle) and the events. */
struct run_gain {
	double ddl, dtl, ttl, evl, ev;
};

/* A timeline point's sums over a chunk's replications: its downtime
 * fractions, their squares, and the replications with any (run.c's
 * run_timeline turns them into moments). */
struct run_tl {
	double sum, sq, nz;
};

struct shared {
	const struct model *m;
	const struct run_options *opt;
	struct result *res;
	enum run_method method;
	long total;                    /* samples at most */
	long chunk;                    /* samples per chunk */
	size_t nchunks;                /* chunks at most */
	size_t nb, nt, nz, ng, nmom;
	unsigned char *kind;           /* [nb]: each block's kind */
	double *instances;             /* [nt]: each type's instances */
	size_t round;                  /* chunks per round (shared_round) */
	size_t slots;                  /* chunks a round fills: round, or nchunks if fewer */
	size_t round_first;            /* first chunk of the current round */
	size_t round_end;              /* one past its last */
	size_t take_first, take_end;   /* this rank's share of them (run_mpi.h) */
	struct moments *chunk_mom;     /* plain: [slots * nmom], the round's chunks */
	struct ratio_moments *chunk_rat; /* importance: the same */
	struct run_gain *chunk_gain;   /* importance: [slots] */
	struct ratio_moments *rat;     /* importance: [nmom], merged so far */
	struct run_gain gain;          /* importance: merged so far */
	struct split_plan *plan;       /* splitting: levels and factors */
	atomic_size_t next_chunk;
	atomic_long done;
	atomic_int lost;               /* a cycle was given up */
};

struct worker {
	struct shared *sh;
	struct engine *e;
	struct engine_is *is;          /* importance only */
	struct engine_split *split;    /* splitting only */
	struct hist outages;
	struct hist window_down;
	uint64_t events;
	double *x, *y;                 /* [nmom]: one sample's pairs */
	struct run_tl *tl;             /* [ntimeline]: the chunk's sums per timeline point */
	unsigned char *has;            /* [nmom]: the pair was measured */
	double *zeros;                 /* [nmom]: pairs (0, 0) of the chunk not yet added */
};

/* The (x, y) pair of every additive measure of one sample RR that lasted
 * H hours (YEARS = H / HOURS_PER_YEAR): W's x, y and has arrays, laid
 * out as the result's moments.  The SLO windows, the timeline and the
 * years with a loss are not additive: their has[] stay 0. */
void run_pairs(struct worker *w, const struct rep_result *rr, double h, double years);

/* The plan of a splitting run of M under SET (run_choose.c), its factors
 * chosen by a pilot and said at the end of WHY (N bytes).  Returns NULL
 * with d filled. */
struct split_plan *run_plan(const struct model *m, const struct run_settings *set,
			    char *why, size_t n, struct diag *d);

/* Importance sampling (run_is.c): run chunk C of cycles into the round's
 * slot; merge the round's chunks [round_first, round_end) in order; and
 * turn what is merged so far into the result's moments and gain. */
void run_is_chunk(struct worker *w, size_t c);
void run_is_merge(struct shared *sh);
void run_is_result(struct shared *sh);

#endif
