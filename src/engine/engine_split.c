/* engine_split.c - splitting for rare system failures: RESTART inside one
 * replication, for models whose laws need not be exponential.
 *
 * The importance of a state is its distance to failure (the fewest
 * further instance failures that take the system down; see
 * engine_split_plan.c), and its level l = levels - distance: 0 all up,
 * `levels` down.  The event loop runs one trajectory at a time, depth
 * first: when a trajectory rises from level a to c inside the measured
 * window, a frame saves its state (the engine's arena, streams included)
 * with factor(l) - 1 clones still to run at each level l in (a, c].  The
 * clones run first, the highest level first, each from the saved state
 * with streams of its own and every duration under way drawn again from
 * its law given its age (dist_sample_residual), until it falls below the
 * level it was born at, or the horizon; then the saved trajectory resumes
 * with the durations it had drawn, which, given what it has seen, follow
 * the same laws.  Since a clone only splits above its birth level, frames
 * are stacked at rising levels: at most `levels` of them.  Before the
 * window nothing is measured, so nothing is split: a warm-up costs what
 * it costs a plain run.
 *
 * A trajectory's weight is 1 / the product of the factors it was split
 * by at the levels it is in.  The engine credits a measure lazily (a
 * downtime when it ends); each credit counts with the weight at the
 * moment it is made, the engine's result being moved into the weighted
 * sums whenever the level changes, before any split or drop.  A credit is
 * a function of the path so far, and RESTART is unbiased for any such
 * function (the clones' paths are exchangeable with the trajectory's), so
 * the sums estimate engine_run's result without bias.
 */
#include <assert.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "engine/engine_impl.h"

/* The pilot: rounds of this many events, until every level below
 * failure has seen this many rises, or this many rounds. */
#define PILOT_EVENTS 200000
#define PILOT_HITS 20
#define PILOT_ROUNDS 10
/* Clones of each outage at the failure level: a clone there lives only
 * until the system is back, so they cost little beside the levels below,
 * and they average the outage's length (bench/split.sh: 10 to 20% less
 * time to a target than 1). */
#define PILOT_TOP 8

/* A trajectory suspended while its clones run. */
struct split_frame {
	unsigned char *arena;      /* the engine's arena when it split */
	double now;
	int sys_planned;
	int lo, hi, birth;         /* split at levels lo..hi; its birth level */
	unsigned left[SPLIT_LEVELS_MAX + 1];     /* clones still to run at l */
	/* the trajectory's own factors and pilot counts when it split */
	unsigned applied[SPLIT_LEVELS_MAX + 1];
	unsigned char armed[SPLIT_LEVELS_MAX + 1];
};

/* Where the engine's result moves to: N doubles FROM into TO. */
struct split_part {
	double *from, *to;
	size_t n;
};

#define SPLIT_PARTS 20

struct engine_split {
	struct engine *e;
	const struct split_plan *p;
	struct rep_result acc;     /* the weighted sums */
	double *acc_mem;
	struct split_part part[SPLIT_PARTS];
	int *dist;                 /* [nb]: distances, scratch */
	int *scratch;              /* [max_children] */
	struct split_frame frame[SPLIT_LEVELS_MAX + 1];
	unsigned char *arenas;
	int depth;                 /* frames in use */
	int cur, birth;            /* the running trajectory's level and birth level */
	/* the factor each level up to cur was split by when the trajectory
	 * rose into it (1 before the measured window: no clones there), and
	 * the weight they make */
	unsigned applied[SPLIT_LEVELS_MAX + 1];
	double weight;
	uint64_t seed, index, clone;
	uint64_t events, limit;    /* the limit stops a pilot's replication */
	int stopped;
	/* rises into each level, and those that went on to the next before
	 * falling below: the pilot's estimate of each level's chance */
	unsigned char armed[SPLIT_LEVELS_MAX + 1];
	double entries[SPLIT_LEVELS_MAX + 1], hits[SPLIT_LEVELS_MAX + 1];
};

static int split_level(struct engine_split *s)
{
	int d = engine_split_distance(s->p, s->e, s->dist, s->scratch), l = s->p->levels;

	return d >= l ? 0 : l - d;
}

/* ---- the workspace ---- */

