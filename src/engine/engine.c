/* engine.c - the discrete-event loop.
 *
 * Every instance has exactly one pending transition (its next failure while
 * up, its repair completion while down), and every block one timer (idle at
 * infinity), all kept in one indexed binary heap keyed by time.  An event
 * flips one instance and walks up the tree only as far as block states
 * change: each block keeps the count of its children that are up, so an
 * event costs O(log(instances + blocks) + depth).  Downtime and outages are
 * accumulated on the fly; nothing is allocated after engine_new and
 * engine_slots.
 *
 * Series, parallel and k-of-n blocks are up while their up-count reaches
 * their need.  Quorum and failover blocks also keep a leader (active
 * member) among their own instances and a phase with a timer: an election,
 * a switchover, a manual recovery.  Their up state is "a leader is in
 * office", which the count alone cannot tell.
 *
 * Each instance draws from its own random stream (see rng.h), and each
 * failover block from one of its own for the coverage draws; one GSL
 * generator is pointed at the right state before each draw.
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include "engine/engine.h"
#include "engine/rng.h"
#include "util/duration.h"

#define NONE UINT32_MAX

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

struct engine {
	const struct model *m;
	gsl_rng *r;
	void *own_state;         /* r's own state, given back before freeing r */
	unsigned char *states;   /* stream states: one per instance, then one per block */
	size_t state_size;
	uint64_t *key;           /* stream keys, same layout */
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
	uint32_t *tx_wait;       /* the coordinator instance being waited for, or NONE */
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
	uint32_t repairing;      /* the instance whose own repair is being processed:
	                            the event loop draws its next failure itself */
	int sys_planned;         /* the current system outage began with one */
	int *block_up;           /* children up */
	unsigned char *block_ok; /* the block is up, as its parent sees it */
	unsigned char *block_phase;
	uint32_t *block_leader;  /* quorum leader or failover active member, or NONE */
	uint32_t *block_failed;  /* failover: the member whose failure began the switch */
	double *block_since;
	unsigned char *block_wok;  /* sync replication: writes possible */
	double *block_wsince;
	long *block_lossyear;    /* async: the last whole year with a loss, or -1 */
	struct slot *heap;       /* instances, block timers, zones, shocks, maintenance */
	uint32_t *pos;
	/* where each kind of heap entry and of stream state begins */
	uint32_t zone_id0, ccf_id0, maint_id0, nheap;
	uint32_t zone_st0, ccf_st0;
	size_t nx;               /* blocks with a timer: quorum and failover */
	uint32_t *timer_block;   /* [nx]: the block of timer ni + k */
	uint32_t *block_timer;   /* [nb]: its heap id, or NONE */
	double w, end;           /* the measured window of the current run */
	struct hist *outages;
	struct rep_result res;
};

void engine_free(struct engine *e)
{
	if (!e)
		return;
	if (e->r) {
		rng_use(e->r, e->own_state);
		gsl_rng_free(e->r);
	}
	free(e->states);
	free(e->key);
	free(e->inst_parent);
	free(e->inst_type);
	free(e->inst_fo);
	free(e->block_parent);
	free(e->block_need);
	free(e->block_children);
	free(e->block_kind);
	free(e->block_sync);
	free(e->block_first);
	free(e->block_own);
	free(e->params);
	free(e->fail);
	free(e->repair);
	free(e->inst_up);
	free(e->inst_own);
	free(e->inst_zone);
	free(e->inst_tx);
	free(e->zone_up);
	free(e->zone_first);
	free(e->zone_inst);
	free(e->zone_fail);
	free(e->zone_repair);
	free(e->pool_ring_first);
	free(e->pool_head);
	free(e->pool_len);
	free(e->ring_who);
	free(e->ring_until);
	free(e->pool_last);
	free(e->tx_wait);
	free(e->inst_pool);
	free(e->inst_prio);
	free(e->inst_wait);
	free(e->pool_cap);
	free(e->pool_busy);
	free(e->pool_qfirst);
	free(e->pool_qlen);
	free(e->queue);
	free(e->ccf_type);
	free(e->ccf_law);
	free(e->inst_scale);
	free(e->type_first);
	free(e->type_inst);
	free(e->maint_inst);
	free(e->maint_offset);
	free(e->maint_every);
	free(e->maint_dur);
	free(e->inst_maint);
	free(e->mark);
	free(e->res.ccf_shocks);
	free(e->res.block_served);
	free(e->res.block_reduced);
	free(e->res.zone_outages);
	free(e->inst_since);
	free(e->block_up);
	free(e->block_ok);
	free(e->block_phase);
	free(e->block_leader);
	free(e->block_failed);
	free(e->block_since);
	free(e->block_wok);
	free(e->block_wsince);
	free(e->block_lossyear);
	free(e->heap);
	free(e->pos);
	free(e->timer_block);
	free(e->block_timer);
	free(e->res.block_down);
	free(e->res.block_outages);
	free(e->res.type_down);
	free(e->res.type_failures);
	free(e->res.slot_down);
	free(e->res.block_overlap);
	free(e->res.block_switches);
	free(e->res.block_failed_switches);
	free(e->res.block_lost_writes);
	free(e->res.block_loss_years);
	free(e->res.block_write_down);
	free(e);
}

#define ALLOC(p, n) ((p) = calloc((n) ? (n) : 1, sizeof *(p)))

struct engine *engine_new(const struct model *m, struct diag *d)
{
	struct engine *e = calloc(1, sizeof *e);
	uint64_t *ordinal = NULL;    /* instances of each type seen so far */
	size_t nh, nx = 0;

