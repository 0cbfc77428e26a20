/* engine_impl.h - the engine's workspace and what its files share:
 * engine_setup.c builds and frees it, fsm.c runs the block state machines
 * (quorum, failover, pool, transaction) and engine.c the event loop;
 * engine_is.c (importance sampling) and engine_split.c with
 * engine_split_plan.c (splitting) run replications or cycles through the
 * loop's steps.  Only the engine's own .c files include this; everyone
 * else uses engine.h.
 *
 * The heap operations and the draws are `static inline` here because the
 * event loop runs them on every event: a call across files would cost
 * the loop its inlining.
 */
#ifndef NINES_ENGINE_IMPL_H
#define NINES_ENGINE_IMPL_H

#include <math.h>
#include <stdint.h>

#include "engine/engine.h"
#include "engine/rng.h"

#define NONE UINT32_MAX

/* The phase of a quorum or failover block; fsm.c's opening comment has
 * the state tables. */
enum phase {
	PHASE_IDLE,        /* nothing pending */
	PHASE_ELECTION,    /* quorum: electing a leader until the timer */
	PHASE_SWITCH,      /* failover: detecting and switching until the timer */
	PHASE_MANUAL,      /* failover: a switch failed; manual recovery */
	PHASE_FAILBACK,    /* failover: switching back to the first member */
};

struct slot {
	double t;
	uint32_t id;
};

/* Every array lives in one allocation, `arena`, laid out by
 * engine_setup.c; only res.slot_down, which engine_slots replaces, stands
 * apart. */
struct engine {
	const struct model *m;
	gsl_rng *r;
	void *own_state;         /* r's own state, given back before freeing r */
	unsigned char *states;   /* stream states: one per instance, then one per block */
	size_t state_size;
	uint64_t *key;           /* stream keys, same layout */
	/* The arrays a replication starts afresh lie in one stretch of the
	 * arena, [rep_begin, rep_begin + rep_bytes), and rep_start holds
	 * their starting values (engine_setup.c, setup_rep_start). */
	unsigned char *rep_begin, *rep_start;
	size_t rep_bytes;
	int slots_dirty;         /* res.slot_down holds a value other than 0 */
	double slot_len;
	size_t nslots;
	size_t ni, nb, nt;
	/* read-only copies of the model's tree, packed for the loop */
	uint32_t *inst_parent;
	uint32_t *inst_type;
	uint32_t *inst_fo;       /* the failover block an instance is a member of, or NONE */
	uint32_t *block_parent;
	int *block_need;
	int *block_children;
	unsigned char *block_kind;
	unsigned char *block_sync;   /* sync replication: track write availability */
	uint32_t *block_first;   /* first own instance */
	uint32_t *block_own;     /* own instances */
	const struct block_params **params;
	const struct dist **fail;
	const struct dist **repair;
	/* state of one replication */
	unsigned char *inst_up;  /* effective: the instance and its zone are up */
	unsigned char *inst_own; /* the instance's own state */
	double *inst_since;      /* when its own state last went down */
	uint32_t *inst_zone;     /* NONE: no zone */
	uint32_t *inst_tx;       /* the transaction whose coordinator holds it, or NONE */
	/* zones: heap ids ni + nx + z */
	size_t nz;
	unsigned char *zone_up;
	uint32_t *zone_first;    /* [nz + 1]: CSR of the instances in each zone */
	uint32_t *zone_inst;
	const struct dist **zone_fail;
	const struct dist **zone_repair;
	/* pools: detection of failed members, a ring of (who, until) per pool */
	uint32_t *pool_ring_first;  /* [nb]: offset of the block's ring */
	uint32_t *pool_head, *pool_len;
	uint32_t *ring_who;
	double *ring_until;
	double *pool_last;       /* when the served fraction last changed */
	/* transactions */
	uint32_t *tx_blocked;    /* [nb]: coordinator instances that crashed with
	                            transactions in doubt and are not back */
	unsigned char *tx_late;  /* [nb]: 3pc, the timeout passed without a majority */
	unsigned char *tx_takeover;  /* [nb]: 3pc, participants coordinate until the
	                                coordinator block is up again */
	uint32_t *tx_first, *tx_end;  /* [nb]: transaction b's coordinator instances
	                                 are [tx_first[b], tx_end[b]) (none elsewhere) */
	unsigned char *inst_doubt;  /* [ni]: crashed holding in-doubt transactions */
	/* repair crews: pools of crews, each with a queue of waiting repairs */
	size_t npools;
	uint32_t *inst_pool;     /* NONE: repairs start at once */
	int *inst_prio;
	double *inst_wait;       /* when its repair began to wait */
	int *pool_cap, *pool_busy;
	uint32_t *pool_qfirst, *pool_qlen;
	uint32_t *queue;         /* [ni]: the pools' queues, end to end */
	int crew_priority;       /* the policy orders queues by priority */
	/* common cause: heap ids ni + nx + nz + g, streams ni + nb + nz + g */
	size_t ng;
	uint32_t *ccf_type;
	struct dist *ccf_law;    /* exponential shocks of mean MTBF / beta */
	double *inst_scale;      /* 1 / (1 - beta) for members, else 1 */
	uint32_t *type_first;    /* [nt + 1]: CSR of each type's instances */
	uint32_t *type_inst;
	/* maintenance: heap ids ni + nx + nz + ng + k */
	size_t nm;
	uint32_t *maint_inst;    /* [nm] */
	double *maint_offset;    /* [nm]: hours after `every` of the first one */
	double *maint_every, *maint_dur;   /* [nm]: the instance's type's schedule */
	unsigned char *inst_maint;
	int planned;             /* the change being made is a maintenance */
	unsigned char *mark;     /* instances about to go down in the same instant */
	unsigned char *inst_plain;  /* no zone, maintenance or transaction: the
	                               parent sees the instance's own state */
	uint32_t repairing;      /* the instance whose own repair is being processed:
	                            the event loop draws its next failure itself */
	int sys_planned;         /* the current system outage began with one */
	int *block_up;           /* children up */
	unsigned char *block_ok; /* the block is up, as its parent sees it */
	unsigned char *block_phase;
	uint32_t *block_leader;  /* quorum leader or failover active member, or NONE */
	uint32_t *block_last;    /* quorum and failover: the member that led last,
	                            whose writes are the latest (it failed, in a switch) */
	double *block_since;
	unsigned char *block_wok;  /* sync replication: writes possible */
	double *block_wsince;
	long *block_lossyear;    /* async: the last whole year with a loss, or -1 */
	int *design_wbad;        /* [1]: what makes writes impossible now: the system
	                            down (1) plus each sync block that cannot take them */
	double *design_wsince;   /* [1]: since when design_wbad has been above 0 */
	long *design_lossyear;   /* [1]: the last whole year with a loss in any block, or -1 */
	struct slot *heap;       /* instances, block timers, zones, shocks, maintenance */
	uint32_t *pos;
	/* where each kind of heap entry and of stream state begins */
	uint32_t zone_id0, ccf_id0, maint_id0, nheap;
	uint32_t zone_st0, ccf_st0;
	size_t nx;               /* blocks with a timer: quorum and failover */
	uint32_t *timer_block;   /* [nx]: the block of timer ni + k */
	uint32_t *block_timer;   /* [nb]: its heap id, or NONE */
	double w, end;           /* the measured window of the current run */
	double now;              /* the time of the event being processed */
	double *drawn;           /* [streams]: when each stream last drew a
	                            duration, its age's origin for the
	                            splitting engine (engine_split.c) */
	size_t arena_size;       /* bytes of the arena: a clone copies them */
	struct hist *outages;
	struct rep_result res;
	void *arena;             /* every array above but res.slot_down */
};

