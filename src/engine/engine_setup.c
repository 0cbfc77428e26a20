/* engine_setup.c - building and freeing the engine's workspace.
 *
 * engine_new copies the model's tree into packed arrays the event loop
 * walks (parents, kinds, needs, laws), keys every random stream by its
 * place, and lays out the side structures: the instances of each zone and
 * of each component type, the pools' detection rings, the repair crews'
 * queues, the maintenance schedules and the instances each transaction's
 * coordinator holds.  Every array is carved from one zeroed allocation,
 * so freeing the workspace is one free; the arrays a replication starts
 * afresh lie in one stretch of it, with their starting values kept beside
 * them, so that starting a replication is one copy.  Nothing here runs
 * per replication.
 */
#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_impl.h"

/* Carving arrays out of one block: with base NULL only the size is
 * measured.  Every array starts on the strictest alignment, and an empty
 * one still gets an element so that no pointer is NULL. */
struct carve {
	unsigned char *base;
	size_t used;
};

static void *carve_take(struct carve *c, size_t n, size_t size)
{
	size_t align = _Alignof(max_align_t);
	size_t off = (c->used + align - 1) / align * align;

	if (n == 0)
		n = 1;
	if (c->used == SIZE_MAX || off < c->used || n > (SIZE_MAX - off) / size) {
		c->used = SIZE_MAX;     /* too large: calloc will refuse it */
		return NULL;
	}
	c->used = off + n * size;
	return c->base ? c->base + off : NULL;
}

#define TAKE(c, p, n) ((p) = carve_take((c), (n), sizeof *(p)))

/* The arrays a replication starts afresh (see setup_rep_start), in one
 * stretch of the arena, so that run_reset is one copy. */
static void setup_layout_rep(struct engine *e, struct carve *c)
{
	size_t ni = e->ni, nb = e->nb, nt = e->nt, nh = ni + nb + e->nz + e->ng;

	TAKE(c, e->drawn, nh);
	TAKE(c, e->inst_up, ni); TAKE(c, e->inst_own, ni);
	TAKE(c, e->inst_doubt, ni); TAKE(c, e->inst_maint, ni); TAKE(c, e->zone_up, e->nz);
	TAKE(c, e->pool_head, nb); TAKE(c, e->pool_len, nb); TAKE(c, e->pool_last, nb);
	TAKE(c, e->tx_blocked, nb); TAKE(c, e->tx_late, nb); TAKE(c, e->tx_takeover, nb);
	TAKE(c, e->pool_busy, nt + 1); TAKE(c, e->pool_qlen, nt + 1);
	TAKE(c, e->block_up, nb); TAKE(c, e->block_ok, nb); TAKE(c, e->block_phase, nb);
	TAKE(c, e->block_leader, nb); TAKE(c, e->block_last, nb);
	TAKE(c, e->block_wok, nb); TAKE(c, e->block_lossyear, nb);
	TAKE(c, e->design_wbad, 1); TAKE(c, e->design_lossyear, 1);
	TAKE(c, e->res.block_down, nb); TAKE(c, e->res.block_outages, nb);
	TAKE(c, e->res.type_down, nt); TAKE(c, e->res.type_failures, nt);
	TAKE(c, e->res.block_overlap, nb); TAKE(c, e->res.block_switches, nb);
	TAKE(c, e->res.block_failed_switches, nb); TAKE(c, e->res.block_lost_writes, nb);
	TAKE(c, e->res.block_loss_years, nb); TAKE(c, e->res.block_write_down, nb);
	TAKE(c, e->res.block_served, nb); TAKE(c, e->res.block_reduced, nb);
	TAKE(c, e->res.zone_outages, e->nz); TAKE(c, e->res.ccf_shocks, e->ng);
}