	if (!e)
		goto oom;
	e->m = m;
	e->ni = model_instances(m);
	e->nb = model_blocks(m);
	e->nt = model_types(m);
	for (size_t b = 0; b < e->nb; b++)
		if (model_block_kind(m, b) >= BLOCK_QUORUM)
			e->nx++;
	e->nz = model_zones(m);
	e->ng = model_ccf(m);
	for (size_t i = 0; i < e->ni; i++)
		e->nm += model_type_maint_every(m, model_instance_type(m, i)) > 0;
	nh = e->ni + e->nb + e->nz + e->ng;    /* stream states */
	e->zone_st0 = (uint32_t)(e->ni + e->nb);
	e->ccf_st0 = e->zone_st0 + (uint32_t)e->nz;
	e->zone_id0 = (uint32_t)(e->ni + e->nx);
	e->ccf_id0 = e->zone_id0 + (uint32_t)e->nz;
	e->maint_id0 = e->ccf_id0 + (uint32_t)e->ng;
	e->nheap = e->maint_id0 + (uint32_t)e->nm;
	e->r = rng_new();
	if (e->r)
		e->own_state = e->r->state;
	e->state_size = rng_state_size();
	e->states = calloc(nh, e->state_size);
	if (!e->r || !e->states || !ALLOC(e->key, nh) ||
	    !ALLOC(e->inst_parent, e->ni) || !ALLOC(e->inst_type, e->ni) ||
	    !ALLOC(e->inst_fo, e->ni) || !ALLOC(e->block_parent, e->nb) ||
	    !ALLOC(e->block_need, e->nb) || !ALLOC(e->block_children, e->nb) ||
	    !ALLOC(e->block_kind, e->nb) || !ALLOC(e->block_sync, e->nb) ||
	    !ALLOC(e->block_first, e->nb) ||
	    !ALLOC(e->block_own, e->nb) || !ALLOC(e->params, e->nb) ||
	    !ALLOC(e->fail, e->ni) || !ALLOC(e->repair, e->ni) ||
	    !ALLOC(e->inst_up, e->ni) || !ALLOC(e->inst_since, e->ni) ||
	    !ALLOC(e->inst_own, e->ni) || !ALLOC(e->inst_zone, e->ni) ||
	    !ALLOC(e->inst_tx, e->ni) || !ALLOC(e->zone_up, e->nz) ||
	    !ALLOC(e->zone_first, e->nz + 1) || !ALLOC(e->zone_inst, e->ni) ||
	    !ALLOC(e->zone_fail, e->nz) || !ALLOC(e->zone_repair, e->nz) ||
	    !ALLOC(e->pool_ring_first, e->nb) || !ALLOC(e->pool_head, e->nb) ||
	    !ALLOC(e->pool_len, e->nb) || !ALLOC(e->ring_who, e->ni + e->nb) ||
	    !ALLOC(e->ring_until, e->ni + e->nb) || !ALLOC(e->pool_last, e->nb) ||
	    !ALLOC(e->tx_wait, e->nb) || !ALLOC(e->res.block_served, e->nb) ||
	    !ALLOC(e->inst_pool, e->ni) || !ALLOC(e->inst_prio, e->ni) ||
	    !ALLOC(e->inst_wait, e->ni) || !ALLOC(e->pool_cap, e->nt + 1) ||
	    !ALLOC(e->pool_busy, e->nt + 1) || !ALLOC(e->pool_qfirst, e->nt + 1) ||
	    !ALLOC(e->pool_qlen, e->nt + 1) || !ALLOC(e->queue, e->ni) ||
	    !ALLOC(e->res.block_reduced, e->nb) || !ALLOC(e->res.zone_outages, e->nz) ||
	    !ALLOC(e->block_up, e->nb) || !ALLOC(e->block_ok, e->nb) ||
	    !ALLOC(e->block_phase, e->nb) || !ALLOC(e->block_leader, e->nb) ||
	    !ALLOC(e->block_failed, e->nb) || !ALLOC(e->block_since, e->nb) ||
	    !ALLOC(e->block_wok, e->nb) || !ALLOC(e->block_wsince, e->nb) ||
	    !ALLOC(e->block_lossyear, e->nb) ||
	    !ALLOC(e->heap, e->nheap) || !ALLOC(e->pos, e->nheap) ||
	    !ALLOC(e->ccf_type, e->ng) || !ALLOC(e->ccf_law, e->ng) ||
	    !ALLOC(e->inst_scale, e->ni) || !ALLOC(e->type_first, e->nt + 1) ||
	    !ALLOC(e->type_inst, e->ni) || !ALLOC(e->maint_inst, e->nm) ||
	    !ALLOC(e->maint_offset, e->nm) || !ALLOC(e->inst_maint, e->ni) ||
	    !ALLOC(e->maint_every, e->nm) || !ALLOC(e->maint_dur, e->nm) ||
	    !ALLOC(e->mark, e->ni) ||
	    !ALLOC(e->res.ccf_shocks, e->ng) ||
	    !ALLOC(e->timer_block, e->nx) || !ALLOC(e->block_timer, e->nb) ||
	    !ALLOC(e->res.block_down, e->nb) || !ALLOC(e->res.block_outages, e->nb) ||
	    !ALLOC(e->res.type_down, e->nt) || !ALLOC(e->res.type_failures, e->nt) ||
	    !ALLOC(e->res.block_overlap, e->nb) || !ALLOC(e->res.block_switches, e->nb) ||
	    !ALLOC(e->res.block_failed_switches, e->nb) ||
	    !ALLOC(e->res.block_lost_writes, e->nb) ||
	    !ALLOC(e->res.block_loss_years, e->nb) ||
	    !ALLOC(e->res.block_write_down, e->nb))
		goto oom;
	ordinal = calloc(e->nt ? e->nt : 1, sizeof *ordinal);
	if (!ordinal)
		goto oom;
	for (size_t i = 0; i < e->ni; i++) {
		size_t t = model_instance_type(m, i);

		e->key[i] = rng_key(model_type_name(m, t), ordinal[t]++);
		e->inst_parent[i] = (uint32_t)model_instance_parent(m, i);
		e->inst_type[i] = (uint32_t)t;
		e->inst_fo[i] = NONE;
		e->fail[i] = model_type_failure(m, t);
		e->repair[i] = model_type_repair(m, t);
	}
	for (size_t b = 0; b < e->nb; b++) {
		size_t p = model_block_parent(m, b);

		e->block_parent[b] = p == SIZE_MAX ? NONE : (uint32_t)p;
		e->block_need[b] = model_block_need(m, b);
		e->block_children[b] = model_block_children(m, b);
		e->block_kind[b] = (unsigned char)model_block_kind(m, b);
		e->block_first[b] = (uint32_t)model_block_first_instance(m, b);
		e->block_own[b] = (uint32_t)model_block_own_instances(m, b);
		e->params[b] = model_block_params(m, b);
		e->block_sync[b] = e->params[b]->replication == REPLICATION_SYNC;
		/* a block's stream is keyed by its path, apart from type names */
		e->key[e->ni + b] = rng_key(model_block_path(m, b), UINT64_MAX);
		if (e->block_kind[b] == BLOCK_FAILOVER)
			for (uint32_t k = 0; k < e->block_own[b]; k++)
				e->inst_fo[e->block_first[b] + k] = (uint32_t)b;
		e->block_timer[b] = NONE;
		if (e->block_kind[b] >= BLOCK_QUORUM) {
			e->block_timer[b] = (uint32_t)(e->ni + nx);
			e->timer_block[nx++] = (uint32_t)b;
		}
	}
	/* zones: their streams, laws and members */
	for (size_t z = 0; z < e->nz; z++) {
		e->key[e->zone_st0 + z] = rng_key(model_zone_name(m, z), UINT64_MAX - 1);
		e->zone_fail[z] = model_zone_failure(m, z);
		e->zone_repair[z] = model_zone_repair(m, z);
	}
	for (size_t i = 0; i < e->ni; i++) {
		size_t z = model_instance_zone(m, i);

		e->inst_zone[i] = z == SIZE_MAX ? NONE : (uint32_t)z;
		if (z != SIZE_MAX)
			e->zone_first[z + 1]++;
	}
	for (size_t z = 0; z < e->nz; z++)
		e->zone_first[z + 1] += e->zone_first[z];
	{
		uint32_t *at = calloc(e->nz ? e->nz : 1, sizeof *at);

		if (!at)
			goto oom;
		for (size_t i = 0; i < e->ni; i++)
			if (e->inst_zone[i] != NONE) {
				uint32_t z = e->inst_zone[i];

				e->zone_inst[e->zone_first[z] + at[z]++] = (uint32_t)i;
			}
		free(at);
	}
	/* pools: a detection ring as long as the pool's children */
	{
		uint32_t off = 0;

		for (size_t b = 0; b < e->nb; b++) {
			e->pool_ring_first[b] = off;
			if (e->block_kind[b] == BLOCK_POOL)
				off += (uint32_t)e->block_children[b];
		}
	}
	/* repair crews: pool 0 is the shared one; a type with crews of its
	 * own gets a pool of its own */
	{
		uint32_t *type_pool = calloc(e->nt ? e->nt : 1, sizeof *type_pool);
		uint32_t off = 0;

		if (!type_pool)
			goto oom;
		e->npools = 1;
		e->pool_cap[0] = model_crews(m);
		e->crew_priority = model_crew_policy(m) == CREWS_PRIORITY;
		for (size_t t = 0; t < e->nt; t++) {
			type_pool[t] = model_crews(m) > 0 ? 0 : NONE;
			if (model_type_crews(m, t) > 0) {
				type_pool[t] = (uint32_t)e->npools;
				e->pool_cap[e->npools++] = model_type_crews(m, t);
			}
		}
		for (size_t i = 0; i < e->ni; i++) {
			e->inst_pool[i] = type_pool[e->inst_type[i]];
			e->inst_prio[i] = model_type_priority(m, e->inst_type[i]);
		}
		for (size_t p = 0; p < e->npools; p++) {
			e->pool_qfirst[p] = off;
			for (size_t i = 0; i < e->ni; i++)
				off += e->inst_pool[i] == p;
		}
		free(type_pool);
	}
	/* each type's instances, for common-cause shocks */
	for (size_t i = 0; i < e->ni; i++) {
		e->type_first[e->inst_type[i] + 1]++;
		e->inst_scale[i] = 1;
	}
	for (size_t t = 0; t < e->nt; t++)
		e->type_first[t + 1] += e->type_first[t];
	{
		uint32_t *at = calloc(e->nt ? e->nt : 1, sizeof *at);

		if (!at)
			goto oom;
		for (size_t i = 0; i < e->ni; i++)
			e->type_inst[e->type_first[e->inst_type[i]] + at[e->inst_type[i]]++] = (uint32_t)i;
		free(at);
	}
	for (size_t g = 0; g < e->ng; g++) {
		size_t t = model_ccf_type(m, g);
		double beta = model_ccf_beta(m, g), mean = model_type_failure(m, t)->mean;
		struct diag ignore;

		diag_init(&ignore);
		e->ccf_type[g] = (uint32_t)t;
		dist_set_exponential(&e->ccf_law[g], mean / beta, &ignore, NULL, "");
		e->key[e->ccf_st0 + g] = rng_key(model_type_name(m, t), UINT64_MAX - 2);
		/* the members' own failures keep (1 - beta) of the rate */
		for (uint32_t k = e->type_first[t]; k < e->type_first[t + 1]; k++)
			e->inst_scale[e->type_inst[k]] = 1 / (1 - beta);
	}
	/* maintenance: rolling staggers the instances of a block, counting
	 * component leaves as instances of the block above them */
	{
		uint32_t *seen = calloc(e->nb ? e->nb : 1, sizeof *seen);

		if (!seen)
			goto oom;
		for (size_t i = 0, k = 0; i < e->ni; i++) {
			size_t t = e->inst_type[i];
			double every = model_type_maint_every(m, t), dur = model_type_maint_duration(m, t);
			uint32_t g = e->inst_parent[i];

			if (every <= 0)
				continue;
			if (e->block_kind[g] == BLOCK_COMPONENT && e->block_parent[g] != NONE)
				g = e->block_parent[g];
			e->maint_inst[k] = (uint32_t)i;
			e->maint_every[k] = every;
			e->maint_dur[k] = dur;
			e->maint_offset[k] = model_type_maint_rolling(m, t) ?
				fmod((double)seen[g]++ * dur, every) : 0;
			k++;
		}
		free(seen);
	}
	/* transactions: the instances under each coordinator */
	for (size_t i = 0; i < e->ni; i++)
		e->inst_tx[i] = NONE;
	for (size_t b = 0; b < e->nb; b++) {
		size_t c, end;

		if (e->block_kind[b] != BLOCK_TRANSACTION)
			continue;
		c = b + 1;      /* pre-order: the first child, the coordinator */
		end = model_block_end(m, c);
		for (size_t k = c; k < end; k++)
			for (uint32_t j = 0; j < e->block_own[k]; j++)
				e->inst_tx[e->block_first[k] + j] = (uint32_t)b;
	}
	free(ordinal);
	return e;
oom:
	free(ordinal);
	engine_free(e);
	diag_runtime(d, "out of memory for the simulation workspace");
	return NULL;
}

