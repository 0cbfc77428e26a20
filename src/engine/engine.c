/* engine.c - the discrete-event loop.
 *
 * Every instance has exactly one pending transition (its next failure while
 * up, its repair completion while down), and every block one timer (idle at
 * infinity), all kept in one indexed binary heap keyed by time.  An event
 * flips one instance and walks up the tree only as far as block states
 * change: each block keeps the count of its children that are up, so an
 * event costs O(log(instances + blocks) + depth).  Downtime and outages are
 * accumulated on the fly; nothing is allocated after engine_new and
 * engine_slots (engine_setup.c).
 *
 * Series, parallel and k-of-n blocks are up while their up-count reaches
 * their need.  Quorum and failover blocks also keep a leader (active
 * member) among their own instances and a phase with a timer: an election,
 * a switchover, a manual recovery.  Their up state is "a leader is in
 * office", which the count alone cannot tell; fsm.c runs them, and pools
 * and transactions, from its state tables.
 *
 * Each instance draws from its own random stream (see rng.h), and each
 * failover block from one of its own for the coverage draws; one GSL
 * generator is pointed at the right state before each draw.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_impl.h"

static void heap_build(struct engine *e)
{
	for (size_t k = e->nheap / 2; k-- > 0;)
		heap_down(e, k);
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

/* ---- block states: downtime, outages, write availability ---- */

/* The system was down over [A, B) inside the measured window starting at
 * W: spread that time over the slots it overlaps.  Runs once per system
 * outage, not per event. */
