/* run.c - spreading replications (or importance sampling's cycles) over
 * threads, in rounds.
 *
 * Workers take chunks of consecutive replications from a shared
 * counter.  Each chunk's moments are accumulated in index order into the
 * chunk's own slot, and once every worker has finished a round the slots
 * are merged in chunk order: the same seed gives the same bits for any
 * -j.  A run to a target error decides whether to go on only between
 * rounds, which are the same whatever -j.  Integer outage histograms are
 * merged per worker, which is order-free.  run_choose.c picks the method;
 * a plain or split replication is folded here, a cycle in run_is.c.
 * Under MPI each rank's threads take only the rank's share of a round,
 * and run_mpi.c gathers every rank's chunks before the merge.
 */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "engine/run_impl.h"
#include "engine/run_mpi.h"
#include "util/duration.h"

void run_settings_defaults(struct run_settings *set)
{
	set->window = 30 * 24;
	set->nslo = 3;
	set->slo[0] = 0.999;
	set->slo[1] = 0.9995;
	set->slo[2] = 0.9999;
	set->method = RUN_METHOD_AUTO;
	set->target_error = 0;
	set->max_time = 0;
	set->max_replications = 0;
}

double run_expected_events(const struct model *m, const struct run_settings *set,
			   size_t *worst)
{
	double total = 0, most = -1;

	*worst = 0;
	for (size_t t = 0; t < model_types(m); t++) {
		double cycle = model_type_failure(m, t)->mean + model_type_repair(m, t)->mean;
		double ev = 2 * (double)model_type_instances(m, t) *
			    (set->warmup + set->horizon) / cycle;

		total += ev;
		if (ev > most) {
			most = ev;
			*worst = t;
		}
	}
	return total;
}

int run_default_threads(void)
{
	/* the MPI ranks on this machine share its processors */
	long n = sysconf(_SC_NPROCESSORS_ONLN) / run_mpi_local_size();

	return n < 1 ? 1 : n > 256 ? 256 : (int)n;
}

void run_pairs(struct worker *w, const struct rep_result *rr, double h, double years)
{
	struct shared *sh = w->sh;
	struct result *res = sh->res;
	double sys = rr->block_down[0] / h, whole = floor(years);
	double *x = w->x, *y = w->y;
	unsigned char *has = w->has;
	/* the pairs are laid out as the result's moments: each part at the
	 * result's own offset */
#define AT(field, k) ((size_t)(res->field - res->block) + (k))
#define PAIR(field, k, vx, vy) \
	(x[AT(field, k)] = (vx), y[AT(field, k)] = (vy), has[AT(field, k)] = 1)

	memset(has, 0, sh->nmom);
	PAIR(design, 0, rr->design_write_down / h, rr->design_lost_writes / years);
	if (sh->method == RUN_METHOD_PLAIN && whole >= 1)
		PAIR(design, 1, rr->design_loss_years / whole, 0);
	for (size_t b = 0; b < sh->nb; b++) {
		PAIR(block, b, rr->block_down[b] / h, rr->block_outages[b] / years);
		PAIR(attr, b, b ? rr->block_overlap[b] / h : sys, sys);
		if (block_kind_leads(sh->kind[b])) {
			PAIR(repl, b, rr->block_write_down[b] / h, rr->block_lost_writes[b] / years);
			PAIR(sw, b, rr->block_switches[b] / years, rr->block_failed_switches[b] / years);
			if (sh->method == RUN_METHOD_PLAIN && whole >= 1)
				PAIR(lossy, b, rr->block_loss_years[b] / whole, 0);
		}
		if (sh->kind[b] == BLOCK_POOL)
			PAIR(pool, b, rr->block_served[b] / h, rr->block_reduced[b] / h);
	}
	for (size_t z = 0; z < sh->nz; z++)
		PAIR(zone, z, 0, rr->zone_outages[z] / years);
	PAIR(crew, 0, rr->repair_wait / h, rr->repairs / years);
	PAIR(planned, 0, rr->planned_down / h, 0);
	for (size_t g = 0; g < sh->ng; g++)
		PAIR(ccf, g, 0, rr->ccf_shocks[g] / years);
	for (size_t t = 0; t < sh->nt; t++) {
		double k = sh->instances[t];

		if (k > 0)
			PAIR(type, t, rr->type_down[t] / (k * h), rr->type_failures[t] / (k * years));
	}
#undef PAIR
#undef AT
}