int engine_slots(struct engine *e, double len, size_t nslots, struct diag *d)
{
	free(e->res.slot_down);
	e->res.slot_down = calloc(nslots ? nslots : 1, sizeof *e->res.slot_down);
	if (!e->res.slot_down) {
		e->nslots = 0;
		return diag_runtime(d, "out of memory for %zu time slots", nslots);
	}
	e->slot_len = len;
	e->nslots = nslots;
	return 0;
}

/* ---- the heap ---- */

static inline void heap_place(struct engine *e, size_t k, struct slot s)
{
	e->heap[k] = s;
	e->pos[s.id] = (uint32_t)k;
}

/* Ties need no rule of their own: the heap's operations are the same in
 * every run, so equal times come out in the same order. */
static inline int earlier(struct slot a, struct slot b)
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
		if (c + 1 < n && earlier(e->heap[c + 1], e->heap[c]))
			c++;
		if (!earlier(e->heap[c], s))
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

		if (!earlier(s, e->heap[p]))
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

static void heap_build(struct engine *e)
{
	for (size_t k = e->nheap / 2; k-- > 0;)
		heap_down(e, k);
}

/* ---- draws ---- */

static inline double draw(struct engine *e, uint32_t stream, const struct dist *x)
{
	rng_use(e->r, e->states + (size_t)stream * e->state_size);
	return dist_sample(x, e->r);
}