/* Point the weighted sums at MEM and pair each with the engine's field. */
static void split_parts(struct engine_split *s, double *mem)
{
	struct rep_result *a = &s->acc, *r = &s->e->res;
	size_t nb = s->e->nb, nt = s->e->nt, k = 0;
	double **to[] = { &a->block_down, &a->block_outages, &a->block_overlap,
			  &a->block_switches, &a->block_failed_switches, &a->block_lost_writes,
			  &a->block_loss_years, &a->block_write_down, &a->block_served,
			  &a->block_reduced, &a->type_down, &a->type_failures,
			  &a->zone_outages, &a->ccf_shocks };
	double *from[] = { r->block_down, r->block_outages, r->block_overlap,
			   r->block_switches, r->block_failed_switches, r->block_lost_writes,
			   r->block_loss_years, r->block_write_down, r->block_served,
			   r->block_reduced, r->type_down, r->type_failures,
			   r->zone_outages, r->ccf_shocks };
	size_t n[] = { nb, nb, nb, nb, nb, nb, nb, nb, nb, nb, nt, nt, s->e->nz, s->e->ng };

	for (; k < sizeof n / sizeof n[0]; k++) {
		*to[k] = mem;
		s->part[k] = (struct split_part){ from[k], mem, n[k] };
		mem += n[k];
	}
	s->part[k++] = (struct split_part){ &r->planned_down, &a->planned_down, 1 };
	s->part[k++] = (struct split_part){ &r->repairs, &a->repairs, 1 };
	s->part[k++] = (struct split_part){ &r->repair_wait, &a->repair_wait, 1 };
	s->part[k++] = (struct split_part){ &r->design_write_down, &a->design_write_down, 1 };
	s->part[k++] = (struct split_part){ &r->design_lost_writes, &a->design_lost_writes, 1 };
	s->part[k++] = (struct split_part){ &r->design_loss_years, &a->design_loss_years, 1 };
}

struct engine_split *engine_split_new(struct engine *e, const struct split_plan *p,
				      struct diag *d)
{
	struct engine_split *s = calloc(1, sizeof *s);
	size_t nacc = 10 * e->nb + 2 * e->nt + e->nz + e->ng;

	if (!s)
		goto oom;
	s->e = e;
	s->p = p;
	s->acc_mem = calloc(nacc ? nacc : 1, sizeof *s->acc_mem);
	s->dist = calloc(e->nb, sizeof *s->dist);
	s->scratch = calloc(p->max_children + 1, sizeof *s->scratch);
	s->arenas = malloc((size_t)(p->levels + 1) * e->arena_size);
	if (!s->acc_mem || !s->dist || !s->scratch || !s->arenas)
		goto oom;
	split_parts(s, s->acc_mem);
	s->limit = UINT64_MAX;
	for (int k = 0; k <= p->levels; k++)
		s->frame[k].arena = s->arenas + (size_t)k * e->arena_size;
	return s;
oom:
	engine_split_free(s);
	diag_runtime(d, "out of memory for the splitting workspace");
	return NULL;
}

void engine_split_free(struct engine_split *s)
{
	if (!s)
		return;
	free(s->acc_mem);
	free(s->dist);
	free(s->scratch);
	free(s->arenas);
	free(s);
}

/* Move what the engine measured at the running trajectory's level into
 * the weighted sums, and start the engine's measures again from 0. */
static void split_flush(struct engine_split *s)
{
	double w = s->weight;

	for (int k = 0; k < SPLIT_PARTS; k++) {
		struct split_part *q = &s->part[k];

		for (size_t j = 0; j < q->n; j++) {
			q->to[j] += w * q->from[j];
			q->from[j] = 0;
		}
	}
}

/* ---- levels: the pilot's counts ---- */

/* The running trajectory is at level L: its weight. */
static void levels_at(struct engine_split *s, int l)
{
	s->cur = l;
	s->weight = 1;
	for (int k = 1; k <= l; k++)
		s->weight /= s->applied[k];
}

/* The trajectory rises from level A to C: each level passed is entered,
 * with its factor inside the measured window, and each level it was
 * armed at is left upward (a hit). */
static void levels_up(struct engine_split *s, int a, int c)
{
	int window = s->e->now >= s->e->w;

	for (int l = a + 1; l <= c; l++) {
		s->entries[l] += 1;
		s->armed[l] = 1;
		s->applied[l] = window ? s->p->factor[l] : 1;
	}
	levels_at(s, c);
	for (int l = a > 1 ? a : 1; l < c; l++) {
		s->hits[l] += s->armed[l];
		s->armed[l] = 0;
	}
}

/* The trajectory falls from level C to A: it has left the levels above A
 * downward. */
