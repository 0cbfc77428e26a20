/* engine.c - the discrete-event loop.
 *
 * Every instance has exactly one pending transition (its next failure while
 * up, its repair completion while down), kept in an indexed binary heap
 * keyed by time.  An event flips one instance and walks up the tree only as
 * far as block states change: each block keeps the count of its children
 * that are up and is up while that count reaches its need, so an event costs
 * O(log instances + depth).  Downtime and outages are accumulated on the
 * fly; nothing is allocated after engine_new and engine_slots.
 *
 * Each instance draws from its own random stream (see rng.h); one GSL
 * generator is pointed at the instance's state before each draw.
 */
#include <stdint.h>
#include <stdlib.h>

#include "engine.h"
#include "rng.h"

#define NONE UINT32_MAX

struct slot {
	double t;
	uint32_t id;
};

struct engine {
	const struct model *m;
	gsl_rng *r;
	void *own_state;         /* r's own state, given back before freeing r */
	unsigned char *states;   /* one stream state per instance */
	size_t state_size;
	uint64_t *inst_key;      /* stream key of each instance */
	double slot_len;
	size_t nslots;
	size_t ni, nb, nt;
	/* read-only copies of the model's tree, packed for the loop */
	uint32_t *inst_parent;
	uint32_t *inst_type;
	uint32_t *block_parent;
	int *block_need;
	int *block_children;
	const struct dist **fail;
	const struct dist **repair;
	/* state of one replication */
	unsigned char *inst_up;
	double *inst_since;
	int *block_up;
	double *block_since;
	struct slot *heap;
	uint32_t *pos;
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
	free(e->inst_key);
	free(e->res.slot_down);
	free(e->inst_parent);
	free(e->inst_type);
	free(e->block_parent);
	free(e->block_need);
	free(e->block_children);
	free(e->fail);
	free(e->repair);
	free(e->inst_up);
	free(e->inst_since);
	free(e->block_up);
	free(e->block_since);
	free(e->heap);
	free(e->pos);
	free(e->res.block_down);
	free(e->res.block_outages);
	free(e->res.type_down);
	free(e->res.type_failures);
	free(e->res.block_overlap);
	free(e);
}

#define ALLOC(p, n) ((p) = calloc((n) ? (n) : 1, sizeof *(p)))

struct engine *engine_new(const struct model *m, struct diag *d)
{
	struct engine *e = calloc(1, sizeof *e);
	uint64_t *ordinal = NULL;    /* instances of each type seen so far */