/* When instance I, up at T, fails next: its role in a failover block
 * decides.  Cold standbys do not fail; warm ones fail at dormancy times the
 * rate (their laws are exponential, so the remaining time is a new draw). */
static double next_failure(struct engine *e, uint32_t i, double t)
{
	uint32_t b = e->inst_fo[i];

	if (b != NONE && e->block_leader[b] != i) {
		const struct block_params *p = e->params[b];

		if (p->standby == STANDBY_COLD)
			return INFINITY;
		if (p->standby == STANDBY_WARM)
			return p->dormancy > 0 ?
				t + draw(e, i, e->fail[i]) * e->inst_scale[i] / p->dormancy : INFINITY;
	}
	return t + draw(e, i, e->fail[i]) * e->inst_scale[i];
}

/* ---- repair crews ---- */

/* Instance I failed at T: its repair starts now if a crew is free (or
 * crews are unlimited), else it waits in its pool's queue. */
static void repair_request(struct engine *e, uint32_t i, double t)
{
	uint32_t p = e->inst_pool[i], first, n, k;

	if (p == NONE || e->pool_busy[p] < e->pool_cap[p]) {
		if (p != NONE)
			e->pool_busy[p]++;
		if (t >= e->w)
			e->res.repairs += 1;
		heap_set(e, i, t + draw(e, i, e->repair[i]));
		return;
	}
	/* wait: FIFO, or by priority and then FIFO */
	first = e->pool_qfirst[p];
	n = e->pool_qlen[p]++;
	for (k = n; k > 0 && e->crew_priority &&
	     e->inst_prio[e->queue[first + k - 1]] > e->inst_prio[i]; k--)
		e->queue[first + k] = e->queue[first + k - 1];
	e->queue[first + k] = i;
	e->inst_wait[i] = t;
	heap_set(e, i, INFINITY);
}

/* Instance I's repair ended at T: its crew takes the next waiting repair. */
static void repair_done(struct engine *e, uint32_t i, double t)
{
	uint32_t p = e->inst_pool[i], first, j;

	if (p == NONE)
		return;
	if (e->pool_qlen[p] == 0) {
		e->pool_busy[p]--;
		return;
	}
	first = e->pool_qfirst[p];
	j = e->queue[first];
	for (uint32_t k = 1; k < e->pool_qlen[p]; k++)
		e->queue[first + k - 1] = e->queue[first + k];
	e->pool_qlen[p]--;
	if (t >= e->w) {
		e->res.repairs += 1;
		e->res.repair_wait += t - e->inst_wait[j];
	}
	heap_set(e, j, t + draw(e, j, e->repair[j]));
}

/* ---- block states ---- */

/* The system was down over [A, B) inside the measured window starting at
 * W: spread that time over the slots it overlaps.  Runs once per system
 * outage, not per event. */
static void slots_add(struct engine *e, double w, double a, double b)
{
	double len = e->slot_len;
	size_t k;

	if (e->nslots == 0 || b <= a)
		return;
	for (k = (size_t)((a - w) / len); k < e->nslots; k++) {
		double lo = w + (double)k * len, hi = lo + len;
		double from = a > lo ? a : lo, to = b < hi ? b : hi;

		if (from >= b)
			break;
		if (to > from)
			e->res.slot_down[k] += to - from;
	}
}

/* The system goes up at T (or the run ends at T while it is down): credit
 * every block still down with the system downtime they shared since the
 * later of their two starts.  Once per system outage, O(blocks). */
static void attribute_all(struct engine *e, double t)
{
	double w = e->w, s0 = e->block_since[0] > w ? e->block_since[0] : w;

	for (size_t c = 1; c < e->nb; c++) {
		if (!e->block_ok[c]) {
			double from = e->block_since[c] > s0 ? e->block_since[c] : s0;

			if (t > from)
				e->res.block_overlap[c] += t - from;
		}
	}
}

/* Block B's up state becomes OK at T: account for the outage. */
static void block_set(struct engine *e, uint32_t b, int ok, double t)
{
	struct rep_result *res = &e->res;
	double w = e->w;

	e->block_ok[b] = (unsigned char)ok;
	if (!ok) {
		e->block_since[b] = t;
		if (b == 0)
			e->sys_planned = e->planned;
		if (t >= w)
			res->block_outages[b] += 1;
	} else if (t > w) {
		double since = e->block_since[b];

		res->block_down[b] += t - (since > w ? since : w);
		if (b == 0) {
			if (e->sys_planned)
				res->planned_down += t - (since > w ? since : w);
			if (e->outages && since >= w)
				hist_add(e->outages, t - since);
			slots_add(e, w, since > w ? since : w, t);
			attribute_all(e, t);
		} else if (!e->block_ok[0]) {
			/* up again while the system is still down */
			double from = since > e->block_since[0] ? since : e->block_since[0];

			if (from < w)
				from = w;
			if (t > from)
				res->block_overlap[b] += t - from;
		}
	}
}

/* Sync replication: writes need the block up and a second member up. */
static void write_state(struct engine *e, uint32_t b, double t)
{
	int wok = e->block_ok[b] && e->block_up[b] >= 2;
	double w = e->w;

	if (wok == e->block_wok[b])
		return;
	e->block_wok[b] = (unsigned char)wok;
	if (!wok) {
		e->block_wsince[b] = t;
	} else if (t > w) {
		double since = e->block_wsince[b];

		e->res.block_write_down[b] += t - (since > w ? since : w);
	}
}

/* The leader or active member of B failed at T and another member will
 * take over: with async replication, the writes of the last `lag` are
 * lost. */