/* Every array of E, for the counts engine_new has set. */
static void setup_layout(struct engine *e, struct carve *c)
{
	size_t ni = e->ni, nb = e->nb, nt = e->nt, nh = ni + nb + e->nz + e->ng;
	size_t from, to;

	e->states = carve_take(c, nh, e->state_size);
	TAKE(c, e->key, nh);
	TAKE(c, e->inst_parent, ni); TAKE(c, e->inst_type, ni); TAKE(c, e->inst_fo, ni);
	TAKE(c, e->block_parent, nb); TAKE(c, e->block_need, nb);
	TAKE(c, e->block_children, nb); TAKE(c, e->block_kind, nb);
	TAKE(c, e->block_sync, nb); TAKE(c, e->block_first, nb); TAKE(c, e->block_own, nb);
	TAKE(c, e->params, nb); TAKE(c, e->fail, ni); TAKE(c, e->repair, ni);
	TAKE(c, e->inst_since, ni); TAKE(c, e->inst_zone, ni); TAKE(c, e->inst_tx, ni);
	TAKE(c, e->zone_first, e->nz + 1);
	TAKE(c, e->zone_inst, ni); TAKE(c, e->zone_fail, e->nz); TAKE(c, e->zone_repair, e->nz);
	TAKE(c, e->pool_ring_first, nb);
	TAKE(c, e->ring_who, ni + nb); TAKE(c, e->ring_until, ni + nb);
	TAKE(c, e->tx_first, nb); TAKE(c, e->tx_end, nb);
	TAKE(c, e->inst_pool, ni); TAKE(c, e->inst_prio, ni); TAKE(c, e->inst_wait, ni);
	TAKE(c, e->pool_cap, nt + 1);
	TAKE(c, e->pool_qfirst, nt + 1); TAKE(c, e->queue, ni);
	TAKE(c, e->ccf_type, e->ng); TAKE(c, e->ccf_law, e->ng); TAKE(c, e->inst_scale, ni);
	TAKE(c, e->type_first, nt + 1); TAKE(c, e->type_inst, ni);
	TAKE(c, e->maint_inst, e->nm); TAKE(c, e->maint_offset, e->nm);
	TAKE(c, e->maint_every, e->nm); TAKE(c, e->maint_dur, e->nm);
	TAKE(c, e->mark, ni); TAKE(c, e->inst_plain, ni);
	TAKE(c, e->block_since, nb); TAKE(c, e->block_wsince, nb);
	TAKE(c, e->design_wsince, 1);
	TAKE(c, e->heap, e->nheap); TAKE(c, e->pos, e->nheap);
	TAKE(c, e->timer_block, e->nx); TAKE(c, e->block_timer, nb);
	/* the replication's state, then its starting values */
	from = c->used;
	setup_layout_rep(e, c);
	to = c->used;
	e->rep_start = carve_take(c, to == SIZE_MAX ? 0 : to - from, 1);
	e->rep_begin = (unsigned char *)e->drawn;
	e->rep_bytes = c->base && to != SIZE_MAX ? (size_t)(c->base + to - e->rep_begin) : 0;
}

/* The state every replication starts from, but for the heap, the streams
 * and the time slots: everything up, every quorum and failover block led
 * by its first member, nothing pending, nothing measured.  Written once
 * into the arrays, then kept at rep_start for run_reset to copy back. */
static void setup_rep_start(struct engine *e)
{
	for (size_t i = 0; i < e->ni; i++)
		e->inst_up[i] = e->inst_own[i] = 1;
	for (size_t z = 0; z < e->nz; z++)
		e->zone_up[z] = 1;
	for (size_t b = 0; b < e->nb; b++) {
		e->block_up[b] = e->block_children[b];
		e->block_ok[b] = e->block_wok[b] = 1;
		e->block_phase[b] = PHASE_IDLE;
		e->block_lossyear[b] = -1;
		e->block_leader[b] = e->block_own[b] ? e->block_first[b] : NONE;
		e->block_last[b] = e->block_leader[b];
	}
	*e->design_lossyear = -1;
	/* the rest of the stretch is zero, as the arena came from calloc */
	memcpy(e->rep_start, e->rep_begin, e->rep_bytes);
}

/* The counts, and where each kind of heap entry and stream begins. */
static void setup_counts(struct engine *e, const struct model *m)
{
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
	e->zone_st0 = (uint32_t)(e->ni + e->nb);
	e->ccf_st0 = e->zone_st0 + (uint32_t)e->nz;
	e->zone_id0 = (uint32_t)(e->ni + e->nx);
	e->ccf_id0 = e->zone_id0 + (uint32_t)e->nz;
	e->maint_id0 = e->ccf_id0 + (uint32_t)e->ng;
	e->nheap = e->maint_id0 + (uint32_t)e->nm;
}