/* Point P of the timeline had DOWN hours of system downtime in one
 * replication: add it to W's sums for the chunk. */
static void timeline_add(struct worker *w, size_t p, double down)
{
	const struct result *res = w->sh->res;
	size_t first = p * res->timeline_group, last = first + res->timeline_group;
	double x;

	if (last > res->nwindows)
		last = res->nwindows;
	x = down / ((double)(last - first) * w->sh->opt->set.window);
	w->tl[p].sum += x;
	w->tl[p].sq += x * x;
	w->tl[p].nz += 1;
}

/* Replication RR's SLO windows: the histogram of their downtime, the
 * share below each SLO (into MS), and each timeline point's downtime into
 * W's sums for the chunk (run_timeline turns them into moments).  Most
 * windows of most replications have no downtime: they are counted, not
 * visited one by one, and a replication without downtime skips them. */
static void reduce_windows(struct worker *w, struct moments *ms, const struct rep_result *rr)
{
	const struct run_settings *set = &w->sh->opt->set;
	const struct result *res = w->sh->res;
	size_t below[RESULT_MAX_SLO] = { 0 }, nonzero = 0, point = SIZE_MAX;
	double down = 0;

	for (size_t k = 0; rr->block_down[0] > 0 && k < res->nwindows; k++) {
		double u = rr->slot_down[k] / set->window;

		if (!(u > 0))
			continue;
		nonzero++;
		hist_add(&w->window_down, u);
		for (size_t s = 0; s < set->nslo; s++)
			if (1 - u < set->slo[s])
				below[s]++;
		if (k / res->timeline_group != point) {
			if (point != SIZE_MAX)
				timeline_add(w, point, down);
			point = k / res->timeline_group;
			down = 0;
		}
		down += rr->slot_down[k];
	}
	if (point != SIZE_MAX)
		timeline_add(w, point, down);
	hist_add_zeros(&w->window_down, res->nwindows - nonzero);
	if (res->nwindows > 0)
		for (size_t s = 0; s < set->nslo; s++)
			moments_add(&ms[s], (double)below[s] / (double)res->nwindows, 0);
}

/* The timeline's moments of a chunk of N replications, ML, from W's sums,
 * which start again from zero.  A point's values are fractions of a
 * window, mostly 0, so plain sums lose nothing to cancellation, and they
 * spare a Welford update per point and replication. */
static void run_timeline(struct worker *w, struct moments *ml, long n)
{
	const struct result *res = w->sh->res;

	for (size_t p = 0; p < res->ntimeline; p++) {
		struct moments *m = &ml[p];
		struct run_tl *tl = &w->tl[p];
		double mean = tl->sum / (double)n, sxx = tl->sq - tl->sum * mean;

		moments_init(m);
		m->n = (double)n;
		m->mx = mean;
		m->sxx = sxx > 0 ? sxx : 0;
		m->nzx = tl->nz;
		*tl = (struct run_tl){ 0, 0, 0 };
	}
}

/* Add W's pending pairs (0, 0) to the chunk's moments MOM: before a
 * nonzero pair of measure K (flush_one), and at the chunk's end. */
static void flush_one(struct worker *w, struct moments *mom, size_t k)
{
	if (w->zeros[k] > 0) {
		moments_add_zeros(&mom[k], w->zeros[k]);
		w->zeros[k] = 0;
	}
}

static void flush_zeros(struct worker *w, struct moments *mom)
{
	for (size_t k = 0; k < w->sh->nmom; k++)
		flush_one(w, mom, k);
}

/* Fold replication I into its chunk's moments MOM.  A pair (0, 0) is
 * counted and added with the run of zeros it belongs to, in the order of
 * the replications: the same bits whatever -j. */