static void lose_writes(struct engine *e, uint32_t b, double t)
{
	const struct block_params *p = e->params[b];
	long year;

	if (p->replication != REPLICATION_ASYNC || t < e->w)
		return;
	e->res.block_lost_writes[b] += p->lag * 3600 * p->writes_per_second;
	year = (long)floor((t - e->w) / HOURS_PER_YEAR);
	if (year != e->block_lossyear[b] &&
	    (double)(year + 1) * HOURS_PER_YEAR <= e->end - e->w) {
		e->block_lossyear[b] = year;
		e->res.block_loss_years[b] += 1;
	}
}

/* The first member of B that is up, or NONE. */
static uint32_t first_up(const struct engine *e, uint32_t b)
{
	for (uint32_t k = 0; k < e->block_own[b]; k++) {
		uint32_t i = e->block_first[b] + k;

		if (e->inst_up[i] && !e->mark[i])
			return i;
	}
	return NONE;
}

/* Member I of failover block B becomes active at T.  A standby that was
 * not failing as an active one does gets its failure time drawn anew,
 * unless its own repair is being processed: the event loop draws it. */
static void activate(struct engine *e, uint32_t b, uint32_t i, double t)
{
	e->block_leader[b] = i;
	if (i != e->repairing && e->params[b]->standby != STANDBY_HOT)
		heap_set(e, i, t + draw(e, i, e->fail[i]) * e->inst_scale[i]);
}

static int quorum_child(struct engine *e, uint32_t b, uint32_t inst, int delta, double t)
{
	int majority = e->block_up[b] >= e->block_need[b];
	uint32_t timer = e->block_timer[b];

	if (delta < 0 && inst == e->block_leader[b]) {
		/* a new leader will be elected without the last writes, if the
		 * members still up (all of a zone go down at once) are a majority */
		uint32_t up = 0;

		for (uint32_t k = 0; k < e->block_own[b]; k++) {
			uint32_t j = e->block_first[b] + k;

			up += e->inst_up[j] && !e->mark[j];
		}
		e->block_leader[b] = NONE;
		if ((int)up >= e->block_need[b])
			lose_writes(e, b, t);
	}
	if (!majority) {
		/* no election can succeed without a majority */
		e->block_leader[b] = NONE;
		if (e->block_phase[b] == PHASE_ELECTION) {
			e->block_phase[b] = PHASE_IDLE;
			heap_set(e, timer, INFINITY);
		}
		return 0;
	}
	if (e->block_leader[b] == NONE && e->block_phase[b] == PHASE_IDLE) {
		if (e->params[b]->election > 0) {
			e->block_phase[b] = PHASE_ELECTION;
			heap_set(e, timer, t + e->params[b]->election);
		} else {
			e->block_leader[b] = first_up(e, b);
			if (t >= e->w)
				e->res.block_switches[b] += 1;
		}
	}
	return e->block_leader[b] != NONE;
}

static int quorum_timer(struct engine *e, uint32_t b, double t)
{
	e->block_phase[b] = PHASE_IDLE;
	heap_set(e, e->block_timer[b], INFINITY);
	if (e->block_up[b] >= e->block_need[b]) {
		e->block_leader[b] = first_up(e, b);
		if (t >= e->w)
			e->res.block_switches[b] += 1;
	}
	return e->block_leader[b] != NONE;
}

/* The first member of failover block B takes over again at T; the member
 * that was active becomes a standby, whose failure time follows its new
 * role (a cold standby stops failing). */
static void failback(struct engine *e, uint32_t b, double t)
{
	uint32_t old = e->block_leader[b];

	activate(e, b, e->block_first[b], t);
	if (old != NONE && old != e->block_first[b] && e->params[b]->standby != STANDBY_HOT)
		heap_set(e, old, next_failure(e, old, t));
}

/* Resolve a failover switch at T: the coverage draw, then the first up
 * member takes over, or manual recovery begins. */
static int failover_switch(struct engine *e, uint32_t b, double t)
{
	const struct block_params *p = e->params[b];
	uint32_t timer = e->block_timer[b], next;

	if (p->coverage < 1) {
		rng_use(e->r, e->states + (e->ni + b) * e->state_size);
		if (gsl_rng_uniform(e->r) >= p->coverage) {
			if (t >= e->w)
				e->res.block_failed_switches[b] += 1;
			/* the failed member is already back: it resumes */
			if (e->inst_up[e->block_failed[b]]) {
				e->block_phase[b] = PHASE_IDLE;
				heap_set(e, timer, INFINITY);
				activate(e, b, e->block_failed[b], t);
				return 1;
			}
			e->block_phase[b] = PHASE_MANUAL;
			heap_set(e, timer, p->manual > 0 ? t + p->manual : INFINITY);
			return 0;
		}
	}
	e->block_phase[b] = PHASE_IDLE;
	heap_set(e, timer, INFINITY);
	/* promote another member; the failed one only if it alone is up */
	next = NONE;
	for (uint32_t k = 0; k < e->block_own[b] && next == NONE; k++) {
		uint32_t i = e->block_first[b] + k;

		if (i != e->block_failed[b] && e->inst_up[i] && !e->mark[i])
			next = i;
	}
	if (next == NONE)
		next = first_up(e, b);
	if (next == NONE)
		return 0;
	/* a switch only when another member takes over, losing the last
	 * writes of the failed one */
	if (next != e->block_failed[b]) {
		if (t >= e->w)
			e->res.block_switches[b] += 1;
		lose_writes(e, b, t);
	}
	activate(e, b, next, t);
	return 1;
}

/* A failover block is up while a member is active and no failback is
 * switching it over. */
static int fo_ok(const struct engine *e, uint32_t b)
{
	return e->block_leader[b] != NONE && e->block_phase[b] != PHASE_FAILBACK;
}