static void levels_down(struct engine_split *s, int c, int a)
{
	for (int l = a + 1; l <= c; l++)
		s->armed[l] = 0;
	levels_at(s, a);
}

/* ---- clones ---- */

/* The factor of instance I's failure clock in its role (next_failure's
 * rule): a common-cause member's share, a warm standby's dormancy. */
static double failure_scale(const struct engine *e, uint32_t i)
{
	uint32_t b = e->inst_fo[i];

	if (b != NONE && e->block_leader[b] != i && e->params[b]->standby == STANDBY_WARM)
		return e->inst_scale[i] / e->params[b]->dormancy;
	return e->inst_scale[i];
}

/* Heap entry ID, of stream ST and law X stretched by C, started at
 * drawn[ST]: draw what is left of it again, given its age. */
static void clone_redraw(struct engine *e, uint32_t id, uint32_t st, const struct dist *x,
			 double c)
{
	double age = e->now - e->drawn[st];

	if (!isfinite(e->heap[e->pos[id]].t))
		return;
	rng_use(e->r, e->states + (size_t)st * e->state_size);
	heap_set(e, id, e->now + c * dist_sample_residual(x, age / c, e->r));
}

/* A new clone of the saved state: streams of its own, (seed, index, clone
 * number), and every failure and repair under way drawn again.  Block
 * timers, detections and maintenance are fixed delays: they stay. */
static void clone_start(struct engine_split *s)
{
	struct engine *e = s->e;
	size_t streams = e->ni + e->nb + e->nz + e->ng;
	uint64_t salt = rng_key("split clone", ++s->clone);
	uint64_t rep = rng_replication(s->seed, s->index);

	for (size_t k = 0; k < streams; k++) {
		/* of the blocks, only failovers draw (their coverage) */
		if (k >= e->ni && k < e->ni + e->nb && e->block_kind[k - e->ni] != BLOCK_FAILOVER)
			continue;
		rng_seed_at(e->states + k * e->state_size, rep, e->key[k] ^ salt);
	}
	for (uint32_t i = 0; i < e->ni; i++) {
		if (e->inst_own[i])
			clone_redraw(e, i, i, e->fail[i], failure_scale(e, i));
		else
			clone_redraw(e, i, i, e->repair[i], 1);
	}
	for (uint32_t z = 0; z < e->nz; z++)
		clone_redraw(e, e->zone_id0 + z, e->zone_st0 + z,
			     e->zone_up[z] ? e->zone_fail[z] : e->zone_repair[z], 1);
	for (uint32_t g = 0; g < e->ng; g++)
		clone_redraw(e, e->ccf_id0 + g, e->ccf_st0 + g, &e->ccf_law[g], 1);
}

/* The running trajectory has risen to level HI, split at LO..HI: save it
 * in a frame with the clones to run.  Returns 1, or 0 when every factor
 * there is 1 (it simply goes on). */
static int frame_push(struct engine_split *s, int lo, int hi)
{
	struct engine *e = s->e;
	struct split_frame *f = &s->frame[s->depth];
	int any = 0;

	for (int l = lo; l <= hi; l++)
		any |= s->applied[l] > 1;
	if (!any)
		return 0;
	/* between events: no change is half made */
	assert(e->planned == 0 && e->repairing == NONE && s->depth < s->p->levels);
	memcpy(f->arena, e->arena, e->arena_size);
	f->now = e->now;
	f->sys_planned = e->sys_planned;
	f->lo = lo;
	f->hi = hi;
	f->birth = s->birth;
	for (int l = lo; l <= hi; l++)
		f->left[l] = s->applied[l] - 1;
	memcpy(f->armed, s->armed, sizeof f->armed);
	memcpy(f->applied, s->applied, sizeof f->applied);
	s->depth++;
	return 1;
}

static void frame_restore(struct engine_split *s, const struct split_frame *f)
{
	memcpy(s->e->arena, f->arena, s->e->arena_size);
	s->e->now = f->now;
	s->e->sys_planned = f->sys_planned;
	memcpy(s->applied, f->applied, sizeof s->applied);
}

/* Set up the next trajectory to run: the top frame's next clone, the
 * highest level first (which may split at once, above its birth level),
 * or the frame's own trajectory once its clones are done.  Returns 0
 * when none is left. */