/* The generator and the arena.  Returns 0, or -1 out of memory. */
static int setup_alloc(struct engine *e)
{
	struct carve c = { NULL, 0 };

	e->r = rng_new();
	if (!e->r)
		return -1;
	e->own_state = e->r->state;
	e->state_size = rng_state_size();
	setup_layout(e, &c);
	if (c.used == SIZE_MAX)
		return -1;
	e->arena = calloc(1, c.used);
	if (!e->arena)
		return -1;
	e->arena_size = c.used;
	c.base = e->arena;
	c.used = 0;
	setup_layout(e, &c);
	return 0;
}

/* Each instance's parent, type, laws and stream key: its place, the name
 * of the block that holds it and its ordinal among that block's members
 * (see rng.h), never its type's name, so that a design keeps its streams
 * when a type is renamed or a model swapped for an equivalent one. */
static void setup_instances(struct engine *e, const struct model *m)
{
	for (size_t i = 0; i < e->ni; i++) {
		size_t t = model_instance_type(m, i), b = model_instance_parent(m, i);

		e->key[i] = rng_key(model_block_name(m, b), i - model_block_first_instance(m, b));
		e->inst_parent[i] = (uint32_t)b;
		e->inst_type[i] = (uint32_t)t;
		e->inst_fo[i] = NONE;
		e->fail[i] = model_type_failure(m, t);
		e->repair[i] = model_type_repair(m, t);
	}
}

/* Each block's place in the tree, parameters, stream and timer; the
 * members of failover blocks; the offsets of the pools' rings. */
static void setup_blocks(struct engine *e, const struct model *m)
{
	size_t nx = 0;
	uint32_t off = 0;

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
		/* a block's own stream: its name, apart from its members' */
		e->key[e->ni + b] = rng_key(model_block_name(m, b), UINT64_MAX);
		if (e->block_kind[b] == BLOCK_FAILOVER)
			for (uint32_t k = 0; k < e->block_own[b]; k++)
				e->inst_fo[e->block_first[b] + k] = (uint32_t)b;
		e->block_timer[b] = NONE;
		if (e->block_kind[b] >= BLOCK_QUORUM) {
			e->block_timer[b] = (uint32_t)(e->ni + nx);
			e->timer_block[nx++] = (uint32_t)b;
		}
	}
	/* pools: a detection ring as long as the pool's children */
	for (size_t b = 0; b < e->nb; b++) {
		e->pool_ring_first[b] = off;
		if (e->block_kind[b] == BLOCK_POOL)
			off += (uint32_t)e->block_children[b];
	}
}

/* Group the instances by GROUP[i] (NONE: in no group) into the CSR
 * FIRST[0 .. n] / ITEMS, in the order of their ids.  FIRST starts zeroed.
 * Returns 0, or -1 out of memory. */
static int setup_csr(size_t ni, const uint32_t *group, size_t n, uint32_t *first,
		     uint32_t *items)
{
	uint32_t *at = calloc(n ? n : 1, sizeof *at);

	if (!at)
		return -1;
	for (size_t i = 0; i < ni; i++)
		if (group[i] != NONE)
			first[group[i] + 1]++;
	for (size_t g = 0; g < n; g++)
		first[g + 1] += first[g];
	for (size_t i = 0; i < ni; i++)
		if (group[i] != NONE)
			items[first[group[i]] + at[group[i]]++] = (uint32_t)i;
	free(at);
	return 0;
}

/* Zones: their streams, laws and members.  Returns 0, or -1 out of
 * memory. */
static int setup_zones(struct engine *e, const struct model *m)
{
	for (size_t z = 0; z < e->nz; z++) {
		e->key[e->zone_st0 + z] = rng_key(model_zone_name(m, z), UINT64_MAX - 1);
		e->zone_fail[z] = model_zone_failure(m, z);
		e->zone_repair[z] = model_zone_repair(m, z);
	}
	for (size_t i = 0; i < e->ni; i++) {
		size_t z = model_instance_zone(m, i);

		e->inst_zone[i] = z == SIZE_MAX ? NONE : (uint32_t)z;
	}
	return setup_csr(e->ni, e->inst_zone, e->nz, e->zone_first, e->zone_inst);
}

/* Repair crews: pool 0 is the shared one; a type with crews of its own
 * gets a pool of its own.  Returns 0, or -1 out of memory. */
static int setup_crews(struct engine *e, const struct model *m)
{
	uint32_t *type_pool = calloc(e->nt ? e->nt : 1, sizeof *type_pool);
	uint32_t off = 0;

	if (!type_pool)
		return -1;
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
	return 0;
}