static int failover_child(struct engine *e, uint32_t b, uint32_t inst, int delta, double t)
{
	const struct block_params *p = e->params[b];
	uint32_t timer = e->block_timer[b];

	if (delta < 0) {
		if (inst != e->block_leader[b]) {
			/* a standby failed; if it was the one failing back, the
			 * active member simply stays */
			if (e->block_phase[b] == PHASE_FAILBACK && inst == e->block_first[b]) {
				e->block_phase[b] = PHASE_IDLE;
				heap_set(e, timer, INFINITY);
			}
			return fo_ok(e, b);
		}
		e->block_leader[b] = NONE;
		if (e->block_up[b] == 0)
			return 0;                               /* wait for a repair */
		e->block_failed[b] = inst;
		e->block_phase[b] = PHASE_SWITCH;
		if (p->detect + p->switchover > 0) {
			heap_set(e, timer, t + p->detect + p->switchover);
			return 0;
		}
		return failover_switch(e, b, t);
	}
	/* a member is back; back by its zone or a maintenance, its failure
	 * clock follows the role it returns to (a cold standby stops) */
	if (inst < e->ni && inst != e->repairing && p->standby != STANDBY_HOT &&
	    e->block_leader[b] != NONE)
		heap_set(e, inst, next_failure(e, inst, t));
	if (e->block_leader[b] == NONE) {
		if (e->block_phase[b] == PHASE_IDLE ||
		    (e->block_phase[b] == PHASE_MANUAL && inst == e->block_failed[b])) {
			e->block_phase[b] = PHASE_IDLE;
			heap_set(e, timer, INFINITY);
			activate(e, b, inst, t);
			return 1;
		}
	} else if (p->failback && inst == e->block_first[b] && e->block_phase[b] == PHASE_IDLE) {
		/* the first member is back: switch over to it, a planned outage */
		if (p->switchover > 0) {
			e->block_phase[b] = PHASE_FAILBACK;
			heap_set(e, timer, t + p->switchover);
			return 0;
		}
		failback(e, b, t);
	}
	return fo_ok(e, b);
}

static int failover_timer(struct engine *e, uint32_t b, double t)
{
	uint32_t next;

	if (e->block_phase[b] == PHASE_SWITCH)
		return failover_switch(e, b, t);
	if (e->block_phase[b] == PHASE_FAILBACK) {
		e->block_phase[b] = PHASE_IDLE;
		heap_set(e, e->block_timer[b], INFINITY);
		failback(e, b, t);
		return fo_ok(e, b);
	}
	/* the manual recovery is over */
	e->block_phase[b] = PHASE_IDLE;
	heap_set(e, e->block_timer[b], INFINITY);
	next = first_up(e, b);
	if (next == NONE)
		return 0;
	activate(e, b, next, t);
	return 1;
}

/* ---- pools ---- */

/* Credit pool B with the requests served since its last change, up to T:
 * none while it is down; while up, the up members' share of a rotation
 * that still holds the failed members not yet detected.  Called before
 * anything about the pool changes. */
static void pool_account(struct engine *e, uint32_t b, double t)
{
	double from = e->pool_last[b] > e->w ? e->pool_last[b] : e->w;

	if (t > from && e->block_ok[b]) {
		double up = e->block_up[b], hidden = e->pool_len[b];

		e->res.block_served[b] += (t - from) * up / (up + hidden);
		if (e->block_up[b] < e->block_children[b])
			e->res.block_reduced[b] += t - from;
	}
	e->pool_last[b] = t;
}

/* Member WHO of pool B failed at T: it stays in the rotation until T +
 * detect.  Detection times are all `detect` after a failure, so the ring is
 * in order of expiry. */
static void pool_hide(struct engine *e, uint32_t b, uint32_t who, double t)
{
	uint32_t cap = (uint32_t)e->block_children[b], base = e->pool_ring_first[b];
	uint32_t k = base + (e->pool_head[b] + e->pool_len[b]) % cap;

	e->ring_who[k] = who;
	e->ring_until[k] = t + e->params[b]->detect;
	if (e->pool_len[b]++ == 0)
		heap_set(e, e->block_timer[b], e->ring_until[k]);
}

/* Member WHO of pool B is back at T: if it was never detected, it leaves
 * the ring. */
static void pool_unhide(struct engine *e, uint32_t b, uint32_t who)
{
	uint32_t cap = (uint32_t)e->block_children[b], base = e->pool_ring_first[b];
	uint32_t n = e->pool_len[b], head = e->pool_head[b], j;

	for (j = 0; j < n && e->ring_who[base + (head + j) % cap] != who; j++)
		;
	if (j == n)
		return;
	for (; j + 1 < n; j++) {
		e->ring_who[base + (head + j) % cap] = e->ring_who[base + (head + j + 1) % cap];
		e->ring_until[base + (head + j) % cap] = e->ring_until[base + (head + j + 1) % cap];
	}
	e->pool_len[b]--;
	heap_set(e, e->block_timer[b], e->pool_len[b] ? e->ring_until[base + head] : INFINITY);
}

static int pool_child(struct engine *e, uint32_t b, uint32_t who, int delta, double t)
{
	if (delta < 0 && e->params[b]->detect > 0)
		pool_hide(e, b, who, t);
	else if (delta > 0 && e->pool_len[b])
		pool_unhide(e, b, who);
	return e->block_up[b] >= e->block_need[b];
}

/* A failed member of pool B is detected at T and leaves the rotation. */
static int pool_timer(struct engine *e, uint32_t b, double t)
{
	uint32_t cap = (uint32_t)e->block_children[b], base = e->pool_ring_first[b];

	(void)t;
	e->pool_head[b] = (e->pool_head[b] + 1) % cap;
	e->pool_len[b]--;
	heap_set(e, e->block_timer[b],
		 e->pool_len[b] ? e->ring_until[base + e->pool_head[b]] : INFINITY);
	return e->block_ok[b];
}

/* ---- transactions ---- */

static int tx_ok(const struct engine *e, uint32_t b)
{
	return e->block_up[b] >= e->block_need[b] && e->tx_wait[b] == NONE;
}

/* 3pc: at the timeout, a majority of the participants up elects a new
 * coordinator and the in-doubt transactions go on. */
static int tx_timer(struct engine *e, uint32_t b, double t)
{
	uint32_t c = b + 1;
	int parts = e->block_children[b] - 1;
	int up = e->block_up[b] - (e->block_ok[c] ? 1 : 0);

	(void)t;
	heap_set(e, e->block_timer[b], INFINITY);
	if (2 * up > parts)
		e->tx_wait[b] = NONE;
	return tx_ok(e, b);
}

/* ---- the tree ---- */

static void child_changed(struct engine *e, uint32_t b, uint32_t who, int delta, double t);

/* Block B's state may have changed at T without a child changing (a
 * transaction's in-doubt state): settle it and tell the parent. */
static void block_settle(struct engine *e, uint32_t b, int now, double t)
{
	if (now == e->block_ok[b])
		return;
	block_set(e, b, now, t);
	child_changed(e, e->block_parent[b], (uint32_t)e->ni + b, now ? +1 : -1, t);
}

/* A child of block B (WHO: an instance id, or ni + the id of a child
 * block) went up (DELTA = +1) or down (-1) at T: update up-counts and
 * states upward while block states keep changing. */