static int next_copy(struct engine_split *s)
{
	while (s->depth > 0) {
		struct split_frame *f = &s->frame[s->depth - 1];
		int l = f->hi;

		while (l >= f->lo && f->left[l] == 0)
			l--;
		frame_restore(s, f);
		if (l < f->lo) {
			s->depth--;
			s->birth = f->birth;
			memcpy(s->armed, f->armed, sizeof s->armed);
			levels_at(s, f->hi);
			return 1;
		}
		f->left[l]--;
		clone_start(s);
		s->birth = l;
		memset(s->armed, 0, sizeof s->armed);
		levels_up(s, l - 1, f->hi);
		if (!frame_push(s, l + 1, f->hi))
			return 1;
	}
	return 0;
}

/* Run the current trajectory until the horizon END, until it falls
 * below its birth level, or until it splits (its clones run first). */
static void copy_run(struct engine_split *s, double end)
{
	struct engine *e = s->e;

	while (e->heap[0].t < end) {
		int l, from = s->cur;

		if (s->events >= s->limit) {
			s->stopped = 1;
			return;
		}
		s->events += (uint64_t)engine_event(e);
		l = split_level(s);
		if (l == from)
			continue;
		split_flush(s);
		if (l < from) {
			levels_down(s, from, l);
			if (l < s->birth)
				return;
			continue;
		}
		levels_up(s, from, l);
		if (frame_push(s, from + 1, l))
			return;
	}
	engine_finish(e, end);
	split_flush(s);
}

const struct rep_result *engine_run_split(struct engine_split *s, uint64_t seed,
					  uint64_t index, double warmup, double horizon)
{
	struct engine *e = s->e;
	size_t nslots = e->nslots;
	double end = warmup + horizon;

	for (int k = 0; k < SPLIT_PARTS; k++)
		memset(s->part[k].to, 0, s->part[k].n * sizeof *s->part[k].to);
	s->seed = seed;
	s->index = index;
	s->clone = 0;
	s->events = 0;
	s->depth = 0;
	s->stopped = 0;
	e->nslots = 0;          /* SLO windows are not estimated */
	engine_begin(e, seed, index, warmup, end, NULL);
	s->birth = 0;
	memset(s->armed, 0, sizeof s->armed);
	levels_up(s, 0, split_level(s));
	do
		copy_run(s, end);
	while (!s->stopped && next_copy(s));
	e->nslots = nslots;
	for (size_t k = 0; k < nslots; k++)
		e->res.slot_down[k] = 0;
	s->acc.slot_down = e->res.slot_down;
	s->acc.events = s->events;
	return &s->acc;
}

/* ---- the pilot ---- */

/* New factors from a round's counts: 1 / the chance of rising from l to
 * l + 1 where enough rises were seen; where rises were few, at least
 * twice the factor, to reach the level above more often in the next
 * round.  Returns whether every level below failure had enough. */
static int pilot_update(struct split_plan *p, const struct engine_split *s)
{
	int done = 1;

	for (int l = 1; l < p->levels; l++) {
		double a = s->entries[l], h = s->hits[l], want;

		if (h >= PILOT_HITS) {
			want = a / h;
		} else {
			done = 0;
			if (a < PILOT_HITS)
				continue;       /* the levels below come first */
			want = a / (h + 1);
			if (want < 2.0 * p->factor[l])
				want = 2.0 * p->factor[l];
		}
		engine_split_plan_set(p, l, want < SPLIT_FACTOR_MAX ? (unsigned)lround(want) :
					    SPLIT_FACTOR_MAX);
	}
	return done;
}

int engine_split_plan_pilot(struct split_plan *p, uint64_t seed, double warmup,
			    double horizon, struct diag *d)
{
	struct engine *e = engine_new(p->m, d);
	struct engine_split *s = e ? engine_split_new(e, p, d) : NULL;
	uint64_t pilot_seed = seed ^ rng_key("split pilot", 0);

	if (!s) {
		engine_free(e);
		return -1;
	}
	for (uint64_t round = 0; round < PILOT_ROUNDS; round++) {
		uint64_t used = 0;

		memset(s->entries, 0, sizeof s->entries);
		memset(s->hits, 0, sizeof s->hits);
		for (uint64_t i = 0; used < PILOT_EVENTS; i++) {
			s->limit = PILOT_EVENTS - used;
			engine_run_split(s, pilot_seed, (round << 32) + i, warmup, horizon);
			used += s->events ? s->events : 1;
		}
		if (pilot_update(p, s))
			break;
	}
	if (p->levels >= 2)
		engine_split_plan_set(p, p->levels, PILOT_TOP);
	engine_split_free(s);
	engine_free(e);
	return 0;
}