static void slots_add(struct engine *e, double w, double a, double b)
{
	double len = e->slot_len;
	size_t k;

	if (e->nslots == 0 || b <= a)
		return;
	e->slots_dirty = 1;
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

/* Something that makes the design's writes impossible (the system down,
 * a sync block unable to take writes) began (DELTA = +1) or ended (-1) at
 * T: writes are possible while nothing does. */
static void design_write(struct engine *e, int delta, double t)
{
	int was = *e->design_wbad;
	double w = e->w;

	*e->design_wbad = was + delta;
	assert(*e->design_wbad >= 0);
	if (was == 0) {
		*e->design_wsince = t;
	} else if (*e->design_wbad == 0 && t > w) {
		double since = *e->design_wsince;

		e->res.design_write_down += t - (since > w ? since : w);
	}
}

/* Block B's up state becomes OK at T: account for the outage. */
static void block_set(struct engine *e, uint32_t b, int ok, double t)
{
	struct rep_result *res = &e->res;
	double w = e->w;

	e->block_ok[b] = (unsigned char)ok;
	if (b == 0)
		design_write(e, ok ? -1 : +1, t);
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
	design_write(e, wok ? -1 : +1, t);
	if (!wok) {
		e->block_wsince[b] = t;
	} else if (t > w) {
		double since = e->block_wsince[b];

		e->res.block_write_down[b] += t - (since > w ? since : w);
	}
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
			fsm_pool_account(e, b, t);
		e->block_up[b] += delta;
		if (kind < BLOCK_QUORUM)
			now = e->block_up[b] >= e->block_need[b];
		else if (kind == BLOCK_QUORUM)
			now = fsm_quorum_notify(e, b, who, delta, t);
		else if (kind == BLOCK_FAILOVER)
			now = fsm_failover_notify(e, b, who, delta, t);
		else if (kind == BLOCK_POOL)
			now = fsm_pool_notify(e, b, who, delta, t);
		else
			now = fsm_tx_notify(e, b);
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
		now = fsm_quorum_expire(e, b, t);
		break;
	case BLOCK_FAILOVER:
		now = fsm_failover_expire(e, b, t);
		break;
	case BLOCK_POOL:
		fsm_pool_account(e, b, t);
		now = fsm_pool_expire(e, b, t);
		break;
	default:
		now = fsm_tx_expire(e, b, t);
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
 * failure or repair, or its zone's.  A transaction whose working
 * coordinator loses its leading instance waits for that instance (2pc) or
 * for the timeout (3pc). */
static void instance_set(struct engine *e, uint32_t i, int up, double t)
{
	uint32_t tx = e->inst_tx[i];

	e->inst_up[i] = (unsigned char)up;
	/* only a working coordinator holds transactions in doubt */
	if (tx != NONE && !up && leads(e, i) && e->block_ok[tx + 1])
		fsm_tx_wait(e, tx, i, t);
	child_changed(e, e->inst_parent[i], i, up ? +1 : -1, t);
	if (tx != NONE && up && e->inst_doubt[i])
		fsm_tx_resume(e, tx, i);
	if (tx != NONE)
		block_settle(e, tx, fsm_tx_ok(e, tx), t);
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

/* Instance I's own state changed at T: its parent hears, at once for
 * an instance nothing else holds down (most of them, on every event). */
static inline void own_changed(struct engine *e, uint32_t i, double t)
{
	if (e->inst_plain[i]) {
		assert(e->inst_up[i] != e->inst_own[i]);
		e->inst_up[i] = e->inst_own[i];
		child_changed(e, e->inst_parent[i], i, e->inst_own[i] ? +1 : -1, t);
	} else {
		refresh(e, i, t);
	}
}

/* Instance I fails on its own at T (or with its common-cause group). */
static void own_fail(struct engine *e, uint32_t i, double t)
{
	e->inst_own[i] = 0;
	e->inst_since[i] = t;
	if (t >= e->w)
		e->res.type_failures[e->inst_type[i]] += 1;
	repair_request(e, i, t);
	own_changed(e, i, t);
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

/* Instance I's own repair ends at T.  Its parent hears first, since a
 * repaired member may become active; then its next failure is drawn and
 * its crew moves on. */
static void own_repair(struct engine *e, uint32_t i, double t)
{
	double w = e->w, since = e->inst_since[i];

	e->inst_own[i] = 1;
	if (t > w)
		e->res.type_down[e->inst_type[i]] += t - (since > w ? since : w);
	e->repairing = i;
	own_changed(e, i, t);
	e->repairing = NONE;
	heap_set(e, i, next_failure(e, i, t));
	repair_done(e, i, t);
}

/* Everything up, nothing measured yet: the state every run starts from,
 * but for the heap and the streams. */
static void run_reset(struct engine *e)
{
	struct rep_result *res = &e->res;

	memcpy(e->rep_begin, e->rep_start, e->rep_bytes);
	/* most replications leave every slot at 0 */
	if (e->slots_dirty)
		memset(res->slot_down, 0, e->nslots * sizeof *res->slot_down);
	e->slots_dirty = 0;
	e->planned = e->sys_planned = 0;
	e->repairing = NONE;
	e->now = 0;
	res->planned_down = 0;
	res->design_write_down = res->design_lost_writes = res->design_loss_years = 0;
	res->repairs = res->repair_wait = 0;
}

/* Put heap entry ID at time T, in place: heap_build orders them. */
static void run_place(struct engine *e, uint32_t id, double t)
{
	e->heap[id].id = id;
	e->heap[id].t = t;
	e->pos[id] = id;
}

/* Seed stream ST for the replication REP (rng_replication), and point
 * the generator at it. */
static void run_seed(struct engine *e, size_t st, uint64_t rep)
{
	void *state = e->states + st * e->state_size;

	rng_seed_at(state, rep, e->key[st]);
	rng_use(e->r, state);
}

/* Seed every stream and fill the heap with each entry's first time: idle
 * block timers, the first shocks, maintenances and zone failures, and
 * every instance's first failure. */
static void run_start(struct engine *e, uint64_t seed, uint64_t index)
{
	uint64_t rep = rng_replication(seed, index);

	for (size_t k = 0; k < e->nx; k++) {
		run_seed(e, e->ni + e->timer_block[k], rep);
		run_place(e, (uint32_t)(e->ni + k), INFINITY);
	}
	for (size_t g = 0; g < e->ng; g++) {
		run_seed(e, e->ccf_st0 + g, rep);
		e->res.ccf_shocks[g] = 0;
		run_place(e, e->ccf_id0 + (uint32_t)g, dist_sample(&e->ccf_law[g], e->r));
	}
	for (size_t k = 0; k < e->nm; k++)
		run_place(e, e->maint_id0 + (uint32_t)k, e->maint_every[k] + e->maint_offset[k]);
	for (size_t z = 0; z < e->nz; z++) {
		run_seed(e, e->zone_st0 + z, rep);
		run_place(e, e->zone_id0 + (uint32_t)z, dist_sample(e->zone_fail[z], e->r));
	}
	for (size_t i = 0; i < e->ni; i++) {
		run_seed(e, i, rep);
		e->heap[i].id = (uint32_t)i;
		e->pos[i] = (uint32_t)i;
	}
	for (size_t i = 0; i < e->ni; i++)
		e->heap[i].t = next_failure(e, (uint32_t)i, 0);
	heap_build(e);
}

/* Close what is still down at the end of the run. */
static void run_close(struct engine *e)
{
	struct rep_result *res = &e->res;
	double w = e->w, end = e->end;

	if (!e->block_ok[0])
		attribute_all(e, end);
	for (size_t i = 0; i < e->ni; i++) {
		double since = e->inst_since[i];

		if (!e->inst_own[i])
			res->type_down[e->inst_type[i]] += end - (since > w ? since : w);
	}
	for (size_t b = 0; b < e->nb; b++)
		if (e->block_kind[b] == BLOCK_POOL)
			fsm_pool_account(e, (uint32_t)b, end);
	for (size_t b = 0; b < e->nb; b++) {
		if (!e->block_ok[b]) {
			double since = e->block_since[b];

			res->block_down[b] += end - (since > w ? since : w);
			if (b == 0) {
				if (e->sys_planned)
					res->planned_down += end - (since > w ? since : w);
				if (e->outages && since >= w)
					hist_add(e->outages, end - since);
				slots_add(e, w, since > w ? since : w, end);
			}
		}
		if (!e->block_wok[b]) {
			double since = e->block_wsince[b];

			res->block_write_down[b] += end - (since > w ? since : w);
		}
	}
	if (*e->design_wbad > 0) {
		double since = *e->design_wsince;

		res->design_write_down += end - (since > w ? since : w);
	}
}

void engine_begin(struct engine *e, uint64_t seed, uint64_t index, double w, double end,
		  struct hist *outages)
{
	e->w = w;
	e->end = end;
	e->outages = outages;
	run_reset(e);
	run_start(e, seed, index);
}

/* engine_event's work, inlined into engine_run's loop. */
static inline int event_step(struct engine *e)
{
	double t = e->heap[0].t;
	uint32_t id = e->heap[0].id;

	e->now = t;
	if (id < e->ni) {
		if (e->inst_own[id])
			own_fail(e, id, t);
		else
			own_repair(e, id, t);
		return 1;
	}
	if (id >= e->maint_id0) {
		maint_event(e, id - e->maint_id0, t);
		return 0;
	}
	if (id >= e->ccf_id0) {
		ccf_event(e, id - e->ccf_id0, t);
		return 0;
	}
	if (id >= e->zone_id0) {
		zone_event(e, id - e->zone_id0, t);
		return 0;
	}
	block_timer(e, e->timer_block[id - e->ni], t);
	return 0;
}

int engine_event(struct engine *e)
{
	return event_step(e);
}

void engine_finish(struct engine *e, double end)
{
	e->end = end;
	run_close(e);
}

const struct rep_result *engine_run(struct engine *e, uint64_t seed,
				    uint64_t index, double warmup, double horizon,
				    struct hist *outages)
{
	uint64_t events = 0;
	double end = warmup + horizon;

	engine_begin(e, seed, index, warmup, end, outages);
	while (e->heap[0].t < end)
		events += (uint64_t)event_step(e);
	engine_finish(e, end);
	e->res.events = events;
	return &e->res;
}