static void child_changed(struct engine *e, uint32_t b, uint32_t who, int delta, double t)
{
	while (b != NONE) {
		int before = e->block_ok[b], now;
		unsigned kind = e->block_kind[b];

		if (kind == BLOCK_POOL)
			pool_account(e, b, t);
		e->block_up[b] += delta;
		if (kind < BLOCK_QUORUM)
			now = e->block_up[b] >= e->block_need[b];
		else if (kind == BLOCK_QUORUM)
			now = quorum_child(e, b, who, delta, t);
		else if (kind == BLOCK_FAILOVER)
			now = failover_child(e, b, who, delta, t);
		else if (kind == BLOCK_POOL)
			now = pool_child(e, b, who, delta, t);
		else
			now = tx_ok(e, b);
		if (now != before)
			block_set(e, b, now, t);
		if (e->block_sync[b])
			write_state(e, b, t);
		if (now == before)
			return;
		delta = now ? +1 : -1;
		who = (uint32_t)e->ni + b;
		b = e->block_parent[b];
	}
}

static void block_timer(struct engine *e, uint32_t b, double t)
{
	int now;

	switch (e->block_kind[b]) {
	case BLOCK_QUORUM:
		now = quorum_timer(e, b, t);
		break;
	case BLOCK_FAILOVER:
		now = failover_timer(e, b, t);
		break;
	case BLOCK_POOL:
		pool_account(e, b, t);
		now = pool_timer(e, b, t);
		break;
	default:
		now = tx_timer(e, b, t);
		break;
	}
	if (now == e->block_ok[b]) {
		if (e->block_sync[b])
			write_state(e, b, t);
		return;
	}
	block_set(e, b, now, t);
	if (e->block_sync[b])
		write_state(e, b, t);
	child_changed(e, e->block_parent[b], (uint32_t)e->ni + b, now ? +1 : -1, t);
}

/* Whether instance I leads its parent block (the active member of a
 * failover, the leader of a quorum; any other instance leads itself). */
static int leads(const struct engine *e, uint32_t i)
{
	uint32_t p = e->inst_parent[i];

	if (block_kind_leads(e->block_kind[p]))
		return e->block_leader[p] == i;
	return 1;
}

/* Instance I, seen from its parent, goes down (UP = 0) or up at T: its own
 * failure or repair, or its zone's.  A transaction whose coordinator loses
 * its leading instance waits for that instance (2pc) or for the timeout
 * (3pc). */
static void instance_set(struct engine *e, uint32_t i, int up, double t)
{
	uint32_t tx = e->inst_tx[i];

	e->inst_up[i] = (unsigned char)up;
	if (tx != NONE && !up && leads(e, i)) {
		e->tx_wait[tx] = i;
		if (e->params[tx]->protocol == PROTOCOL_3PC)
			heap_set(e, e->block_timer[tx], t + e->params[tx]->timeout);
	}
	child_changed(e, e->inst_parent[i], i, up ? +1 : -1, t);
	if (tx != NONE && up && e->tx_wait[tx] == i) {
		e->tx_wait[tx] = NONE;
		heap_set(e, e->block_timer[tx], INFINITY);
	}
	if (tx != NONE)
		block_settle(e, tx, tx_ok(e, tx), t);
}

/* Instance I is up, as its parent sees it, when it is up on its own, its
 * zone is up and it is not in maintenance: tell the parent at T if that
 * changed. */
static void refresh(struct engine *e, uint32_t i, double t)
{
	uint32_t z = e->inst_zone[i];
	int up = e->inst_own[i] && (z == NONE || e->zone_up[z]) && !e->inst_maint[i];

	if (up != e->inst_up[i])
		instance_set(e, i, up, t);
}

/* Instance I fails on its own at T (or with its common-cause group). */
static void own_fail(struct engine *e, uint32_t i, double t)
{
	e->inst_own[i] = 0;
	e->inst_since[i] = t;
	if (t >= e->w)
		e->res.type_failures[e->inst_type[i]] += 1;
	repair_request(e, i, t);
	refresh(e, i, t);
}

/* Zone Z goes down or up at T: every instance placed in it follows. */
static void zone_event(struct engine *e, uint32_t z, double t)
{
	uint32_t id = e->zone_id0 + z;
	int up = !e->zone_up[z];

	e->zone_up[z] = (unsigned char)up;
	if (!up && t >= e->w)
		e->res.zone_outages[z] += 1;
	/* all of the zone's instances go down at once: mark them before any
	 * block looks, so that no switch picks a member about to fall */
	if (!up)
		for (uint32_t k = e->zone_first[z]; k < e->zone_first[z + 1]; k++)
			e->mark[e->zone_inst[k]] = 1;
	for (uint32_t k = e->zone_first[z]; k < e->zone_first[z + 1]; k++) {
		e->mark[e->zone_inst[k]] = 0;
		refresh(e, e->zone_inst[k], t);
	}
	heap_set(e, id, t + draw(e, e->zone_st0 + z,
				 up ? e->zone_fail[z] : e->zone_repair[z]));
}

/* Whether I is a cold standby now: it is not running, so no shock hits it. */
static int cold_standby(const struct engine *e, uint32_t i)
{
	uint32_t b = e->inst_fo[i];

	return b != NONE && e->params[b]->standby == STANDBY_COLD && e->block_leader[b] != i;
}

/* A common-cause shock of group G at T fails every member that is up
 * (a cold standby is not running and is spared). */
static void ccf_event(struct engine *e, uint32_t g, double t)
{
	uint32_t type = e->ccf_type[g];

	if (t >= e->w)
		e->res.ccf_shocks[g] += 1;
	for (uint32_t k = e->type_first[type]; k < e->type_first[type + 1]; k++) {
		uint32_t i = e->type_inst[k];

		e->mark[i] = e->inst_own[i] && !cold_standby(e, i);
	}
	for (uint32_t k = e->type_first[type]; k < e->type_first[type + 1]; k++) {
		uint32_t i = e->type_inst[k];

		if (e->mark[i]) {
			e->mark[i] = 0;
			own_fail(e, i, t);
		}
	}
	heap_set(e, e->ccf_id0 + g, t + draw(e, e->ccf_st0 + g, &e->ccf_law[g]));
}

/* The maintenance timer K at T: it begins (unless the instance is failed:
 * then it is skipped) or ends. */
static void maint_event(struct engine *e, uint32_t k, double t)
{
	uint32_t i = e->maint_inst[k], id = e->maint_id0 + k;
	double every = e->maint_every[k], dur = e->maint_dur[k];

	if (e->inst_maint[i]) {
		e->inst_maint[i] = 0;
		refresh(e, i, t);
		heap_set(e, id, t - dur + every);
		return;
	}
	if (!e->inst_own[i]) {
		heap_set(e, id, t + every);
		return;
	}
	e->inst_maint[i] = 1;
	e->planned = 1;
	refresh(e, i, t);
	e->planned = 0;
	heap_set(e, id, t + dur);
}