static void reduce(struct worker *w, struct moments *mom, const struct rep_result *rr, long i)
{
	struct shared *sh = w->sh;
	const struct run_settings *set = &sh->opt->set;
	struct result *res = sh->res;
	double h = set->horizon;

	run_pairs(w, rr, h, h / HOURS_PER_YEAR);
	for (size_t k = 0; k < sh->nmom; k++) {
		if (!w->has[k])
			continue;
		if (w->x[k] == 0 && w->y[k] == 0) {
			w->zeros[k] += 1;
			continue;
		}
		flush_one(w, mom, k);
		moments_add(&mom[k], w->x[k], w->y[k]);
	}
	reduce_windows(w, mom + (res->slo - res->block), rr);
	if (res->kept[KEPT_DOWN]) {
		const struct moments *d = res->design;

		res->kept[KEPT_DOWN][i] = rr->block_down[0] / h;
		res->kept[KEPT_WRITE_DOWN][i] = w->x[d - res->block];
		res->kept[KEPT_LOST][i] = w->y[d - res->block];
	}
	w->events += rr->events;
}

double run_rel_error(const struct result *r)
{
	struct measures ms;
	struct estimate u;

	result_measures(r, &r->block[0], &ms);
	u = ms.unavailability;
	return u.mean > 0 ? (u.ci_high - u.ci_low) / 2 / u.mean : NAN;
}