/* Common-cause groups: each type's instances, the shocks' law and stream,
 * and the share of the members' own failures.  Returns 0, or -1 out of
 * memory. */
static int setup_ccf(struct engine *e, const struct model *m)
{
	for (size_t i = 0; i < e->ni; i++)
		e->inst_scale[i] = 1;
	if (setup_csr(e->ni, e->inst_type, e->nt, e->type_first, e->type_inst))
		return -1;
	for (size_t g = 0; g < e->ng; g++) {
		size_t t = model_ccf_type(m, g);
		double beta = model_ccf_beta(m, g), mean = model_type_failure(m, t)->mean;
		struct diag ignore;

		diag_init(&ignore);
		e->ccf_type[g] = (uint32_t)t;
		dist_set_exponential(&e->ccf_law[g], mean / beta, &ignore, NULL, "");
		/* the shocks' stream: keyed by the place of the type's first
		 * instance, as the instances are, not by the type's name */
		e->key[e->ccf_st0 + g] = e->type_first[t] < e->type_first[t + 1] ?
					 rng_key("common cause", e->key[e->type_inst[e->type_first[t]]]) :
					 rng_key(model_type_name(m, t), UINT64_MAX - 2);
		/* the members' own failures keep (1 - beta) of the rate */
		for (uint32_t k = e->type_first[t]; k < e->type_first[t + 1]; k++)
			e->inst_scale[e->type_inst[k]] = 1 / (1 - beta);
	}
	return 0;
}

/* Maintenance: rolling staggers the instances of a block, counting
 * component leaves as instances of the block above them.  Returns 0, or
 * -1 out of memory. */
static int setup_maint(struct engine *e, const struct model *m)
{
	uint32_t *seen = calloc(e->nb ? e->nb : 1, sizeof *seen);

	if (!seen)
		return -1;
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
	return 0;
}

/* Transactions: the instances under each coordinator, which are
 * numbered in a row (instances follow the blocks in pre-order). */
static void setup_tx(struct engine *e, const struct model *m)
{
	for (size_t i = 0; i < e->ni; i++)
		e->inst_tx[i] = NONE;
	for (size_t b = 0; b < e->nb; b++) {
		size_t c, end;
		uint32_t first = UINT32_MAX, last = 0, count = 0;

		e->tx_first[b] = e->tx_end[b] = 0;
		if (e->block_kind[b] != BLOCK_TRANSACTION)
			continue;
		c = b + 1;      /* pre-order: the first child, the coordinator */
		end = model_block_end(m, c);
		for (size_t k = c; k < end; k++)
			for (uint32_t j = 0; j < e->block_own[k]; j++) {
				uint32_t i = e->block_first[k] + j;

				e->inst_tx[i] = (uint32_t)b;
				first = i < first ? i : first;
				last = i > last ? i : last;
				count++;
			}
		assert(count > 0 && last + 1 - first == count);
		e->tx_first[b] = first;
		e->tx_end[b] = last + 1;
	}
}

/* The instances whose own state is the state their parent sees: no zone,
 * no maintenance, no transaction waiting for them. */
static void setup_plain(struct engine *e)
{
	for (size_t i = 0; i < e->ni; i++)
		e->inst_plain[i] = e->inst_zone[i] == NONE && e->inst_tx[i] == NONE;
	for (size_t k = 0; k < e->nm; k++)
		e->inst_plain[e->maint_inst[k]] = 0;
}

struct engine *engine_new(const struct model *m, struct diag *d)
{
	struct engine *e = calloc(1, sizeof *e);

	if (!e)
		goto oom;
	setup_counts(e, m);
	if (setup_alloc(e))
		goto oom;
	setup_instances(e, m);
	setup_blocks(e, m);
	if (setup_zones(e, m) || setup_crews(e, m) || setup_ccf(e, m) || setup_maint(e, m))
		goto oom;
	setup_tx(e, m);
	setup_plain(e);
	setup_rep_start(e);
	return e;
oom:
	engine_free(e);
	diag_runtime(d, "out of memory for the simulation workspace");
	return NULL;
}

void engine_free(struct engine *e)
{
	if (!e)
		return;
	if (e->r) {
		rng_use(e->r, e->own_state);
		gsl_rng_free(e->r);
	}
	free(e->arena);
	free(e->res.slot_down);
	free(e);
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