/* ---- the heap: one entry per instance, block timer, zone, shock group
 * and maintenance timer, keyed by time ---- */

static inline void heap_place(struct engine *e, size_t k, struct slot s)
{
	e->heap[k] = s;
	e->pos[s.id] = (uint32_t)k;
}

/* Ties need no rule of their own: the heap's operations are the same in
 * every run, so equal times come out in the same order. */
static inline int heap_earlier(struct slot a, struct slot b)
{
	return a.t < b.t;
}

static inline void heap_down(struct engine *e, size_t k)
{
	struct slot s = e->heap[k];
	size_t n = e->nheap;

	for (;;) {
		size_t c = 2 * k + 1;

		if (c >= n)
			break;
		if (c + 1 < n && heap_earlier(e->heap[c + 1], e->heap[c]))
			c++;
		if (!heap_earlier(e->heap[c], s))
			break;
		heap_place(e, k, e->heap[c]);
		k = c;
	}
	heap_place(e, k, s);
}

static inline void heap_up(struct engine *e, size_t k)
{
	struct slot s = e->heap[k];

	while (k > 0) {
		size_t p = (k - 1) / 2;

		if (!heap_earlier(s, e->heap[p]))
			break;
		heap_place(e, k, e->heap[p]);
		k = p;
	}
	heap_place(e, k, s);
}

/* Move entry ID to time T. */
static inline void heap_set(struct engine *e, uint32_t id, double t)
{
	size_t k = e->pos[id];
	double old = e->heap[k].t;

	e->heap[k].t = t;
	if (t < old)
		heap_up(e, k);
	else
		heap_down(e, k);
}

/* ---- draws ---- */

/* A draw of law X from STREAM.  Exponential draws, nearly all of them,
 * take the inlined generator; the others go through GSL, pointed at the
 * same state. */
static inline double draw(struct engine *e, uint32_t stream, const struct dist *x)
{
	void *state = e->states + (size_t)stream * e->state_size;

	e->drawn[stream] = e->now;
	if (x->kind == DIST_EXPONENTIAL)
		return dist_exponential_at(x->a, rng_uniform(state));
	rng_use(e->r, state);
	return dist_sample(x, e->r);
}