const struct rep_result *engine_run(struct engine *e, uint64_t seed,
				    uint64_t index, double warmup, double horizon,
				    struct hist *outages)
{
	struct rep_result *res = &e->res;
	uint64_t events = 0;
	double w = warmup, end = warmup + horizon;

	e->w = w;
	e->end = end;
	e->outages = outages;
	for (size_t k = 0; k < e->nslots; k++)
		res->slot_down[k] = 0;
	for (size_t b = 0; b < e->nb; b++) {
		e->block_up[b] = e->block_children[b];
		e->block_ok[b] = 1;
		e->block_wok[b] = 1;
		e->block_phase[b] = PHASE_IDLE;
		e->block_lossyear[b] = -1;
		/* quorum and failover blocks start with their first member leading */
		e->block_leader[b] = e->block_own[b] ? e->block_first[b] : NONE;
		res->block_down[b] = 0;
		res->block_outages[b] = 0;
		res->block_overlap[b] = 0;
		res->block_switches[b] = 0;
		res->block_failed_switches[b] = 0;
		res->block_lost_writes[b] = 0;
		res->block_loss_years[b] = 0;
		res->block_write_down[b] = 0;
		res->block_served[b] = 0;
		res->block_reduced[b] = 0;
		e->pool_head[b] = e->pool_len[b] = 0;
		e->pool_last[b] = 0;
		e->tx_wait[b] = NONE;
	}
	for (size_t k = 0; k < e->nx; k++) {
		uint32_t b = e->timer_block[k];

		rng_use(e->r, e->states + (e->ni + b) * e->state_size);
		rng_seed(e->r, seed, index, e->key[e->ni + b]);
		e->heap[e->ni + k].t = INFINITY;
		e->heap[e->ni + k].id = (uint32_t)(e->ni + k);
		e->pos[e->ni + k] = (uint32_t)(e->ni + k);
	}
	for (size_t t = 0; t < e->nt; t++)
		res->type_down[t] = res->type_failures[t] = 0;
	for (size_t p = 0; p < e->npools; p++)
		e->pool_busy[p] = 0, e->pool_qlen[p] = 0;
	e->planned = e->sys_planned = 0;
	e->repairing = NONE;
	res->planned_down = 0;
	for (size_t g = 0; g < e->ng; g++) {
		uint32_t id = e->ccf_id0 + (uint32_t)g;
		size_t st = e->ccf_st0 + g;

		rng_use(e->r, e->states + st * e->state_size);
		rng_seed(e->r, seed, index, e->key[st]);
		res->ccf_shocks[g] = 0;
		e->heap[id].id = id;
		e->heap[id].t = dist_sample(&e->ccf_law[g], e->r);
		e->pos[id] = id;
	}
	for (size_t k = 0; k < e->nm; k++) {
		uint32_t id = e->maint_id0 + (uint32_t)k;

		e->heap[id].id = id;
		e->heap[id].t = e->maint_every[k] + e->maint_offset[k];
		e->pos[id] = id;
	}
	res->repairs = res->repair_wait = 0;
	for (size_t z = 0; z < e->nz; z++) {
		uint32_t id = e->zone_id0 + (uint32_t)z;

		rng_use(e->r, e->states + (e->zone_st0 + z) * e->state_size);
		rng_seed(e->r, seed, index, e->key[e->zone_st0 + z]);
		e->zone_up[z] = 1;
		res->zone_outages[z] = 0;
		e->heap[id].id = id;
		e->heap[id].t = dist_sample(e->zone_fail[z], e->r);
		e->pos[id] = id;
	}
	for (size_t i = 0; i < e->ni; i++) {
		rng_use(e->r, e->states + i * e->state_size);
		rng_seed(e->r, seed, index, e->key[i]);
		e->inst_up[i] = 1;
		e->inst_own[i] = 1;
		e->inst_maint[i] = 0;
		e->heap[i].id = (uint32_t)i;
		e->pos[i] = (uint32_t)i;
	}
	for (size_t i = 0; i < e->ni; i++)
		e->heap[i].t = next_failure(e, (uint32_t)i, 0);
	heap_build(e);

	while (e->heap[0].t < end) {
		double t = e->heap[0].t;
		uint32_t id = e->heap[0].id;

		if (id >= e->maint_id0) {
			maint_event(e, id - e->maint_id0, t);
			continue;
		}
		if (id >= e->ccf_id0) {
			ccf_event(e, id - e->ccf_id0, t);
			continue;
		}
		if (id >= e->zone_id0) {
			zone_event(e, id - e->zone_id0, t);
			continue;
		}
		if (id >= e->ni) {
			block_timer(e, e->timer_block[id - e->ni], t);
			continue;
		}
		events++;
		if (e->inst_own[id]) {
			own_fail(e, id, t);
		} else {
			double since = e->inst_since[id];

			e->inst_own[id] = 1;
			if (t > w)
				res->type_down[e->inst_type[id]] += t - (since > w ? since : w);
			/* the parent first: a repaired member may become active */
			e->repairing = id;
			refresh(e, id, t);
			e->repairing = NONE;
			heap_set(e, id, next_failure(e, id, t));
			repair_done(e, id, t);
		}
	}

	/* Close what is still down at the end. */
	if (!e->block_ok[0])
		attribute_all(e, end);
	for (size_t i = 0; i < e->ni; i++) {
		double since = e->inst_since[i];

		if (!e->inst_own[i])
			res->type_down[e->inst_type[i]] += end - (since > w ? since : w);
	}
	for (size_t b = 0; b < e->nb; b++)
		if (e->block_kind[b] == BLOCK_POOL)
			pool_account(e, (uint32_t)b, end);
	for (size_t b = 0; b < e->nb; b++) {
		if (!e->block_ok[b]) {
			double since = e->block_since[b];

			res->block_down[b] += end - (since > w ? since : w);
			if (b == 0) {
				if (e->sys_planned)
					res->planned_down += end - (since > w ? since : w);
				if (outages && since >= w)
					hist_add(outages, end - since);
				slots_add(e, w, since > w ? since : w, end);
			}
		}
		if (!e->block_wok[b]) {
			double since = e->block_wsince[b];

			res->block_write_down[b] += end - (since > w ? since : w);
		}
	}
	res->events = events;
	return res;
}