	if (!e)
		goto oom;
	e->m = m;
	e->ni = model_instances(m);
	e->nb = model_blocks(m);
	e->nt = model_types(m);
	e->r = rng_new();
	if (e->r)
		e->own_state = e->r->state;
	e->state_size = rng_state_size();
	e->states = calloc(e->ni ? e->ni : 1, e->state_size);
	if (!e->r || !e->states || !ALLOC(e->inst_key, e->ni) || !ALLOC(e->inst_parent, e->ni) || !ALLOC(e->inst_type, e->ni) ||
	    !ALLOC(e->block_parent, e->nb) || !ALLOC(e->block_need, e->nb) ||
	    !ALLOC(e->block_children, e->nb) || !ALLOC(e->fail, e->ni) ||
	    !ALLOC(e->repair, e->ni) || !ALLOC(e->inst_up, e->ni) ||
	    !ALLOC(e->inst_since, e->ni) || !ALLOC(e->block_up, e->nb) ||
	    !ALLOC(e->block_since, e->nb) || !ALLOC(e->heap, e->ni) ||
	    !ALLOC(e->pos, e->ni) || !ALLOC(e->res.block_down, e->nb) ||
	    !ALLOC(e->res.block_outages, e->nb) || !ALLOC(e->res.type_down, e->nt) ||
	    !ALLOC(e->res.block_overlap, e->nb) ||
	    !ALLOC(e->res.type_failures, e->nt))
		goto oom;
	ordinal = calloc(e->nt ? e->nt : 1, sizeof *ordinal);
	if (!ordinal)
		goto oom;
	for (size_t i = 0; i < e->ni; i++) {
		size_t t = model_instance_type(m, i);

		e->inst_key[i] = rng_key(model_type_name(m, t), ordinal[t]++);
		e->inst_parent[i] = (uint32_t)model_instance_parent(m, i);
		e->inst_type[i] = (uint32_t)t;
		e->fail[i] = model_type_failure(m, t);
		e->repair[i] = model_type_repair(m, t);
	}
	for (size_t b = 0; b < e->nb; b++) {
		size_t p = model_block_parent(m, b);

		e->block_parent[b] = p == SIZE_MAX ? NONE : (uint32_t)p;
		e->block_need[b] = model_block_need(m, b);
		e->block_children[b] = model_block_children(m, b);
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

static inline void heap_swap_in(struct engine *e, size_t k, struct slot s)
{
	e->heap[k] = s;
	e->pos[s.id] = (uint32_t)k;
}

/* Restore the heap below position K after its key grew. */
static inline void heap_sift_down(struct engine *e, size_t k)
{
	struct slot s = e->heap[k];
	size_t n = e->ni;

	for (;;) {
		size_t c = 2 * k + 1;

		if (c >= n)
			break;
		if (c + 1 < n && e->heap[c + 1].t < e->heap[c].t)
			c++;
		if (!(e->heap[c].t < s.t))
			break;
		heap_swap_in(e, k, e->heap[c]);
		k = c;
	}
	heap_swap_in(e, k, s);
}

static void heap_build(struct engine *e)
{
	for (size_t k = e->ni / 2; k-- > 0;)
		heap_sift_down(e, k);
}

/* The system goes up at T (or the run ends at T while it is down): credit
 * every block still down with the system downtime they shared since the
 * later of their two starts.  Once per system outage, O(blocks). */
static void attribute_all(struct engine *e, double w, double t)
{
	double s0 = e->block_since[0] > w ? e->block_since[0] : w;

	for (size_t c = 1; c < e->nb; c++) {
		if (e->block_up[c] < e->block_need[c]) {
			double from = e->block_since[c] > s0 ? e->block_since[c] : s0;

			if (t > from)
				e->res.block_overlap[c] += t - from;
		}
	}
}

/* Child of block B went up (DELTA = +1) or down (-1) at time T: update
 * counts upward while block states keep changing.  Only what falls after
 * the warm-up W is measured. */
static inline void propagate(struct engine *e, uint32_t b, int delta, double t,
			     double w, struct hist *outages)
{
	struct rep_result *res = &e->res;

	while (b != NONE) {
		int need = e->block_need[b];
		int before = e->block_up[b];
		int after = before + delta;

		e->block_up[b] = after;
		if ((before >= need) == (after >= need))
			return;
		if (after < need) {
			e->block_since[b] = t;
			if (t >= w)
				res->block_outages[b] += 1;
		} else if (t > w) {
			double since = e->block_since[b];

			res->block_down[b] += t - (since > w ? since : w);
			if (b == 0) {
				if (outages && since >= w)
					hist_add(outages, t - since);
				slots_add(e, w, since > w ? since : w, t);
				attribute_all(e, w, t);
			} else if (e->block_up[0] < e->block_need[0]) {
				/* up again while the system is still down */
				double from = since > e->block_since[0] ? since : e->block_since[0];

				if (from < w)
					from = w;
				if (t > from)
					res->block_overlap[b] += t - from;
			}
		}
		b = e->block_parent[b];
	}
}

const struct rep_result *engine_run(struct engine *e, uint64_t seed,
				    uint64_t index, double warmup, double horizon,
				    struct hist *outages)
{
	struct rep_result *res = &e->res;
	gsl_rng *r = e->r;
	uint64_t events = 0;
	double w = warmup, end = warmup + horizon;

	for (size_t k = 0; k < e->nslots; k++)
		res->slot_down[k] = 0;
	for (size_t b = 0; b < e->nb; b++) {
		e->block_up[b] = e->block_children[b];
		res->block_down[b] = 0;
		res->block_outages[b] = 0;
		res->block_overlap[b] = 0;
	}
	for (size_t t = 0; t < e->nt; t++)
		res->type_down[t] = res->type_failures[t] = 0;
	for (size_t i = 0; i < e->ni; i++) {
		rng_use(r, e->states + i * e->state_size);
		rng_seed(r, seed, index, e->inst_key[i]);
		e->inst_up[i] = 1;
		e->heap[i].t = dist_sample(e->fail[i], r);
		e->heap[i].id = (uint32_t)i;
		e->pos[i] = (uint32_t)i;
	}
	heap_build(e);

	while (e->ni > 0 && e->heap[0].t < end) {
		double t = e->heap[0].t;
		uint32_t i = e->heap[0].id;

		events++;
		rng_use(r, e->states + (size_t)i * e->state_size);
		if (e->inst_up[i]) {
			e->inst_up[i] = 0;
			e->inst_since[i] = t;
			if (t >= w)
				res->type_failures[e->inst_type[i]] += 1;
			e->heap[0].t = t + dist_sample(e->repair[i], r);
			propagate(e, e->inst_parent[i], -1, t, w, outages);
		} else {
			double since = e->inst_since[i];

			e->inst_up[i] = 1;
			if (t > w)
				res->type_down[e->inst_type[i]] += t - (since > w ? since : w);
			e->heap[0].t = t + dist_sample(e->fail[i], r);
			propagate(e, e->inst_parent[i], +1, t, w, outages);
		}
		heap_sift_down(e, 0);
	}

	/* Close what is still down at the end. */
	if (e->block_up[0] < e->block_need[0])
		attribute_all(e, w, end);
	for (size_t i = 0; i < e->ni; i++) {
		double since = e->inst_since[i];

		if (!e->inst_up[i])
			res->type_down[e->inst_type[i]] += end - (since > w ? since : w);
	}
	for (size_t b = 0; b < e->nb; b++) {
		if (e->block_up[b] < e->block_need[b]) {
			double since = e->block_since[b];

			res->block_down[b] += end - (since > w ? since : w);
			if (b == 0) {
				if (outages && since >= w)
					hist_add(outages, end - since);
				slots_add(e, w, since > w ? since : w, end);
			}
		}
	}
	res->events = events;
	return res;
}