/* What instance I's role in a failover block does to its failure rate:
 * 1 for an active member and for any instance outside failover blocks,
 * 0 for a cold standby, which does not fail, and the dormancy factor for
 * a warm one (its law is exponential, so the remaining time is a new
 * draw at the scaled rate). */
static inline double role_factor(const struct engine *e, uint32_t i)
{
	uint32_t b = e->inst_fo[i];

	if (b != NONE && e->block_leader[b] != i) {
		const struct block_params *p = e->params[b];

		if (p->standby == STANDBY_COLD)
			return 0;
		if (p->standby == STANDBY_WARM)
			return p->dormancy > 0 ? p->dormancy : 0;
	}
	return 1;
}

/* When instance I, up at T, fails next, given its role (role_factor);
 * the usual factor 1 spares a division. */
static inline double next_failure(struct engine *e, uint32_t i, double t)
{
	double f = role_factor(e, i);

	if (f <= 0)
		return INFINITY;
	if (f == 1)
		return t + draw(e, i, e->fail[i]) * e->inst_scale[i];
	return t + draw(e, i, e->fail[i]) * e->inst_scale[i] / f;
}

/* ---- the event loop's steps (engine.c), for the other ways of running
 * a replication (engine_is.c, engine_split.c) ----
 *
 * engine_begin resets E to "everything up" at time 0, seeds every stream
 * for replication INDEX under SEED and draws the first events; the
 * window measured is [W, END] (END may be INFINITY and be set later by
 * engine_finish), and system outages go to OUTAGES unless it is NULL.
 * engine_event processes the earliest pending event (heap[0]) and
 * returns 1 when it was an instance's own failure or repair, else 0.
 * engine_finish closes at END what is still down, as the window's end. */
void engine_begin(struct engine *e, uint64_t seed, uint64_t index, double w, double end,
		  struct hist *outages);
int engine_event(struct engine *e);
void engine_finish(struct engine *e, double end);

/* ---- the block state machines (fsm.c) ----
 *
 * The *_notify functions take a child of block B (WHO: an instance id, or
 * ni + a child block's id) going up (DELTA = +1) or down (-1) at T, after
 * B's up-count has changed, and return whether B is now up.  The
 * *_expire functions take B's timer firing at T and return the same. */

int fsm_quorum_notify(struct engine *e, uint32_t b, uint32_t who, int delta, double t);
int fsm_quorum_expire(struct engine *e, uint32_t b, double t);
int fsm_failover_notify(struct engine *e, uint32_t b, uint32_t who, int delta, double t);
int fsm_failover_expire(struct engine *e, uint32_t b, double t);

/* Credit pool B with the requests served since its last change, up to T.
 * Call before anything about the pool changes. */
void fsm_pool_account(struct engine *e, uint32_t b, double t);
int fsm_pool_notify(struct engine *e, uint32_t b, uint32_t who, int delta, double t);
int fsm_pool_expire(struct engine *e, uint32_t b, double t);

/* Whether transaction B is up: enough children up, and not in doubt. */
static inline int fsm_tx_ok(const struct engine *e, uint32_t b)
{
	/* after a 3pc takeover a participant stands in for the coordinator */
	int up = e->block_up[b] + (e->tx_takeover[b] && !e->block_ok[b + 1]);

	return up >= e->block_need[b] && e->tx_blocked[b] == 0;
}

/* Transaction B's coordinator loses its leading instance I at T: B is in
 * doubt until I is back, with every other instance that crashed so
 * (2pc), or until a majority of the participants, once the timeout has
 * passed, terminates them (3pc). */
void fsm_tx_wait(struct engine *e, uint32_t b, uint32_t i, double t);
/* Instance I of transaction B's coordinator is back. */
void fsm_tx_resume(struct engine *e, uint32_t b, uint32_t i);
/* A child of transaction B changed: whether B is up (3pc: a majority back
 * after the timeout terminates the transactions in doubt). */
int fsm_tx_notify(struct engine *e, uint32_t b);
int fsm_tx_expire(struct engine *e, uint32_t b, double t);

/* ---- splitting (engine_split_plan.c, engine_split.c) ---- */

struct split_plan {
	const struct model *m;
	int levels;
	unsigned factor[SPLIT_LEVELS_MAX + 1];   /* [0] = 1 */
	unsigned char *single;     /* [nb]: one failure can take it down */
	uint32_t *child_first;     /* [nb + 1]: CSR of each block's child blocks */
	uint32_t *child;
	size_t max_children;
};

/* The distance to failure of every block of E under plan P into DIST
 * ([nb]), children before parents; SCRATCH holds P's max_children + 1
 * ints.  Returns the system's. */
int engine_split_distance(const struct split_plan *p, const struct engine *e,
			  int *dist, int *scratch);

#endif