static void *work(void *arg)
{
	struct worker *w = arg;
	struct shared *sh = w->sh;
	const struct run_settings *set = &sh->opt->set;
	size_t c;

	while ((c = atomic_fetch_add(&sh->next_chunk, 1)) < sh->take_end) {
		long first = (long)c * sh->chunk;
		long last = first + sh->chunk < sh->total ? first + sh->chunk : sh->total;

		if (sh->method == RUN_METHOD_IMPORTANCE) {
			run_is_chunk(w, c);
		} else {
			struct moments *mom = sh->chunk_mom + (c - sh->round_first) * sh->nmom;

			for (long i = first; i < last; i++)
				reduce(w, mom, w->split ?
				       engine_run_split(w->split, set->seed, (uint64_t)i,
							set->warmup, set->horizon) :
				       engine_run(w->e, set->seed, (uint64_t)i, set->warmup,
						  set->horizon, &w->outages), i);
			flush_zeros(w, mom);
			run_timeline(w, mom + (sh->res->timeline - sh->res->block), last - first);
		}
		atomic_fetch_add(&sh->done, last - first);
	}
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Run chunks [round_first, round_end) on NTHREADS threads.  Returns 0 or
 * -1 with d filled. */
static int run_round(struct shared *sh, struct worker *w, pthread_t *tid, int nthreads,
		     struct diag *d)
{
	const struct run_options *opt = sh->opt;
	int started = 0;

	atomic_store(&sh->next_chunk, sh->take_first);
	for (; started < nthreads; started++) {
		int rc = pthread_create(&tid[started], NULL, work, &w[started]);

		if (rc) {
			diag_errno(d, DIAG_RUNTIME, rc, NULL, "cannot start a thread");
			/* let the threads that started finish the round's chunks */
			break;
		}
	}
	if (opt->progress && started > 0) {
		long total = sh->total;
		long first = (long)sh->take_first * sh->chunk, end = (long)sh->take_end * sh->chunk;

		/* this rank's replications of the round */
		end = atomic_load(&sh->done) + (end < total ? end : total) -
		      (first < total ? first : total);

		while (atomic_load(&sh->done) < end) {
			struct timespec ts = { 0, 100 * 1000 * 1000 };

			opt->progress(opt->progress_arg, atomic_load(&sh->done), total);
			nanosleep(&ts, NULL);
		}
		opt->progress(opt->progress_arg, atomic_load(&sh->done), total);
	}
	for (int k = 0; k < started; k++)
		pthread_join(tid[k], NULL);
	return started == nthreads ? 0 : -1;
}

/* How many samples, in chunks of how many: a run to a target error takes
 * small chunks up to its cap, so that it can stop soon after reaching the
 * target; a run of a fixed count spreads it over at most RUN_CHUNKS_MAX. */
static void shared_size(struct shared *sh, const struct run_settings *set)
{
	if (set->target_error > 0) {
		sh->total = set->max_replications;
		sh->chunk = sh->method == RUN_METHOD_IMPORTANCE ? RUN_IS_CHUNK :
			    sh->method == RUN_METHOD_SPLITTING ? RUN_SPLIT_CHUNK : RUN_CHUNK_MIN;
	} else {
		sh->total = set->replications;
		sh->chunk = (sh->total + RUN_CHUNKS_MAX - 1) / RUN_CHUNKS_MAX;
		if (sh->chunk < RUN_CHUNK_MIN)
			sh->chunk = RUN_CHUNK_MIN;
	}
	sh->nchunks = (size_t)((sh->total + sh->chunk - 1) / sh->chunk);
}

size_t run_round_chunks(size_t bytes)
{
	size_t n = bytes ? RUN_ROUND_BYTES / bytes : RUN_ROUND;

	return n > RUN_ROUND ? RUN_ROUND : n < RUN_ROUND_MIN ? RUN_ROUND_MIN : n;
}

/* SH's chunks per round, for a chunk's moments of BYTES: set before a run
 * to a target error, whose stops fall between rounds, so it depends on
 * the model and never on threads; MPI rounds it up to fill every rank. */
static void shared_round(struct shared *sh, size_t bytes, const struct run_settings *set)
{
	sh->round = run_mpi_round(run_round_chunks(bytes), set->target_error <= 0);
	/* the slots a round fills: a short run has fewer chunks than a round */
	sh->slots = sh->round < sh->nchunks ? sh->round : sh->nchunks;
}

/* Fill SH for M under OPT run by METHOD: the blocks' kinds, the types'
 * instance counts, the chunks, the result and a round's moments.  Returns
 * 0, or -1 out of memory; shared_release frees SH either way. */
static int shared_init(struct shared *sh, const struct model *m, const struct run_options *opt,
		       enum run_method method)
{
	struct run_settings set = opt->set;
	int is = method == RUN_METHOD_IMPORTANCE;

	memset(sh, 0, sizeof *sh);
	sh->m = m;
	sh->opt = opt;
	sh->method = method;
	sh->nb = model_blocks(m);
	sh->nt = model_types(m);
	sh->nz = model_zones(m);
	sh->ng = model_ccf(m);
	sh->kind = malloc(sh->nb ? sh->nb : 1);
	sh->instances = malloc((sh->nt ? sh->nt : 1) * sizeof *sh->instances);
	for (size_t b = 0; sh->kind && b < sh->nb; b++)
		sh->kind[b] = (unsigned char)model_block_kind(m, b);
	for (size_t t = 0; sh->instances && t < sh->nt; t++)
		sh->instances[t] = (double)model_type_instances(m, t);
	shared_size(sh, &set);
	atomic_init(&sh->next_chunk, 0);
	atomic_init(&sh->done, 0);
	atomic_init(&sh->lost, 0);
	/* room for every replication's system value, however many run */
	set.replications = sh->total;
	sh->res = result_new(m, &set, opt->keep && !is);
	if (!sh->res)
		return -1;
	sh->res->set = opt->set;
	sh->res->method = method;
	sh->res->windows = method == RUN_METHOD_PLAIN;
	if (!sh->res->windows)
		sh->res->nwindows = sh->res->ntimeline = 0;
	sh->nmom = sh->res->nmoments;
	shared_round(sh, sh->nmom * (is ? sizeof *sh->chunk_rat : sizeof *sh->chunk_mom), &set);
	if (is) {
		sh->chunk_rat = malloc(sh->slots * sh->nmom * sizeof *sh->chunk_rat);
		sh->chunk_gain = malloc(sh->slots * sizeof *sh->chunk_gain);
		sh->rat = malloc(sh->nmom * sizeof *sh->rat);
		for (size_t k = 0; sh->rat && k < sh->nmom; k++)
			ratio_init(&sh->rat[k]);
		return sh->chunk_rat && sh->chunk_gain && sh->rat && sh->kind && sh->instances ? 0 : -1;
	}
	sh->chunk_mom = malloc(sh->slots * sh->nmom * sizeof *sh->chunk_mom);
	return sh->chunk_mom && sh->kind && sh->instances ? 0 : -1;
}

/* Free what shared_init made, the result too unless taken (NULL). */
static void shared_release(struct shared *sh)
{
	result_free(sh->res);
	free(sh->kind);
	free(sh->instances);
	free(sh->chunk_mom);
	free(sh->chunk_rat);
	free(sh->chunk_gain);
	free(sh->rat);
	engine_split_plan_free(sh->plan);
}

/* Merge the round's chunks in chunk order. */
static void run_merge(struct shared *sh)
{
	if (sh->method == RUN_METHOD_IMPORTANCE) {
		run_is_merge(sh);
		run_is_result(sh);
		return;
	}
	for (size_t c = sh->round_first; c < sh->round_end; c++)
		for (size_t k = 0; k < sh->nmom; k++)
			moments_merge(&sh->res->block[k],
				      &sh->chunk_mom[(c - sh->round_first) * sh->nmom + k]);
}

/* Whether a run to a target error stops after the round just merged, and
 * why in the result.  Only whole rounds count, which do not depend on the
 * threads: the same seed stops at the same sample whatever -j.  The time
 * bound, a wall clock, is the one exception. */
static int run_enough(struct shared *sh, double t0)
{
	const struct run_settings *set = &sh->opt->set;
	long done = (long)sh->round_end * sh->chunk < sh->total ?
		    (long)sh->round_end * sh->chunk : sh->total;
	double rel = run_rel_error(sh->res);

	sh->res->samples = done;
	if (set->target_error <= 0) {
		sh->res->stop = RUN_STOP_COUNT;
		return done >= sh->total;
	}
	if (rel <= set->target_error &&
	    (sh->method != RUN_METHOD_IMPORTANCE || done >= RUN_IS_MIN_CYCLES)) {
		sh->res->stop = RUN_STOP_TARGET;
		return 1;
	}
	if (done >= sh->total) {
		sh->res->stop = RUN_STOP_MAX_REPLICATIONS;
		return 1;
	}
	/* rank 0's clock decides for every rank */
	if (set->max_time > 0 && run_mpi_root(now() - t0 >= set->max_time)) {
		sh->res->stop = RUN_STOP_MAX_TIME;
		return 1;
	}
	return 0;
}

/* Run rounds of chunks on the workers W until the run has enough, then
 * merge their histograms and event counts into the result.  Returns 0 or
 * -1 with d filled. */
static int run_rounds(struct shared *sh, struct worker *w, pthread_t *tid, int nthreads,
		      double t0, struct diag *d)
{
	for (sh->round_first = 0;; sh->round_first = sh->round_end) {
		int st;

		sh->round_end = sh->round_first + sh->round < sh->nchunks ?
				sh->round_first + sh->round : sh->nchunks;
		run_mpi_part(sh, &sh->take_first, &sh->take_end);
		for (size_t k = 0; sh->chunk_mom && k < (sh->round_end - sh->round_first) * sh->nmom; k++)
			moments_init(&sh->chunk_mom[k]);
		/* every rank learns the worst of every rank's round */
		st = run_mpi_max(run_round(sh, w, tid, nthreads, d) ? 2 : atomic_load(&sh->lost));
		if (st == 2)
			return d->kind != DIAG_NONE ? -1 :
			       diag_runtime(d, "another MPI rank could not start a thread");
		if (st)
			return diag_runtime(d, "a regenerative cycle did not return to 'everything up' "
					    "within %d events: use --method plain", IS_MAX_EVENTS);
		run_mpi_gather(sh);
		atomic_store(&sh->done, (long)sh->round_end * sh->chunk < sh->total ?
			     (long)sh->round_end * sh->chunk : sh->total);
		run_merge(sh);
		if (run_enough(sh, t0))
			break;
	}
	sh->res->set.replications = sh->method == RUN_METHOD_IMPORTANCE ?
				    sh->opt->set.replications : sh->res->samples;
	for (int k = 0; k < nthreads; k++) {
		hist_merge(&sh->res->outages, &w[k].outages);
		hist_merge(&sh->res->window_down, &w[k].window_down);
		sh->res->events += w[k].events;
	}
	run_mpi_sum(sh);
	return 0;
}

/* Workspaces for NTHREADS workers of SH.  Returns 0 or -1 with d filled. */
static int workers_init(struct shared *sh, struct worker *w, int nthreads, struct diag *d)
{
	for (int k = 0; k < nthreads; k++) {
		w[k].sh = sh;
		hist_init(&w[k].outages);
		hist_init(&w[k].window_down);
		w[k].x = malloc(sh->nmom * sizeof *w[k].x);
		w[k].y = malloc(sh->nmom * sizeof *w[k].y);
		w[k].has = malloc(sh->nmom ? sh->nmom : 1);
		w[k].zeros = calloc(sh->nmom ? sh->nmom : 1, sizeof *w[k].zeros);
		w[k].tl = calloc(sh->res->ntimeline + 1, sizeof *w[k].tl);
		if (!w[k].x || !w[k].y || !w[k].has || !w[k].zeros || !w[k].tl)
			return diag_runtime(d, "out of memory for %d workers", nthreads);
		w[k].e = engine_new(sh->m, d);
		if (!w[k].e)
			return -1;
		if (sh->method == RUN_METHOD_IMPORTANCE) {
			w[k].is = engine_is_new(w[k].e, d);
			if (!w[k].is)
				return -1;
		} else if (sh->method == RUN_METHOD_SPLITTING) {
			w[k].split = engine_split_new(w[k].e, sh->plan, d);
			if (!w[k].split)
				return -1;
		} else if (engine_slots(w[k].e, sh->opt->set.window, sh->res->nwindows, d)) {
			return -1;
		}
	}
	return 0;
}

static void workers_release(struct worker *w, int nthreads)
{
	for (int k = 0; w && k < nthreads; k++) {
		engine_is_free(w[k].is);
		engine_split_free(w[k].split);
		engine_free(w[k].e);
		free(w[k].x);
		free(w[k].y);
		free(w[k].has);
		free(w[k].zeros);
		free(w[k].tl);
	}
	free(w);
}

/* Run M under OPT by METHOD, saying WHY in the result; splitting by PLAN,
 * which the run takes (NULL otherwise). */
static struct result *run_method(const struct model *m, const struct run_options *opt,
				 enum run_method method, const char *why,
				 struct split_plan *plan, struct diag *d)
{
	struct shared sh;
	struct worker *w = NULL;
	pthread_t *tid = NULL;
	struct result *res = NULL;
	int nthreads = opt->threads;
	double t0 = now();
	int bad = shared_init(&sh, m, opt, method);

	sh.plan = plan;

	if ((size_t)nthreads > sh.nchunks)
		nthreads = (int)sh.nchunks;
	w = calloc((size_t)nthreads, sizeof *w);
	tid = calloc((size_t)nthreads, sizeof *tid);
	if (bad || !w || !tid)
		bad = diag_runtime(d, "out of memory for %ld replications", sh.total);
	else
		bad = workers_init(&sh, w, nthreads, d);
	if (run_mpi_max(-bad)) {
		if (!bad)
			diag_runtime(d, "another MPI rank could not set up its workers");
		goto out;
	}
	if (run_rounds(&sh, w, tid, nthreads, t0, d))
		goto out;
	sh.res->wall_seconds = now() - t0;
	sh.res->rel_error = run_rel_error(sh.res);
	snprintf(sh.res->why, sizeof sh.res->why, "%s", why);
	res = sh.res;
	sh.res = NULL;
out:
	workers_release(w, nthreads);
	shared_release(&sh);
	free(tid);
	return res;
}

struct result *run_model(const struct model *m, const struct run_options *opt,
			 struct diag *d)
{
	char why[RESULT_WHY_MAX];
	struct run_options o = *opt;
	enum run_method method = run_choose(m, opt, why, sizeof why, d);
	struct split_plan *plan = NULL;

	if (method == RUN_METHOD_AUTO)
		return NULL;
	if (method != RUN_METHOD_PLAIN && o.set.target_error <= 0)
		o.set.target_error = RUN_RARE_TARGET;
	if (o.set.target_error > 0 && o.set.max_replications <= 0)
		o.set.max_replications = RUN_MAX_REPLICATIONS;
	if (method == RUN_METHOD_SPLITTING) {
		plan = run_plan(m, &o.set, why, sizeof why, d);
		if (!plan)
			return NULL;
	}
	return run_method(m, &o, method, why, plan, d);
}
